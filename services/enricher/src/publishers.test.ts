import { describe, expect, it } from 'vitest';
import { PUBLISHER_TYPES } from '@newsflow/contracts';
import { BUNDLED_PUBLISHERS_FILE } from './config';
import { PublisherDirectory, registrableDomainOf } from './publishers';

const bundled = PublisherDirectory.fromFile(BUNDLED_PUBLISHERS_FILE);

describe('publisher directory', () => {
  it('ships a few hundred valid entries with real country codes and every type', () => {
    expect(bundled.size).toBeGreaterThanOrEqual(300);
    const regions = new Intl.DisplayNames(['en'], { type: 'region' });
    const entries = bundled.entries();
    for (const entry of entries) expect(regions.of(entry.country), entry.country).not.toBe(entry.country);
    expect(new Set(entries.map((e) => e.type))).toEqual(new Set(PUBLISHER_TYPES));
  });

  it('knows state media and wires', () => {
    expect(bundled.lookup('https://sputnikglobe.com/20250905/kim-xi.html')).toMatchObject({ name: 'Sputnik', country: 'RU', type: 'state-affiliated' });
    expect(bundled.lookup('https://www.rt.com/news/1/')).toMatchObject({ country: 'RU', type: 'state-affiliated' });
    expect(bundled.lookup('http://english.news.cn/2025/x.htm')).toMatchObject({ country: 'CN', type: 'state-affiliated' });
    expect(bundled.lookup('http://www.xinhuanet.com/english/')).toMatchObject({ country: 'CN' });
    expect(bundled.lookup('http://kcna.kp/en/article/q/1.kcmsf')).toMatchObject({ country: 'KP', type: 'state-affiliated' });
    expect(bundled.lookup('https://www.reuters.com/world/')).toMatchObject({ name: 'Reuters', type: 'wire' });
  });

  it('matches subdomains to their registrable domain, and the most specific entry first', () => {
    expect(bundled.lookup('https://edition.cnn.com/2025/09/05/asia/x')).toMatchObject({ name: 'CNN', domain: 'cnn.com' });
    expect(bundled.lookup('https://www.bbc.co.uk/news/world')).toMatchObject({ name: 'BBC', domain: 'bbc.co.uk' });
    expect(bundled.lookup('https://news.sky.com/story/x')).toMatchObject({ name: 'Sky News' });
    expect(bundled.lookup('https://www.sky.com/')).toBeUndefined();
    expect(bundled.lookup('https://economictimes.indiatimes.com/x')).toMatchObject({ name: 'The Economic Times' });
    expect(bundled.lookup('https://timesofindia.indiatimes.com/x')).toMatchObject({ name: 'The Times of India' });
    expect(bundled.lookup('https://www.gov.uk/government/news')).toMatchObject({ type: 'government', country: 'GB' });
  });

  it('finds nothing for unknown hosts, IP addresses and malformed input', () => {
    expect(bundled.lookup('https://blog.example.org/post')).toBeUndefined();
    expect(bundled.lookup('http://127.0.0.1:8080/a')).toBeUndefined();
    expect(bundled.lookup('not a url/at all')).toBeUndefined();
    expect(bundled.lookup('sputnikglobe.com')).toMatchObject({ country: 'RU' });
  });

  it('rejects invalid files with the offending entry', () => {
    expect(() => PublisherDirectory.fromData({ publishers: [{ domain: 'a.com', name: 'A', country: 'gb', type: 'wire' }] })).toThrow(/publishers\.0\.country/);
    expect(() => PublisherDirectory.fromData({ publishers: [{ domain: 'a.com', name: 'A', country: 'GB', type: 'blog' }] })).toThrow(/publishers\.0\.type/);
    expect(() => PublisherDirectory.fromData({ publishers: [{ domain: 'https://a.com/', name: 'A', country: 'GB', type: 'wire' }] })).toThrow(/domain/);
    const twice = { domain: 'a.com', name: 'A', country: 'GB', type: 'wire' };
    expect(() => PublisherDirectory.fromData({ publishers: [twice, twice] })).toThrow(/a\.com is listed twice/);
  });

  it('gives the registrable domain of a URL', () => {
    expect(registrableDomainOf('https://edition.cnn.com/x')).toBe('cnn.com');
    expect(registrableDomainOf('https://news.bbc.co.uk/x')).toBe('bbc.co.uk');
    expect(registrableDomainOf('http://127.0.0.1:3000/x')).toBeUndefined();
  });
});
