import { Redis } from 'ioredis';
import { testDigest } from '../support/testRedis';
import { RedisHandoffQueue } from '../../src/handoff/redisHandoffQueue';
import { createRedisClient } from '../../src/storage/redisClient';
import { createLogger } from '../../src/logger';
import { startRedisServer, TestRedisServer } from '../support/redisServer';
import { newHandoff } from '../contracts/handoffQueue.contract';
import { waitFor } from '../support/consoleClient';

describe('the queue across a Redis restart (AOF on)', () => {
  let server: TestRedisServer;
  let client: Redis;
  beforeAll(async () => {
    server = await startRedisServer({ appendOnly: true });
    client = createRedisClient(server.url, createLogger('silent'), 'restart-test');
  });
  afterAll(async () => {
    client.disconnect();
    await server.dispose();
  });

  it.each([
    ['a clean shutdown', false],
    ['a crash (SIGKILL)', true],
  ])('keeps every handoff, its place and its messages after %s, and goes on', async (_how, hard) => {
    const queue = new RedisHandoffQueue(client, { prefix: `restart${hard ? 'hard' : 'soft'}:`, endedTtlSeconds: 0, digest: testDigest });
    const t0 = new Date();
    const a = (await queue.enqueue(newHandoff(), t0)).handoff;
    const b = (await queue.enqueue(newHandoff(), t0)).handoff;
    const c = (await queue.enqueue(newHandoff(), t0)).handoff;
    await queue.claim(a.id, { id: 'm1', firstName: 'Sara' }, t0);
    await queue.addMessage(b.id, { at: t0.toISOString(), from: 'person', text: 'ben ik aan de beurt?' });

    await server.stop(hard);
    await expect(queue.waiting()).rejects.toThrow(); // fails fast while Redis is away, never hangs
    await server.start();
    await waitFor(() => client.status === 'ready', 'the client reconnecting by itself');

    expect((await queue.waiting()).map((h) => h.id)).toEqual([b.id, c.id]);
    expect((await queue.active()).map((h) => h.id)).toEqual([a.id]);
    expect((await queue.get(b.id))?.messages.map((m) => m.text)).toEqual(['ben ik aan de beurt?']);
    expect(await queue.position(c.id)).toBe(2);
    expect((await queue.claim(b.id, { id: 'm2', firstName: 'Omar' }, new Date())).ok).toBe(true);
    expect((await queue.enqueue(newHandoff(), new Date())).handoff.seq).toBeGreaterThan(c.seq);
  });
});
