import { describe, expect, it } from 'vitest';
import { PIPELINE, QUEUE, STAGES, nextStage } from './queues';
import { FAILURE_CODES, StageFailure, isPermanent } from './failures';

describe('pipeline table', () => {
  it('chains every stage to the next, ending at index', () => {
    expect(STAGES).toEqual(['fetch', 'clean', 'langdetect', 'enrich', 'index']);
    expect(nextStage('fetch')).toBe('clean');
    expect(nextStage('index')).toBeNull();
    expect(PIPELINE.filter((r) => r.next === null)).toHaveLength(1);
  });

  it('has frozen queue names, so nothing can rename a queue at run time', () => {
    expect(Object.isFrozen(QUEUE)).toBe(true);
    expect(() => {
      (QUEUE as Record<string, string>).fetch = 'other';
    }).toThrow();
  });
});

describe('failure classification', () => {
  it('treats bad input as permanent and outages as transient', () => {
    expect(isPermanent('http_4xx')).toBe(true);
    expect(isPermanent('not_article')).toBe(true);
    expect(isPermanent('http_5xx')).toBe(false);
    expect(isPermanent('index_unavailable')).toBe(false);
    const failure = new StageFailure('rate_limited', 'slow down', { retryAfterMs: 5000 });
    expect(failure.permanent).toBe(false);
    expect(failure.retryAfterMs).toBe(5000);
    expect(Object.keys(FAILURE_CODES).every((code) => /^[a-z0-9_]+$/.test(code))).toBe(true);
  });
});
