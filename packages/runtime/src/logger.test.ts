import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, redactUrl } from './logger';

describe('logger', () => {
  it('never writes API keys, cookies or passwords', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ service: 'test', level: 'info', destination });
    logger.info({ req: { headers: { authorization: 'Bearer super-secret-key', cookie: 'session=abc' } } }, 'request');
    logger.child({ jobId: 'j1' }).info({ apiKey: 'another-secret', password: 'hunter2' }, 'job');
    await new Promise((r) => setImmediate(r));
    const output = lines.join('');
    expect(output).toContain('[redacted]');
    for (const secret of ['super-secret-key', 'session=abc', 'another-secret', 'hunter2']) expect(output).not.toContain(secret);
    expect(JSON.parse(lines[1]!)).toMatchObject({ service: 'test', jobId: 'j1', msg: 'job' });
  });

  it('strips credentials from URLs before they are logged', () => {
    expect(redactUrl('redis://user:pass@redis.internal:6379')).toBe('redis://***:***@redis.internal:6379');
    expect(redactUrl('http://127.0.0.1:9200')).toBe('http://127.0.0.1:9200/');
    expect(redactUrl('not a url')).toBe('[unparseable url]');
  });
});
