import { MemoryStorage } from 'botbuilder';
import type { Redis } from 'ioredis';
import { MemoryTurnJournal, turnKey } from '../../src/storage/turnJournal';
import { RedisTurnJournal } from '../../src/storage/redisTurnJournal';
import { RedisStorage } from '../../src/storage/redisStorage';
import { RedisConversationLocks } from '../../src/storage/redisConversationLocks';
import { conversationLockKey } from '../../src/storage/conversationLocks';
import { turnJournalContract } from '../contracts/turnJournal.contract';
import { connectTestRedis, uniquePrefix } from '../support/testRedis';

describe('MemoryTurnJournal (one process)', () => {
  turnJournalContract(() => {
    const storage = new MemoryStorage();
    return { journal: new MemoryTurnJournal(storage), storage };
  });
});

describe('RedisTurnJournal on a real redis-server', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    await redis.quit();
  });
  turnJournalContract(() => {
    const storage = new RedisStorage(redis, { prefix: uniquePrefix() });
    return { journal: new RedisTurnJournal(redis, storage, uniquePrefix()), storage };
  });

  it("keeps the journal under the conversation's lease hash tag, names no conversation or activity, and expires it after a day", async () => {
    const prefix = uniquePrefix();
    const journal = new RedisTurnJournal(redis, new RedisStorage(redis, { prefix }), prefix);
    const conversation = turnKey('whatsapp', 'whatsapp:31612345678');
    await journal.commit({}, { conversation, activity: turnKey('whatsapp', 'whatsapp:31612345678', 'wamid.1'), replies: [{ id: 'x-1', activity: { text: 'hoi' } }] });
    const keys = (await redis.keys(`${prefix}*`)).sort();
    expect(keys).toEqual([`${prefix}turn:{${conversation}}:handled`, `${prefix}turn:{${conversation}}:outbox`]);
    expect(keys.join(' ')).not.toMatch(/31612345678|wamid/);
    expect(await redis.zrange(keys[0], '0', '-1')).not.toContain('wamid.1');
    for (const key of keys) expect(await redis.ttl(key)).toBeGreaterThan(7 * 24 * 60 * 60 - 60);
    // The conversation's lease carries the same tag: lease and journal sit in one cluster slot.
    const lease = await new RedisConversationLocks(redis, prefix, { ttlMs: 2000, waitMs: 2000 }).acquire(conversationLockKey('whatsapp', 'whatsapp:31612345678'), Date.now());
    expect(await redis.exists(`${prefix}lock:{${conversation}}`)).toBe(1);
    await lease.release();
  });
});
