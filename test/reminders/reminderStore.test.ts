import { MemoryReminderStore, RedisReminderStore } from '../../src/reminders/reminderStore';
import { connectTestRedis, keyspace, namesAnyOf, uniquePrefix } from '../support/testRedis';
import { reminderStoreContract } from '../contracts/reminderStore.contract';

describe('MemoryReminderStore', () => reminderStoreContract(() => new MemoryReminderStore()));

describe('RedisReminderStore on a real redis-server', () => {
  const redis = connectTestRedis();
  afterAll(() => redis.disconnect());
  reminderStoreContract(() => new RedisReminderStore(redis, uniquePrefix(), 86_400_000));

  it('keeps a person under one key named by their digest in a hash tag, expiring with their state, gone in one DEL', async () => {
    const prefix = uniquePrefix();
    const store = new RedisReminderStore(redis, prefix, 86_400_000);
    await store.setStopped('dIgEsT', true);
    await store.claim('dIgEsT', 'r', '2026-12-08T13:00:00.000Z');
    const keys = await keyspace(redis, prefix);
    expect(keys.map(([k]) => k)).toEqual([`${prefix}reminders:{dIgEsT}`]);
    expect(await redis.pttl(`${prefix}reminders:{dIgEsT}`)).toBeGreaterThan(0);
    expect(namesAnyOf(keys[0][0], ['31612345678'])).toBe(false);
    await store.erase('dIgEsT');
    expect(await keyspace(redis, prefix)).toEqual([]);
  });
});
