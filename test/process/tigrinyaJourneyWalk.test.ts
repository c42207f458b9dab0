import { writeFileSync } from 'node:fs';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { choicesOf, FakeGraph, transcriptOf, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { tr } from '../support/intakeScript';
import { MemoryTimedJobs } from '../../src/jobs/timedJobs';
import { formatSlotTime } from '../../src/domain/mentorSlots';
import { formatWhen } from '../../src/reminders/reminders';
import { SUPPORTED_LANGUAGES } from '../../src/domain/language';

const ti = (key: string, vars?: Record<string, unknown>) => tr('ti', key, vars);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TALK_LINK = 'https://meet.example.org/sara';
const INTERVIEW_LINK = 'https://teams.microsoft.com/l/meetup-join/lisa';
const HOMEWORK = 'ብዛዕባ ከተማኹም ንእሽቶ ገጽ ወብ ስርሑ።';
const body = (m: Record<string, any>): string => m.text?.body ?? m.interactive?.body?.text ?? `[template ${m.template?.name}]`;
/** A whole hour `hours` from now. */
const wholeHour = (hours: number) => new Date(Math.ceil((Date.now() + hours * HOUR) / HOUR) * HOUR);

const ETHIOPIC = /[\u1200-\u137F]/;
/** The first question, before she has chosen, asks for the language in each of them. */
const LANGUAGE_QUESTION = new Set(SUPPORTED_LANGUAGES.map((lng) => tr(lng, 'language:prompt')));
/** Written as they are in every language: levels, numbers, the language names of the first question. */
const KEPT_AS_WRITTEN = /^([A-C][12]|\d+|Nederlands|English|العربية|Türkçe|فارسی)$/;

/**
 * What would be wrong with one WhatsApp message for a person who reads Tigrinya: a line with letters
 * but no Tigrinya (an English fallback), a raw key or an unfilled {{value}}, a body or a title longer
 * than WhatsApp shows, a label cut short ("…") without its full text beside it.
 */
function flaws(m: Record<string, any>): string[] {
  const found: string[] = [];
  const text = body(m);
  if (m.type === 'text' && [...text].length > 4096) found.push(`text of ${[...text].length} characters`);
  if (m.type === 'interactive' && [...text].length > 1024) found.push(`body of ${[...text].length} characters`);
  const words = text.replace(/https?:\/\/\S+/g, '').replace(/[\u2066-\u2069]/g, '');
  if (/\{\{|\b[a-z]+[:.][a-z]+[A-Za-z]*\.[a-zA-Z.]+\b/.test(words)) found.push(`a raw key or value in "${text}"`);
  for (const line of words.split('\n')) {
    if (/\p{L}/u.test(line) && !ETHIOPIC.test(line) && !LANGUAGE_QUESTION.has(line)) found.push(`a line without Tigrinya: "${line}"`);
  }
  const choices = choicesOf(m);
  if (choices.filter((c) => !c.list).length > 3 || choices.filter((c) => c.list).length > 10) found.push(`${choices.length} choices`);
  for (const choice of choices) {
    const length = [...choice.title].length;
    if (length > (choice.list ? 24 : 20)) found.push(`"${choice.title}" is ${length} characters`);
    if (choice.title.endsWith('…') && !choice.description) found.push(`"${choice.title}" is cut short`);
    if (!ETHIOPIC.test(choice.title) && !KEPT_AS_WRITTEN.test(choice.title)) found.push(`a button without Tigrinya: "${choice.title}"`);
  }
  if (m.type === 'interactive' && m.interactive.type === 'list' && !ETHIOPIC.test(m.interactive.action.button)) found.push(`the list's button "${m.interactive.action.button}"`);
  return found;
}

/**
 * A Tigrinya-speaking newcomer on WhatsApp (signed webhooks, a fake Graph API) walks the whole selection
 * from "ሰላም" to `selected`, typing where a person would (a time with a typo and an emoji, an English
 * word in a sentence) while mentor Sara and staff member Lisa act in the console's API. Every reply she
 * gets is read for Tigrinya, raw keys and WhatsApp's limits; the transcript is kept in /tmp/tigrinya-walk.txt.
 */
describe('a Tigrinya newcomer walks the selection on WhatsApp', () => {
  let graph: FakeGraph;
  beforeAll(async () => {
    graph = await new FakeGraph().start();
  });
  afterAll(async () => {
    await graph.stop();
  });

  it('from "ሰላም" to selected, every reply in Tigrinya and within WhatsApp\'s limits', async () => {
    const clock = { now: Date.now() };
    const jobs = new MemoryTimedJobs({ now: () => new Date(clock.now) });
    const { app, url, stop } = await startTestApp(whatsAppEnv(graph), { timedJobs: jobs });
    const senait = new WhatsAppPerson(url, graph);
    const said = async (text: string) => (await senait.say(text)).map(body).join('\n');
    try {
      await addAccount(app, 'sara', 'mentor', ['ti']);
      await addAccount(app, 'lisa', 'staff', ['ti', 'nl']);
      const [sara, lisa] = [new ConsoleClient(url), new ConsoleClient(url)];
      await sara.login('sara');
      await lisa.login('lisa');
      const talkStart = wholeHour(50);
      expect((await sara.post('/console/api/talks/slots', { start: talkStart.toISOString(), durationMinutes: 30, languages: ['ti'], link: TALK_LINK, weeks: 2 })).status).toBe(201);
      const tracks = ((await (await lisa.get('/console/api/homework')).json()) as { tracks: string[] }).tracks;
      for (const track of tracks) expect((await lisa.post(`/console/api/homework/${track}`, { texts: { ti: HOMEWORK, nl: 'Maak een kleine webpagina over je stad.' }, link: 'https://example.org/opdracht', days: 7 })).status).toBe(200);

      // She greets, types her language and agrees in her words, with an English word.
      await said('ሰላም');
      await said('ትግርኛ');
      await said('እወ ok እሰማማዕ');
      // The intake, typed.
      await said('ክሳተፍ ይኽእል ድየ');
      for (const answer of ['ሰናይት', 'መንበሪ ፍቓድ ኣለኒ', 'Tilburg', 'B1', 'A2', 'ዲግሪ', 'ኣይፋል', 'ሆቢ', 'እወ', 'coding ይፈቱ እየ፣ developer ክኸውን እደሊ', '40']) await said(answer);
      expect(senait.texts().join('\n')).toContain(ti('talk:offer'));

      // She types the first time her own way: the weekday, the day, the month with a typo, the hour without minutes, an emoji.
      const [weekday, date] = formatSlotTime(talkStart.toISOString(), 'ti').split('፣ ');
      const [day, month, , time] = date.split(' ');
      const booked = await said(`${weekday} ${day} ${month.slice(0, -1)} ሰዓት ${Number(time.slice(0, 2))}${time.endsWith(':00') ? '' : time.slice(2)} 👍`);
      expect(booked).toContain(ti('talk:booked', { mentor: 'Sara', time: formatSlotTime(talkStart.toISOString(), 'ti'), minutes: 30, link: TALK_LINK }).split('\n')[0]);
      const userId = `NL.${senait.phone}`;
      const who = { channelId: 'whatsapp', userId };
      const journeyPath = `/console/api/people/${Buffer.from(JSON.stringify(['whatsapp', userId])).toString('base64url')}/journey`;
      expect((await app.records.journeys.of(who))?.stage).toBe('mentor-talk-booked');

      // The day before (the reminders' clock moved): the reminder.
      senait.note('the day before the talk');
      clock.now = talkStart.getTime() - DAY + 1000;
      await jobs.runDue();
      await waitFor(() => senait.texts().find((text) => text === ti('reminders:talk.day', { when: formatWhen('ti', talkStart), link: TALK_LINK })), 'the reminder in Tigrinya');

      // The talk's time comes (moved to an hour ago); Sara records it held; Lisa gives the homework.
      senait.note('Sara marks the talk held; Lisa gives the homework');
      const [slot] = (await app.records.talks.store.list(new Date(Date.now() - DAY), 50)).filter((s) => s.booking);
      await app.records.talks.store.add([{ ...slot, start: new Date(Date.now() - HOUR).toISOString() }]);
      expect((await sara.post(`/console/api/talks/slots/${slot.id}/outcome`, { kind: 'held', note: 'Gemotiveerd' })).status).toBe(200);
      expect((await app.records.journeys.of(who))?.stage).toBe('mentor-talk-held');
      expect((await lisa.post(`${journeyPath}/moves`, { to: 'homework-given', reason: 'goed gesprek' })).status).toBe(200);
      await waitFor(() => senait.texts().find((text) => text.includes(HOMEWORK)), 'the homework in Tigrinya');

      // She asks where she is, then hands the homework in from the chat.
      await said('ኣበይ በጺሐ');
      expect(await said('ዕዮ ገዛይ: https://github.com/senait/tilburg')).toContain(ti('journey:homework.received'));

      // Lisa passes it with a note; the interview in a staff time.
      senait.note('Lisa passes the homework, publishes interview times and invites her');
      expect((await lisa.post(`${journeyPath}/homework/review`, { verdict: 'passed', note: 'ጽቡቕ ስራሕ!' })).status).toBe(200);
      await waitFor(() => senait.texts().find((text) => text.includes(ti('journey:homework.passed', { name: 'Lisa', note: 'ጽቡቕ ስራሕ!' }))), 'the review in Tigrinya');
      const interviewStart = wholeHour(74);
      expect((await lisa.post('/console/api/talks/slots', { start: interviewStart.toISOString(), durationMinutes: 30, languages: ['ti'], link: INTERVIEW_LINK, weeks: 1, kind: 'interview' })).status).toBe(201);
      expect((await lisa.post(`${journeyPath}/moves`, { to: 'selection-intake', reason: 'klaar voor het gesprek' })).status).toBe(200);
      await waitFor(() => senait.texts().find((text) => text.includes(ti('interview:invite'))), 'the interview invitation');
      expect(await said('ቃለ መሕትት ውጠን please')).toContain(ti('interview:offer'));
      expect(await said('1')).toContain(ti('interview:booked', { mentor: 'Lisa', time: formatSlotTime(interviewStart.toISOString(), 'ti'), minutes: 30, link: INTERVIEW_LINK }).split('\n')[0]);

      // The decision: selected.
      senait.note('Lisa records the decision: selected');
      expect((await lisa.post(`${journeyPath}/moves`, { to: 'selected', reason: 'Sterk interview' })).status).toBe(200);
      await waitFor(() => senait.texts().find((text) => text.includes(ti('journey:decision.selected'))), 'the decision in Tigrinya');
      expect((await app.records.journeys.of(who))?.stage).toBe('selected');
      await said('የቐንየለይ!');

      // Every reply: Tigrinya, no raw key, within WhatsApp's limits.
      const problems = senait.mine().flatMap((m, i) => flaws(m).map((flaw) => `reply ${i + 1}: ${flaw}`));
      expect(problems).toEqual([]);
    } finally {
      writeFileSync('/tmp/tigrinya-walk.txt', transcriptOf(senait));
      await stop();
    }
  }, 180_000);
});
