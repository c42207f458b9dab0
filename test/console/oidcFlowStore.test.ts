import type { Redis } from 'ioredis';
import { MemoryOidcFlowStore, RedisOidcFlowStore } from '../../src/console/oidcFlowStore';
import { connectTestRedis, keyspace, uniquePrefix } from '../support/testRedis';
import { oidcFlowStoreContract } from '../contracts/oidcFlowStore.contract';

const TEN_MINUTES = 600;
const flow = { state: 's', nonce: 'n', codeVerifier: 'v'.repeat(43) };

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryOidcFlowStore', () => {
  oidcFlowStoreContract(() => new MemoryOidcFlowStore(TEN_MINUTES));

  it('forgets a flow when its time is up', async () => {
    let now = Date.parse('2026-12-06T10:00:00Z');
    const store = new MemoryOidcFlowStore(TEN_MINUTES, () => now);
    await store.put('late', flow);
    await store.put('in-time', flow);
    now += TEN_MINUTES * 1000 - 1;
    expect(await store.take('in-time')).toEqual(flow);
    now += 1;
    expect(await store.take('late')).toBeUndefined();
  });
});

describe('RedisOidcFlowStore on a real redis-server', () => {
  oidcFlowStoreContract(() => new RedisOidcFlowStore(redis, uniquePrefix(), TEN_MINUTES));

  it('keeps a flow under the digest of its id, expiring, and removes it when taken', async () => {
    const prefix = uniquePrefix();
    const store = new RedisOidcFlowStore(redis, prefix, TEN_MINUTES);
    await store.put('the-flow-id-from-the-cookie', flow);
    const keys = await keyspace(redis, prefix);
    expect(keys).toHaveLength(1);
    const [[key]] = keys;
    expect(key).toMatch(new RegExp(`^${prefix}oidc-flow:[\\w-]{43}$`));
    expect(key).not.toContain('the-flow-id-from-the-cookie');
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(TEN_MINUTES);
    await store.take('the-flow-id-from-the-cookie');
    expect(await keyspace(redis, prefix)).toEqual([]);
  });
});
