import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from. Behind `trustedHops` proxies that each append the address they
 * saw to X-Forwarded-For, the client is the entry that many places from the end; entries further
 * left were written by the client itself and prove nothing. With no proxies (0) it is the socket's.
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops === 0) return socketAddress;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : header ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length < trustedHops) throw new ProxyHopsError(trustedHops, entries.length);
  return entries[entries.length - trustedHops];
}

/**
 * TRUSTED_PROXY_HOPS names more proxies than the request passed. Guessing an address then (the
 * socket's, a proxy's) would put every client behind one address, so twenty wrong passwords from
 * anyone would lock every login: the request is refused and the operator told instead.
 */
export class ProxyHopsError extends Error {
  constructor(
    readonly trustedHops: number,
    readonly seen: number,
  ) {
    super(`TRUSTED_PROXY_HOPS=${trustedHops} but the request passed ${seen} prox${seen === 1 ? 'y' : 'ies'} (X-Forwarded-For entries): set it to the number of proxies in front of the bot`);
  }
}
