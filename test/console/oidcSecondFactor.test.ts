import { Secret, TOTP } from 'otpauth';
import { startTestApp } from '../support/testApp';
import { freePort } from '../support/redisServer';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { FakeOpenIdProvider } from '../support/fakeOpenIdProvider';

const LISA_OID = '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4';
const codeAt = (secret: string, at = Date.now()) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });

let provider: FakeOpenIdProvider;
beforeAll(async () => {
  provider = await new FakeOpenIdProvider('console-client-id', 'console-client-secret').start();
});
afterAll(async () => {
  await provider.stop();
});

/** A browser's way through Microsoft sign-in, redirect by redirect; the client holds the session cookie the callback set. */
async function microsoftSignIn(url: string): Promise<{ client: ConsoleClient; location: string | null }> {
  const start = await fetch(`${url}/console/auth/oidc/start`, { redirect: 'manual' });
  const flowCookie = start.headers.getSetCookie().find((c) => c.startsWith('vit_oidc='))!.split(';')[0];
  const atProvider = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const callback = await fetch(atProvider.headers.get('location')!, { redirect: 'manual', headers: { Cookie: flowCookie } });
  const client = new ConsoleClient(url);
  client.cookie = (callback.headers.getSetCookie().find((c) => c.startsWith('vit_session=')) ?? '').split(';')[0];
  return { client, location: callback.headers.get('location') };
}

/** Takes the new session a finished second step gives (a new cookie and CSRF token). */
async function adopt(client: ConsoleClient, response: Response) {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('vit_session='));
  if (cookie) client.cookie = cookie.split(';')[0];
  const body = await response.clone().json();
  if (body.csrfToken) client.csrf = body.csrfToken;
  return body;
}

describe.each<[string, () => Record<string, string>]>([
  ['memory', () => ({})],
  ['Redis', () => ({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() })],
])('Microsoft sign-in and the second factor together (%s)', (_name, makeEnv) => {
  it('a staff member signed in by Microsoft sets up, then gives, a code before the session opens anything', async () => {
    const port = await freePort();
    // CONSOLE_REQUIRE_2FA at its production default (the test app turns it off unless told).
    const { app, url, stop } = await startTestApp({ ...makeEnv(), ...provider.env, CONSOLE_REQUIRE_2FA: 'staff,admin', CONSOLE_PUBLIC_URL: `http://127.0.0.1:${port}/console`, CONSOLE_SECURE_COOKIE: 'false' }, { port });
    try {
      const lisa = await addAccount(app, 'lisa', 'staff', ['nl']);
      await app.accounts.linkTeams(lisa.id, LISA_OID);
      provider.user = { oid: LISA_OID, name: 'Lisa de Vries' };

      // First time: back at the console with a session that is only a stage: "set up the app".
      const first = await microsoftSignIn(url);
      expect(first.location).toBe('/console');
      expect(first.client.cookie).toMatch(/^vit_session=[\w-]{20,}$/);
      expect((await first.client.get('/console/api/me')).status).toBe(401);
      expect((await first.client.get('/console/api/handoffs')).status).toBe(401);
      const stage = await (await first.client.get('/console/api/login/stage')).json();
      expect(stage).toEqual({ user: expect.objectContaining({ username: 'lisa', role: 'staff' }), csrfToken: expect.any(String), stage: 'enrol' });
      first.client.csrf = stage.csrfToken;
      // The stage opens the second-factor calls only: no code, no session.
      expect((await first.client.post('/console/api/login/second-factor', { code: '123456' })).status).toBe(401);
      const enrol = await (await first.client.post('/console/api/second-factor/start')).json();
      const code = codeAt(enrol.secret);
      const done = await adopt(first.client, await first.client.post('/console/api/second-factor/confirm', { code }));
      expect(done.recoveryCodes).toHaveLength(10);
      expect(await (await first.client.get('/console/api/me')).json()).toMatchObject({ user: { username: 'lisa', role: 'staff' } });

      // Next time: the stage asks for a code; the one just used is refused, the next one opens the session.
      const second = await microsoftSignIn(url);
      expect((await second.client.get('/console/api/me')).status).toBe(401);
      const asked = await (await second.client.get('/console/api/login/stage')).json();
      expect(asked.stage).toBe('second-factor');
      second.client.csrf = asked.csrfToken;
      expect(await (await second.client.post('/console/api/login/second-factor', { code })).json()).toMatchObject({ error: 'code-reused' });
      expect((await second.client.get('/console/api/me')).status).toBe(401);
      const full = await adopt(second.client, await second.client.post('/console/api/login/second-factor', { code: codeAt(enrol.secret, Date.now() + 30_000) }));
      expect(full.user).toMatchObject({ username: 'lisa' });
      expect((await second.client.get('/console/api/me')).status).toBe(200);

      const actions = (await app.records.audit.between(new Date(Date.now() - 600_000), new Date(Date.now() + 1000))).map((e) => `${e.actor} ${e.action}`);
      expect(actions).toContain('lisa enrol-second-factor');
    } finally {
      await stop();
    }
  });
});
