import { startRedisServer, TestRedisServer } from './redisServer';

/** One redis-server for the whole run; tests isolate themselves with a key prefix of their own. */
export default async function globalSetup(): Promise<void> {
  const server = await startRedisServer();
  process.env.VIT_TEST_REDIS_URL = server.url;
  (globalThis as { __vitRedis?: TestRedisServer }).__vitRedis = server;
}
