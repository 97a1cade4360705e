import { describe, expect, it } from 'vitest';
import { StageFailure } from '@newsflow/contracts';
import { charsetOf, checkUrl, classifyNetworkError, mediaTypeOf, parseRetryAfter } from './http-fetch';
import { BlockedAddressError } from './guarded-agent';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return error instanceof StageFailure ? error.code : 'other';
  }
};

describe('http-fetch helpers', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 08:00:00 GMT'))).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('accepts only http(s) URLs without credentials and of bounded length', () => {
    expect(checkUrl('https://news.example/a#frag', 2048).href).toBe('https://news.example/a');
    expect(codeOf(() => checkUrl('ftp://news.example/', 2048))).toBe('invalid_url');
    expect(codeOf(() => checkUrl('javascript:alert(1)', 2048))).toBe('invalid_url');
    expect(codeOf(() => checkUrl('http://user:pass@news.example/', 2048))).toBe('invalid_url');
    expect(codeOf(() => checkUrl(`http://news.example/${'a'.repeat(100)}`, 64))).toBe('invalid_url');
    expect(codeOf(() => checkUrl('not a url', 2048))).toBe('invalid_url');
  });

  it('reads media types and charsets with a MIME parser', () => {
    expect(mediaTypeOf('Text/HTML; Charset="Shift_JIS"')).toBe('text/html');
    expect(charsetOf('Text/HTML; Charset="Shift_JIS"')).toBe('Shift_JIS');
    expect(mediaTypeOf('garbage')).toBeNull();
    expect(mediaTypeOf(undefined)).toBeNull();
  });

  it('maps network errors to stable codes, looking through causes', () => {
    const wrapped = new Error('fetch failed', { cause: new BlockedAddressError('evil.test', '10.0.0.1') });
    expect(classifyNetworkError(wrapped, 'http://evil.test/').code).toBe('blocked_address');
    expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'ENOTFOUND' }), 'http://nx.test/').code).toBe('dns_not_found');
    expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'UND_ERR_CONNECT_TIMEOUT' }), 'http://a.test/').code).toBe('connect_timeout');
    expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'UND_ERR_BODY_TIMEOUT' }), 'http://a.test/').code).toBe('timeout');
    expect(classifyNetworkError(new DOMException('t', 'TimeoutError'), 'http://a.test/').code).toBe('timeout');
    expect(classifyNetworkError(new Error('weird'), 'http://a.test/').code).toBe('connect_error');
  });
});
