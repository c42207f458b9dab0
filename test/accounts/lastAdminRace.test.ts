import type { Redis } from 'ioredis';
import { AccountError, AccountService } from '../../src/accounts/accountService';
import { MemoryAccountStore, RedisAccountStore, type AccountStore } from '../../src/accounts/accountStore';
import { MemoryInvitationStore } from '../../src/accounts/invitationStore';
import { MemoryAdminChangeLock, RedisAdminChangeLock, type AdminChangeLock } from '../../src/accounts/adminChangeLock';
import { SecretBox } from '../../src/accounts/secretBox';
import { MemoryAuditLog } from '../../src/people/auditLog';
import { connectTestRedis, testDigest, uniquePrefix } from '../support/testRedis';

const ROUNDS = 40;

/** One instance of the console: its own service (and, for Redis, its own connection) over the shared accounts. */
const serviceOver = (accounts: AccountStore, adminLock: AdminChangeLock) =>
  new AccountService({ accounts, adminLock, invitations: new MemoryInvitationStore(), endSessions: async () => undefined, audit: new MemoryAuditLog(), secrets: new SecretBox('s'.repeat(32)), require2fa: [], now: () => new Date() });

const activeAdmins = async (accounts: AccountStore) => (await accounts.list()).filter((a) => a.role === 'admin' && !a.disabled).map((a) => a.username);

/** The kinds of change that take an admin away: each admin does one to the other at the same moment. */
const CHANGES: Array<[string, (s: AccountService, actor: { username: string; role: string }, id: string) => Promise<unknown>]> = [
  ['demote', (s, actor, id) => s.change(actor, id, { role: 'staff' })],
  ['disable', (s, actor, id) => s.setDisabled(actor, id, true)],
];

async function race(makeStore: () => AccountStore, makeServices: (store: AccountStore) => [AccountService, AccountService]) {
  const outcomes = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++) {
    const store = makeStore();
    const [one, two] = makeServices(store);
    const anna = await store.create({ username: 'anna', firstName: 'Anna', role: 'admin', languages: [], passwordHash: '', disabled: false }, new Date());
    const bert = await store.create({ username: 'bert', firstName: 'Bert', role: 'admin', languages: [], passwordHash: '', disabled: false }, new Date());
    const [, annaDoes] = CHANGES[round % 2];
    const [, bertDoes] = CHANGES[Math.floor(round / 2) % 2];
    const results = await Promise.allSettled([annaDoes(one, { username: 'anna', role: 'admin' }, bert.id), bertDoes(two, { username: 'bert', role: 'admin' }, anna.id)]);
    // Exactly one change went through; the other was refused as the last admin's, and one admin is left.
    const refusals = results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as AccountError).code);
    expect(refusals).toEqual(['last-admin']);
    const left = await activeAdmins(store);
    expect(left).toHaveLength(1);
    outcomes.set(left[0], (outcomes.get(left[0]) ?? 0) + 1);
  }
  return outcomes;
}

describe('the last admin, when two admins demote or disable each other at the same moment', () => {
  let redis: Redis;
  let other: Redis;
  beforeAll(() => {
    redis = connectTestRedis();
    other = connectTestRedis();
  });
  afterAll(async () => {
    await redis.quit();
    await other.quit();
  });

  it(`keeps one active admin in ${ROUNDS} rounds on a real redis-server, two instances with their own connections`, async () => {
    let prefix = '';
    const outcomes = await race(
      () => {
        prefix = uniquePrefix();
        return new RedisAccountStore(redis, prefix, testDigest);
      },
      () => [
        serviceOver(new RedisAccountStore(redis, prefix, testDigest), new RedisAdminChangeLock(redis, prefix)),
        serviceOver(new RedisAccountStore(other, prefix, testDigest), new RedisAdminChangeLock(other, prefix)),
      ],
    );
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(ROUNDS);
    // The lock is freed after each change.
    expect(await redis.keys(`${prefix}accounts:admin-change`)).toEqual([]);
  }, 60_000);

  it(`keeps one active admin in ${ROUNDS} rounds in memory (one process)`, async () => {
    const outcomes = await race(
      () => new MemoryAccountStore(),
      (store) => {
        const lock = new MemoryAdminChangeLock();
        return [serviceOver(store, lock), serviceOver(store, lock)];
      },
    );
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(ROUNDS);
  });

  it('gives up with "busy" when another instance holds the lock too long, and changes nothing', async () => {
    const prefix = uniquePrefix();
    const store = new RedisAccountStore(redis, prefix, testDigest);
    await store.create({ username: 'anna', firstName: 'Anna', role: 'admin', languages: [], passwordHash: '', disabled: false }, new Date());
    const bert = await store.create({ username: 'bert', firstName: 'Bert', role: 'admin', languages: [], passwordHash: '', disabled: false }, new Date());
    await redis.set(`${prefix}accounts:admin-change`, 'someone-else', 'PX', 60_000);
    const service = serviceOver(store, new RedisAdminChangeLock(redis, prefix, { waitMs: 50 }));
    await expect(service.setDisabled({ username: 'anna', role: 'admin' }, bert.id, true)).rejects.toMatchObject({ code: 'busy' });
    expect(await activeAdmins(store)).toEqual(['anna', 'bert']);
    // Changes that cannot take an admin away do not wait for it.
    await expect(service.change({ username: 'anna', role: 'admin' }, bert.id, { languages: ['nl'] })).resolves.toMatchObject({ languages: ['nl'] });
  });
});
