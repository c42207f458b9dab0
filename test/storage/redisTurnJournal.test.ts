import { Redis } from 'ioredis';
import { RedisTurnJournal } from '../../src/storage/redisTurnJournal';
import { RedisStorage } from '../../src/storage/redisStorage';
import type { StoredReply } from '../../src/storage/turnJournal';
import { startRedisServer, TestRedisServer } from '../support/redisServer';
import { testDigest } from '../support/testRedis';

const reply = (n: number, text: string): StoredReply => ({ id: `t-${n}`, activity: { type: 'message', text } });

/** Calls per command since the last RESETSTAT (INFO commandstats: commands inside scripts count too). */
async function commandsSince(redis: Redis): Promise<Record<string, number>> {
  const stats = await redis.info('commandstats');
  const calls: Record<string, number> = {};
  for (const [, name, n] of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) if (!/^(info|config)/.test(name)) calls[name] = Number(n);
  return calls;
}

const DAY = 24 * 60 * 60;

describe("RedisTurnJournal: in the conversation state's hash", () => {
  let server: TestRedisServer;
  let redis: Redis;
  const prefix = 'j:';
  let storage: RedisStorage;
  let journal: RedisTurnJournal;
  let conversation: string;
  let key: string;

  beforeAll(async () => {
    // A server of its own: its command counts are this test's alone.
    server = await startRedisServer();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.dispose();
  });
  beforeEach(async () => {
    await redis.flushall();
    storage = new RedisStorage(redis, { prefix, ttlSeconds: 30 * DAY, digest: testDigest });
    journal = new RedisTurnJournal(redis, storage, prefix, testDigest);
    conversation = journal.name('test', 'c1');
    key = `${prefix}state:{${conversation}}:conversation`;
  });

  it("costs one command to look up (the conversation state's read included), none of its own in the write, and one per confirmed reply", async () => {
    const state = 'test/conversations/c1/';
    const first = journal.name('test', 'c1', 'a1');
    const second = journal.name('test', 'c1', 'a2');
    await journal.lookup(conversation, first);
    await journal.commit({ [state]: { n: 1, eTag: '@new' } }, { conversation, activity: first, replies: [] });
    const read = await storage.read([state]);

    await redis.config('RESETSTAT');
    // The turn's preload reads the conversation state right after the look-up went out: it takes its answer.
    const looking = journal.lookup(conversation, second);
    const reading = storage.read([state]);
    expect(await looking).toEqual({ handled: false, pending: undefined });
    expect((await reading)[state]).toEqual(read[state]);
    expect(await commandsSince(redis)).toEqual({ hmget: 1 });
    // A read sent after that answer came is a read of its own (it must see what was written since).
    await redis.config('RESETSTAT');
    expect((await storage.read([state]))[state]).toEqual(read[state]);
    expect(await commandsSince(redis)).toEqual({ hmget: 1 });

    await redis.config('RESETSTAT');
    await journal.commit({ [state]: { ...read[state], n: 2 } }, { conversation, activity: second, replies: [reply(1, 'a'), reply(2, 'b')] });
    // The script, the state's eTag check and its HSET, which carries the handled mark and the outbox.
    expect(await commandsSince(redis)).toEqual({ evalsha: 1, hget: 1, hset: 1 });
    expect(await redis.hmget(key, `h:${second}`, 'activity')).toEqual([expect.stringMatching(/^\d+$/), second]);

    await redis.config('RESETSTAT');
    await journal.confirm(conversation, second, 1, 2);
    expect(await commandsSince(redis)).toEqual({ hset: 1 });
    expect((await journal.lookup(conversation, second)).pending?.sent).toBe(1);
    await redis.config('RESETSTAT');
    await journal.confirm(conversation, second, 2, 2); // the last: the same HSET, no DEL
    expect(await commandsSince(redis)).toEqual({ hset: 1 });
    expect(await journal.lookup(conversation, second)).toEqual({ handled: true, pending: undefined });
  });

  it('sets the expiry when the write creates the hash, and drops marks past their time only when the upkeep is due', async () => {
    await journal.commit({}, { conversation, activity: journal.name('test', 'c1', 'a1'), replies: [] });
    expect(await redis.ttl(key)).toBeGreaterThan(30 * DAY);
    await redis.hset(key, 'h:past', '1000'); // a mark whose time is long over
    await redis.persist(key);

    await journal.commit({}, { conversation, activity: journal.name('test', 'c1', 'a2'), replies: [] });
    // Not due in this process for a minute: the mark stays (it counts for nothing on read) and so does the missing expiry.
    expect(await redis.hexists(key, 'h:past')).toBe(1);
    expect(await redis.ttl(key)).toBe(-1);
    expect((await journal.lookup(conversation, 'past')).handled).toBe(false);

    // Another process, whose upkeep of this conversation is due: the mark goes, the expiry comes back.
    const other = new RedisTurnJournal(redis, storage, prefix, testDigest);
    await other.commit({}, { conversation, activity: journal.name('test', 'c1', 'a3'), replies: [] });
    expect(await redis.hexists(key, 'h:past')).toBe(0);
    expect(await redis.ttl(key)).toBeGreaterThan(30 * DAY);
    for (const activity of ['a1', 'a2', 'a3']) expect((await journal.lookup(conversation, journal.name('test', 'c1', activity))).handled).toBe(true);
  });

  it('clears the outbox of an earlier turn with empty fields in the same HSET (no DEL)', async () => {
    const first = journal.name('test', 'c1', 'a1');
    await journal.commit({}, { conversation, activity: first, replies: [reply(1, 'a')] });
    await redis.config('RESETSTAT');
    await journal.commit({}, { conversation, activity: journal.name('test', 'c1', 'a2'), replies: [] });
    expect(await commandsSince(redis)).toEqual({ evalsha: 1, hset: 1 });
    expect((await journal.lookup(conversation, first)).pending).toBeUndefined();
  });

  it("moves an earlier version's handled set and outbox into the hash once, on the first look-up", async () => {
    const [handledKey, outboxKey] = [`${prefix}turn:{${conversation}}:handled`, `${prefix}turn:{${conversation}}:outbox`];
    const now = Math.floor(Date.now() / 1000);
    const old = journal.name('test', 'c1', 'old');
    await redis.zadd(handledKey, now + 3600, old, now - 10, journal.name('test', 'c1', 'gone'));
    await redis.hset(outboxKey, 'activity', old, 'replies', JSON.stringify([reply(1, 'a'), reply(2, 'b')]), 'sent', '1');

    expect(await journal.lookup(conversation, old)).toEqual({ handled: true, pending: { activity: old, replies: [reply(1, 'a'), reply(2, 'b')], sent: 1 } });
    expect(await redis.exists(handledKey, outboxKey)).toBe(0);
    expect(await redis.hexists(key, `h:${journal.name('test', 'c1', 'gone')}`)).toBe(0);
    expect(await redis.ttl(key)).toBeGreaterThan(30 * DAY);

    await redis.config('RESETSTAT');
    await journal.confirm(conversation, old, 2, 2);
    expect(await journal.lookup(conversation, old)).toEqual({ handled: true, pending: undefined });
    expect((await commandsSince(redis)).hmget).toBe(1); // moved once: the look-up is one command again
  });

  it("keeps the journal's fields when the state is written on its own, and the state's expiry", async () => {
    const state = 'test/conversations/c1/';
    const first = journal.name('test', 'c1', 'a1');
    await storage.write({ [state]: { n: 1 } });
    await journal.lookup(conversation, first);
    await journal.commit({}, { conversation, activity: first, replies: [reply(1, 'a')] });
    expect(await redis.ttl(key)).toBeGreaterThan(30 * DAY - 60);
    const [current] = Object.values(await storage.read([state]));
    await storage.write({ [state]: { ...current, n: 2 } }); // RedisStorage's own conditional write: HSET eTag doc
    expect(await journal.lookup(conversation, first)).toEqual({ handled: true, pending: { activity: first, replies: [reply(1, 'a')], sent: 0 } });
    expect((await storage.read([state]))[state]).toMatchObject({ n: 2 });
  });

  it('delivers unsent replies for as long as their activity counts as handled, not for as long as the state is kept', async () => {
    const first = journal.name('test', 'c1', 'a1');
    await journal.commit({}, { conversation, activity: first, replies: [reply(1, 'a')] });
    expect(Number(await redis.hget(key, 'until'))).toBe(Number(await redis.hget(key, `h:${first}`)));
    expect((await journal.lookup(conversation, first)).pending?.replies).toEqual([reply(1, 'a')]);
    await redis.hset(key, 'until', String(Math.floor(Date.now() / 1000) - 1)); // seven days on
    expect((await journal.lookup(conversation, journal.name('test', 'c1', 'a2'))).pending).toBeUndefined();
  });

  it('erases the hash and any key of an earlier version', async () => {
    await journal.commit({}, { conversation, activity: journal.name('test', 'c1', 'a1'), replies: [reply(1, 'a')] });
    await redis.zadd(`${prefix}turn:{${conversation}}:handled`, 1, 'x');
    await journal.erase([conversation]);
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
  });
});
