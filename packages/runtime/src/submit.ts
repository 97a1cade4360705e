import type { Queue } from 'bullmq';
import { InvalidUrlError, QUEUE, identifyUrl, jobIdFor, type FetchJob, type SubmissionHints } from '@newsflow/contracts';
import type { StatusLedger } from './ledger';

export type SubmitOutcome =
  | { input: string; url: string; id: string; status: 'accepted' | 'in_flight'; run: number }
  | { input: string; error: InvalidUrlError['code']; message: string };

/**
 * Accepts URLs into the pipeline. Every spelling of one article maps to one id; a URL already
 * in flight is not enqueued twice (the ledger's atomic begin-run decides, across API instances).
 */
export class Submitter {
  constructor(
    private readonly ledger: StatusLedger,
    private readonly fetchQueue: Queue,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async submit(input: string, hints?: SubmissionHints): Promise<SubmitOutcome> {
    let identified: { url: string; id: string };
    try {
      identified = identifyUrl(input);
    } catch (error) {
      if (error instanceof InvalidUrlError) return { input, error: error.code, message: error.message };
      throw error;
    }
    const { url, id } = identified;
    const submittedAt = this.now();
    let begun = await this.ledger.beginRun(id, url, submittedAt);
    if (!begun.created && begun.stage === 'fetch' && begun.state === 'queued') {
      // A run that was reserved but whose job never made it into Redis (the process died in
      // between) would block the URL forever; start over if its job is missing.
      const job = await this.fetchQueue.getJob(jobIdFor(id, begun.run));
      if (!job) begun = await this.ledger.beginRun(id, url, submittedAt, { force: true });
    }
    if (!begun.created) return { input, url, id, status: 'in_flight', run: begun.run };
    const payload: FetchJob = { docId: id, run: begun.run, url, submittedAt: submittedAt.toISOString(), ...(hints ? { hints } : {}) };
    await this.fetchQueue.add(QUEUE.fetch, payload, { jobId: jobIdFor(id, begun.run) });
    return { input, url, id, status: 'accepted', run: begun.run };
  }

  async submitMany(inputs: string[], hints?: SubmissionHints): Promise<SubmitOutcome[]> {
    // Duplicates within one request collapse onto the first; order of the answer follows input.
    const results: SubmitOutcome[] = [];
    const byId = new Map<string, SubmitOutcome>();
    for (const input of inputs) {
      let key: string | null = null;
      try {
        key = identifyUrl(input).id;
      } catch {
        key = null;
      }
      const previous = key ? byId.get(key) : undefined;
      if (previous && 'id' in previous) {
        results.push({ ...previous, input, status: 'in_flight' });
        continue;
      }
      const outcome = await this.submit(input, hints);
      if (key) byId.set(key, outcome);
      results.push(outcome);
    }
    return results;
  }
}
