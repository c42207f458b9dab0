import type { Redis } from 'ioredis';
import { RedisAccountStore } from '../../src/accounts/accountStore';
import { MemorySessionStore } from '../../src/console/sessionStore';
import { runUsers, USERS_USAGE } from '../../src/cli/usersCommand';
import { AccountService } from '../../src/accounts/accountService';
import { MemoryInvitationStore } from '../../src/accounts/invitationStore';
import { SecretBox } from '../../src/accounts/secretBox';
import { MemoryAuditLog } from '../../src/people/auditLog';
import { connectTestRedis, testDigest, uniquePrefix } from '../support/testRedis';

describe('vit-bot users link-teams / unlink-teams', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    await redis.quit();
  });

  function cli(accounts: RedisAccountStore) {
    const out: string[] = [];
    const err: string[] = [];
    const sessions = new MemorySessionStore(3600);
    const service = new AccountService({
      accounts,
      invitations: new MemoryInvitationStore(),
      endSessions: (id) => sessions.deleteForAccount(id),
      audit: new MemoryAuditLog(),
      secrets: new SecretBox('test secret'),
      require2fa: [],
      now: () => new Date(),
    });
    const run = (args: string[]) => runUsers(args, { service, actor: { username: 'cli:test', role: 'cli' }, readPassword: async () => '', write: (l) => out.push(l), writeError: (l) => err.push(l) });
    return { run, out, err };
  }

  it('links a console account to a Teams user, shows it in the list, refuses a second account, and unlinks', async () => {
    const accounts = new RedisAccountStore(redis, uniquePrefix(), testDigest);
    const { run, out, err } = cli(accounts);
    const aad = '6C7F1D2E-3A4B-4C5D-8E9F-0A1B2C3D4E5F';
    expect(await run(['add', 'sara', '--role', 'mentor', '--first-name', 'Sara', '--languages', 'ar'])).toBe(0);
    expect(await run(['add', 'omar', '--role', 'mentor'])).toBe(0);

    expect(await run(['link-teams', 'sara', aad])).toBe(0);
    expect(out.at(-1)).toBe(`linked sara to Teams user ${aad.toLowerCase()}`);
    expect(await accounts.byTeamsAadObjectId(aad)).toMatchObject({ username: 'sara' });

    out.length = 0;
    expect(await run(['list'])).toBe(0);
    expect(out).toEqual(['omar\tmentor\tomar\t-\tactive\t-\t-\tinvited\t-', `sara\tmentor\tSara\tar\tactive\t${aad.toLowerCase()}\t-\tinvited\t-`]);

    expect(await run(['link-teams', 'omar', aad])).toBe(1);
    expect(err.at(-1)).toBe('users link-teams: this Teams user is already linked to sara; unlink it there first');
    expect(await run(['link-teams', 'omar', 'not-a-guid'])).toBe(1);
    expect(err.at(-1)).toContain('Microsoft Entra object id');
    expect(await run(['link-teams', 'nobody', aad])).toBe(1);
    expect(err.at(-1)).toBe('users link-teams: no account "nobody"');

    expect(await run(['unlink-teams', 'sara'])).toBe(0);
    expect(out.at(-1)).toBe('unlinked sara from Teams');
    expect(await accounts.byTeamsAadObjectId(aad)).toBeUndefined();
    expect(await run(['unlink-teams', 'sara'])).toBe(1);
    expect(err.at(-1)).toBe('users unlink-teams: sara is not linked to Teams');
    expect(await run(['link-teams', 'omar', aad])).toBe(0);
  });

  it('explains both commands in its usage text', () => {
    expect(USERS_USAGE).toContain('vit-bot users link-teams NAME AAD_OBJECT_ID | unlink-teams NAME');
  });
});
