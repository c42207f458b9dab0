import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/projectRoot';
import { RedisAccountStore } from '../../src/accounts/accountStore';
import { verifyPassword } from '../../src/accounts/passwords';
import { appDigest, connectTestRedis, testRedisUrl, uniquePrefix } from '../support/testRedis';

function users(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist/src/cli/main.js'), 'users', ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('vit-bot users', () => {
  it('adds, lists, disables, enables and resets console accounts in Redis', async () => {
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() };
    const redis = connectTestRedis();
    try {
      const store = new RedisAccountStore(redis, env.REDIS_KEY_PREFIX, appDigest(env.REDIS_KEY_PREFIX));
      const added = await users(['add', 'sara', '--role', 'mentor', '--first-name', 'Sara', '--languages', 'ar,tr'], env);
      expect(added.code).toBe(0);
      // No password typed by an admin: a one-time set-password link to pass on.
      expect(added.stdout).toMatch(/^added sara \(mentor\); set-password link, valid until \S+: \/console\/#\/set-password\?token=[\w-]{43}\n$/);
      const sara = await store.byUsername('sara');
      expect(sara).toMatchObject({ username: 'sara', firstName: 'Sara', role: 'mentor', languages: ['ar', 'tr'], disabled: false, passwordHash: '' });

      expect(await users(['add', 'sara', '--role', 'staff'], env)).toMatchObject({ code: 1, stderr: 'users add: an account "sara" already exists\n' });
      expect(await users(['add', 'x y', '--role', 'staff'], env)).toMatchObject({ code: 1 });
      expect(await users(['add', 'lisa', '--role', 'boss'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('--role must be one of mentor, staff, admin') });
      expect(await users(['add', 'kees', '--role', 'admin', '--password-stdin'], env, 'short\n')).toMatchObject({ code: 1, stderr: expect.stringContaining('at least 12') });
      expect(await users(['add', 'kees', '--role', 'admin', '--password-stdin'], env, 'Qwerty123456\n')).toMatchObject({ code: 1, stderr: expect.stringContaining('most common') });
      expect((await users(['add', 'kees', '--role', 'admin', '--password-stdin'], env, 'a long enough secret\n')).code).toBe(0);
      expect(await verifyPassword('a long enough secret', (await store.byUsername('kees'))!.passwordHash)).toBe(true);

      const list = await users(['list'], env);
      expect(list.stdout.trim().split('\n')).toEqual(['kees\tadmin\tkees\t-\tactive\t-\t-\tpassword\t-', 'sara\tmentor\tSara\tar,tr\tactive\t-\t-\tinvited\t-']);
      expect((await users(['disable', 'sara'], env)).stdout).toBe('disabled sara\n');
      expect((await store.byUsername('sara'))?.disabled).toBe(true);
      expect((await users(['enable', 'sara'], env)).code).toBe(0);
      const reset = await users(['reset-password', 'kees'], env);
      expect(reset.stdout).toMatch(/^reset kees; set-password link, valid until \S+: \/console\/#\/set-password\?token=[\w-]{43}\n$/);
      expect((await store.byUsername('kees'))!.passwordHash).toBe('');
      expect(await users(['set-role', 'kees', 'mentor'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('last active admin') });
      expect(await users(['set-role', 'sara', 'boss'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('role must be one of') });
      expect((await users(['reset-password', 'sara', '--password-stdin'], env, 'another long secret\n')).code).toBe(0);
      expect(await verifyPassword('another long secret', (await store.byUsername('sara'))!.passwordHash)).toBe(true);
      expect(await users(['disable', 'nobody'], env)).toMatchObject({ code: 1, stderr: 'users disable: no account "nobody"\n' });
      expect((await users(['fly'], env)).code).toBe(2);
    } finally {
      await redis.quit();
    }
    // Thirteen CLI processes, each loading the whole app (1.5–2 s apiece on a busy 2-core machine).
  }, 90_000);

  it('explains that accounts need Redis', async () => {
    const result = await users(['list'], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('users are kept in Redis: set REDIS_URL');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
