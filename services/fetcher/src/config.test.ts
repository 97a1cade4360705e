import { describe, expect, it } from 'vitest';
import { ConfigError } from '@newsflow/runtime';
import { contentTypeList, loadConfig } from './config';

describe('fetcher config', () => {
  it('has safe defaults: public addresses only, 2 per host, 1 s spacing', () => {
    const config = loadConfig({});
    expect(config.NEWSFLOW_FETCH_ALLOW).toBe('');
    expect(config.NEWSFLOW_FETCH_HOST_MAX_IN_FLIGHT).toBe(2);
    expect(config.NEWSFLOW_FETCH_HOST_MIN_SPACING_MS).toBe(1_000);
    expect(config.NEWSFLOW_FETCH_MAX_REDIRECTS).toBe(10);
    expect(config.NEWSFLOW_FETCH_USER_AGENT).toContain('+https://');
  });

  it('rejects a malformed allow-list at start-up', () => {
    expect(() => loadConfig({ NEWSFLOW_FETCH_ALLOW: '10.0.0.0/99' })).toThrow(ConfigError);
    expect(loadConfig({ NEWSFLOW_FETCH_ALLOW: '127.0.0.1:8080, 10.0.0.0/8' }).NEWSFLOW_FETCH_ALLOW).toBe('127.0.0.1:8080, 10.0.0.0/8');
  });

  it('insists on a contact URL in the User-Agent', () => {
    expect(() => loadConfig({ NEWSFLOW_FETCH_USER_AGENT: 'AnonymousBot/1.0' })).toThrow(ConfigError);
    expect(loadConfig({ NEWSFLOW_FETCH_USER_AGENT: 'NewsBot/2 (+https://news.example/bot)' }).NEWSFLOW_FETCH_USER_AGENT).toContain('news.example');
  });

  it('splits the content-type allow-list', () => {
    expect(contentTypeList(' text/html, Application/XHTML+XML ,')).toEqual(['text/html', 'application/xhtml+xml']);
  });
});
