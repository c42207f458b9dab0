import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { Newcomer } from '../support/newcomer';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { translator } from '../support/chatDriver';
import type { Language } from '../../src/i18n/languages';

const t = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);

/** Two instances sharing a real Redis: the newcomers talk to one, the mentors' consoles to the other. */
describe('handing over on two instances sharing Redis: status, cap, transfer, canned replies', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  async function waitingPerson(url: string, lng: Language) {
    const person = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
    await person.startAndConsent(lng);
    await person.say(t(lng, 'common:menu.mentor'));
    await person.hears(t(lng, 'handoff:howToWait'));
    return person;
  }

  async function handoffOf(client: ConsoleClient, person: Newcomer, count: number) {
    return waitFor(async () => {
      const body = (await (await client.get('/console/api/handoffs')).json()) as { waiting: Array<{ id: string; language: string }> };
      return body.waiting.length >= count && body.waiting.at(-1)!.id;
    }, `the handoff of ${person.conversationId} waiting`);
  }

  it('hands a person to a colleague who speaks their language, tells the person, and keeps the cap', async () => {
    let now = new Date();
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() };
    const bot = await startTestApp(env);
    const desk = await startTestApp(env, { mentorClock: () => now });
    try {
      const omarAccount = await addAccount(desk.app, 'omar', 'mentor', ['ar', 'en']);
      await addAccount(desk.app, 'sara', 'mentor', ['ar']);
      const linaAccount = await addAccount(desk.app, 'lina', 'mentor', ['en']);
      await addAccount(desk.app, 'kees', 'admin');
      const [sara, omar, lina, kees] = ['sara', 'omar', 'lina', 'kees'].map(() => new ConsoleClient(desk.url));
      await sara.login('sara');
      await omar.login('omar');
      await lina.login('lina');
      await kees.login('kees');
      const stream = omar.events();
      await stream.opened;

      const amina = await waitingPerson(bot.url, 'ar');
      const a = await handoffOf(sara, amina, 1);
      expect((await sara.post(`/console/api/handoffs/${a}/claim`)).status).toBe(200);

      // Omar is off: he is shown so, and cannot be handed anyone.
      expect(await (await omar.post('/console/api/presence', { status: 'off' })).json()).toMatchObject({ chosen: 'off', shown: 'off' });
      const colleagues = (await (await sara.get('/console/api/colleagues?language=ar')).json()) as { items: Array<Record<string, unknown>> };
      expect(colleagues.items).toEqual([{ id: omarAccount.id, firstName: 'Omar', languages: ['ar', 'en'], status: 'off', active: 0, atCapacity: false }]);
      expect((await sara.post(`/console/api/handoffs/${a}/transfer`, { to: omarAccount.id })).status).toBe(409);
      // Lina does not speak Arabic; a made-up id is nobody; a mentor not talking with the person hands nobody over.
      expect(await (await sara.post(`/console/api/handoffs/${a}/transfer`, { to: linaAccount.id })).json()).toMatchObject({ error: 'no-language' });
      expect((await sara.post(`/console/api/handoffs/${a}/transfer`, { to: 'nobody' })).status).toBe(404);
      expect((await sara.post(`/console/api/handoffs/${a}/transfer`, { to: 42 })).status).toBe(400);
      expect((await omar.post(`/console/api/handoffs/${a}/transfer`, { to: omarAccount.id })).status).toBe(403);

      expect(await (await omar.post('/console/api/presence', { status: 'available' })).json()).toMatchObject({ shown: 'available' });
      const moved = await sara.post(`/console/api/handoffs/${a}/transfer`, { to: omarAccount.id });
      expect(moved.status).toBe(200);
      expect(((await moved.json()) as { handoff: { mentor: unknown } }).handoff.mentor).toEqual({ id: omarAccount.id, firstName: 'Omar' });
      await amina.hears(t('ar', 'handoff:transferred', { mentor: 'Omar' }));
      await waitFor(() => stream.received.some((e) => e.type === 'transferred' && e.id === a && e.mentorId === omarAccount.id), 'Omar\u2019s console hearing of it');
      // Omar talks now; Sara may still read what she handled, but no longer write.
      expect((await omar.post(`/console/api/handoffs/${a}/messages`, { text: 'مرحبا' })).status).toBe(200);
      expect((await sara.post(`/console/api/handoffs/${a}/messages`, { text: 'hallo' })).status).toBe(403);
      expect((await sara.get(`/console/api/handoffs/${a}`)).status).toBe(200);
      const audit = (await (await kees.get('/console/api/audit')).json()) as { items: Array<{ action: string; actor: string }> };
      expect(audit.items.some((e) => e.action === 'transfer-handoff' && e.actor === 'sara')).toBe(true);

      // The cap: only an admin sets it, within bounds.
      expect((await omar.post(`/console/api/accounts/${omarAccount.id}/capacity`, { capacity: 5 })).status).toBe(403);
      expect((await kees.post(`/console/api/accounts/${omarAccount.id}/capacity`, { capacity: 0 })).status).toBe(400);
      expect(await (await kees.post(`/console/api/accounts/${omarAccount.id}/capacity`, { capacity: 1 })).json()).toEqual({ id: omarAccount.id, capacity: 1 });
      const bilal = await waitingPerson(bot.url, 'ar');
      const b = await handoffOf(omar, bilal, 1);
      const refused = await omar.post(`/console/api/handoffs/${b}/claim`);
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ error: 'at-capacity', capacity: 1 });
      expect(await (await omar.get('/console/api/me/load')).json()).toEqual({ active: 1, capacity: 1, atCapacity: true });
      // A colleague at the cap is not handed anyone either.
      expect((await sara.post(`/console/api/handoffs/${b}/claim`)).status).toBe(200);
      expect(await (await sara.post(`/console/api/handoffs/${b}/transfer`, { to: omarAccount.id })).json()).toMatchObject({ error: 'colleague-at-capacity' });

      // Two takes at once, one on each instance, with a cap of 1 and none taken yet: exactly one passes.
      const linaAgain = new ConsoleClient(bot.url);
      await linaAgain.login('lina');
      await kees.post(`/console/api/accounts/${linaAccount.id}/capacity`, { capacity: 1 });
      const [p1, p2] = [await waitingPerson(bot.url, 'en'), await waitingPerson(bot.url, 'en')];
      const ids = (await Promise.all([p1, p2].map(async (p) => (await bot.app.handoffs.service.queue.waiting()).find((h) => h.conversation.conversation.id === p.conversationId)!.id)));
      const both = await Promise.all([lina.post(`/console/api/handoffs/${ids[0]}/claim`), linaAgain.post(`/console/api/handoffs/${ids[1]}/claim`)]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      expect((await bot.app.handoffs.service.queue.active()).filter((h) => h.mentor?.id === linaAccount.id)).toHaveLength(1);

      // Omar gets a second one after the cap is lifted, then the admin lowers it to 1: after a close he
      // still has one, so he is offered nobody, though someone waits.
      expect((await kees.post(`/console/api/accounts/${omarAccount.id}/capacity`, { capacity: null })).status).toBe(200);
      expect((await sara.post(`/console/api/handoffs/${b}/transfer`, { to: omarAccount.id })).status).toBe(200);
      const chen = await waitingPerson(bot.url, 'en');
      await handoffOf(omar, chen, 1);
      await kees.post(`/console/api/accounts/${omarAccount.id}/capacity`, { capacity: 1 });
      const closed = await omar.post(`/console/api/handoffs/${a}/close`, { outcome: 'helped' });
      expect(((await closed.json()) as { next: unknown }).next).toBeNull();
      const closedAgain = await omar.post(`/console/api/handoffs/${b}/close`, { outcome: 'helped' });
      expect(((await closedAgain.json()) as { next: { language: string } | null }).next).toMatchObject({ language: 'en' });

      // Away after the idle minutes by the clock the test moves; back at the next action.
      now = new Date(now.getTime() + 16 * 60_000);
      expect(await (await sara.get('/console/api/presence')).json()).toMatchObject({ chosen: 'available', shown: 'away' });
      expect(await (await sara.post('/console/api/presence', {})).json()).toMatchObject({ shown: 'available' });
      expect((await sara.post('/console/api/presence', { status: 'asleep' })).status).toBe(400);
      expect((await new ConsoleClient(desk.url).get('/console/api/colleagues')).status).toBe(401);
    } finally {
      await desk.stop();
      await bot.stop();
    }
  }, 60_000);

  it('lets staff write canned replies per language, mentors read them, within bounds', async () => {
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() };
    const app = await startTestApp(env);
    try {
      await addAccount(app.app, 'lisa', 'staff');
      await addAccount(app.app, 'sara', 'mentor', ['ar']);
      const lisa = new ConsoleClient(app.url);
      const sara = new ConsoleClient(app.url);
      await lisa.login('lisa');
      await sara.login('sara');
      const texts = { en: { title: 'Hours', text: 'We are here on weekdays.' }, ar: { title: 'الأوقات', text: 'نحن هنا من الاثنين إلى الجمعة.' } };
      expect((await sara.post('/console/api/canned-replies', { texts })).status).toBe(403);
      expect((await lisa.post('/console/api/canned-replies', { texts: {} })).status).toBe(400);
      expect((await lisa.post('/console/api/canned-replies', { texts: { en: { title: 'x'.repeat(81), text: 'y' } } })).status).toBe(400);
      expect((await lisa.post('/console/api/canned-replies', { texts: { en: { title: 'x', text: 'y'.repeat(1001) } } })).status).toBe(400);
      expect((await lisa.post('/console/api/canned-replies', { texts: { xx: { title: 'x', text: 'y' } } })).status).toBe(400);
      expect((await lisa.post('/console/api/canned-replies', { texts: { en: { title: 'x', text: 'y' } }, pad: 'z'.repeat(70 * 1024) })).status).toBe(413);
      const created = (await (await lisa.post('/console/api/canned-replies', { texts })).json()) as { reply: { id: string; version: number } };
      expect(created.reply.version).toBe(1);

      const listed = (await (await sara.get('/console/api/canned-replies')).json()) as { items: Array<{ id: string; texts: unknown }>; limits: unknown };
      expect(listed).toEqual({ items: [expect.objectContaining({ id: created.reply.id, texts })], limits: { title: 80, text: 1000, replies: 200 } });

      const changed = await lisa.post(`/console/api/canned-replies/${created.reply.id}`, { texts: { en: texts.en }, version: 1 });
      expect(changed.status).toBe(200);
      expect((await lisa.post(`/console/api/canned-replies/${created.reply.id}`, { texts, version: 1 })).status).toBe(409);
      expect((await sara.post(`/console/api/canned-replies/${created.reply.id}/delete`)).status).toBe(403);
      expect((await lisa.post(`/console/api/canned-replies/${created.reply.id}/delete`)).status).toBe(204);
      expect((await lisa.post(`/console/api/canned-replies/${created.reply.id}/delete`)).status).toBe(404);
      expect(((await (await sara.get('/console/api/canned-replies')).json()) as { items: unknown[] }).items).toEqual([]);
    } finally {
      await app.stop();
    }
  }, 30_000);
});
