import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createIdDigest, idDigestFor } from '../../src/storage/idDigest';

/** The run's own redis-server, started by the global setup; never the machine's shared one. */
export function testRedisUrl(): string {
  const url = process.env.VIT_TEST_REDIS_URL;
  if (!url) throw new Error('VIT_TEST_REDIS_URL is not set: run the tests through jest (the global setup starts redis-server)');
  return url;
}

export function connectTestRedis(): Redis {
  return new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
}

/** A key prefix no other test uses, so tests can run in parallel on one server. */
export function uniquePrefix(): string {
  return `t${randomUUID().slice(0, 8)}:`;
}

/**
 * Every key under the prefix with its content as text, read by type (string, hash, sorted set, list,
 * set, stream): what a test scans to prove that nothing names a person, in a key or in a value.
 */
export async function keyspace(redis: Redis, prefix: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const key of await redis.keys(`${prefix}*`)) {
    const type = await redis.type(key);
    const content =
      type === 'string' ? await redis.get(key)
      : type === 'hash' ? JSON.stringify(await redis.hgetall(key))
      : type === 'zset' ? JSON.stringify(await redis.zrange(key, '0', '-1'))
      : type === 'list' ? JSON.stringify(await redis.lrange(key, '0', '-1'))
      : type === 'set' ? JSON.stringify(await redis.smembers(key))
      : type === 'stream' ? JSON.stringify(await redis.xrange(key, '-', '+'))
      : `(${type})`;
    out.push([key, content ?? '']);
  }
  return out;
}


/**
 * Whether `text` names one of `ids`: as it is, or inside a base64, base64url or hex run (a WhatsApp
 * message id "wamid.HBgL…" is base64 holding the phone number), so a scan for leftovers finds all.
 */
export function namesAnyOf(text: string, ids: string[]): boolean {
  if (ids.some((id) => text.includes(id))) return true;
  for (const run of text.match(/[0-9A-Fa-f]{12,}/g) ?? []) {
    for (let skip = 0; skip < 2; skip++) {
      const decoded = Buffer.from(run.slice(skip, skip + Math.floor((run.length - skip) / 2) * 2), 'hex').toString('latin1');
      if (ids.some((id) => decoded.includes(id))) return true;
    }
  }
  for (const run of text.match(/[A-Za-z0-9+/_-]{12,}={0,2}/g) ?? []) {
    // Every alignment: the run may start inside a base64 block.
    for (let skip = 0; skip < 4; skip++) {
      const decoded = Buffer.from(run.slice(skip).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
      if (ids.some((id) => decoded.includes(id))) return true;
    }
  }
  return false;
}

/** A keyed digest for stores a test builds itself (nothing else needs to find their keys). */
export const testDigest = createIdDigest('a-secret-for-tests-only');

/** The digest an app with this prefix names its keys with (and this secret, when the test sets one). */
export function appDigest(prefix: string, secret?: string) {
  return idDigestFor({ REDIS_KEY_PREFIX: prefix, LOG_PSEUDONYM_SECRET: secret });
}
