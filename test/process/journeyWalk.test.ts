import type { Page } from 'playwright-core';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { FakeGraph, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';
import { MemoryTimedJobs } from '../../src/jobs/timedJobs';
import { formatSlotShort, formatSlotTime } from '../../src/domain/mentorSlots';
import { formatWhen } from '../../src/reminders/reminders';
import type { Language } from '../../src/i18n/languages';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const tr = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TALK_LINK = 'https://meet.example.org/sara';
const INTERVIEW_LINK = 'https://teams.microsoft.com/l/meetup-join/lisa';

/** "YYYY-MM-DDTHH:00" in Dutch time: what the slots form reads its datetime-local field as, whatever zone the machine is in. */
function localInput(date: Date): string {
  const part = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:00`;
}
/** A whole hour `hours` from now, as the slots form reads it. */
const wholeHour = (hours: number) => new Date(Math.ceil((Date.now() + hours * HOUR) / HOUR) * HOUR);

async function login(page: Page, url: string, username: string) {
  await page.goto(`${url}/console`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('correct horse battery');
  await page.getByTestId('login-submit').click();
}

/** Publishes a time on "My slots" for Arabic and Dutch, weekly for two weeks. */
async function publishTimes(page: Page, start: Date, link: string, kind?: 'interview') {
  await page.getByTestId('nav-slots').click();
  const slots = page.getByTestId('slots-page');
  await waitFor(async () => (await slots.getByTestId('slots-list').count()) === 1, 'the slots page drawn');
  const before = await slots.getByTestId('slot-item').count();
  await slots.getByTestId('slot-start').fill(localInput(start));
  await slots.getByTestId('slot-language-ar').check();
  await slots.getByTestId('slot-language-nl').check();
  await slots.getByTestId('slot-link').fill(link);
  if (kind) await slots.getByTestId('slot-kind').selectOption(kind);
  await slots.getByTestId('slot-weeks').fill('2');
  await slots.getByTestId('slot-add').click();
  await waitFor(async () => (await slots.getByTestId('slot-item').count()) === before + 2, 'two times published');
  expect(await slots.getByTestId('slot-error').textContent()).toBe('');
}

/**
 * The "done when" of the selection: one newcomer in Emulator mode (Arabic) and one on WhatsApp (Dutch)
 * walk from the intake's result to selected, while a mentor (on a phone) and staff act in Chromium.
 */
describe('the selection journey, walked end to end', () => {
  const suite = browserWithConnector();
  let graph: FakeGraph;
  beforeAll(async () => {
    graph = await new FakeGraph().start();
  });
  afterAll(async () => {
    await graph.stop();
  });

  it('an Arabic newcomer (Emulator) and a Dutch one (WhatsApp): talk booked, reminded, held, homework given, handed in, passed, interview booked in a staff slot, selected', async () => {
    const clock = { now: Date.now() };
    const jobs = new MemoryTimedJobs({ now: () => new Date(clock.now) });
    const { app, url, stop } = await startTestApp(whatsAppEnv(graph), { timedJobs: jobs });
    const mentorContext = await suite.browser.newContext(PHONE);
    const staffContext = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      await addAccount(app, 'sara', 'mentor', ['ar', 'nl']);
      await addAccount(app, 'lisa', 'staff', ['nl']);
      const lisaApi = new ConsoleClient(url);
      await lisaApi.login('lisa');
      expect((await lisaApi.post('/console/api/homework/eligible', { texts: { ar: 'اصنعي صفحة ويب صغيرة عن مدينتك.', nl: 'Maak een kleine webpagina over je stad.' }, link: 'https://example.org/opdracht', days: 7 })).status).toBe(200);

      // Sara, on her phone, publishes her talk times (Arabic and Dutch, two weeks).
      const sara = await mentorContext.newPage();
      await login(sara, url, 'sara');
      const talkStart = wholeHour(50);
      await publishTimes(sara, talkStart, TALK_LINK);
      const nextWeek = new Date(talkStart.getTime() + 7 * DAY);

      // Amina (Emulator, Arabic): the intake, an eligible result, the times; she types "1".
      const amina = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      const aminaHas = (text: string) => waitFor(() => suite.connector.repliesIn(amina.conversationId).find((a) => a.text?.includes(text)), `Amina hearing "${text.slice(0, 60)}"`);
      await amina.startAndConsent('ar');
      await amina.say(tr('ar', 'common:menu.intake'));
      await amina.hears(tr('ar', 'intake:fields.firstName.prompt'));
      for (const answer of ['آمنة', tr('ar', 'intake:fields.residenceStatus.options.statushouder'), 'Zwolle', 'B1', 'A2', tr('ar', 'intake:fields.education.options.bachelor'), tr('ar', 'common:buttons.no'), tr('ar', 'intake:fields.itExperience.options.hobby'), tr('ar', 'common:buttons.yes'), 'أحب البرمجة وأريد أن أعمل مطورة', '40']) {
        const before = suite.connector.repliesIn(amina.conversationId).length;
        await amina.say(answer);
        await waitFor(() => suite.connector.repliesIn(amina.conversationId).length > before, `a reply to ${answer}`);
      }
      await aminaHas(tr('ar', 'talk:offer'));
      await amina.say('1');
      const aminaBooked = await aminaHas(tr('ar', 'talk:booked', { mentor: 'Sara', time: formatSlotTime(talkStart.toISOString(), 'ar'), minutes: 30, link: TALK_LINK }).split('\n')[0]);
      expect(aminaBooked.text).toContain(`\u2068${TALK_LINK}\u2069`);

      // Daan (WhatsApp, Dutch): the same; the first time is Amina's now, so "1" is next week's.
      const daan = new WhatsAppPerson(url, graph);
      await daan.say('hallo');
      await daan.tap(tr('nl', 'language:names.nl'));
      await daan.tap(tr('nl', 'consent:agree'));
      await daan.tap(tr('nl', 'common:menu.intake'));
      for (const answer of ['Daan', tr('nl', 'intake:fields.residenceStatus.options.statushouder'), 'Utrecht', 'B1', 'B1', tr('nl', 'intake:fields.education.options.secondary'), tr('nl', 'common:buttons.no'), tr('nl', 'intake:fields.itExperience.options.hobby'), tr('nl', 'common:buttons.yes'), 'Ik wil graag software maken', '32']) {
        await daan.say(answer);
      }
      expect(daan.texts().some((text) => text.includes(tr('nl', 'talk:offer')))).toBe(true);
      const before = daan.mine().length;
      await daan.say('1');
      expect(daan.texts(before).join('\n')).toContain(tr('nl', 'talk:booked', { mentor: 'Sara', time: formatSlotTime(nextWeek.toISOString(), 'nl'), minutes: 30, link: TALK_LINK }).split('\n')[0]);
      const daanId = (await app.records.talks.store.list(nextWeek, 1))[0].booking!.person;
      expect(daanId.channelId).toBe('whatsapp');
      expect((await app.records.journeys.of(daanId))?.stage).toBe('mentor-talk-booked');

      // The day before each talk (the reminders' clock moved, not slept): each hears it in their language.
      clock.now = talkStart.getTime() - DAY + 1000;
      await jobs.runDue();
      await aminaHas(tr('ar', 'reminders:talk.day', { when: formatWhen('ar', talkStart), link: TALK_LINK }));
      clock.now = nextWeek.getTime() - DAY + 1000;
      await jobs.runDue();
      await waitFor(() => daan.texts().find((text) => text === tr('nl', 'reminders:talk.day', { when: formatWhen('nl', nextWeek), link: TALK_LINK })), 'Daan reminded the day before');

      // The talks' times come (the console's clock is the real one: the booked slots are moved to an hour ago).
      for (const slot of await app.records.talks.store.list(new Date(Date.now() - DAY), 50)) {
        if (slot.booking) await app.records.talks.store.add([{ ...slot, start: new Date(Date.now() - HOUR - (slot.start === talkStart.toISOString() ? 0 : HOUR)).toISOString() }]);
      }
      // Sara records both talks as held, with a note.
      await sara.reload();
      await sara.getByTestId('nav-slots').click();
      const saraSlots = sara.getByTestId('slots-page');
      for (const note of ['Gemotiveerd, goed Engels', 'Leergierig']) {
        const held = saraSlots.locator('[data-testid="slot-item"]').filter({ has: sara.getByTestId('slot-held') }).first();
        await held.getByTestId('slot-note').fill(note);
        await held.getByTestId('slot-held').click();
        await waitFor(async () => (await saraSlots.getByText(note).count()) === 1, `held recorded: ${note}`);
      }
      await sara.screenshot({ path: '/tmp/journey-walk-mentor-390.png', fullPage: true });
      for (const person of [{ channelId: 'emulator', userId: `user-${amina.conversationId}` }, daanId]) {
        expect((await app.records.journeys.of(person))?.stage).toBe('mentor-talk-held');
      }

      // Lisa (staff) in the console: homework given to both, from the journey board.
      const lisa = await staffContext.newPage();
      await login(lisa, url, 'lisa');
      await lisa.getByTestId('nav-journey').click();
      const board = lisa.getByTestId('journey-page');
      const cardOf = async (name: string) => {
        const card = board.locator('[data-testid="journey-person"]').filter({ hasText: name }).first();
        await card.waitFor();
        const key = (await card.getAttribute('data-key'))!;
        return board.locator(`[data-testid="journey-person"][data-key="${key}"]`);
      };
      const open = async (name: string) => {
        const card = await cardOf(name);
        if (!(await card.getByTestId('journey-form').isVisible())) await card.getByTestId('journey-open').click();
        return card;
      };
      const move = async (name: string, to: string) => {
        const card = await open(name);
        await card.getByTestId('journey-form').waitFor();
        await card.getByTestId('journey-to').selectOption(to);
        await card.getByTestId('journey-reason').fill(`stap ${to}`);
        await card.getByTestId('journey-move-submit').click();
        await board.locator(`[data-testid="journey-person"][data-stage="${to}"]`).filter({ hasText: name }).waitFor();
        await card.locator('[data-testid="journey-delivery"][data-delivery="sent"]').waitFor();
      };
      await move('آمنة', 'homework-given');
      await move('Daan', 'homework-given');
      await aminaHas('اصنعي صفحة ويب صغيرة عن مدينتك.');
      await waitFor(() => daan.texts().find((text) => text.includes('Maak een kleine webpagina over je stad.')), 'Daan got the homework');

      // They hand it in from the chat, in their own words.
      await amina.say('واجبي: https://github.com/amina/stad');
      await aminaHas(tr('ar', 'journey:homework.received'));
      const handedIn = daan.mine().length;
      await daan.say('huiswerk: https://github.com/daan/site');
      expect(daan.texts(handedIn).join('\n')).toContain(tr('nl', 'journey:homework.received'));

      // Lisa passes both with a note; each reads it.
      await lisa.reload();
      await lisa.getByTestId('nav-journey').click();
      for (const name of ['آمنة', 'Daan']) {
        const card = await open(name);
        await card.getByTestId('homework-review').waitFor();
        await card.getByTestId('homework-note').fill('Mooi werk!');
        await card.getByTestId('homework-passed').click();
        await board.locator('[data-testid="journey-person"][data-stage="homework-reviewed"]').filter({ hasText: name }).waitFor();
      }
      await aminaHas(tr('ar', 'journey:homework.passed', { name: 'Lisa', note: 'Mooi werk!' }));
      await waitFor(() => daan.texts().find((text) => text.includes(tr('nl', 'journey:homework.passed', { name: 'Lisa', note: 'Mooi werk!' }))), 'Daan read the review');

      // Lisa publishes times for the intake interview, then invites both.
      const interviewStart = wholeHour(74);
      await publishTimes(lisa, interviewStart, INTERVIEW_LINK, 'interview');
      await lisa.getByTestId('nav-journey').click();
      await move('آمنة', 'selection-intake');
      await move('Daan', 'selection-intake');
      await aminaHas(tr('ar', 'interview:invite'));
      await waitFor(() => daan.texts().find((text) => text.includes(tr('nl', 'interview:invite'))), 'Daan invited to the interview');

      // Amina types it in her words and picks the first time; Daan taps "Intakegesprek plannen" and the next week's time.
      await amina.say('بدي موعد المقابلة');
      await aminaHas(tr('ar', 'interview:offer'));
      await amina.say('1');
      const aminaInterview = await aminaHas(tr('ar', 'interview:booked', { mentor: 'Lisa', time: formatSlotTime(interviewStart.toISOString(), 'ar'), minutes: 30, link: INTERVIEW_LINK }).split('\n')[0]);
      expect(aminaInterview.text).toContain(`\u2068${INTERVIEW_LINK}\u2069`);
      // Daan's invitation carries the button; he types it instead, with a typo.
      const invitation = [...daan.mine()].reverse().find((m) => m.type === 'interactive')!;
      expect(invitation.interactive.action.buttons.map((b: { reply: { title: string } }) => b.reply.title)).toEqual([tr('nl', 'interview:buttons.plan')]);
      const interviewNextWeek = new Date(interviewStart.getTime() + 7 * DAY);
      const chose = daan.mine().length;
      await daan.say('intake planen');
      expect(daan.texts(chose).some((text) => text.includes(tr('nl', 'interview:offer')))).toBe(true);
      await daan.tap(formatSlotShort(interviewNextWeek.toISOString(), 'nl'));
      expect(daan.texts(chose).join('\n')).toContain(tr('nl', 'interview:booked', { mentor: 'Lisa', time: formatSlotTime(interviewNextWeek.toISOString(), 'nl'), minutes: 30, link: INTERVIEW_LINK }).split('\n')[0]);

      // Lisa sees each interview beside the journey, then records the decision: selected; each hears it.
      await lisa.reload();
      await lisa.getByTestId('nav-journey').click();
      for (const name of ['آمنة', 'Daan']) {
        const card = await open(name);
        await card.locator('[data-testid="journey-booking"][data-kind="interview"]').waitFor();
        expect(await card.locator('[data-testid="journey-booking"][data-kind="talk"]').count()).toBe(1);
      }
      await (await open('Daan')).screenshot({ path: '/tmp/journey-walk-staff.png' });
      await move('آمنة', 'selected');
      await move('Daan', 'selected');
      await aminaHas(tr('ar', 'journey:decision.selected'));
      await waitFor(() => daan.texts().find((text) => text.includes(tr('nl', 'journey:decision.selected'))), 'Daan selected');
      for (const person of [{ channelId: 'emulator', userId: `user-${amina.conversationId}` }, daanId]) {
        expect((await app.records.journeys.of(person))?.stage).toBe('selected');
      }
    } catch (error) {
      for (const [i, context] of [mentorContext, staffContext].entries()) {
        const [page] = context.pages();
        if (page) await page.screenshot({ path: `/tmp/journey-walk-failure-${i}.png`, fullPage: true });
      }
      throw error;
    } finally {
      await mentorContext.close();
      await staffContext.close();
      await stop();
    }
  }, 300_000);
});
