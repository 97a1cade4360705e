import { describe, expect, it } from 'vitest';
import { AllowListError, createAddressPolicy, isPublicAddress, parseAllowList } from './address-policy';

describe('isPublicAddress', () => {
  it.each(['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('allows public %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['64:ff9b::a9fe:a9fe', 'NAT64-embedded'],
    ['2002:7f00:1::', '6to4-embedded loopback'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['not-an-address', 'garbage'],
  ])('blocks %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('allow-list', () => {
  it('parses CIDRs, host names and host:port pairs, normalising IP spellings', () => {
    const list = parseAllowList(' 10.0.0.0/8, News.Internal., 127.1:8080, [::1]:9000, fd00::1 ');
    expect(list.ranges).toHaveLength(1);
    expect([...list.hosts].sort()).toEqual(['fd00::1', 'news.internal']);
    expect([...list.hostPorts].sort()).toEqual(['127.0.0.1:8080', '::1:9000']);
    expect(parseAllowList('')).toEqual({ hosts: new Set(), hostPorts: new Set(), ranges: [] });
  });

  it('rejects entries that are none of those', () => {
    expect(() => parseAllowList('10.0.0.0/99')).toThrow(AllowListError);
    expect(() => parseAllowList('http://x/y')).toThrow(AllowListError);
    expect(() => parseAllowList('a b')).toThrow(AllowListError);
  });

  it('opens exactly what is listed and nothing else of loopback', () => {
    const policy = createAddressPolicy(parseAllowList('127.0.0.1:8080,news.internal,10.1.0.0/16'));
    expect(policy.allowsHostByName('127.0.0.1', 8080)).toBe(true);
    expect(policy.allowsHostByName('127.0.0.1', 8081)).toBe(false);
    expect(policy.allowsAddress('127.0.0.1', 8080)).toBe(true);
    expect(policy.allowsAddress('127.0.0.1', 8081)).toBe(false);
    expect(policy.allowsAddress('127.0.0.2', 8080)).toBe(false);
    expect(policy.allowsAddress('::ffff:127.0.0.1', 8080)).toBe(true);
    expect(policy.allowsHostByName('[::ffff:7f00:1]', 8080)).toBe(true);
    expect(policy.allowsHostByName('NEWS.internal', 443)).toBe(true);
    expect(policy.allowsHostByName('evil.internal', 443)).toBe(false);
    expect(policy.allowsAddress('10.1.200.3', 80)).toBe(true);
    expect(policy.allowsAddress('10.2.0.1', 80)).toBe(false);
    expect(policy.allowsAddress('93.184.216.34', 80)).toBe(true);
  });

  it('allows no private address at all by default', () => {
    const policy = createAddressPolicy(parseAllowList(''));
    for (const address of ['127.0.0.1', '10.0.0.1', '169.254.169.254', '::1']) expect(policy.allowsAddress(address, 80)).toBe(false);
    expect(policy.allowsHostByName('localhost', 80)).toBe(false);
  });
});
