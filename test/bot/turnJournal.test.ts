import { MemoryStorage } from 'botbuilder';
import type { Redis } from 'ioredis';
import { MemoryTurnJournal, turnKey } from '../../src/storage/turnJournal';
import { createIdDigest } from '../../src/storage/idDigest';
import { conversationStateKey } from '../../src/storage/botStateKeys';
import { RedisTurnJournal } from '../../src/storage/redisTurnJournal';
import { RedisStorage } from '../../src/storage/redisStorage';
import { RedisConversationLocks } from '../../src/storage/redisConversationLocks';
import { conversationLockKey } from '../../src/storage/conversationLocks';
import { turnJournalContract } from '../contracts/turnJournal.contract';
import { connectTestRedis, uniquePrefix, testDigest } from '../support/testRedis';

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
    const storage = new RedisStorage(redis, { prefix: uniquePrefix(), digest: testDigest });
    return { journal: new RedisTurnJournal(redis, storage, uniquePrefix(), testDigest), storage };
  });

  it("keeps the journal under the conversation's lease and state hash tag, a keyed digest, names no conversation or activity, and keeps it in the conversation state's hash, which expires with the state", async () => {
    const prefix = uniquePrefix();
    const storage = new RedisStorage(redis, { prefix, ttlSeconds: 30 * 24 * 60 * 60, digest: testDigest });
    const journal = new RedisTurnJournal(redis, storage, prefix, testDigest);
    const conversation = journal.name('whatsapp', 'whatsapp:31612345678');
    // Keyed: not the plain hash anyone could recompute from a guessed number, and another secret gives another name.
    expect(conversation).not.toBe(turnKey('whatsapp', 'whatsapp:31612345678'));
    expect(new RedisTurnJournal(redis, storage, prefix, createIdDigest('another-secret')).name('whatsapp', 'whatsapp:31612345678')).not.toBe(conversation);
    await journal.commit(
      { [conversationStateKey('whatsapp', 'whatsapp:31612345678')]: { step: 1 } },
      { conversation, activity: journal.name('whatsapp', 'whatsapp:31612345678', 'wamid.1'), replies: [{ id: 'x-1', activity: { text: 'hoi' } }] },
    );
    const keys = (await redis.keys(`${prefix}*`)).sort();
    expect(keys).toEqual([`${prefix}state:{${conversation}}:conversation`]);
    expect(keys.join(' ')).not.toMatch(/31612345678|wamid/);
    expect((await redis.hkeys(keys[0])).sort()).toEqual(['activity', 'doc', 'eTag', `h:${journal.name('whatsapp', 'whatsapp:31612345678', 'wamid.1')}`, 'replies', 'sent', 'until']);
    expect(JSON.stringify(await redis.hkeys(keys[0]))).not.toMatch(/31612345678|wamid/);
    expect(await redis.ttl(keys[0])).toBeGreaterThan(30 * 24 * 60 * 60 - 60);
    // The conversation's lease carries the same tag: lease, journal and state sit in one cluster slot.
    const lease = await new RedisConversationLocks(redis, prefix, { ttlMs: 2000, waitMs: 2000 }, testDigest).acquire(conversationLockKey('whatsapp', 'whatsapp:31612345678'), Date.now());
    expect(await redis.exists(`${prefix}lock:{${conversation}}`)).toBe(1);
    await lease.release();
  });
});
