import { Journeys } from '../../src/people/journeys';
import { MemoryJourneyStore } from '../../src/people/journeyStore';
import { BookingEvent, MentorTalks } from '../../src/people/mentorTalks';
import { MemorySlotStore } from '../../src/people/slotStore';

const DAY = 86_400_000;
const T0 = new Date('2026-12-07T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const amal = { channelId: 'whatsapp', userId: '31612345678' };
const sara = { id: 'acc-sara', firstName: 'Sara', role: 'mentor' as const };
const omar = { id: 'acc-omar', firstName: 'Omar', role: 'mentor' as const };
const booking = { person: amal, conversation: { channelId: 'whatsapp', serviceUrl: 'https://x.invalid', conversation: { id: 'c' }, user: { id: amal.userId }, bot: { id: 'b' } }, language: 'ar' as const, bookedAt: T0.toISOString() };

async function setUp() {
  let now = T0;
  const journeys = new Journeys(new MemoryJourneyStore(180 * DAY), { homeworkDays: 14 });
  const talks = new MentorTalks(new MemorySlotStore(180 * DAY, () => now), journeys);
  const events: string[] = [];
  talks.listen({ onBooked: (e: BookingEvent) => void events.push(`booked ${e.slot.id}`), onCancelled: (e: BookingEvent) => void events.push(`cancelled by ${e.by}`) });
  await journeys.begin(amal, 'eligible', 'Ik wil software maken', T0);
  const published = await talks.publish(sara, { start: at(DAY).toISOString(), durationMinutes: 30, languages: ['ar'], link: 'https://meet.example.org/sara', weeks: 2 }, T0);
  if (!published.ok) throw new Error(published.problem);
  return { talks, journeys, events, slots: published.slots, later: (ms: number) => (now = at(ms)) };
}

describe('the mentor talk', () => {
  it('records held after the talk and moves the journey to mentor-talk-held, with the note as the reason', async () => {
    const { talks, journeys, events, slots, later } = await setUp();
    expect((await talks.book(slots[0].id, booking, T0)).ok).toBe(true);
    expect(events).toEqual([`booked ${slots[0].id}`]);
    expect(await talks.recordOutcome(sara, slots[0].id, 'held', 'good talk', at(DAY - 1))).toEqual({ ok: false, reason: 'not-started' });
    expect(await talks.recordOutcome(omar, slots[0].id, 'held', 'x', at(DAY + 1))).toEqual({ ok: false, reason: 'not-yours' });
    expect(await talks.recordOutcome(sara, slots[1].id, 'held', 'x', at(DAY + 1))).toEqual({ ok: false, reason: 'not-booked' });
    later(DAY + 3_600_000);
    const held = await talks.recordOutcome(sara, slots[0].id, 'held', 'Motivated, good English', at(DAY + 3_600_000));
    expect(held.ok && held.value.outcome).toMatchObject({ kind: 'held', note: 'Motivated, good English', by: { firstName: 'Sara' } });
    expect((await journeys.of(amal))?.moves.at(-1)).toMatchObject({ to: 'mentor-talk-held', by: { kind: 'mentor', firstName: 'Sara' }, reason: 'Motivated, good English' });
  });

  it('records missed, after which the person may book again from the chat', async () => {
    const { talks, journeys, slots, later } = await setUp();
    await talks.book(slots[0].id, booking, T0);
    later(DAY + 3_600_000);
    await talks.recordOutcome(sara, slots[0].id, 'missed', '', at(DAY + 3_600_000));
    expect((await journeys.of(amal))?.stage).toBe('mentor-talk-missed');
    expect((await talks.book(slots[1].id, booking, at(DAY + 3_600_000))).ok).toBe(true);
    expect((await journeys.of(amal))?.stage).toBe('mentor-talk-booked');
  });

  it('lets one person hold one talk to come, and tells the listener of cancellations by the person and by the mentor', async () => {
    const { talks, journeys, events, slots } = await setUp();
    await talks.book(slots[0].id, booking, T0);
    expect(await talks.book(slots[1].id, booking, T0)).toEqual({ ok: false, reason: 'has-booking' });
    expect((await talks.cancelByPerson(amal, T0))?.id).toBe(slots[0].id);
    expect((await journeys.of(amal))?.stage).toBe('motivation');
    await talks.book(slots[1].id, booking, T0);
    expect(await talks.cancelSlot(omar, slots[1].id, T0)).toEqual({ ok: false, reason: 'not-yours' });
    const cancelled = await talks.cancelSlot(sara, slots[1].id, T0);
    expect(cancelled.ok && cancelled.value.booking?.person).toEqual(amal);
    expect((await journeys.of(amal))?.moves.at(-1)).toMatchObject({ to: 'motivation', by: { kind: 'mentor' }, reason: 'talk-cancelled-by-mentor' });
    expect(events).toEqual([`booked ${slots[0].id}`, 'cancelled by person', `booked ${slots[1].id}`, 'cancelled by mentor']);
  });
});
