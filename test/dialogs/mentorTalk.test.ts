import type { Language } from '../../src/i18n/languages';
import { formatSlotShort, formatSlotTime } from '../../src/domain/mentorSlots';
import { ChatDriver } from '../support/chatDriver';
import { ELIGIBLE_ANSWERS, startAndConsent, tapThroughIntake, tr } from '../support/intakeScript';

const PERSON = { channelId: 'test', userId: 'person-1' };
const NOW = new Date('2026-11-25T10:00:00Z');
const sara = { id: 'acc-sara', firstName: 'Sara' };
const yusuf = { id: 'acc-yusuf', firstName: 'Yusuf' };
const draft = (start: string, languages: Language[], link = 'https://meet.example.org/sara') => ({ start, durationMinutes: 30, languages, link, weeks: 1 });

async function publish(chat: ChatDriver, mentor: { id: string; firstName: string }, start: string, languages: Language[], link?: string) {
  const published = await chat.talks.publish(mentor, draft(start, languages, link), NOW);
  if (!published.ok) throw new Error(`could not publish: ${published.problem}`);
  return published.slots[0];
}

/** Language, consent and the intake with buttons (B1 Dutch, A2 English): the result, then the talk's times. */
async function toResult(chat: ChatDriver, lng: Language) {
  await startAndConsent(chat, lng);
  await tapThroughIntake(chat, lng, ELIGIBLE_ANSWERS);
}

