import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';

describe.each<[string, () => Record<string, string>]>([
  ['memory', () => ({})],
  ['Redis', () => ({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() })],
])('console sign-in (%s)', (_name, makeEnv) => {
  it('signs in with a secure, HttpOnly, SameSite session cookie and says who is signed in', async () => {
    const { app, url, stop } = await startTestApp(makeEnv());
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      const client = new ConsoleClient(url);
      const response = await client.login('Sara');
      expect(response.status).toBe(200);
      expect(client.setCookie).toMatch(/^vit_session=[\w-]{20,}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
      const me = await (await client.get('/console/api/me')).json();
      expect(me).toEqual({ user: { id: expect.any(String), username: 'sara', firstName: 'Sara', role: 'mentor', languages: ['ar'] }, csrfToken: client.csrf });
      expect(JSON.stringify(me)).not.toContain('scrypt');
    } finally {
      await stop();
    }
  });

  it('refuses a wrong password, then every attempt after five, with the time to wait', async () => {
    const { app, url, stop } = await startTestApp(makeEnv());
    try {
      await addAccount(app, 'omar', 'mentor');
      const client = new ConsoleClient(url);
      for (let i = 0; i < 5; i++) expect((await client.login('omar', 'wrong password!')).status).toBe(401);
      const blocked = await client.login('omar');
      expect(blocked.status).toBe(429);
      expect(await blocked.json()).toMatchObject({ error: 'too-many-attempts', retryAfterSeconds: expect.any(Number) });
      expect((await client.login('nobody', 'whatever pass')).status).toBe(401);
    } finally {
      await stop();
    }
  });

  it('needs a session for the API and the CSRF token for every change', async () => {
    const { app, url, stop } = await startTestApp(makeEnv());
    try {
      await addAccount(app, 'sara', 'mentor');
      const client = new ConsoleClient(url);
      expect((await client.get('/console/api/handoffs')).status).toBe(401);
      await client.login('sara');
      expect((await client.get('/console/api/handoffs')).status).toBe(200);
      expect((await client.post('/console/api/logout', {}, 'not-the-token')).status).toBe(403);
      expect((await client.post('/console/api/logout')).status).toBe(204);
      expect((await client.get('/console/api/me')).status).toBe(401);
    } finally {
      await stop();
    }
  });

  it('lets staff read but not take conversations, and disabled accounts not sign in', async () => {
    const { app, url, stop } = await startTestApp(makeEnv());
    try {
      await addAccount(app, 'lisa', 'staff');
      const disabled = await addAccount(app, 'ex', 'mentor');
      await app.accounts.update(disabled.id, { disabled: true });
      const staff = new ConsoleClient(url);
      await staff.login('lisa');
      expect((await staff.get('/console/api/handoffs')).status).toBe(200);
      expect((await staff.post('/console/api/handoffs/x/claim')).status).toBe(403);
      expect((await new ConsoleClient(url).login('ex')).status).toBe(401);
    } finally {
      await stop();
    }
  });
});
