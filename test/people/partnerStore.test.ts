import type { Redis } from 'ioredis';
import { askConsent } from '../../src/domain/partnerSteps';
import { MemoryPartnerStore, RedisPartnerStore } from '../../src/people/partnerStore';
import { createIdDigest } from '../../src/storage/idDigest';
import { connectTestRedis, keyspace, uniquePrefix } from '../support/testRedis';
import { partnerStoreContract } from '../contracts/partnerStore.contract';

const digest = createIdDigest('partner-test-secret-0123456789');
let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryPartnerStore', () => {
  partnerStoreContract((retentionMs) => new MemoryPartnerStore(retentionMs));
});

describe('RedisPartnerStore on a real redis-server', () => {
  partnerStoreContract((retentionMs) => new RedisPartnerStore(redis, uniquePrefix(), digest, retentionMs));

  it('names the key by the person\u2019s keyed digest under their hash tag (the journey\u2019s), and keeps it for the state retention', async () => {
    const prefix = uniquePrefix();
    const store = new RedisPartnerStore(redis, prefix, digest, 180 * 86_400_000);
    const asked = askConsent(undefined, 'motopp', 'selected', { id: 'a', firstName: 'Noor' }, 'tr', new Date());
    if (!asked.ok) throw new Error('refused');
    await store.save({ channelId: 'whatsapp', userId: '31612345678' }, asked.file, 0);
    const keys = (await keyspace(redis, prefix)).map(([key]) => key);
    const tag = `{${digest('whatsapp:31612345678')}}`;
    expect(keys).toEqual([`${prefix}partner:${tag}`]);
    expect(keys.join(' ')).not.toContain('31612345678');
    const ttl = await redis.pttl(`${prefix}partner:${tag}`);
    expect(ttl).toBeGreaterThan(179 * 86_400_000);
    expect(ttl).toBeLessThanOrEqual(180 * 86_400_000);
  });
});
