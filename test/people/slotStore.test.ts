import type { Redis } from 'ioredis';
import { MemorySlotStore, RedisSlotStore } from '../../src/people/slotStore';
import { createIdDigest } from '../../src/storage/idDigest';
import { connectTestRedis, keyspace, uniquePrefix } from '../support/testRedis';
import { slotStoreContract } from '../contracts/slotStore.contract';

const digest = createIdDigest('slot-test-secret-0123456789');
const DAY = 86_400_000;
let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

const slotAt = (id: string) => ({ id, mentorId: 'acc-sara', mentorFirstName: 'Sara', start: new Date(Date.now() + DAY).toISOString(), durationMinutes: 30, languages: ['ar' as const], link: 'https://meet.example.org/sara' });
const bookingOf = (userId: string) => ({
  person: { channelId: 'whatsapp', userId },
  conversation: { channelId: 'whatsapp', serviceUrl: 'https://whatsapp.invalid', conversation: { id: userId }, user: { id: userId }, bot: { id: 'bot' } },
  language: 'ar' as const,
  bookedAt: new Date().toISOString(),
});

describe('MemorySlotStore', () => {
  slotStoreContract((retentionMs) => new MemorySlotStore(retentionMs));
});

describe('RedisSlotStore on a real redis-server', () => {
  slotStoreContract((retentionMs) => new RedisSlotStore(redis, uniquePrefix(), digest, retentionMs));

  it('gives one slot to exactly one of 50 people booking it at once, each on their own connection', async () => {
    const prefix = uniquePrefix();
    await new RedisSlotStore(redis, prefix, digest, 30 * DAY).add([slotAt('contested')]);
    const connections = Array.from({ length: 50 }, () => connectTestRedis());
    try {
      const results = await Promise.all(connections.map((c, i) => new RedisSlotStore(c, prefix, digest, 30 * DAY).book('contested', bookingOf(`3161000${String(i).padStart(4, '0')}`), new Date())));
      expect(results.filter((r) => r === 'booked')).toHaveLength(1);
      expect(results.filter((r) => r === 'taken')).toHaveLength(49);
      const winner = `3161000${String(results.indexOf('booked')).padStart(4, '0')}`;
      const store = new RedisSlotStore(redis, prefix, digest, 30 * DAY);
      expect((await store.get('contested'))!.booking!.person.userId).toBe(winner);
      // The 49 who lost hold nothing, not even a stale entry in their list.
      const lists = (await keyspace(redis, prefix)).filter(([key]) => key.includes('bookings:'));
      expect(lists).toHaveLength(1);
    } finally {
      await Promise.all(connections.map((c) => c.quit()));
    }
  });

  it('names keys without the person, keeps the slot’s keys under one hash tag, and expires a slot with the retention after its start', async () => {
    const prefix = uniquePrefix();
    const store = new RedisSlotStore(redis, prefix, digest, 180 * DAY);
    await store.add([slotAt('s1')]);
    await store.book('s1', bookingOf('31612345678'), new Date());
    const keys = (await keyspace(redis, prefix)).map(([key]) => key).sort();
    const tag = `{${digest('whatsapp:31612345678')}}`;
    expect(keys).toEqual([`${prefix}bookings:${tag}`, `${prefix}slot:{slot:s1}`, `${prefix}slots`]);
    const ttl = await redis.pttl(`${prefix}slot:{slot:s1}`);
    expect(ttl).toBeGreaterThan(180 * DAY);
    expect(ttl).toBeLessThanOrEqual(181 * DAY);
    expect(await redis.pttl(`${prefix}bookings:${tag}`)).toBeLessThanOrEqual(180 * DAY);
  });
});
