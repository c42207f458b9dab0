import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';

/**
 * Items 3 and 12 of the security review, replayed: 200 parallel logins passed the throttle (it was
 * checked before the slow password check and counted after it), and session tokens were Redis key names.
 */

const login = (url: string, username: string, password: string, forwardedFor?: string) =>
  fetch(`${url}/console/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) },
    body: JSON.stringify({ username, password }),
  });

describe('console logins and sessions', () => {
  it.each([
    ['memory', {}],
    ['Redis', { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() }],
  ])('checks at most 5 passwords for one name under 200 parallel attempts, so the right one among them does not get in (%s)', async (_name, env) => {
    const { app, url, stop } = await startTestApp(env);
    try {
      await addAccount(app, 'sara', 'admin', [], 'the right password');
      const attempts = Array.from({ length: 200 }, (_, i) => (i === 199 ? 'the right password' : `wrong ${i}`));
      const statuses = await Promise.all(attempts.map((password) => login(url, 'sara', password).then((r) => r.status)));
      expect(statuses.filter((s) => s === 401 || s === 200).length).toBe(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(195);
      expect(statuses[199]).toBe(429);
      // And still locked for the right password afterwards.
      expect((await login(url, 'sara', 'the right password')).status).toBe(429);
    } finally {
      await stop();
    }
  });

  it('checks at most 20 passwords from one address under 200 parallel attempts on many names', async () => {
    const { url, stop } = await startTestApp({ TRUSTED_PROXY_HOPS: '1', REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() });
    try {
      const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => login(url, `name-${i}`, 'wrong', '203.0.113.9').then((r) => r.status)));
      expect(statuses.filter((s) => s === 401)).toHaveLength(20);
      expect(statuses.filter((s) => s === 429)).toHaveLength(180);
    } finally {
      await stop();
    }
  });

  it('lets a right password in without using up the address\u2019s attempts', async () => {
    const { app, url, stop } = await startTestApp({ TRUSTED_PROXY_HOPS: '1' });
    try {
      await addAccount(app, 'omar', 'mentor', [], 'the right password');
      for (let i = 0; i < 25; i++) expect((await login(url, 'omar', 'the right password', '198.51.100.4')).status).toBe(200);
    } finally {
      await stop();
    }
  });

  it('keeps no session token, user name or address in a Redis key name or value', async () => {
    const prefix = uniquePrefix();
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    const redis = connectTestRedis();
    try {
      await addAccount(app, 'kees', 'staff', [], 'the right password');
      const client = new ConsoleClient(url);
      expect((await client.login('kees', 'the right password')).status).toBe(200);
      expect((await login(url, 'kees', 'wrong')).status).toBe(401);
      const token = decodeURIComponent(client.cookie.split('=')[1]);
      expect(token.length).toBeGreaterThan(20);
      const everything = (await keyspace(redis, prefix)).flat().join('\n');
      expect(everything).not.toContain(token);
      expect(everything).not.toContain('login-failures:name:kees');
      expect(everything).not.toContain('127.0.0.1');
      // The session still works, and logging out ends it.
      expect((await client.get('/console/api/me')).status).toBe(200);
      expect((await client.post('/console/api/logout', {})).status).toBe(204);
      expect((await client.get('/console/api/me')).status).toBe(401);
    } finally {
      redis.disconnect();
      await stop();
    }
  });
});
