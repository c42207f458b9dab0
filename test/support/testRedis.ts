import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

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
