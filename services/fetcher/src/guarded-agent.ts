import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import type { AddressPolicy } from './address-policy';
import { bareHostname } from './address-policy';

/** Resolves a host name to every address it has (the injected stand-in for DNS in tests). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: ResolveHost = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Raised before any byte is sent when a connection would reach a forbidden address. */
export class BlockedAddressError extends Error {
  readonly code = 'ERR_NEWSFLOW_BLOCKED_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, which the fetcher may not contact`);
    this.name = 'BlockedAddressError';
  }
}

type NetLookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Answers net.connect's lookup as dns.lookup would: every address, or the first, or ENOTFOUND. */
function answerLookup(hostname: string, addresses: LookupAddress[], options: LookupOptions, callback: NetLookupCallback): void {
  const first = addresses[0];
  if (!first) {
    const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    error.code = 'ENOTFOUND';
    callback(error, []);
  } else if (options.all) callback(null, addresses);
  else callback(null, first.address, first.family);
}

/**
 * A `lookup` for net.connect that vets every address a name resolves to, in the same step that
 * hands them to the socket: DNS rebinding cannot slip a different answer in between. A name with
 * any forbidden address is refused as a whole, so address-family fallback cannot reach it either.
 */
function vettingLookup(resolve: ResolveHost, policy: AddressPolicy) {
  return (hostname: string, options: LookupOptions, callback: NetLookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        // The port is not known here; host:port allow entries apply only to IP-literal hosts.
        const blocked = wanted.find((a) => !policy.allowsAddress(a.address, Number.NaN));
        if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), []);
        answerLookup(hostname, wanted, options, callback);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

function plainLookup(resolve: ResolveHost) {
  return (hostname: string, options: LookupOptions, callback: NetLookupCallback): void => {
    resolve(hostname).then(
      (addresses) => answerLookup(hostname, addresses, options, callback),
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

export interface GuardedAgentOptions {
  policy: AddressPolicy;
  resolve?: ResolveHost;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /** Longest silence between two body chunks. */
  idleTimeoutMs: number;
  /** Connections kept open per origin; politeness limits requests per host anyway. */
  connectionsPerOrigin?: number;
}

/**
 * An undici Agent that can only connect where the address policy allows. Checked three times:
 * IP-literal hosts before connecting, every resolved address inside DNS lookup, and the peer
 * address of the connected socket (so nothing that bypasses lookup can get through).
 */
export function createGuardedAgent(options: GuardedAgentOptions): Agent {
  const resolve = options.resolve ?? systemResolver;
  const { policy } = options;
  const guarded = buildConnector({ timeout: options.connectTimeoutMs, lookup: vettingLookup(resolve, policy) });
  // For hosts the operator allowed by name (e.g. an internal site): any address is fine.
  const trusted = buildConnector({ timeout: options.connectTimeoutMs, lookup: plainLookup(resolve) });
  const connect: buildConnector.connector = (connectOptions, callback) => {
    const hostname = bareHostname(connectOptions.hostname);
    const port = Number(connectOptions.port) || (connectOptions.protocol === 'https:' ? 443 : 80);
    if (policy.allowsHostByName(hostname, port)) return trusted(connectOptions, callback);
    // net.connect skips lookup for IP literals: vet them before any packet is sent.
    if (isIP(hostname) && !policy.allowsAddress(hostname, port)) return callback(new BlockedAddressError(hostname, hostname), null);
    return guarded(connectOptions, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('no socket'), null);
      const peer = socket.remoteAddress ?? '';
      if (!policy.allowsAddress(peer, port)) {
        socket.destroy();
        return callback(new BlockedAddressError(hostname, peer || 'an unknown address'), null);
      }
      callback(null, socket);
    });
  };
  return new Agent({
    connect,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.idleTimeoutMs,
    connections: options.connectionsPerOrigin ?? 4,
  });
}
