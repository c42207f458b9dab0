import type { Redis } from 'ioredis';
import { startTestApp } from '../support/testApp';
import { freePort } from '../support/redisServer';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { FakeOpenIdProvider } from '../support/fakeOpenIdProvider';
import type { App } from '../../src/app';

const SARA_OID = '3f2a6c1e-8b4d-4e7a-9c0f-1b2c3d4e5f60';
const ADMIN_OID = '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4';
const OMAR_OID = '5c4b3a29-1807-46f5-a4d3-c2b1a0f9e8d7';
const STRANGER_OID = '11111111-2222-4333-8444-555555555555';

let provider: FakeOpenIdProvider;
beforeAll(async () => {
  provider = await new FakeOpenIdProvider('console-client-id', 'console-client-secret').start();
});
afterAll(async () => {
  await provider.stop();
});

/** The app on a port known beforehand, so CONSOLE_PUBLIC_URL (the redirect URI's base) names it. */
async function startWithMicrosoft(env: Record<string, string>, oidc: Record<string, string> = provider.env) {
  const port = await freePort();
  const started = await startTestApp({ ...env, ...oidc, CONSOLE_PUBLIC_URL: `http://127.0.0.1:${port}/console`, CONSOLE_SECURE_COOKIE: 'false' }, { port });
  return { ...started, sessionKeys: () => sessionKeys(started.app, env.REDIS_KEY_PREFIX) };
}

const cookieNamed = (response: Response, name: string) => response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

/**
 * A browser's way through the sign-in, redirect by redirect, carrying the flow cookie: the console's
 * start, the provider's /authorize, back to the console's callback (`alter` changes what the provider
 * sends back, as an attacker could).
 */
async function microsoftSignIn(url: string, options: { alter?: (back: URL) => void; withoutFlowCookie?: boolean } = {}) {
  const start = await fetch(`${url}/console/auth/oidc/start`, { redirect: 'manual' });
  expect(start.status).toBe(303);
  const flowCookie = cookieNamed(start, 'vit_oidc')!;
  const atProvider = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const back = new URL(atProvider.headers.get('location')!);
  options.alter?.(back);
  const headers: Record<string, string> = options.withoutFlowCookie ? {} : { Cookie: flowCookie.split(';')[0] };
  const callback = await fetch(back, { redirect: 'manual', headers });
  return { start, flowCookie, back, headers, callback, location: callback.headers.get('location'), session: cookieNamed(callback, 'vit_session') };
}

/** Sessions in Redis (memory has no such view; there the refused answers' cookies are what shows). */
async function sessionKeys(app: App, prefix: string | undefined): Promise<string[]> {
  const redis = app.redis as Redis | undefined;
  return redis && prefix ? redis.keys(`${prefix}session*`) : [];
}

