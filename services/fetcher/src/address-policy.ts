import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Which hosts and addresses the fetcher may connect to. By default only public unicast
 * addresses; the operator's allow-list (NEWSFLOW_FETCH_ALLOW) opens exact host names, exact
 * host:port pairs, or address ranges (CIDR) for internal sites and for tests on loopback.
 */
export interface AddressPolicy {
  /** The host name (or IP literal) and port were allowed by name: no address check applies. */
  allowsHostByName(hostname: string, port: number): boolean;
  /** May a connection to this resolved address (and port) be made? */
  allowsAddress(address: string, port: number): boolean;
}

export interface AllowList {
  hosts: Set<string>;
  hostPorts: Set<string>;
  ranges: [Address, number][];
}

export class AllowListError extends Error {
  constructor(entry: string, reason: string) {
    super(`NEWSFLOW_FETCH_ALLOW entry ${JSON.stringify(entry)}: ${reason}`);
    this.name = 'AllowListError';
  }
}

/** Strips the brackets URL.hostname keeps around IPv6 literals, and a trailing root dot. */
export function bareHostname(hostname: string): string {
  const lower = hostname.toLowerCase();
  const unbracketed = lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
  return unbracketed.endsWith('.') ? unbracketed.slice(0, -1) : unbracketed;
}

/** Canonical text of an IP literal (IPv4-mapped IPv6 becomes IPv4), or null for a host name. */
function canonicalIp(host: string): string | null {
  return ipaddr.isValid(host) ? ipaddr.process(host).toString() : null;
}

/**
 * Parses "10.0.0.0/8, news.internal, 127.0.0.1:8080, [::1]:8080". Host names and IP literals
 * are normalised the way the WHATWG URL parser normalises them, so "127.1:80" means 127.0.0.1.
 */
export function parseAllowList(spec: string): AllowList {
  const list: AllowList = { hosts: new Set(), hostPorts: new Set(), ranges: [] };
  for (const raw of spec.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry.includes('/')) {
      try {
        const [address, prefix] = ipaddr.parseCIDR(entry);
        list.ranges.push([address, prefix]);
      } catch {
        throw new AllowListError(entry, 'not a valid CIDR range');
      }
      continue;
    }
    if (ipaddr.isValid(entry)) {
      list.hosts.add(ipaddr.process(entry).toString());
      continue;
    }
    let url: URL;
    try {
      url = new URL(`http://${entry}/`);
    } catch {
      throw new AllowListError(entry, 'not a host name, host:port or CIDR range');
    }
    if (url.pathname !== '/' || url.username || url.search) throw new AllowListError(entry, 'not a host name, host:port or CIDR range');
    const host = bareHostname(url.hostname);
    const name = canonicalIp(host) ?? host;
    // new URL drops port 80 as the default; an explicit port always counts as a host:port entry.
    const explicitPort = /:\d+$/.test(entry) ? Number(entry.slice(entry.lastIndexOf(':') + 1)) : null;
    if (explicitPort === null) list.hosts.add(name);
    else list.hostPorts.add(`${name}:${explicitPort}`);
  }
  return list;
}

/**
 * True for addresses on the public internet. ipaddr.js names every special-purpose range
 * (loopback, private, link-local, CGNAT, multicast, reserved, documentation, 6to4, Teredo,
 * NAT64, ...); only plain "unicast" is public. IPv4-mapped IPv6 is judged as the IPv4 it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export function createAddressPolicy(allow: AllowList): AddressPolicy {
  const inAllowedRange = (address: Address): boolean =>
    allow.ranges.some(([base, prefix]) => address.kind() === base.kind() && address.match(base, prefix));
  return {
    allowsHostByName(hostname, port) {
      const host = bareHostname(hostname);
      const name = canonicalIp(host) ?? host;
      return allow.hosts.has(name) || allow.hostPorts.has(`${name}:${port}`);
    },
    allowsAddress(address, port) {
      if (!ipaddr.isValid(address)) return false;
      const parsed = ipaddr.process(address);
      if (parsed.range() === 'unicast' || inAllowedRange(parsed)) return true;
      const text = parsed.toString();
      return allow.hosts.has(text) || allow.hostPorts.has(`${text}:${port}`);
    },
  };
}
