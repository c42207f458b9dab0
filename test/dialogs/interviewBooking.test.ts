import type { Language } from '../../src/i18n/languages';
import type { JourneyStage } from '../../src/domain/journey';
import { formatSlotShort, formatSlotTime } from '../../src/domain/mentorSlots';
import { ChatDriver } from '../support/chatDriver';
import { ELIGIBLE_ANSWERS, startAndConsent, tapThroughIntake, tr } from '../support/intakeScript';

const PERSON = { channelId: 'test', userId: 'person-1' };
const NOW = new Date('2026-11-25T10:00:00Z');
const sara = { id: 'acc-sara', firstName: 'Sara' };
const noor = { id: 'acc-noor', firstName: 'Noor' };
const staff = { kind: 'staff' as const, id: 'acc-noor', firstName: 'Noor' };
/** The selection up to the interview, as a mentor and staff move a person in the console. */
const TO_INTERVIEW: JourneyStage[] = ['motivation', 'mentor-talk-booked', 'mentor-talk-held', 'homework-given', 'homework-submitted', 'homework-reviewed', 'selection-intake'];

async function publish(chat: ChatDriver, owner: { id: string; firstName: string }, start: string, languages: Language[], kind: 'talk' | 'interview', link = 'https://meet.example.org/noor') {
  const published = await chat.talks.publish(owner, { start, durationMinutes: 30, languages, link, weeks: 1, kind }, NOW);
  if (!published.ok) throw new Error(`could not publish: ${published.problem}`);
  return published.slots[0];
}

/** Intake done in `lng` (no talk time free then), moved on by staff to selection-intake. */
async function atInterview(chat: ChatDriver, lng: Language) {
  await startAndConsent(chat, lng);
  await tapThroughIntake(chat, lng, ELIGIBLE_ANSWERS);
  await chat.tap(tr(lng, 'common:buttons.no')); // no mentor now
  for (const to of TO_INTERVIEW) {
    const moved = await chat.journeys.moveTo(PERSON, to, staff, 'next', NOW);
    if (!moved.ok) throw new Error(`could not move to ${to}`);
  }
}

describe('the intake interview, booked from the chat in staff slots', () => {
  it('Arabic: "بدي موعد المقابلة" offers the interview times only (not the talks), books the one tapped, and the journey stays at selection-intake', async () => {
    const chat = new ChatDriver();
    const interview = await publish(chat, noor, '2026-11-27T15:30:00.000Z', ['ar', 'nl'], 'interview', 'https://teams.microsoft.com/l/meetup-join/noor');
    await publish(chat, noor, '2026-11-28T15:30:00.000Z', ['tr'], 'interview'); // not a language of hers
    await atInterview(chat, 'ar');
    await publish(chat, sara, '2026-11-26T13:00:00.000Z', ['ar'], 'talk'); // a talk: not offered for the interview
    await chat.say('بدي موعد المقابلة');
    expect(chat.texts().at(-1)).toContain(tr('ar', 'interview:offer'));
    expect(chat.buttons().map((b) => b.title)).toEqual([formatSlotShort(interview.start, 'ar'), tr('ar', 'talk:buttons.noneFit')]);
    await chat.tap(formatSlotShort(interview.start, 'ar'));
    const confirmation = chat.texts()[0];
    expect(confirmation).toBe(tr('ar', 'interview:booked', { mentor: 'Noor', time: formatSlotTime(interview.start, 'ar'), minutes: 30, link: 'https://teams.microsoft.com/l/meetup-join/noor' }));
    expect(confirmation).toContain('الجمعة');
    expect(confirmation).toContain('\u2068https://teams.microsoft.com/l/meetup-join/noor\u2069');
    expect((await chat.talks.upcomingOf(PERSON, NOW, 'interview'))?.id).toBe(interview.id);
    expect(await chat.talks.upcomingOf(PERSON, NOW)).toBeUndefined();
    expect((await chat.journeys.of(PERSON))?.stage).toBe('selection-intake');
  });

  it('Dutch with a typo: "intake planen" books; "ik kan niet komen" cancels the interview after a yes and offers the times again', async () => {
    const chat = new ChatDriver();
    const first = await publish(chat, noor, '2026-11-26T09:00:00.000Z', ['nl'], 'interview');
    const second = await publish(chat, noor, '2026-11-27T09:00:00.000Z', ['nl'], 'interview');
    await atInterview(chat, 'nl');
    await chat.say('intake planen');
    expect(chat.texts().at(-1)).toContain(tr('nl', 'interview:offer'));
    await chat.say('1');
    expect(chat.texts()[0]).toContain(tr('nl', 'interview:booked', { mentor: 'Noor', time: formatSlotTime(first.start, 'nl'), minutes: 30, link: 'https://meet.example.org/noor' }).split('\n')[0]);
    await chat.say('Ik kan niet komen!');
    expect(chat.texts().at(-1)).toBe(tr('nl', 'interview:cancelConfirm', { time: formatSlotTime(first.start, 'nl') }));
    await chat.say('ja');
    expect(chat.texts()[0]).toBe(tr('nl', 'interview:cancelled'));
    expect(chat.texts().at(-1)).toContain(tr('nl', 'interview:offerAgain'));
    expect(chat.buttons().map((b) => b.title)).toContain(formatSlotShort(second.start, 'nl'));
    expect(await chat.talks.upcomingOf(PERSON, NOW, 'interview')).toBeUndefined();
    expect((await chat.journeys.of(PERSON))?.stage).toBe('selection-intake');
  });

  it('before selection-intake, "plan interview" offers no interview time; with none published at selection-intake it says to try later', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await tapThroughIntake(chat, 'en', ELIGIBLE_ANSWERS);
    await chat.tap(tr('en', 'common:buttons.no'));
    await publish(chat, noor, '2026-11-26T09:00:00.000Z', ['en'], 'interview');
    await chat.say('plan interview');
    expect(chat.transcript()).not.toContain(tr('en', 'interview:offer'));
    expect(await chat.talks.upcomingOf(PERSON, NOW, 'interview')).toBeUndefined();

    const other = new ChatDriver();
    await atInterview(other, 'en');
    await other.say('plan the intervew');
    expect(other.texts()[0]).toBe(tr('en', 'interview:noSlots'));
  });
});


