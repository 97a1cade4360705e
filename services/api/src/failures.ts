import type { Queue } from 'bullmq';
import { FAILURE_CODES, STAGES, sourceDomain, type FailureCode, type StageName } from '@newsflow/contracts';
import { failureCodeOf, type Submitter } from '@newsflow/runtime';

export interface FailureExample {
  id: string;
  url: string;
  stage: StageName;
  code: string;
  message: string;
  failedAt: string | null;
  attempts: number;
}

export interface FailureGroup {
  stage: StageName;
  code: string;
  retryable: boolean;
  count: number;
  domains: { domain: string; count: number }[];
  examples: FailureExample[];
}

/** How many failed jobs per stage the dead-letter view reads; older ones are summarised by count only. */
export const FAILURE_SCAN_LIMIT = 5_000;

interface FailedJobData {
  docId?: string;
  url?: string;
}

async function failedJobs(queues: Record<StageName, Queue>, filter: { stage?: StageName; code?: string }) {
  const stages = filter.stage ? [filter.stage] : STAGES;
  const out: { stage: StageName; job: Awaited<ReturnType<Queue['getFailed']>>[number]; code: string }[] = [];
  for (const stage of stages) {
    const jobs = await queues[stage].getFailed(0, FAILURE_SCAN_LIMIT - 1);
    for (const job of jobs) {
      const code = failureCodeOf(job.failedReason);
      if (!filter.code || filter.code === code) out.push({ stage, job, code });
    }
  }
  return out;
}

function messageOf(reason: string | undefined): string {
  return (reason ?? '').replace(/^[a-z0-9_]+: /, '');
}

/**
 * The dead-letter view: BullMQ's failed sets grouped by stage and reason code, with the domains
 * most affected and a few examples each.
 */
export async function listFailures(
  queues: Record<StageName, Queue>,
  filter: { stage?: StageName; code?: string; examples: number },
): Promise<{ total: number; groups: FailureGroup[] }> {
  const groups = new Map<string, FailureGroup & { domainCounts: Map<string, number> }>();
  const jobs = await failedJobs(queues, filter);
  for (const { stage, job, code } of jobs) {
    const data = job.data as FailedJobData;
    const key = `${stage}/${code}`;
    let group = groups.get(key);
    if (!group) {
      const known = (FAILURE_CODES as Record<string, { permanent: boolean }>)[code];
      group = { stage, code, retryable: known ? !known.permanent : true, count: 0, domains: [], examples: [], domainCounts: new Map() };
      groups.set(key, group);
    }
    group.count++;
    const url = data.url ?? '';
    let domain = 'unknown';
    try {
      domain = sourceDomain(url);
    } catch {
      // keep "unknown"
    }
    group.domainCounts.set(domain, (group.domainCounts.get(domain) ?? 0) + 1);
    if (group.examples.length < filter.examples) {
      group.examples.push({
        id: data.docId ?? String(job.id),
        url,
        stage,
        code,
        message: messageOf(job.failedReason),
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        attempts: job.attemptsMade,
      });
    }
  }
  const result = [...groups.values()].map(({ domainCounts, ...group }) => ({
    ...group,
    domains: [...domainCounts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([domain, count]) => ({ domain, count })),
  }));
  result.sort((a, b) => b.count - a.count);
  return { total: jobs.length, groups: result };
}

/**
 * Re-submits the URLs of failed jobs as new runs (from the fetch stage, which is harmless because
 * every stage is idempotent) and removes the failed jobs they replace. By default only failures
 * with a transient code are retried; `includePermanent` retries the rest too (e.g. after a fix).
 */
export async function retryFailures(
  queues: Record<StageName, Queue>,
  submitter: Submitter,
  filter: { stage?: StageName; code?: string; includePermanent: boolean; limit: number },
): Promise<{ retried: number; skipped: number }> {
  let retried = 0;
  let skipped = 0;
  for (const { job, code } of await failedJobs(queues, filter)) {
    if (retried >= filter.limit) break;
    const permanent = (FAILURE_CODES as Record<string, { permanent: boolean } | undefined>)[code as FailureCode]?.permanent ?? false;
    const url = (job.data as FailedJobData).url;
    if ((permanent && !filter.includePermanent) || !url) {
      skipped++;
      continue;
    }
    const outcome = await submitter.submit(url);
    if ('id' in outcome) {
      await job.remove().catch(() => undefined);
      retried++;
    } else {
      skipped++;
    }
  }
  return { retried, skipped };
}
