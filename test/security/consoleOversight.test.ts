import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { translator } from '../support/chatDriver';
import type { App } from '../../src/app';

/**
 * Item 11 of the security review, replayed: erasing a person a mentor is talking with gave no warning
 * and left the mentor's pane open; any mentor could close a waiting request without taking it, and
 * nothing recorded it; opening a conversation was not in the audit log; one session could open any
 * number of live-update streams; no HSTS over TLS; the CSV had no nosniff.
 */
const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);

async function waitingNewcomer(url: string, connector: FakeConnector, id: string): Promise<Newcomer> {
  const person = new Newcomer(url, connector, id);
  await person.startAndConsent('nl');
  await person.say(t('common:menu.mentor'));
  await person.hears(t('handoff:howToWait'));
  return person;
}

async function signedIn(app: App, url: string, username: string, role: 'mentor' | 'staff' | 'admin'): Promise<ConsoleClient> {
  await addAccount(app, username, role, ['nl']);
  const client = new ConsoleClient(url);
  expect((await client.login(username)).status).toBe(200);
  return client;
}

const auditActions = async (admin: ConsoleClient) => ((await (await admin.get('/console/api/audit')).json()) as { items: Array<{ actor: string; action: string }> }).items.map((e) => [e.actor, e.action]);

describe('console oversight', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('warns before erasing a person who is talking with a mentor, then tells the mentor\u2019s console the conversation is gone', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      const sara = await signedIn(app, url, 'sara', 'mentor');
      const lisa = await signedIn(app, url, 'lisa', 'staff');
      await waitingNewcomer(url, connector, 'conv-erase-active');
      const [handoff] = await app.handoffs.service.queue.waiting();
      expect((await sara.post(`/console/api/handoffs/${handoff.id}/claim`)).status).toBe(200);
      const stream = sara.events();
      await stream.opened;
      const [found] = ((await (await lisa.get('/console/api/people?q=')).json()) as { items: Array<{ key: string }> }).items;
      const warned = await lisa.post(`/console/api/people/${found.key}/erase`, { confirm: true });
      expect(warned.status).toBe(409);
      expect(await warned.json()).toMatchObject({ error: 'talking-with-mentor', mentor: 'Sara' });
      expect(await app.handoffs.service.queue.get(handoff.id)).toBeDefined(); // nothing erased yet
      expect((await lisa.post(`/console/api/people/${found.key}/erase`, { confirm: true, confirmActive: true })).status).toBe(200);
      await waitFor(() => stream.received.some((e) => e.type === 'erased' && e.id === handoff.id), 'the erased event on the mentor\u2019s stream');
      stream.stop();
      // The mentor's message box has nothing to write to any more.
      expect((await sara.post(`/console/api/handoffs/${handoff.id}/messages`, { text: 'hallo?' })).status).toBe(404);
    } finally {
      await stop();
    }
  });

  it('tells the mentor\u2019s console the conversation is gone when the person erases their own data while talking', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      const sara = await signedIn(app, url, 'sara', 'mentor');
      const person = await waitingNewcomer(url, connector, 'conv-self-erase-active');
      const [handoff] = await app.handoffs.service.queue.waiting();
      expect((await sara.post(`/console/api/handoffs/${handoff.id}/claim`)).status).toBe(200);
      const stream = sara.events();
      await stream.opened;
      await person.say('verwijder mijn gegevens');
      await person.hears(t('delete:confirm'));
      // Saying "delete" left the talk; the console may still show it, until the data is really gone.
      expect(stream.received.some((e) => e.type === 'erased')).toBe(false);
      await person.say(t('delete:yes'));
      await person.hears(t('delete:done'));
      await waitFor(() => stream.received.some((e) => e.type === 'erased' && e.id === handoff.id), 'the erased event on the mentor\u2019s stream');
      stream.stop();
      expect(await app.handoffs.service.queue.get(handoff.id)).toBeUndefined();
      // The mentor's message box has nothing to write to any more.
      expect((await sara.post(`/console/api/handoffs/${handoff.id}/messages`, { text: 'hallo?' })).status).toBe(404);
    } finally {
      await stop();
    }
  });

  it('tells open consoles a waiting request is gone when its person erases their data', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      const omar = await signedIn(app, url, 'omar', 'mentor');
      const stream = omar.events();
      await stream.opened;
      const person = await waitingNewcomer(url, connector, 'conv-self-erase-waiting');
      const [handoff] = await app.handoffs.service.queue.waiting();
      await person.say('verwijder mijn gegevens');
      await person.hears(t('delete:confirm'));
      await person.say(t('delete:yes'));
      await person.hears(t('delete:done'));
      await waitFor(() => stream.received.some((e) => e.type === 'erased' && e.id === handoff.id), 'the erased event on the queue\u2019s stream');
      stream.stop();
      expect((await omar.post(`/console/api/handoffs/${handoff.id}/claim`)).status).toBe(404);
    } finally {
      await stop();
    }
  });

  it('lets a mentor close only what they took; an admin closes a waiting request, on the record', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      const omar = await signedIn(app, url, 'omar', 'mentor');
      const root = await signedIn(app, url, 'root', 'admin');
      await waitingNewcomer(url, connector, 'conv-close-waiting');
      const [handoff] = await app.handoffs.service.queue.waiting();
      const refused = await omar.post(`/console/api/handoffs/${handoff.id}/close`, { outcome: 'other' });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: 'claim-first' });
      expect((await app.handoffs.service.queue.get(handoff.id))?.status).toBe('waiting');
      expect((await root.post(`/console/api/handoffs/${handoff.id}/close`, { outcome: 'other', note: 'twice asked' })).status).toBe(200);
      expect(await auditActions(root)).toContainEqual(['root', 'close-waiting']);
    } finally {
      await stop();
    }
  });

  it('records who opened a conversation: a mentor\u2019s preview, and staff or an admin reading along', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      const sara = await signedIn(app, url, 'sara', 'mentor');
      const lisa = await signedIn(app, url, 'lisa', 'staff');
      const root = await signedIn(app, url, 'root', 'admin');
      await waitingNewcomer(url, connector, 'conv-audit-open');
      const [handoff] = await app.handoffs.service.queue.waiting();
      for (const who of [sara, lisa, root]) expect((await who.get(`/console/api/handoffs/${handoff.id}`)).status).toBe(200);
      const actions = await auditActions(root);
      for (const actor of ['sara', 'lisa', 'root']) expect(actions).toContainEqual([actor, 'view-handoff']);
      const entries = ((await (await root.get('/console/api/audit')).json()) as { items: Array<{ target: string }> }).items;
      expect(JSON.stringify(entries)).not.toContain('conv-audit-open'); // the person appears only as a pseudonym
    } finally {
      await stop();
    }
  });

  it('gives one session at most three live-update streams; another session still gets its own', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      const sara = await signedIn(app, url, 'sara', 'mentor');
      const open = [sara.events(), sara.events(), sara.events()];
      await Promise.all(open.map((s) => s.opened));
      const fourth = await fetch(`${url}/console/api/events`, { headers: { Cookie: sara.cookie } });
      expect(fourth.status).toBe(429);
      const omar = await signedIn(app, url, 'omar', 'mentor');
      const other = omar.events();
      await other.opened;
      // Closing one frees its place.
      open[0].stop();
      await waitFor(async () => {
        const again = await fetch(`${url}/console/api/events`, { headers: { Cookie: sara.cookie }, signal: AbortSignal.timeout(500) }).catch(() => undefined);
        return again?.status === 200;
      }, 'a place for a new stream');
      for (const s of [...open, other]) s.stop();
    } finally {
      await stop();
    }
  });

  it('sends Strict-Transport-Security only over TLS (as a trusted proxy says), and nosniff on the CSV', async () => {
    const { app, url, stop } = await startTestApp({ TRUSTED_PROXY_HOPS: '1' });
    try {
      const overTls = await fetch(`${url}/console/api/me`, { headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '192.0.2.1' } });
      expect(overTls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      const plain = await fetch(`${url}/console/api/me`, { headers: { 'X-Forwarded-Proto': 'http', 'X-Forwarded-For': '192.0.2.1' } });
      expect(plain.headers.get('strict-transport-security')).toBeNull();
      await addAccount(app, 'lisa', 'staff');
      const lisa = new ConsoleClient(url);
      const login = await fetch(`${url}/console/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '192.0.2.1' }, body: JSON.stringify({ username: 'lisa', password: 'correct horse battery' }) });
      lisa.cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const csv = await lisa.get('/console/api/stats.csv');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await stop();
    }
  });
});