describe('the mentor talk, booked from the chat', () => {
  it('offers the free times after an eligible result, own language first, and books the one tapped', async () => {
    const chat = new ChatDriver();
    const dutch = await publish(chat, sara, '2026-11-26T13:00:00.000Z', ['nl']);
    const arabic = await publish(chat, yusuf, '2026-11-27T15:30:00.000Z', ['ar'], 'https://teams.microsoft.com/l/meetup-join/yusuf');
    await publish(chat, sara, '2026-11-26T16:00:00.000Z', ['tr']); // not a language of hers
    await toResult(chat, 'ar');
    expect(chat.texts().at(-1)).toContain(tr('ar', 'talk:offer'));
    expect(chat.buttons().map((b) => b.title)).toEqual([formatSlotShort(arabic.start, 'ar'), formatSlotShort(dutch.start, 'ar'), tr('ar', 'talk:buttons.noneFit')]);
    await chat.tap(formatSlotShort(arabic.start, 'ar'));
    const confirmation = chat.texts().join('\n');
    // Arabic weekday, Dutch time (16:30 in winter), the link isolated from the right-to-left text.
    expect(confirmation).toContain('الجمعة');
    expect(confirmation).toContain('16:30');
    expect(confirmation).toContain('\u2068https://teams.microsoft.com/l/meetup-join/yusuf\u2069');
    expect(confirmation).toContain('Yusuf');
    expect((await chat.talks.upcomingOf(PERSON, NOW))?.id).toBe(arabic.id);
    expect((await chat.journeys.of(PERSON))?.stage).toBe('mentor-talk-booked');
    expect((await chat.journeys.of(PERSON))?.moves.at(-1)).toMatchObject({ to: 'mentor-talk-booked', by: { kind: 'bot' }, reason: 'slot-booked' });
  });

  it.each<Language>(['ar', 'tr'])('%s: "where am I?" with a talk booked says when the talk is', async (lng) => {
    const chat = new ChatDriver();
    const slot = await publish(chat, sara, '2026-11-27T15:30:00.000Z', [lng]);
    await toResult(chat, lng);
    await chat.tap(formatSlotShort(slot.start, lng));
    await chat.say(tr(lng, 'common:menu.status'));
    expect(chat.texts()[0]).toContain(tr(lng, 'journey:stage.mentor-talk-booked'));
    expect(chat.texts()[0]).toContain(tr(lng, 'talk:hasBooking', { time: formatSlotTime(slot.start, lng) }));
  });

  it.each<[Language, string]>([
    ['nl', 'wanneer is mijn gesprek?'],
    ['en', 'When is my appointment?'],
    ['ar', 'متى موعدي؟'],
    ['tr', 'görüşmem ne zaman?'],
    ['fa', 'گفتگوی من کی است؟'],
    ['ti', 'ቆጸራይ መዓስ እዩ?'],
  ])('%s: "%s" with a talk booked is answered with where they are and the talk\'s time', async (lng, asked) => {
    const chat = new ChatDriver();
    const slot = await publish(chat, sara, '2026-11-27T15:30:00.000Z', [lng]);
    await toResult(chat, lng);
    await chat.tap(formatSlotShort(slot.start, lng));
    await chat.say(asked);
    expect(chat.texts()[0]).toContain(tr(lng, 'talk:hasBooking', { time: formatSlotTime(slot.start, lng) }));
  });

  it('"where am I?" after cancelling the talk says how to plan a new one while a time is free, and not when none is', async () => {
    const chat = new ChatDriver();
    const slot = await publish(chat, sara, '2026-11-27T15:30:00.000Z', ['tr']);
    await toResult(chat, 'tr');
    await chat.tap(formatSlotShort(slot.start, 'tr'));
    await chat.say('gelemiyorum');
    await chat.tap(tr('tr', 'common:buttons.yes'));
    await chat.tap(tr('tr', 'talk:buttons.noneFit'));
    await chat.say('ne durumdayım');
    expect(chat.texts()[0]).toContain(tr('tr', 'journey:stage.motivation'));
    expect(chat.texts()[0]).toContain(tr('tr', 'talk:howToBook'));
    expect((await chat.talks.cancelSlot({ id: sara.id, role: 'mentor', firstName: 'Sara' }, slot.id, NOW)).ok).toBe(true);
    await chat.say('ne durumdayım');
    expect(chat.texts()[0]).not.toContain(tr('tr', 'talk:howToBook'));
  });

  it('says so when someone else took the time first, and shows what is still free', async () => {
    const chat = new ChatDriver();
    const first = await publish(chat, sara, '2026-11-26T13:00:00.000Z', ['en']);
    const second = await publish(chat, sara, '2026-11-26T14:00:00.000Z', ['en']);
    await toResult(chat, 'en');
    const other = { person: { channelId: 'test', userId: 'someone-else' }, conversation: { channelId: 'test', serviceUrl: 'https://x.invalid', conversation: { id: 'c2' }, user: { id: 'someone-else' }, bot: { id: 'bot' } }, language: 'en' as const, bookedAt: NOW.toISOString() };
    expect((await chat.talks.book(first.id, other, NOW)).ok).toBe(true);
    await chat.tap(formatSlotShort(first.start, 'en'));
    expect(chat.texts()[0]).toBe(tr('en', 'talk:taken'));
    expect(chat.buttons().map((b) => b.title)).toEqual([formatSlotShort(second.start, 'en'), tr('en', 'talk:buttons.noneFit')]);
    await chat.say('1');
    expect(chat.transcript()).toContain('https://meet.example.org/sara');
    expect((await chat.talks.upcomingOf(PERSON, NOW))?.id).toBe(second.id);
  });

  it('pages through more than five times with "Other times", and "None of these fit" offers a mentor', async () => {
    const chat = new ChatDriver();
    for (let day = 0; day < 7; day++) await publish(chat, sara, new Date(Date.parse('2026-11-26T09:00:00.000Z') + day * 86_400_000).toISOString(), ['nl']);
    await toResult(chat, 'nl');
    expect(chat.buttons()).toHaveLength(7);
    await chat.tap(tr('nl', 'talk:buttons.otherTimes'));
    expect(chat.buttons().map((b) => b.title)).toEqual([formatSlotShort('2026-12-01T09:00:00.000Z', 'nl'), formatSlotShort('2026-12-02T09:00:00.000Z', 'nl'), tr('nl', 'talk:buttons.otherTimes'), tr('nl', 'talk:buttons.noneFit')]);
    await chat.tap(tr('nl', 'talk:buttons.noneFit'));
    expect(chat.texts().at(-1)).toBe(tr('nl', 'eligibility:mentorOffer'));
    expect(await chat.talks.upcomingOf(PERSON, NOW)).toBeUndefined();
  });

  it('asks for a mentor as before when no mentor has a free time', async () => {
    const chat = new ChatDriver();
    await toResult(chat, 'en');
    expect(chat.texts().at(-1)).toBe(tr('en', 'eligibility:mentorOffer'));
    expect(chat.transcript()).not.toContain(tr('en', 'talk:noSlots'));
  });

  it.each<[Language, string]>([
    ['nl', 'ik kan niet komen'],
    ['nl', 'Ik kan niet komen!'],
    ['en', "I can't come"],
    ['en', 'cancel my talk'],
    ['ar', 'ما بقدر اجي'],
    ['ar', 'لا أستطيع الحضور'],
    ['tr', 'gelemiyorum'],
    ['tr', 'Gelemeyecegim'],
    ['fa', 'نمیتونم بیام'],
    ['ti', 'ክመጽእ ኣይክእልን'],
  ])('%s: "%s" cancels the talk after a yes, frees the time and offers the next ones', async (lng, typed) => {
    const chat = new ChatDriver();
    const slot = await publish(chat, sara, '2026-11-26T13:00:00.000Z', [lng]);
    const later = await publish(chat, sara, '2026-11-28T13:00:00.000Z', [lng]);
    await toResult(chat, lng);
    await chat.tap(formatSlotShort(slot.start, lng));
    await chat.tap(tr(lng, 'common:menu.status')); // back at the menu
    await chat.say(typed);
    expect(chat.texts().at(-1)).toBe(tr(lng, 'talk:cancelConfirm', { time: formatSlotTime(slot.start, lng) }));
    await chat.tap(tr(lng, 'common:buttons.yes'));
    expect(chat.texts()[0]).toBe(tr(lng, 'talk:cancelled'));
    expect(chat.texts().at(-1)).toContain(tr(lng, 'talk:offerAgain'));
    expect(chat.buttons().map((b) => b.title)).toContain(formatSlotShort(later.start, lng));
    expect(await chat.talks.upcomingOf(PERSON, NOW)).toBeUndefined();
    expect((await chat.talks.store.get(slot.id))?.booking).toBeUndefined();
    expect((await chat.journeys.of(PERSON))?.stage).toBe('motivation');
  });

  it('keeps the talk after a no, and says there is none to cancel when there is none', async () => {
    const chat = new ChatDriver();
    const slot = await publish(chat, sara, '2026-11-26T13:00:00.000Z', ['en']);
    await toResult(chat, 'en');
    await chat.tap(tr('en', 'talk:buttons.noneFit'));
    await chat.tap(tr('en', 'common:buttons.no'));
    await chat.say("i cant come");
    expect(chat.texts()[0]).toBe(tr('en', 'talk:noBooking'));
    await chat.say('book a talk');
    await chat.say('1');
    await chat.say('another time');
    await chat.tap(tr('en', 'common:buttons.no'));
    expect(chat.texts()[0]).toBe(tr('en', 'talk:kept', { time: formatSlotTime(slot.start, 'en') }));
    expect((await chat.talks.upcomingOf(PERSON, NOW))?.id).toBe(slot.id);
  });
});

describe('the mentor talk later in the selection', () => {
  it('offers no new talk to a person whose talk was held; "plan a talk" tells where they are instead', async () => {
    const chat = new ChatDriver();
    const slot = await publish(chat, sara, '2026-11-26T13:00:00.000Z', ['en']);
    await publish(chat, sara, '2026-11-27T13:00:00.000Z', ['en']);
    await toResult(chat, 'en');
    await chat.tap(formatSlotShort(slot.start, 'en'));
    const booking = (await chat.talks.store.get(slot.id))!;
    await chat.talks.store.record(slot.id, { kind: 'held', note: '', at: NOW.toISOString(), by: sara });
    const held = await chat.journeys.moveTo(PERSON, 'mentor-talk-held', { kind: 'mentor', ...sara }, 'good talk', NOW);
    expect(held.ok && booking.booking).toBeTruthy();
    await chat.talks.store.release(slot.id, PERSON); // the talk is behind her: none to come
    await chat.say('book a talk');
    expect(chat.transcript()).toContain(tr('en', 'journey:stage.mentor-talk-held'));
    expect(chat.buttons().map((b) => b.title)).not.toContain(tr('en', 'talk:buttons.noneFit'));
  });
});
