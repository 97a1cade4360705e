/**
 * Queue names are part of the on-disk contract: jobs already in Redis are addressed by them,
 * so renaming one strands every job waiting under the old name. Add, never rename.
 */
export const QUEUE = Object.freeze({
  fetch: 'fetch',
  clean: 'clean',
  langdetect: 'langdetect',
  enrich: 'enrich',
  index: 'index',
} as const);

export type StageName = keyof typeof QUEUE;
export type QueueName = (typeof QUEUE)[StageName];

/** The pipeline in one table: each stage, the queue it consumes, and where its output goes. */
export const PIPELINE: readonly { readonly stage: StageName; readonly next: StageName | null }[] = Object.freeze([
  { stage: 'fetch', next: 'clean' },
  { stage: 'clean', next: 'langdetect' },
  { stage: 'langdetect', next: 'enrich' },
  { stage: 'enrich', next: 'index' },
  { stage: 'index', next: null },
]);

export const STAGES: readonly StageName[] = Object.freeze(PIPELINE.map((row) => row.stage));

export function nextStage(stage: StageName): StageName | null {
  const row = PIPELINE.find((r) => r.stage === stage);
  if (!row) throw new Error(`unknown stage ${stage}`);
  return row.next;
}

/** Default BullMQ prefix. Tests use their own so that runs never see each other's jobs. */
export const DEFAULT_QUEUE_PREFIX = 'newsflow';
