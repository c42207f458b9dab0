import type { TestRedisServer } from './redisServer';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __vitRedis?: TestRedisServer }).__vitRedis?.dispose();
}
