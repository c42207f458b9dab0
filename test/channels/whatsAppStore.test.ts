import type { Redis } from 'ioredis';
import { MemoryWhatsAppStore, RedisWhatsAppStore } from '../../src/channels/whatsapp/whatsAppStore';
import { whatsAppStoreContract } from '../contracts/whatsAppStore.contract';
import { connectTestRedis, uniquePrefix } from '../support/testRedis';
import { createIdDigest } from '../../src/storage/idDigest';

const digest = createIdDigest('test-secret');

const RETENTION = 30 * 24 * 60 * 60;
let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe.each([
  ['memory', () => new MemoryWhatsAppStore()],
  ['Redis', () => new RedisWhatsAppStore(redis, uniquePrefix(), RETENTION, digest)],
])('WhatsAppStore (%s)', (_name, make) => {
  whatsAppStoreContract(make);
});

describe('RedisWhatsAppStore on a real redis-server', () => {
  it('shares person keys between instances (separate connections)', async () => {
    const prefix = uniquePrefix();
    const other = connectTestRedis();
    try {
      const a = new RedisWhatsAppStore(redis, prefix, RETENTION, digest);
      const b = new RedisWhatsAppStore(other, prefix, RETENTION, digest);
      expect(await a.personKeyFor({ phone: '31633333333' }, '31633333333')).toBe('31633333333');
      expect(await b.personKeyFor({ phone: '31633333333', bsuid: 'NL.g' }, 'NL.g')).toBe('31633333333');
    } finally {
      await other.quit();
    }
  });

  it('keeps person keys and aliases only as long as the retention, each named by a keyed digest, never by the number or BSUID', async () => {
    const prefix = uniquePrefix();
    const store = new RedisWhatsAppStore(redis, prefix, RETENTION, digest);
    await store.personKeyFor({ phone: '31644444444', bsuid: 'NL.h' }, 'NL.h');
    await store.touch('NL.h', { phone: '31644444444', bsuid: 'NL.h' }, new Date());
    await store.hold('NL.h', 'a mentor message');
    const expected = [
      `${prefix}wa:alias:{${digest('phone:31644444444')}}`,
      `${prefix}wa:alias:{${digest('bsuid:NL.h')}}`,
      `${prefix}wa:person:{${digest('whatsapp:NL.h')}}`,
      `${prefix}wa:held:{${digest('whatsapp:NL.h')}}`,
    ];
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual([...expected].sort());
    for (const key of expected) {
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(RETENTION - 60);
      expect(ttl).toBeLessThanOrEqual(RETENTION);
    }
  });
});
