import type { Redis } from 'ioredis';
import { waitFor } from './consoleClient';

/**
 * Waits until Redis counts every kept WhatsApp entry as idle for at least `ms`: what a sweep asks
 * before it takes an entry over. The idle time is Redis's own clock, so the test waits for Redis to
 * say so rather than sleeping; a zero idle time is no way out, since XCLAIM's minimum idle time is
 * what lets only one of two sweeping instances take an entry.
 */
export async function untilInboxIdle(redis: Redis, prefix: string, ms: number): Promise<void> {
  await waitFor(async () => {
    const pending = (await redis.xpending(`${prefix}wa:{inbox}`, 'handlers', '-', '+', 1000)) as Array<[string, string, number, number]>;
    return pending.every(([, , idle]) => idle >= ms);
  }, `every kept entry idle for ${ms} ms`);
}
