import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { FakeGraph, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { translator } from '../support/chatDriver';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { formatSlotTime } from '../../src/domain/mentorSlots';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const HOUR = 3_600_000;
const wholeHour = (hours: number) => new Date(Math.ceil((Date.now() + hours * HOUR) / HOUR) * HOUR).toISOString();

describe('a talk the person missed, recorded in the console', () => {
  let graph: FakeGraph;
  beforeAll(async () => {
    graph = await new FakeGraph().start();
  });
  afterAll(async () => {
    await graph.stop();
  });

  it('tells the person kindly in their language, with the next free times and how to plan one; a talk held tells nothing', async () => {
    const { url, app, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix(), ...whatsAppEnv(graph) });
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      expect((await sara.post('/console/api/talks/slots', { start: wholeHour(50), durationMinutes: 30, languages: ['ar'], link: 'https://meet.example.org/sara', weeks: 3 })).status).toBe(201);

      const amina = new WhatsAppPerson(url, graph);
      await amina.say('مرحبا');
      await amina.tap(t('language:names.ar'));
      await amina.tap(t('consent:agree'));
      await amina.tap(t('common:menu.intake'));
      for (const answer of ['آمنة', t('intake:fields.residenceStatus.options.statushouder'), 'Zwolle', 'B1', 'A2', t('intake:fields.education.options.secondary'), t('common:buttons.no'), t('intake:fields.itExperience.options.hobby'), t('common:buttons.yes'), 'أحب البرمجة', '40']) {
        await amina.say(answer);
      }
      await amina.say('1');
      const [booked] = (await app.records.talks.store.list(new Date(), 50)).filter((s) => s.booking);
      // The talk's time came and went (the console's clock is the real one: the slot is moved to two hours ago).
      const past = { ...booked, start: new Date(Date.now() - 2 * HOUR).toISOString() };
      await app.records.talks.store.add([past]);
      const free = (await app.records.talks.store.list(new Date(), 50)).filter((s) => !s.booking);

      const before = amina.mine().length;
      const response = await sara.post(`/console/api/talks/slots/${booked.id}/outcome`, { kind: 'missed', note: 'Niet gekomen' });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { told?: boolean }).told).toBe(true);
      const told = await waitFor(() => amina.texts(before).find((text) => text.includes(t('talk:missed', { mentor: 'Sara', time: formatSlotTime(past.start, 'ar') }))), 'Amina told she was missed');
      expect(told).toContain(formatSlotTime(free[0].start, 'ar'));
      expect(told).toContain(t('talk:howToBook'));
      expect((await app.records.journeys.of(booked.booking!.person))?.stage).toBe('mentor-talk-missed');

      // She plans a new one from there, and that one is held: nothing more is sent for a talk held.
      await amina.say('موعد مع مرشد');
      await amina.say('1');
      const [again] = (await app.records.talks.store.list(new Date(), 50)).filter((s) => s.booking);
      await app.records.talks.store.add([{ ...again, start: new Date(Date.now() - HOUR).toISOString() }]);
      const afterBooking = amina.mine().length;
      const held = await sara.post(`/console/api/talks/slots/${again.id}/outcome`, { kind: 'held', note: 'Goed gesprek' });
      expect(held.status).toBe(200);
      expect((await held.json()) as Record<string, unknown>).not.toHaveProperty('told');
      expect((await app.records.journeys.of(again.booking!.person))?.stage).toBe('mentor-talk-held');
      expect(amina.mine().length).toBe(afterBooking);
    } finally {
      await stop();
    }
  }, 120_000);
});
