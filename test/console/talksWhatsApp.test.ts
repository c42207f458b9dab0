import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { FakeGraph, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { translator } from '../support/chatDriver';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';
import { formatSlotTime } from '../../src/domain/mentorSlots';
import type { SlotList } from '../../src/console/consoleApi';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const DAY = 86_400_000;
/** A whole hour two days from now: in the future whenever the test runs, and the same clock time a week later. */
const inTwoDays = () => new Date(Math.ceil((Date.now() + 2 * DAY) / 3_600_000) * 3_600_000).toISOString();

/** The rows of the last list message (the slots, then "other times" / "none of these fit"). */
function lastRows(person: WhatsAppPerson): Array<{ id: string; title: string; description?: string }> {
  const last = [...person.mine()].reverse().find((m) => m.type === 'interactive')!;
  return last.interactive.type === 'list' ? last.interactive.action.sections[0].rows : last.interactive.action.buttons.map((b: any) => b.reply);
}

describe('the mentor talk on WhatsApp and in the console, on Redis', () => {
  let graph: FakeGraph;
  beforeAll(async () => {
    graph = await new FakeGraph().start();
  });
  afterAll(async () => {
    await graph.stop();
  });

  it('refuses bad slots, books from an eligible result, cancels from the chat, tells the person when the mentor cancels, and erases the booking with the person', async () => {
    const prefix = uniquePrefix();
    const { url, app, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, ...whatsAppEnv(graph) });
    const redis = connectTestRedis();
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const start = inTwoDays();
      const slot = { start, durationMinutes: 30, languages: ['ar', 'en'], link: 'https://meet.example.org/sara', weeks: 2 };

      // Bad input: refused with the rule that says no.
      const refusal = async (body: unknown) => ((await (await sara.post('/console/api/talks/slots', body)).json()) as { refusal?: { problem: string } }).refusal?.problem;
      expect(await refusal({ ...slot, start: new Date(Date.now() - DAY).toISOString() })).toBe('in-past');
      expect(await refusal({ ...slot, link: 'javascript:alert(1)' })).toBe('bad-link');
      expect((await sara.post('/console/api/talks/slots', { ...slot, weeks: 40 })).status).toBe(400);
      expect((await sara.post('/console/api/talks/slots', { ...slot, link: `https://x.org/${'a'.repeat(600)}` })).status).toBe(400);
      const published = await sara.post('/console/api/talks/slots', slot);
      expect(published.status).toBe(201);
      expect(((await published.json()) as SlotList).items.map((i) => i.start)).toHaveLength(2);
      expect(await refusal({ ...slot, start: new Date(Date.parse(start) + 15 * 60_000).toISOString(), weeks: 1 })).toBe('overlap');

      // Amina on WhatsApp: Arabic, consent, the intake, an eligible result, then the times as a list.
      const person = new WhatsAppPerson(url, graph);
      await person.say('مرحبا');
      await person.tap(t('language:names.ar'));
      await person.tap(t('consent:agree'));
      await person.tap(t('common:menu.intake'));
      for (const answer of ['آمنة', t('intake:fields.residenceStatus.options.statushouder'), 'Zwolle', 'B1', 'A2', t('intake:fields.education.options.secondary'), t('common:buttons.no'), t('intake:fields.itExperience.options.hobby'), t('common:buttons.yes'), 'أحب البرمجة', '40']) {
        await person.say(answer);
      }
      expect(person.texts().some((text) => text.includes(t('talk:offer')))).toBe(true);
      const rows = lastRows(person);
      expect(rows.at(-1)!.title).toBe(t('talk:buttons.noneFit'));
      const before = person.mine().length;
      await person.tap(rows[0].title);
      const confirmation = person.texts(before).join('\n');
      expect(confirmation).toContain('\u2068https://meet.example.org/sara\u2069');
      expect(confirmation).toContain(formatSlotTime(start, 'ar'));

      // Sara sees who booked, with the intake, before the talk; held cannot be recorded yet.
      const mine = (await (await sara.get('/console/api/talks/slots')).json()) as SlotList;
      const booked = mine.items.find((i) => i.booked)!;
      expect(booked.start).toBe(start);
      expect(booked.booked).toMatchObject({ firstName: 'آمنة', language: 'ar', intake: { outcome: 'eligible', dutchLevel: 'B1', englishLevel: 'A2', motivation: 'أحب البرمجة' } });
      expect((await sara.post(`/console/api/talks/slots/${booked.id}/outcome`, { kind: 'held', note: 'x' })).status).toBe(409);
      expect(JSON.stringify(await keyspace(redis, prefix)).includes(`bookings:{`)).toBe(true);

      // "I can't come" in her words: a yes cancels, and the times come again; she picks the next week.
      await person.say('ما بقدر اجي');
      await person.tap(t('common:buttons.yes'));
      expect(person.texts().join('\n')).toContain(t('talk:cancelled'));
      const again = lastRows(person);
      expect(again.length).toBe(3); // both weeks free again, and "none of these fit"
      await person.tap(again[1].title);
      const nextWeek = (await (await sara.get('/console/api/talks/slots')).json()) as SlotList;
      const second = nextWeek.items.find((i) => i.booked)!;
      expect(second.start).not.toBe(start);

      // Sara cancels that slot: Amina is told in Arabic and offered what is free.
      const sent = person.mine().length;
      expect(await (await sara.post(`/console/api/talks/slots/${second.id}/cancel`)).json()).toEqual({ cancelled: true, told: true });
      await waitFor(() => person.texts(sent).some((text) => text.includes(t('talk:mentorCancelled', { mentor: 'Sara', time: formatSlotTime(second.start, 'ar') }))), 'the cancellation told');
      expect(person.texts(sent).join('\n')).toContain(formatSlotTime(start, 'ar'));

      // She books again, then deletes her data: the booking goes with her.
      await person.say('موعد مع مرشد');
      const last = lastRows(person);
      await person.tap(last[0].title);
      expect(((await (await sara.get('/console/api/talks/slots')).json()) as SlotList).items.some((i) => i.booked)).toBe(true);
      // Her booking is in the subject-access export.
      await addAccount(app, 'lisa', 'staff');
      const lisa = new ConsoleClient(url);
      await lisa.login('lisa');
      const key = ((await (await lisa.get('/console/api/journeys')).json()) as { items: Array<{ key: string }> }).items[0].key;
      const exported = (await (await lisa.post(`/console/api/people/${key}/export`)).json()) as { mentorTalks: Array<{ link: string; booking: { person: { userId: string } } }>; journey: { stage: string } };
      expect(exported.mentorTalks.map((talk) => talk.link)).toEqual(['https://meet.example.org/sara']);
      expect(exported.mentorTalks[0].booking.person.userId).toContain(person.phone);
      expect(exported.journey.stage).toBe('mentor-talk-booked');
      await person.tap(t('common:menu.delete'));
      await person.tap(t('delete:yes'));
      await waitFor(async () => !((await (await sara.get('/console/api/talks/slots')).json()) as SlotList).items.some((i) => i.booked), 'the booking erased');
      const left = await keyspace(redis, prefix);
      expect(left.filter(([key]) => key.includes('bookings:'))).toEqual([]);
      expect(JSON.stringify(left)).not.toContain(person.phone);
    } finally {
      await redis.quit();
      await stop();
    }
  });
});
