import type { Slot } from '../../src/domain/mentorSlots';
import type { SlotBooking, SlotStore } from '../../src/people/slotStore';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const amal = { channelId: 'whatsapp', userId: '31612345678' };
const bashir = { channelId: 'msteams', userId: '29:1a2b3c' };

function slot(id: string, inHours: number, mentorId = 'acc-sara'): Slot {
  return { id, mentorId, mentorFirstName: 'Sara', start: new Date(Date.now() + inHours * HOUR).toISOString(), durationMinutes: 30, languages: ['ar', 'en'], link: 'https://meet.example.org/sara' };
}

function booking(person: { channelId: string; userId: string }): SlotBooking {
  return {
    person,
    conversation: { channelId: person.channelId, serviceUrl: 'https://whatsapp.invalid', conversation: { id: person.userId }, user: { id: person.userId }, bot: { id: 'bot' } },
    language: 'ar',
    bookedAt: new Date().toISOString(),
  };
}

/** What every SlotStore must do. `make(retentionMs)` returns an empty store (on the real clock). */
export function slotStoreContract(make: (retentionMs: number) => SlotStore): void {
  it('keeps slots and lists the ones from a time on, soonest first', async () => {
    const store = make(30 * DAY);
    await store.add([slot('b', 48), slot('a', 24), slot('old', -2)]);
    expect((await store.list(new Date(), 10)).map((s) => s.id)).toEqual(['a', 'b']);
    expect(await store.get('a')).toEqual(expect.objectContaining({ id: 'a', mentorFirstName: 'Sara', durationMinutes: 30 }));
    expect(await store.get('nothing')).toBeUndefined();
  });

  it('keeps a slot’s kind (an intake interview), and a slot without one reads as before', async () => {
    const store = make(30 * DAY);
    await store.add([{ ...slot('i', 24, 'acc-noor'), kind: 'interview' }, slot('t', 25)]);
    expect((await store.get('i'))!.kind).toBe('interview');
    expect((await store.get('t'))!.kind).toBeUndefined();
    expect(await store.book('i', booking(amal), new Date())).toBe('booked');
    expect((await store.bookingsOf(amal)).map((s) => [s.id, s.kind])).toEqual([['i', 'interview']]);
  });

  it('books a free slot for one person; a second person finds it taken', async () => {
    const store = make(30 * DAY);
    await store.add([slot('a', 24)]);
    expect(await store.book('a', booking(amal), new Date())).toBe('booked');
    expect(await store.book('a', booking(bashir), new Date())).toBe('taken');
    expect((await store.get('a'))!.booking!.person).toEqual(amal);
    expect((await store.bookingsOf(amal)).map((s) => s.id)).toEqual(['a']);
    expect(await store.bookingsOf(bashir)).toEqual([]);
  });

  it('refuses a slot that was removed or has started', async () => {
    const store = make(30 * DAY);
    await store.add([slot('started', -0.1)]);
    expect(await store.book('gone', booking(amal), new Date())).toBe('gone');
    expect(await store.book('started', booking(amal), new Date())).toBe('past');
    expect(await store.bookingsOf(amal)).toEqual([]);
  });

  it('frees the slot when the person cancels, and only for that person', async () => {
    const store = make(30 * DAY);
    await store.add([slot('a', 24)]);
    await store.book('a', booking(amal), new Date());
    expect(await store.release('a', bashir)).toBe(false);
    expect(await store.release('a', amal)).toBe(true);
    expect((await store.get('a'))!.booking).toBeUndefined();
    expect(await store.bookingsOf(amal)).toEqual([]);
    expect(await store.book('a', booking(bashir), new Date())).toBe('booked');
  });

  it('gives the booking back when the mentor removes a booked slot', async () => {
    const store = make(30 * DAY);
    await store.add([slot('a', 24)]);
    await store.book('a', booking(amal), new Date());
    const removed = await store.remove('a');
    expect(removed!.booking!.person).toEqual(amal);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.bookingsOf(amal)).toEqual([]);
    expect(await store.remove('a')).toBeUndefined();
  });

  it('records held or missed on a booked slot only', async () => {
    const store = make(30 * DAY);
    await store.add([slot('a', 24), slot('b', 25)]);
    await store.book('a', booking(amal), new Date());
    const outcome = { kind: 'held' as const, note: 'good talk', at: new Date().toISOString(), by: { id: 'acc-sara', firstName: 'Sara' } };
    expect(await store.record('a', outcome)).toBe(true);
    expect(await store.record('b', outcome)).toBe(false);
    expect((await store.get('a'))!.outcome).toEqual(outcome);
  });

  it('erases the person from every slot they hold; the slots stay, free', async () => {
    const store = make(30 * DAY);
    await store.add([slot('a', 24), slot('b', 48)]);
    await store.book('a', booking(amal), new Date());
    await store.book('b', booking(bashir), new Date());
    await store.erase(amal);
    expect(await store.bookingsOf(amal)).toEqual([]);
    expect((await store.get('a'))!.booking).toBeUndefined();
    expect((await store.get('b'))!.booking!.person).toEqual(bashir);
  });

  it('forgets a slot and its booking once the retention after its start has passed', async () => {
    const store = make(HOUR);
    await store.add([slot('long-ago', -2)]);
    expect(await store.get('long-ago')).toBeUndefined();
  });
}
