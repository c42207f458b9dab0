import { Secret, TOTP } from 'otpauth';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { AccountService } from '../../src/accounts/accountService';
import { MemoryAccountStore } from '../../src/accounts/accountStore';
import { MemoryInvitationStore } from '../../src/accounts/invitationStore';
import { SecretBox } from '../../src/accounts/secretBox';
import { MemoryAuditLog } from '../../src/people/auditLog';

const codeAt = (secret: string, at = Date.now()) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });
const tokenOf = (path: string) => new URLSearchParams(path.split('?')[1]).get('token')!;

/** Takes the session cookie a response set (a finished second factor gives a new one). */
async function adopt(client: ConsoleClient, response: Response) {
  const cookie = response.headers.get('set-cookie');
  if (cookie) client.cookie = cookie.split(';')[0];
  const body = await response.clone().json();
  if (body.csrfToken) client.csrf = body.csrfToken;
  return body;
}

describe.each<[string, () => Record<string, string>]>([
  ['memory', () => ({})],
  ['Redis', () => ({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() })],
])('the accounts API (%s)', (_name, makeEnv) => {
  it('lets only admins manage accounts; refuses duplicates, unknown roles and bad names; keeps the last admin; audits', async () => {
    const { app, url, stop } = await startTestApp(makeEnv());
    try {
      await addAccount(app, 'anna', 'admin');
      await addAccount(app, 'lisa', 'staff');
      const staff = new ConsoleClient(url);
      await staff.login('lisa');
      expect((await staff.get('/console/api/accounts')).status).toBe(403);
      expect((await staff.post('/console/api/accounts', { username: 'x1', role: 'mentor' })).status).toBe(403);

      const admin = new ConsoleClient(url);
      await admin.login('anna');
      const created = await admin.post('/console/api/accounts', { username: 'sara', firstName: 'Sara', role: 'mentor', languages: ['ar'] });
      expect(created.status).toBe(201);
      const { account, invitation } = await created.json();
      expect(account).toMatchObject({ username: 'sara', role: 'mentor', languages: ['ar'], passwordSet: false, secondFactor: false, disabled: false });
      expect(invitation.path).toMatch(/^\/console\/#\/set-password\?token=[\w-]{43}$/);
      expect(Date.parse(invitation.expiresAt) - Date.now()).toBeGreaterThan(71.9 * 3600_000);

      expect(await (await admin.post('/console/api/accounts', { username: 'SARA', role: 'staff' })).json()).toMatchObject({ error: 'username-taken' });
      const badRole = await admin.post('/console/api/accounts', { username: 'omar', role: 'boss' });
      expect([badRole.status, (await badRole.json()).error]).toEqual([400, 'bad-role']);
      expect(await (await admin.post('/console/api/accounts', { username: 'o mar', role: 'mentor' })).json()).toMatchObject({ error: 'bad-username' });

      // The last active admin can be neither demoted nor turned off; with a second admin, both can.
      const anna = (await app.accounts.byUsername('anna'))!;
      const demote = await admin.post(`/console/api/accounts/${anna.id}`, { role: 'staff' });
      expect([demote.status, (await demote.json()).error]).toEqual([409, 'last-admin']);
      expect(await (await admin.post(`/console/api/accounts/${anna.id}`, { disabled: true })).json()).toMatchObject({ error: 'last-admin' });
      const lisa = (await app.accounts.byUsername('lisa'))!;
      expect(await (await admin.post(`/console/api/accounts/${lisa.id}`, { role: 'admin', languages: ['nl', 'tr'] })).json()).toMatchObject({ account: { role: 'admin', languages: ['nl', 'tr'] } });
      expect((await admin.post(`/console/api/accounts/${lisa.id}`, { disabled: true })).status).toBe(200);
      expect((await staff.get('/console/api/me')).status).toBe(401); // a disabled account's session ends

      // Teams: a GUID only, one account per Teams user.
      const aad = '6c7f1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
      expect((await admin.post(`/console/api/accounts/${account.id}/teams`, { aadObjectId: 'not-a-guid' })).status).toBe(400);
      expect(await (await admin.post(`/console/api/accounts/${account.id}/teams`, { aadObjectId: aad })).json()).toMatchObject({ account: { teamsAadObjectId: aad } });
      expect(await (await admin.post(`/console/api/accounts/${anna.id}/teams`, { aadObjectId: aad.toUpperCase() })).json()).toMatchObject({ error: 'teams-taken' });
      expect(await (await admin.post(`/console/api/accounts/${account.id}/teams/unlink`)).json()).toMatchObject({ account: { teamsAadObjectId: null } });

      const audit = (await app.records.audit.between(new Date(Date.now() - 60_000), new Date())).map((e) => [e.actor, e.role, e.action, e.target]);
      expect(audit).toEqual(
        expect.arrayContaining([
          ['anna', 'admin', 'create-account', 'sara (mentor)'],
          ['anna', 'admin', 'change-account', 'lisa: role staff → admin; languages nl,tr'],
          ['anna', 'admin', 'disable-account', 'lisa'],
          ['anna', 'admin', 'link-teams', 'sara'],
          ['anna', 'admin', 'unlink-teams', 'sara'],
        ]),
      );
      expect(JSON.stringify(await (await admin.get('/console/api/accounts')).json())).not.toMatch(/scrypt|totp/i);
    } finally {
      await stop();
    }
  });

  it('sets a password once through the invitation, with the rules, and a reset makes a new one', async () => {
    const { app, url, stop } = await startTestApp(makeEnv());
    try {
      await addAccount(app, 'anna', 'admin');
      const admin = new ConsoleClient(url);
      await admin.login('anna');
      const { account, invitation } = await (await admin.post('/console/api/accounts', { username: 'sara', firstName: 'Sara', role: 'mentor' })).json();
      const token = tokenOf(invitation.path);
      const anyone = new ConsoleClient(url);
      expect(await (await anyone.post('/console/api/invitations/check', { token })).json()).toMatchObject({ username: 'sara', firstName: 'Sara', minLength: 12 });
      expect(await (await anyone.post('/console/api/invitations/accept', { token, password: 'short one' })).json()).toMatchObject({ error: 'too-short' });
      expect(await (await anyone.post('/console/api/invitations/accept', { token, password: 'PASSWORD1234' })).json()).toMatchObject({ error: 'common' });
      expect((await anyone.post('/console/api/invitations/accept', { token, password: 'een lange zin voor sara' })).status).toBe(204);
      const twice = await anyone.post('/console/api/invitations/accept', { token, password: 'een andere lange zin' });
      expect([twice.status, (await twice.json()).error]).toEqual([410, 'invitation-used']);
      expect(await (await anyone.post('/console/api/invitations/check', { token: 'x'.repeat(43) })).json()).toMatchObject({ error: 'invitation-unknown' });

      const sara = new ConsoleClient(url);
      expect((await sara.login('sara', 'een lange zin voor sara')).status).toBe(200);
      const reset = await (await admin.post(`/console/api/accounts/${account.id}/reset`)).json();
      expect(reset.account.passwordSet).toBe(false);
      expect((await sara.get('/console/api/me')).status).toBe(401);
      expect((await sara.login('sara', 'een lange zin voor sara')).status).toBe(401);
      expect((await anyone.post('/console/api/invitations/accept', { token: tokenOf(reset.invitation.path), password: 'weer een nieuwe zin' })).status).toBe(204);
      expect((await sara.login('sara', 'weer een nieuwe zin')).status).toBe(200);
    } finally {
      await stop();
    }
  });

  it('makes staff set up a second factor at sign-in, then asks for a code each time; a code works once, a recovery code once', async () => {
    const env: Record<string, string> = { ...makeEnv(), CONSOLE_REQUIRE_2FA: 'staff,admin' };
    const { app, url, stop } = await startTestApp(env);
    try {
      await addAccount(app, 'lisa', 'staff');
      await addAccount(app, 'omar', 'mentor');
      const mentor = new ConsoleClient(url);
      expect(await (await mentor.login('omar')).json()).not.toHaveProperty('stage'); // mentors are not required here
      expect(await (await mentor.get('/console/api/second-factor')).json()).toEqual({ enabled: false, required: false });
      // …but may turn it on, signed in; from then on it is asked at every sign-in.
      const own = await (await mentor.post('/console/api/second-factor/start')).json();
      expect((await (await mentor.post('/console/api/second-factor/confirm', { code: codeAt(own.secret) })).json()).recoveryCodes).toHaveLength(10);
      expect(await (await mentor.get('/console/api/second-factor')).json()).toEqual({ enabled: true, required: false });
      expect((await mentor.post('/console/api/second-factor/start')).status).toBe(409);
      expect(await (await new ConsoleClient(url).login('omar')).json()).toMatchObject({ stage: 'second-factor' });

      const lisa = new ConsoleClient(url);
      expect(await (await lisa.login('lisa')).json()).toMatchObject({ stage: 'enrol' });
      expect((await lisa.get('/console/api/me')).status).toBe(401); // half signed in opens nothing
      expect((await lisa.get('/console/api/handoffs')).status).toBe(401);
      expect(await (await lisa.get('/console/api/login/stage')).json()).toMatchObject({ user: { username: 'lisa' }, stage: 'enrol', csrfToken: lisa.csrf });
      const start = await (await lisa.post('/console/api/second-factor/start')).json();
      expect(start.uri).toMatch(/^otpauth:\/\/totp\/VIT%20Wegwijzer:lisa\?/);
      expect(start.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);
      expect(start.qrSvg).not.toMatch(/<script|style=/);
      const code = codeAt(start.secret);
      const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
      expect(await (await lisa.post('/console/api/second-factor/confirm', { code: wrong })).json()).toMatchObject({ error: 'code-wrong' });
      const done = await lisa.post('/console/api/second-factor/confirm', { code });
      const { recoveryCodes } = await adopt(lisa, done);
      expect(recoveryCodes).toHaveLength(10);
      expect((await lisa.get('/console/api/me')).status).toBe(200);
      if (app.redis) {
        const stored = await app.redis.get(`${env.REDIS_KEY_PREFIX}account:${(await app.accounts.byUsername('lisa'))!.id}`);
        expect(stored).not.toContain(start.secret); // kept encrypted
        expect(stored).not.toContain(recoveryCodes[0]);
      }

      const again = new ConsoleClient(url);
      expect(await (await again.login('lisa')).json()).toMatchObject({ stage: 'second-factor' });
      expect(await (await again.post('/console/api/login/second-factor', { code })).json()).toMatchObject({ error: 'code-reused' });
      const withRecovery = await again.post('/console/api/login/second-factor', { code: recoveryCodes[3].toUpperCase() });
      expect(await adopt(again, withRecovery)).toMatchObject({ user: { username: 'lisa' }, recoveryCodesLeft: 9 });
      expect((await again.get('/console/api/me')).status).toBe(200);

      const third = new ConsoleClient(url);
      await third.login('lisa');
      expect(await (await third.post('/console/api/login/second-factor', { code: recoveryCodes[3] })).json()).toMatchObject({ error: 'code-wrong' });
      const next = await third.post('/console/api/login/second-factor', { code: codeAt(start.secret, Date.now() + 30_000) });
      expect(next.status).toBe(200);
    } finally {
      await stop();
    }
  });
});

describe('AccountService with a clock', () => {
  it('refuses an invitation after its 72 hours, and keeps it usable until then', async () => {
    let now = new Date('2026-12-06T12:00:00Z');
    const service = new AccountService({
      accounts: new MemoryAccountStore(),
      invitations: new MemoryInvitationStore(),
      endSessions: async () => undefined,
      audit: new MemoryAuditLog(),
      secrets: new SecretBox('test secret'),
      require2fa: [],
      now: () => now,
    });
    const first = await service.invite({ username: 'anna', role: 'admin' }, { username: 'sara', role: 'mentor', languages: [] });
    const second = await service.invite({ username: 'anna', role: 'admin' }, { username: 'omar', role: 'mentor', languages: [] });
    now = new Date('2026-12-09T11:59:00Z');
    await expect(service.acceptInvitation(first.invitation.token, 'een lange zin voor sara')).resolves.toMatchObject({ username: 'sara' });
    now = new Date('2026-12-09T12:00:00Z');
    await expect(service.acceptInvitation(second.invitation.token, 'een lange zin voor omar')).rejects.toMatchObject({ code: 'invitation-expired' });
  });
});
