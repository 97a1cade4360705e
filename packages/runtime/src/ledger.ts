import type { Redis } from 'ioredis';
import { STAGES, type StageName, type UrlState, type UrlStatus } from '@newsflow/contracts';

/**
 * The status ledger: one durable Redis hash per accepted URL with its current run, stage and
 * outcome. BullMQ prunes completed jobs and trims event streams; the ledger does not, so it is
 * what "nothing lost" is checked against and what GET /urls/:id reads.
 *
 * Writes carry the run number and are ignored when a newer run has started, so a slow worker
 * from an old run can never overwrite the state of a re-submission.
 */

// Starts a run unless one is in flight. Returns {run, created(1|0), stage, state}.
const BEGIN_RUN = `
local state = redis.call('HGET', KEYS[1], 'state')
if state and state ~= 'done' and state ~= 'failed' and ARGV[4] ~= '1' then
  return {tonumber(redis.call('HGET', KEYS[1], 'run')), 0, redis.call('HGET', KEYS[1], 'stage'), state}
end
local run = redis.call('HINCRBY', KEYS[1], 'run', 1)
redis.call('HDEL', KEYS[1], 'errorCode', 'errorMessage', 'documentId', 'progress')
local stageFields = {}
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(field, 1, 2) == 't:' then table.insert(stageFields, field) end
end
if #stageFields > 0 then redis.call('HDEL', KEYS[1], unpack(stageFields)) end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'url', ARGV[2], 'submittedAt', ARGV[3], 'updatedAt', ARGV[3],
  'stage', 'fetch', 'state', 'queued', 'attempts', '0')
return {run, 1, 'fetch', 'queued'}
`;

// Applies field updates only if the record is still on the given run and the update does not
// move the URL backwards through the pipeline (a job re-run after a crash may repeat a hop that
// already completed downstream).
const UPDATE_IF_RUN = `
if redis.call('HGET', KEYS[1], 'run') ~= ARGV[1] then return 0 end
local progress = tonumber(redis.call('HGET', KEYS[1], 'progress') or '0')
if tonumber(ARGV[2]) < progress then return 0 end
redis.call('HSET', KEYS[1], 'progress', ARGV[2])
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return 1
`;

const STATE_RANK: Record<UrlState, number> = { queued: 0, active: 1, deferred: 1, retrying: 1, done: 3, failed: 3 };
function progressOf(stage: StageName, state: UrlState): number {
  return STAGES.indexOf(stage) * 4 + STATE_RANK[state];
}

export interface BeginRunResult {
  run: number;
  /** false when the URL was already in flight and the existing run was returned. */
  created: boolean;
  stage: StageName;
  state: UrlState;
}

export class StatusLedger {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('nfBeginRun', { numberOfKeys: 1, lua: BEGIN_RUN });
    redis.defineCommand('nfUpdateIfRun', { numberOfKeys: 1, lua: UPDATE_IF_RUN });
  }

  private key(id: string): string {
    return `${this.prefix}:ledger:${id}`;
  }

  /** Atomically starts a new run for a URL, or returns the run already in flight. */
  async beginRun(id: string, url: string, now: Date, options: { force?: boolean } = {}): Promise<BeginRunResult> {
    const reply = (await (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>).nfBeginRun!(
      this.key(id),
      id,
      url,
      now.toISOString(),
      options.force ? '1' : '0',
    )) as [number, number, string, string];
    return { run: Number(reply[0]), created: reply[1] === 1, stage: reply[2] as StageName, state: reply[3] as UrlState };
  }

  private async update(id: string, run: number, fields: Record<string, string> & { stage: StageName; state: UrlState }): Promise<boolean> {
    const args: string[] = [String(run), String(progressOf(fields.stage, fields.state))];
    for (const [k, v] of Object.entries(fields)) args.push(k, v);
    const applied = await (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>).nfUpdateIfRun!(
      this.key(id),
      ...args,
    );
    return applied === 1;
  }

  markActive(id: string, run: number, stage: StageName, attempts: number, now: Date): Promise<boolean> {
    return this.update(id, run, { stage, state: 'active', attempts: String(attempts), updatedAt: now.toISOString() });
  }

  markStageDone(
    id: string,
    run: number,
    stage: StageName,
    next: StageName | null,
    timing: { durationMs: number; note?: string },
    now: Date,
    documentId?: string,
  ): Promise<boolean> {
    const fields: Record<string, string> & { stage: StageName; state: UrlState } = {
      stage: next ?? stage,
      state: next ? 'queued' : 'done',
      attempts: '0',
      updatedAt: now.toISOString(),
      [`t:${stage}`]: JSON.stringify({ finishedAt: now.toISOString(), ...timing }),
    };
    if (documentId) fields.documentId = documentId;
    return this.update(id, run, fields);
  }

  /** Waiting (politeness, robots) without spending an attempt. */
  markDeferred(id: string, run: number, stage: StageName, now: Date): Promise<boolean> {
    return this.update(id, run, { stage, state: 'deferred', updatedAt: now.toISOString() });
  }

  markRetrying(id: string, run: number, stage: StageName, attempts: number, error: { code: string; message: string }, now: Date): Promise<boolean> {
    return this.update(id, run, {
      stage,
      state: 'retrying',
      attempts: String(attempts),
      errorCode: error.code,
      errorMessage: error.message,
      updatedAt: now.toISOString(),
    });
  }

  markFailed(id: string, run: number, stage: StageName, attempts: number, error: { code: string; message: string }, now: Date): Promise<boolean> {
    return this.update(id, run, {
      stage,
      state: 'failed',
      attempts: String(attempts),
      errorCode: error.code,
      errorMessage: error.message,
      updatedAt: now.toISOString(),
    });
  }

  async get(id: string): Promise<(UrlStatus & { run: number }) | null> {
    const raw = await this.redis.hgetall(this.key(id));
    if (!raw.id) return null;
    const stages: UrlStatus['stages'] = {};
    for (const [field, value] of Object.entries(raw)) {
      if (field.startsWith('t:')) stages[field.slice(2) as StageName] = JSON.parse(value) as UrlStatus['stages'][StageName];
    }
    return {
      id: raw.id,
      url: raw.url ?? '',
      run: Number(raw.run ?? 0),
      stage: (raw.stage ?? 'fetch') as StageName,
      state: (raw.state ?? 'queued') as UrlState,
      attempts: Number(raw.attempts ?? 0),
      submittedAt: raw.submittedAt ?? '',
      updatedAt: raw.updatedAt ?? '',
      ...(raw.errorCode && (raw.state === 'failed' || raw.state === 'retrying') ? { error: { code: raw.errorCode, message: raw.errorMessage ?? '' } } : {}),
      ...(raw.documentId ? { documentId: raw.documentId } : {}),
      stages,
    };
  }
}
