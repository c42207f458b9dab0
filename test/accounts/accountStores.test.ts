import type { Redis } from 'ioredis';
import { MemoryAccountStore, RedisAccountStore } from '../../src/accounts/accountStore';
import { MemoryInvitationStore, RedisInvitationStore } from '../../src/accounts/invitationStore';
import { connectTestRedis, testDigest, uniquePrefix } from '../support/testRedis';
import { accountStoreContract, invitationStoreContract, teamsLinkRequestsContract } from '../contracts/accountStore.contract';
import { MemoryTeamsLinkRequests, RedisTeamsLinkRequests } from '../../src/accounts/teamsLinkRequests';

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryAccountStore', () => {
  accountStoreContract(() => new MemoryAccountStore());
});

describe('RedisAccountStore on a real redis-server', () => {
  accountStoreContract(() => new RedisAccountStore(redis, uniquePrefix(), testDigest));

  it('keeps an account\'s second-factor keys under one hash tag, the account id', async () => {
    const prefix = uniquePrefix();
    const store = new RedisAccountStore(redis, prefix, testDigest);
    const { id } = await store.create({ username: 'sara', firstName: 'Sara', role: 'mentor', languages: [], passwordHash: '', disabled: false }, new Date());
    await store.useTotpStep(id, 5);
    await store.setRecoveryCodes(id, ['x']);
    expect((await redis.keys(`${prefix}account-2fa:*`)).sort()).toEqual([`${prefix}account-2fa:{${id}}:recovery`, `${prefix}account-2fa:{${id}}:step`]);
  });
});

describe('MemoryInvitationStore', () => {
  invitationStoreContract(() => new MemoryInvitationStore());
});

describe('RedisInvitationStore on a real redis-server', () => {
  invitationStoreContract(() => new RedisInvitationStore(redis, uniquePrefix()));

  it('keeps only a digest of the token, and forgets the invitation a week after it expired', async () => {
    const prefix = uniquePrefix();
    const store = new RedisInvitationStore(redis, prefix);
    const expires = new Date(Date.now() + 72 * 3600_000);
    await store.create('acc-1', 'the-digest', expires);
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual([`${prefix}invitation-of:{acc-1}`, `${prefix}invitation:{the-digest}`]);
    const ttl = await redis.pttl(`${prefix}invitation:{the-digest}`);
    expect(Math.abs(ttl - (expires.getTime() + 7 * 24 * 3600_000 - Date.now()))).toBeLessThan(60_000);
  });
});

describe('MemoryTeamsLinkRequests', () => {
  teamsLinkRequestsContract(() => new MemoryTeamsLinkRequests());
});

describe('RedisTeamsLinkRequests on a real redis-server', () => {
  teamsLinkRequestsContract(() => new RedisTeamsLinkRequests(redis, uniquePrefix()));
});