describe('"where am I?" at the interview step', () => {
  it('says how to plan the interview, and once booked, when it is', async () => {
    const chat = new ChatDriver();
    const slot = await publish(chat, noor, '2026-11-27T09:00:00.000Z', ['tr'], 'interview');
    await atInterview(chat, 'tr');
    await chat.say('ne durumdayim');
    expect(chat.texts()[0]).toContain(tr('tr', 'interview:planHint'));
    await chat.say('mülakat planla');
    await chat.say('1');
    await chat.say('ne durumdayım');
    expect(chat.texts()[0]).toContain(tr('tr', 'interview:hasBooking', { time: formatSlotTime(slot.start, 'tr') }));
  });
});

describe('a number typed after the invitation to the interview', () => {
  /** At selection-intake with the invitation's numbered times kept on the journey, as the console's move keeps them. */
  async function invited(chat: ChatDriver, lng: Language, slots: string[]) {
    await startAndConsent(chat, lng);
    await tapThroughIntake(chat, lng, ELIGIBLE_ANSWERS);
    await chat.tap(tr(lng, 'common:buttons.no'));
    for (const to of TO_INTERVIEW) {
      const moved = await chat.journeys.moveTo(PERSON, to, staff, 'next', NOW, to === 'selection-intake' ? (j) => ({ ...j, invitation: { at: NOW.toISOString(), slots } }) : undefined);
      if (!moved.ok) throw new Error(`could not move to ${to}`);
    }
  }

  it('Arabic "٢" books the second time of the invitation\'s list, at the menu', async () => {
    const chat = new ChatDriver();
    const first = await publish(chat, noor, '2026-11-26T09:00:00.000Z', ['ar'], 'interview');
    const second = await publish(chat, noor, '2026-11-27T09:00:00.000Z', ['ar'], 'interview');
    await invited(chat, 'ar', [first.id, second.id]);
    await chat.say('٢');
    expect(chat.texts()[0]).toBe(tr('ar', 'interview:booked', { mentor: 'Noor', time: formatSlotTime(second.start, 'ar'), minutes: 30, link: 'https://meet.example.org/noor' }));
    expect((await chat.talks.upcomingOf(PERSON, NOW, 'interview'))?.id).toBe(second.id);
  });

  it('a time taken since: says so and shows the free times, whose own numbers then count', async () => {
    const chat = new ChatDriver();
    const first = await publish(chat, noor, '2026-11-26T09:00:00.000Z', ['en'], 'interview');
    const second = await publish(chat, noor, '2026-11-27T09:00:00.000Z', ['en'], 'interview');
    await invited(chat, 'en', [first.id, second.id]);
    const other = { person: { channelId: 'test', userId: 'someone-else' }, conversation: { channelId: 'test', serviceUrl: 'https://x.invalid', conversation: { id: 'c2' }, user: { id: 'someone-else' }, bot: { id: 'bot' } }, language: 'en' as const, bookedAt: NOW.toISOString() };
    expect((await chat.talks.book(first.id, other, NOW)).ok).toBe(true);
    await chat.say('1');
    expect(chat.texts()[0]).toBe(tr('en', 'interview:taken'));
    expect(chat.buttons().map((b) => b.title)).toEqual([formatSlotShort(second.start, 'en'), tr('en', 'talk:buttons.noneFit')]);
    // In the offer of times, its own numbers count: "1" is now the first time shown there.
    await chat.say('1');
    expect((await chat.talks.upcomingOf(PERSON, NOW, 'interview'))?.id).toBe(second.id);
  });
});
