import { WhatsAppAdapter } from '../../src/channels/whatsapp/whatsAppAdapter';
import { MemoryTimedJobs } from '../../src/jobs/timedJobs';
import { formatWhen, REMINDER_JOB, ReminderPerson } from '../../src/reminders/reminders';
import { FakeGraph, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import { translator } from '../support/chatDriver';
import { appDigest } from '../support/testRedis';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LINK = 'https://teams.microsoft.com/l/meetup-join/abc';

/**
 * The real app (memory mode) with a WhatsApp newcomer over signed webhooks and a fake Graph API; the
 * timed jobs are the memory ones on a clock the test moves (no timers): each `due()` runs what is due.
 */
describe('reminders of the mentor talk', () => {
  let graph: FakeGraph;
  let clock: { now: number };
  let jobs: MemoryTimedJobs;
  let started: Awaited<ReturnType<typeof startTestApp>>;

  beforeEach(async () => {
    graph = await new FakeGraph().start();
    clock = { now: Date.now() };
    jobs = new MemoryTimedJobs({ now: () => new Date(clock.now) });
    started = await startTestApp(whatsAppEnv(graph), { timedJobs: jobs });
  });
  afterEach(async () => {
    await started.stop();
    await graph.stop();
  });

  /** A Dutch-speaking newcomer who chose the language and agreed, as the booking would find them. */
  async function newcomer(): Promise<{ person: WhatsAppPerson; ref: ReminderPerson }> {
    const person = new WhatsAppPerson(started.url, graph);
    await person.say('hoi');
    await person.tap('Nederlands');
    await person.tap(t('consent:agree'));
    const userId = `NL.${person.phone}`;
    return { person, ref: { channelId: 'whatsapp', userId, conversation: WhatsAppAdapter.reference(userId) as unknown as ReminderPerson['conversation'], language: 'nl' } };
  }

  const due = async (at: number) => {
    clock.now = at;
    await jobs.runDue();
  };

  it('reminds a day and an hour before the talk, in the person\'s language with the time and link, each once', async () => {
    const { person, ref } = await newcomer();
    const startsAt = new Date(Date.now() + 3 * DAY);
    expect(await started.app.reminders.forBooking({ id: 'booking-1', person: ref, startsAt, link: LINK })).toEqual(['day', 'hour']);
    const when = formatWhen('nl', startsAt);
    const before = person.mine().length;

    await due(startsAt.getTime() - DAY - 1000);
    expect(person.mine()).toHaveLength(before); // not yet
    await due(startsAt.getTime() - DAY);
    expect(person.texts(before)).toEqual([t('reminders:talk.day', { when, link: LINK })]);
    await due(startsAt.getTime() - DAY + 60_000);
    expect(person.mine()).toHaveLength(before + 1);

    await due(startsAt.getTime() - HOUR);
    expect(person.texts(before + 1)).toEqual([t('reminders:talk.hour', { when, link: LINK })]);
    expect(person.texts(before + 1)[0]).toContain(LINK);
    expect(await jobs.when(REMINDER_JOB, `${appDigest('vit:')('whatsapp:' + ref.userId)}.talk-booking-1-hour`)).toBeUndefined();
  });

  it('leaves out the reminders whose time has passed, and a booking moved replaces them', async () => {
    const { person, ref } = await newcomer();
    expect(await started.app.reminders.forBooking({ id: 'b2', person: ref, startsAt: new Date(Date.now() + 30 * 60_000), link: LINK })).toEqual([]);
    expect(await started.app.reminders.forBooking({ id: 'b2', person: ref, startsAt: new Date(Date.now() + 5 * HOUR), link: LINK })).toEqual(['hour']);
    const moved = new Date(Date.now() + 2 * DAY);
    expect(await started.app.reminders.forBooking({ id: 'b2', person: ref, startsAt: moved, link: LINK })).toEqual(['day', 'hour']);
    const before = person.mine().length;
    await due(Date.now() + 5 * HOUR); // the old hour-before time: replaced, nothing
    expect(person.mine()).toHaveLength(before);
    await due(moved.getTime() - HOUR);
    expect(person.texts(before)).toEqual([t('reminders:talk.day', { when: formatWhen('nl', moved), link: LINK }), t('reminders:talk.hour', { when: formatWhen('nl', moved), link: LINK })]);
  });

  it('a cancelled talk sends no reminders', async () => {
    const { person, ref } = await newcomer();
    const startsAt = new Date(Date.now() + 3 * DAY);
    await started.app.reminders.forBooking({ id: 'b3', person: ref, startsAt, link: LINK });
    await started.app.reminders.cancelBooking({ id: 'b3', person: ref });
    const before = person.mine().length;
    await due(startsAt.getTime());
    expect(person.mine()).toHaveLength(before);
  });

  it('outside the 24-hour window sends the approved reminder template with the time and the link, not the mentor-reply template', async () => {
    const { person, ref } = await newcomer();
    const startsAt = new Date(Date.now() + 3 * DAY);
    await started.app.reminders.forBooking({ id: 'b4', person: ref, startsAt, link: LINK });
    const before = person.mine().length;
    graph.failNext(400, 131047, 'Re-engagement message'); // the window has closed
    await due(startsAt.getTime() - DAY);
    const sent = person.mine().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].template).toEqual({
      name: 'vit_reminder',
      language: { code: 'nl' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: formatWhen('nl', startsAt) }, { type: 'text', text: LINK }] }],
    });
  });

  it('"stop reminders" in the person\'s own words stops them; "start reminders" turns them on again', async () => {
    const { person, ref } = await newcomer();
    const startsAt = new Date(Date.now() + 3 * DAY);
    await started.app.reminders.forBooking({ id: 'b5', person: ref, startsAt, link: LINK });
    expect((await person.say('Geen herinneringen meer aub')).map((m) => m.text?.body ?? m.interactive?.body?.text).join('\n')).toContain(t('reminders:stopped'));
    expect(await started.app.reminders.isStopped(ref)).toBe(true);
    const before = person.mine().length;
    await due(startsAt.getTime() - DAY);
    expect(person.mine()).toHaveLength(before); // skipped
    expect((await person.say('herineringen aan')).map((m) => m.text?.body ?? m.interactive?.body?.text).join('\n')).toContain(t('reminders:started'));
    const after = person.mine().length;
    await due(startsAt.getTime() - HOUR);
    expect(person.texts(after)).toEqual([t('reminders:talk.hour', { when: formatWhen('nl', startsAt), link: LINK })]);
  });

  it('keeps the choice and the planned reminders in the export, and erases them with the person', async () => {
    const { person, ref } = await newcomer();
    const startsAt = new Date(Date.now() + 3 * DAY);
    await started.app.reminders.forBooking({ id: 'b6', person: ref, startsAt, link: LINK });
    await person.say('stop herinneringen');
    const exported = (await started.app.personRecords.export('whatsapp', ref.userId)).reminders;
    expect(exported).toMatchObject({ stopped: true, planned: [{ id: 'talk-b6-day', text: 'reminders:talk.day' }, { id: 'talk-b6-hour', text: 'reminders:talk.hour' }] });
    await started.app.personRecords.erase('whatsapp', ref.userId);
    expect((await started.app.personRecords.export('whatsapp', ref.userId)).reminders).toBeNull();
    expect(await jobs.runDue()).toBe(0);
    clock.now = startsAt.getTime();
    expect(await jobs.runDue()).toBe(0); // their jobs went with them
  });
});
