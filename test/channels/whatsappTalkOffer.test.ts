import { WhatsAppPerson } from '../support/fakeGraph';
import { appOnWhatsApp } from '../support/appSuites';
import { eligibleIntakeOnWhatsApp, tr } from '../support/intakeScript';
import type { Language } from '../../src/i18n/languages';
import type { JourneyStage } from '../../src/domain/journey';
import { formatSlotTime } from '../../src/domain/mentorSlots';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';

const body = (m: Record<string, any>) => m.text?.body ?? m.interactive?.body?.text ?? '';
const DAY = 86_400_000;
const sara = { id: 'acc-sara', firstName: 'Sara' };
/** Whole hours 2, 3 and 4 days on: in the future whenever the test runs. */
const starts = () => [2, 3, 4].map((days) => new Date(Math.ceil((Date.now() + days * DAY) / 3_600_000) * 3_600_000).toISOString());

/**
 * The offer of talk times on WhatsApp (signed webhooks, a fake Graph API, the real app in memory mode):
 * what a newcomer types at the list of times instead of tapping a row.
 */
describe('the talk times on WhatsApp, answered in words', () => {
  const wa = appOnWhatsApp({ MENTOR_HOURS: 'always' }, { perTest: true });

  /** Three free times in `lng`; the intake typed on WhatsApp to an eligible result: the times are offered as a list. */
  async function atOffer(lng: Language, hello: string): Promise<{ person: WhatsAppPerson; ids: string[]; userId: string }> {
    const t = (key: string) => tr(lng, key);
    const ids: string[] = [];
    for (const start of starts()) {
      const published = await wa.app.app.records.talks.publish(sara, { start, durationMinutes: 30, languages: [lng], link: 'https://meet.example.org/sara', weeks: 1 }, new Date());
      if (!published.ok) throw new Error(published.problem);
      ids.push(published.slots[0].id);
    }
    const person = new WhatsAppPerson(wa.app.url, wa.graph);
    await eligibleIntakeOnWhatsApp(person, lng, hello);
    expect(person.texts().join('\n')).toContain(t('talk:offer'));
    const last = [...person.mine()].reverse().find((m) => m.type === 'interactive');
    expect(last?.interactive.type).toBe('list');
    return { person, ids, userId: `NL.${person.phone}` };
  }

  it.each<[Language, string, string]>([
    ['nl', 'hallo', 'de tweede'],
    ['fa', 'سلام', 'دومی'],
  ])('%s: the second time named in words books it (hello "%s", then "%s")', async (lng, hello, second) => {
    const { person, ids, userId } = await atOffer(lng, hello);
    const booked = (await person.say(second)).map(body).join('\n');
    expect(booked).toContain('https://meet.example.org/sara');
    expect((await wa.app.app.records.talks.upcomingOf({ channelId: 'whatsapp', userId }, new Date()))?.id).toBe(ids[1]);
  });

  it.each<[Language, string, string]>([
    ['nl', 'hallo', 'geen van deze'],
    ['ar', 'مرحبا', 'لا شيء منها'],
  ])('%s: "none of these" in words is the "none of these fit" row (hello "%s", then "%s")', async (lng, hello, none) => {
    const { person, userId } = await atOffer(lng, hello);
    const reply = (await person.say(none)).map(body).join('\n');
    expect(reply).toContain(tr(lng, 'talk:noneFitReply'));
    expect(reply).toContain(tr(lng, 'eligibility:mentorOffer'));
    expect(await wa.app.app.records.talks.upcomingOf({ channelId: 'whatsapp', userId }, new Date())).toBeUndefined();
  });
});

describe('the invitation to the interview on WhatsApp: a number typed is the time of that number in its list', () => {
  const wa = appOnWhatsApp({ MENTOR_HOURS: 'always' }, { perTest: true });
  const staff = { kind: 'staff' as const, id: 'acc-lisa', firstName: 'Lisa' };
  const BEFORE_INTERVIEW: JourneyStage[] = ['motivation', 'mentor-talk-booked', 'mentor-talk-held', 'homework-given', 'homework-submitted', 'homework-reviewed'];

  it.each<[Language, string, string]>([
    ['nl', 'hallo', '2'],
    ['fa', 'سلام', '۲'],
  ])('%s: three times named in the invitation (one button), a bare 2 books the second of them, not the menu\'s second button (hello "%s", then "%s")', async (lng, hello, two) => {
    const t = (key: string, vars?: Record<string, unknown>) => tr(lng, key, vars);
    await addAccount(wa.app.app, 'lisa', 'staff', [lng]);
    const lisa = new ConsoleClient(wa.app.url);
    await lisa.login('lisa');
    const times = starts();
    const ids: string[] = [];
    for (const start of times) {
      const published = await wa.app.app.records.talks.publish({ id: 'acc-lisa', firstName: 'Lisa' }, { start, durationMinutes: 30, languages: [lng], link: 'https://meet.example.org/lisa', weeks: 1, kind: 'interview' }, new Date());
      if (!published.ok) throw new Error(published.problem);
      ids.push(published.slots[0].id);
    }
    const person = new WhatsAppPerson(wa.app.url, wa.graph);
    await eligibleIntakeOnWhatsApp(person, lng, hello);
    await person.say(t('common:buttons.no')); // no mentor now: the menu, whose second row is "My result"
    const userId = `NL.${person.phone}`;
    const who = { channelId: 'whatsapp', userId };
    for (const to of BEFORE_INTERVIEW) {
      const moved = await wa.app.app.records.journeys.moveTo(who, to, staff, 'next', new Date());
      if (!moved.ok) throw new Error(`could not move to ${to}`);
    }
    const key = Buffer.from(JSON.stringify(['whatsapp', userId])).toString('base64url');
    const before = person.mine().length;
    expect((await lisa.post(`/console/api/people/${key}/journey/moves`, { to: 'selection-intake', reason: 'goed huiswerk' })).status).toBe(200);
    const invitation = await waitFor(() => person.mine().slice(before).find((m) => body(m).includes(t('interview:invite'))), 'the invitation');
    // The times numbered in the text, and one button (WhatsApp's reply buttons), not the times.
    times.forEach((start, i) => expect(body(invitation)).toContain(t('interview:slotLine', { number: i + 1, time: formatSlotTime(start, lng), mentor: 'Lisa', minutes: 30 })));
    expect(invitation.interactive.action.buttons.map((b: { reply: { title: string } }) => b.reply.title)).toEqual([t('interview:buttons.plan')]);

    const booked = (await person.say(two)).map(body).join('\n');
    expect(booked).toContain(t('interview:booked', { mentor: 'Lisa', time: formatSlotTime(times[1], lng), minutes: 30, link: 'https://meet.example.org/lisa' }).split('\n')[0]);
    expect(booked).not.toContain(t('eligibility:intro'));
    expect((await wa.app.app.records.talks.upcomingOf(who, new Date(), 'interview'))?.id).toBe(ids[1]);
  });
});