describe.each<[string, () => Record<string, string>]>([
  ['memory', () => ({})],
  ['Redis', () => ({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() })],
])('sign in with Microsoft through a fake OpenID provider (%s)', (_name, makeEnv) => {
  it('signs the linked mentor in with a console session, by the oid claim, with PKCE, state and nonce', async () => {
    const env = makeEnv();
    const { app, url, stop, sessionKeys } = await startWithMicrosoft(env);
    try {
      const sara = await addAccount(app, 'sara', 'mentor', ['ar']);
      await app.accounts.linkTeams(sara.id, SARA_OID);
      provider.user = { oid: SARA_OID, name: 'Sara Haddad' };
      const options = await (await fetch(`${url}/console/api/login-options`)).json();
      expect(options).toEqual({ microsoft: true });

      const tokenRequestsBefore = provider.tokenRequests.length;
      const flow = await microsoftSignIn(url);
      expect(flow.flowCookie).toMatch(/^vit_oidc=[\w-]{40,}; Path=\/console\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=600$/);
      const asked = provider.authorizeRequests.at(-1)!;
      expect(asked.get('redirect_uri')).toBe(`${url}/console/auth/oidc/callback`);
      expect(asked.get('scope')).toBe('openid profile');
      expect(asked.get('code_challenge_method')).toBe('S256');
      expect(asked.get('state')).toMatch(/^[\w-]{20,}$/);
      expect(asked.get('nonce')).toMatch(/^[\w-]{20,}$/);
      // Nothing the provider needs to check the flow is in the cookie: state, nonce and verifier stay on the server.
      expect(flow.flowCookie).not.toContain(asked.get('state')!);
      expect(provider.tokenRequests.length).toBe(tokenRequestsBefore + 1);
      expect(provider.tokenRequests.at(-1)!.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);

      expect(flow.callback.status).toBe(303);
      expect(flow.location).toBe('/console');
      expect(flow.session).toMatch(/^vit_session=[\w-]{20,}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=43200$/);
      expect(cookieNamed(flow.callback, 'vit_oidc')).toMatch(/^vit_oidc=; .*Max-Age=0/);
      const client = new ConsoleClient(url);
      client.cookie = flow.session!.split(';')[0];
      const me = await (await client.get('/console/api/me')).json();
      if (env.REDIS_URL) expect((await sessionKeys()).length).toBeGreaterThan(0);
      expect(me).toEqual({ user: { id: sara.id, username: 'sara', firstName: 'Sara', role: 'mentor', languages: ['ar'] }, csrfToken: expect.any(String) });

      // The same answer from the provider a second time (a replayed address) finds no sign-in under way.
      const replay = await fetch(flow.back, { redirect: 'manual', headers: flow.headers });
      expect(replay.headers.get('location')).toBe('/console?signin=expired');
      expect(cookieNamed(replay, 'vit_session')).toBeUndefined();
    } finally {
      await stop();
    }
  });

  describe('refusals (one app; no session is ever made in it)', () => {
    let started: Awaited<ReturnType<typeof startWithMicrosoft>>;
    beforeAll(async () => {
      started = await startWithMicrosoft(makeEnv());
      const sara = await addAccount(started.app, 'sara', 'mentor');
      await started.app.accounts.linkTeams(sara.id, SARA_OID);
      const admin = await addAccount(started.app, 'ada', 'admin');
      await started.app.accounts.linkTeams(admin.id, ADMIN_OID);
      const omar = await addAccount(started.app, 'omar', 'mentor');
      await started.app.accounts.linkTeams(omar.id, OMAR_OID);
      await started.app.accounts.update(omar.id, { disabled: true });
    });
    afterAll(async () => {
      await started?.stop();
    });
    afterEach(async () => {
      expect(await started.sessionKeys()).toEqual([]);
      expect(started.logs.text).not.toContain(SARA_OID);
    });

    it.each<[string, Parameters<FakeOpenIdProvider['faultNext']>[0], RegExp]>([
      ['a wrong issuer', { issuer: 'https://login.example.org/other-tenant/v2.0' }, /"iss" \(issuer\) claim/],
      ['a wrong audience', { audience: 'another-client-id' }, /"aud" \(audience\) claim/],
      ['a wrong nonce', { nonce: 'a-nonce-from-another-sign-in' }, /"nonce" claim/],
      ['an expired token', { expiredSecondsAgo: 600 }, /"exp" \(expiration time\)/],
      ['a tampered payload (the oid swapped for the admin\u2019s)', { tamperedOid: ADMIN_OID }, /signature verification failed/],
      ['a signature by a key not in the JWKS', { foreignKey: true }, /signature verification failed/],
    ])('refuses an ID token with %s: no session', async (_what, fault, why) => {
      const { url, logs } = started;
      provider.user = { oid: SARA_OID };
      provider.faultNext(fault);
      const logged = logs.lines.length;
      const flow = await microsoftSignIn(url);
      expect(flow.callback.status).toBe(303);
      expect(flow.location).toBe('/console?signin=failed');
      expect(flow.session).toBeUndefined();
      // Refused for that reason (the same flow without the fault signs in: see the first test).
      const refusal = logs.lines.slice(logged).find((l) => l.msg === 'Microsoft sign-in refused');
      expect(refusal).toMatchObject({ reason: 'failed', detail: expect.stringMatching(why) });
    });

    it('refuses a state that is not the one sent, before asking the provider for tokens', async () => {
      const { url } = started;
      provider.user = { oid: SARA_OID };
      const before = provider.tokenRequests.length;
      const flow = await microsoftSignIn(url, { alter: (back) => back.searchParams.set('state', 'forged-state-value') });
      expect(flow.location).toBe('/console?signin=failed');
      expect(flow.session).toBeUndefined();
      expect(provider.tokenRequests.length).toBe(before);
      // The flow is used up: the right state afterwards does not finish it either.
      const retry = await fetch(`${url}/console/auth/oidc/callback?code=x&state=${encodeURIComponent(provider.authorizeRequests.at(-1)!.get('state')!)}`, { redirect: 'manual', headers: flow.headers });
      expect(retry.headers.get('location')).toBe('/console?signin=expired');
    });

    it('refuses an Entra user linked to no account, one linked to a disabled account and a token without oid, each with its reason', async () => {
      const { app, url } = started;
      const accountsBefore = (await app.accounts.list()).length;
      provider.user = { oid: STRANGER_OID };
      const unlinked = await microsoftSignIn(url);
      expect(unlinked.location).toBe('/console?signin=unlinked');
      expect(unlinked.session).toBeUndefined();

      provider.user = { oid: OMAR_OID };
      const disabled = await microsoftSignIn(url);
      expect(disabled.location).toBe('/console?signin=disabled');
      expect(disabled.session).toBeUndefined();

      provider.user = { oid: null };
      const noOid = await microsoftSignIn(url);
      expect(noOid.location).toBe('/console?signin=failed');
      expect(noOid.session).toBeUndefined();
      // Signing in never makes an account.
      expect((await app.accounts.list()).length).toBe(accountsBefore);
    });

    it('refuses an answer without the flow cookie, a cancelled sign-in and malformed or oversized answers', async () => {
      const { url } = started;
      provider.user = { oid: SARA_OID };
      const noCookie = await microsoftSignIn(url, { withoutFlowCookie: true });
      expect(noCookie.location).toBe('/console?signin=expired');

      const cancelled = await microsoftSignIn(url, {
        alter: (back) => {
          back.searchParams.delete('code');
          back.searchParams.set('error', 'access_denied');
        },
      });
      expect(cancelled.location).toBe('/console?signin=cancelled');

      const oversized = await microsoftSignIn(url, { alter: (back) => back.searchParams.set('code', 'x'.repeat(5000)) });
      expect(oversized.location).toBe('/console?signin=failed');

      const twice = await microsoftSignIn(url, { alter: (back) => back.searchParams.append('state', 'second') });
      expect(twice.location).toBe('/console?signin=failed');
      for (const flow of [noCookie, cancelled, oversized, twice]) expect(flow.session).toBeUndefined();
    });
  });

  it('limits how many sign-ins one address may start', async () => {
    const { url, stop } = await startWithMicrosoft(makeEnv());
    try {
      const answers: Array<string | null> = [];
      for (let i = 0; i < 31; i++) answers.push((await fetch(`${url}/console/auth/oidc/start`, { redirect: 'manual' })).headers.get('location'));
      expect(answers.slice(0, 30).every((a) => a?.startsWith(provider.issuer))).toBe(true);
      expect(answers[30]).toBe('/console?signin=too-many');
    } finally {
      await stop();
    }
  });
});

