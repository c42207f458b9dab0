import type { Redis } from 'ioredis';
import { AccountService } from '../../src/accounts/accountService';
import { MemoryAccountStore, RedisAccountStore, type AccountStore } from '../../src/accounts/accountStore';
import { MemoryInvitationStore } from '../../src/accounts/invitationStore';
import { MemoryTeamsLinkRequests, RedisTeamsLinkRequests, type TeamsLinkRequests } from '../../src/accounts/teamsLinkRequests';
import { SecretBox } from '../../src/accounts/secretBox';
import { MemoryAuditLog } from '../../src/people/auditLog';
import { connectTestRedis, testDigest, uniquePrefix } from '../support/testRedis';

const KEES = '5c4b3a29-1807-46f5-a4d3-c2b1a0f9e8d7';
const OMAR = '3f2a6c1e-8b4d-4e7a-9c0f-1b2c3d4e5f60';
const ADMIN = { username: 'anna', role: 'admin' };

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe.each<[string, () => { accounts: AccountStore; linkRequests: TeamsLinkRequests }]>([
  ['memory', () => ({ accounts: new MemoryAccountStore(), linkRequests: new MemoryTeamsLinkRequests() })],
  ['Redis', () => {
    const prefix = uniquePrefix();
    return { accounts: new RedisAccountStore(redis, prefix, testDigest), linkRequests: new RedisTeamsLinkRequests(redis, prefix) };
  }],
])('the "link me" list of the accounts page (%s)', (_name, make) => {
  it('drops a request once its Teams user is linked, by the page or by any other way, and forgets it for good', async () => {
    const { accounts, linkRequests } = make();
    const service = new AccountService({ accounts, linkRequests, invitations: new MemoryInvitationStore(), endSessions: async () => undefined, audit: new MemoryAuditLog(), secrets: new SecretBox('s'.repeat(32)), require2fa: [], now: () => new Date() });
    const kees = await accounts.create({ username: 'kees', firstName: 'Kees', role: 'mentor', languages: [], passwordHash: '', disabled: false }, new Date());
    const omar = await accounts.create({ username: 'omar', firstName: 'Omar', role: 'mentor', languages: [], passwordHash: '', disabled: false }, new Date());
    await linkRequests.add({ aadObjectId: KEES.toUpperCase(), name: 'Kees Bakker', at: new Date(Date.now() - 1000).toISOString() });
    await linkRequests.add({ aadObjectId: OMAR, name: 'Omar A.', at: new Date().toISOString() });
    expect((await service.teamsLinkRequests()).map((r) => r.name)).toEqual(['Omar A.', 'Kees Bakker']);

    // Linked on the page: gone from the list and from the store.
    await service.linkTeams(ADMIN, kees.id, KEES);
    expect((await service.teamsLinkRequests()).map((r) => r.name)).toEqual(['Omar A.']);
    expect((await linkRequests.list(new Date())).map((r) => r.name)).toEqual(['Omar A.']);

    // Linked without the service (an older instance, a store written by hand): the list still leaves it out and removes it.
    await accounts.linkTeams(omar.id, OMAR);
    expect(await service.teamsLinkRequests()).toEqual([]);
    expect(await linkRequests.list(new Date())).toEqual([]);
  });
});
