import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { FakeGraph, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { translator } from '../support/chatDriver';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';
import { MemoryTimedJobs } from '../../src/jobs/timedJobs';
import { formatWhen, homeworkSoon, ReminderPerson } from '../../src/reminders/reminders';
import { WhatsAppAdapter } from '../../src/channels/whatsapp/whatsAppAdapter';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const DAY = 86_400_000;
const HOMEWORK_LINK = 'https://example.org/opdracht-web';

/**
 * The homework's deadline reminders, on a real redis-server (the journey, the reminder records) with
 * the timed jobs on a clock the test moves: WhatsApp newcomers (fake Graph API), a mentor and staff in
 * the console over HTTP.
 */
describe('homework deadline reminders on Redis', () => {
  let graph: FakeGraph;
  beforeAll(async () => {
    graph = await new FakeGraph().start();
  });
  afterAll(async () => {
    await graph.stop();
  });

  async function setUp() {
    const prefix = uniquePrefix();
    const clock = { now: Date.now() };
    const jobs = new MemoryTimedJobs({ now: () => new Date(clock.now) });
    const started = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, ...whatsAppEnv(graph) }, { timedJobs: jobs });
    await addAccount(started.app, 'lisa', 'staff');
    const lisa = new ConsoleClient(started.url);
    await lisa.login('lisa');
    expect((await lisa.post('/console/api/homework/eligible', { texts: { ar: 'اصنعي صفحة ويب صغيرة عن مدينتك.' }, link: HOMEWORK_LINK, days: 10 })).status).toBe(200);
    /** Runs what is due at `at` (the clock only moves forward). */
    const due = async (at: number) => {
      clock.now = Math.max(clock.now, at);
      return jobs.runDue();
    };
    return { ...started, prefix, clock, jobs, lisa, due };
  }

  /** An Arabic newcomer on WhatsApp who is eligible with a motivation of her own; staff bring her to the homework. */
  async function givenHomework(url: string, lisa: ConsoleClient, known: string[] = []) {
    const person = new WhatsAppPerson(url, graph);
    await person.say('مرحبا');
    await person.tap(t('language:names.ar'));
    await person.tap(t('consent:agree'));
    await person.tap(t('common:menu.intake'));
    for (const answer of ['آمنة', t('intake:fields.residenceStatus.options.statushouder'), 'Zwolle', 'B1', 'A2', t('intake:fields.education.options.secondary'), t('common:buttons.no'), t('intake:fields.itExperience.options.hobby'), t('common:buttons.yes'), 'أحب البرمجة', '40']) {
      await person.say(answer);
    }
    const board = (await (await lisa.get('/console/api/journeys')).json()) as { items: Array<{ key: string }> };
    const key = board.items.map((i) => i.key).find((k) => !known.includes(k))!;
    const moves = `/console/api/people/${key}/journey/moves`;
    for (const to of ['mentor-talk-booked', 'mentor-talk-held']) expect((await lisa.post(moves, { to, reason: 'het gesprek' })).status).toBe(200);
    const given = (await (await lisa.post(moves, { to: 'homework-given', reason: 'goed gesprek' })).json()) as { delivery: string; due: string };
    expect(given.delivery).toBe('sent');
    return { person, key, due: Date.parse(given.due) };
  }

  /** The reminders in the person's export, the planned ones in the order of their ids. */
  const exported = async (lisa: ConsoleClient, key: string) => {
    const reminders = ((await (await lisa.post(`/console/api/people/${key}/export`)).json()) as any).reminders;
    return { ...reminders, planned: [...reminders.planned].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)) };
  };

  it('reminds a day before the date and soon before it, each once; outside the 24 hours as the approved template; erased with the person', async () => {
    const { url, stop, lisa, due, prefix } = await setUp();
    const redis = connectTestRedis();
    try {
      const { person, key, due: dueAt } = await givenHomework(url, lisa);
      const date = formatWhen('ar', new Date(dueAt));
      expect((await exported(lisa, key)).planned).toEqual([
        { id: 'homework-day', at: new Date(dueAt - DAY).toISOString(), text: 'reminders:homework.day' },
        { id: 'homework-soon', at: homeworkSoon(new Date(dueAt)).toISOString(), text: 'reminders:homework.soon' },
      ]);

      const before = person.mine().length;
      expect(await due(dueAt - DAY - 60_000)).toBe(0); // not yet
      expect(await due(dueAt - DAY)).toBe(1);
      expect(person.texts(before)).toEqual([t('reminders:homework.day', { date, link: HOMEWORK_LINK })]);
      expect(person.texts(before)[0]).toContain(`\u2068${HOMEWORK_LINK}\u2069`);
      expect(await due(dueAt - DAY + 3_600_000)).toBe(0); // once
      expect(person.mine()).toHaveLength(before + 1);

      // Soon before the date: WhatsApp's 24 hours have passed, so the approved reminder template goes, with the date and the link.
      graph.failNext(400, 131047, 'Re-engagement message');
      expect(await due(homeworkSoon(new Date(dueAt)).getTime())).toBe(1);
      const [template] = person.mine().slice(before + 1);
      expect(template.template).toEqual({
        name: 'vit_reminder',
        language: { code: 'ar' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: date }, { type: 'text', text: HOMEWORK_LINK }] }],
      });
      expect(person.mine()).toHaveLength(before + 2);

      // Erased with her: the reminder record goes, no key holds her homework's reminder any more.
      expect((await lisa.post(`/console/api/people/${key}/erase`, { confirm: true })).status).toBe(200);
      const keys = (await keyspace(redis, prefix)).map(([k]) => k);
      expect(keys.filter((k) => k.startsWith(`${prefix}reminders:`))).toEqual([]);
    } finally {
      await redis.quit();
      await stop();
    }
  });

  it('sends none when the homework came in first; a "try again" moves them to the new date; "stop reminders" silences them', async () => {
    const { url, stop, lisa, due, clock } = await setUp();
    try {
      const { person, key, due: dueAt } = await givenHomework(url, lisa);
      await person.say('واجبي: https://github.com/amina/stad');
      expect(person.texts().join('\n')).toContain(t('journey:homework.received'));
      expect((await exported(lisa, key)).planned).toEqual([]);
      const before = person.mine().length;
      expect(await due(dueAt)).toBe(0); // handed in: nothing left to remind of
      expect(person.mine()).toHaveLength(before);

      // Try again: a new date (ten days from the review), and its reminders planned for it.
      const again = (await (await lisa.post(`/console/api/people/${key}/journey/homework/review`, { verdict: 'again', note: 'Voeg een foto toe.' })).json()) as { journey: { homework: { due: string } } };
      const newDue = Date.parse(again.journey.homework.due);
      expect((await exported(lisa, key)).planned.map((p: { id: string; at: string }) => [p.id, p.at])).toEqual([
        ['homework-day', new Date(newDue - DAY).toISOString()],
        ['homework-soon', homeworkSoon(new Date(newDue)).toISOString()],
      ]);

      // "stop reminders" in her words: the reminders come due and are skipped.
      expect((await person.say('ايقاف التذكيرات')).map((m) => m.text?.body ?? m.interactive?.body?.text).join('\n')).toContain(t('reminders:stopped'));
      const quiet = person.mine().length;
      clock.now = Math.max(clock.now, newDue - DAY);
      expect(await due(newDue)).toBe(2); // both ran, and sent nothing
      expect(person.mine()).toHaveLength(quiet);
      expect((await exported(lisa, key)).planned).toEqual([]);
    } finally {
      await stop();
    }
  });

  it('for a track without a link: the text says where to send it, and so does the template\'s second value', async () => {
    const { url, app, stop, due } = await setUp();
    try {
      const person = new WhatsAppPerson(url, graph);
      await person.say('hoi');
      await person.tap(translator().t('nl', 'language:names.nl'));
      await person.tap(translator().t('nl', 'consent:agree'));
      const userId = `NL.${person.phone}`;
      const ref: ReminderPerson = { channelId: 'whatsapp', userId, conversation: WhatsAppAdapter.reference(userId) as unknown as ReminderPerson['conversation'], language: 'nl' };
      const dueAt = new Date(Math.ceil((Date.now() + 5 * DAY) / 3_600_000) * 3_600_000);
      expect(await app.reminders.forHomework({ person: ref, due: dueAt })).toEqual(['day', 'soon']);
      const date = formatWhen('nl', dueAt);
      const before = person.mine().length;
      expect(await due(dueAt.getTime() - DAY)).toBe(1);
      expect(person.texts(before)).toEqual([translator().t('nl', 'reminders:homework.dayNoLink', { date })]);
      graph.failNext(400, 131047, 'Re-engagement message');
      expect(await due(homeworkSoon(dueAt).getTime())).toBe(1);
      expect(person.mine()[before + 1].template.components).toEqual([
        { type: 'body', parameters: [{ type: 'text', text: date }, { type: 'text', text: translator().t('nl', 'reminders:homework.templateNoLink') }] },
      ]);
    } finally {
      await stop();
    }
  });
});