describe('without Microsoft sign-in, or with the provider out of reach', () => {
  it('offers no Microsoft sign-in and has no such routes when the settings are not there', async () => {
    const { url, stop } = await startTestApp({});
    try {
      expect(await (await fetch(`${url}/console/api/login-options`)).json()).toEqual({ microsoft: false });
      expect((await fetch(`${url}/console/auth/oidc/start`, { redirect: 'manual' })).status).toBe(404);
      expect((await fetch(`${url}/console/auth/oidc/callback?state=x&code=y`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await stop();
    }
  });

  it('keeps password sign-in working when the provider cannot be discovered, says so in the log and on the login page', async () => {
    const unreachable = `http://127.0.0.1:${await freePort()}/tenant/v2.0`;
    const { app, url, stop, logs } = await startWithMicrosoft({}, { ...provider.env, CONSOLE_OIDC_ISSUER: unreachable });
    try {
      await app.ready();
      await addAccount(app, 'sara', 'mentor');
      expect((await new ConsoleClient(url).login('sara')).status).toBe(200);
      const start = await fetch(`${url}/console/auth/oidc/start`, { redirect: 'manual' });
      expect(start.headers.get('location')).toBe('/console?signin=unavailable');
      expect(cookieNamed(start, 'vit_session')).toBeUndefined();
      expect(logs.lines.some((l) => l.msg === 'Microsoft sign-in: the OpenID provider could not be discovered; password sign-in still works' && l.issuer === unreachable)).toBe(true);
    } finally {
      await stop();
    }
  });
});
