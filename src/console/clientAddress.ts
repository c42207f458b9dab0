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
  return entries.length >= trustedHops ? entries[entries.length - trustedHops] : socketAddress;
}
