import type { Redis } from 'ioredis';
import { RedisAccountStore } from '../../src/accounts/accountStore';
import { MemorySessionStore } from '../../src/console/sessionStore';
import { runUsers } from '../../src/cli/usersCommand';
import { AccountService } from '../../src/accounts/accountService';
import { MemoryInvitationStore } from '../../src/accounts/invitationStore';
import { SecretBox } from '../../src/accounts/secretBox';
import { MemoryAuditLog } from '../../src/people/auditLog';
import { connectTestRedis, testDigest, uniquePrefix } from '../support/testRedis';

describe('vit-bot users capacity', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('sets, shows and removes how many conversations a mentor may have at once, and refuses what is not a cap', async () => {
    const accounts = new RedisAccountStore(redis, uniquePrefix(), testDigest);
    const out: string[] = [];
    const err: string[] = [];
    const sessions = new MemorySessionStore(3600);
    const audit = new MemoryAuditLog();
    const service = new AccountService({
      accounts,
      invitations: new MemoryInvitationStore(),
      endSessions: (id) => sessions.deleteForAccount(id),
      audit,
      secrets: new SecretBox('test secret'),
      require2fa: [],
      now: () => new Date(),
    });
    const run = (args: string[]) => runUsers(args, { service, actor: { username: 'cli:test', role: 'cli' }, readPassword: async () => '', write: (l) => out.push(l), writeError: (l) => err.push(l) });
    expect(await run(['add', 'sara', '--role', 'mentor', '--first-name', 'Sara', '--languages', 'ar'])).toBe(0);

    expect(await run(['capacity', 'sara', '3'])).toBe(0);
    expect(out.at(-1)).toBe('sara may have 3 conversations at once');
    expect((await accounts.byUsername('sara'))?.capacity).toBe(3);
    out.length = 0;
    expect(await run(['list'])).toBe(0);
    expect(out).toEqual(['sara\tmentor\tSara\tar\tactive\t-\t-\tinvited\t3']);

    for (const wrong of ['0', '51', '2.5', 'many']) expect(await run(['capacity', 'sara', wrong])).toBe(1);
    expect(err.at(-1)).toBe('users capacity: give a whole number from 1 to 50, or none for no cap');
    expect(await run(['capacity', 'nobody', '2'])).toBe(1);
    expect((await accounts.byUsername('sara'))?.capacity).toBe(3);

    expect(await run(['capacity', 'sara', 'none'])).toBe(0);
    expect(out.at(-1)).toBe('sara has no cap');
    expect((await accounts.byUsername('sara'))?.capacity).toBeUndefined();

    // Given at add: the account starts with its cap; a wrong one makes no account.
    expect(await run(['add', 'omar', '--role', 'mentor', '--capacity', '2'])).toBe(0);
    expect((await accounts.byUsername('omar'))?.capacity).toBe(2);
    expect(await run(['add', 'kees', '--role', 'mentor', '--capacity', '0'])).toBe(1);
    expect(err.at(-1)).toBe('users add: --capacity is a whole number from 1 to 50, or none');
    expect(await accounts.byUsername('kees')).toBeUndefined();
    expect((await audit.between(new Date(Date.now() - 60_000), new Date(Date.now() + 1000))).map((e) => e.target)).toContain('omar (mentor, capacity 2)');
  });
});
