import { move, startJourney } from '../../src/domain/journey';
import type { JourneyStore } from '../../src/people/journeyStore';
import { UPKEEP_PERIOD_MS } from '../../src/storage/dueEvery';

const DAY = 86_400_000;
const T0 = new Date('2026-12-06T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const amal = { channelId: 'whatsapp', userId: '31612345678' };
const bashir = { channelId: 'msteams', userId: '29:1a2b3c' };
const sara = { kind: 'mentor' as const, id: 'acc-sara', firstName: 'Sara' };

/** What every JourneyStore must do. `make(retentionMs)` returns an empty store. */
export function journeyStoreContract(make: (retentionMs: number) => JourneyStore): void {
  it('has no journey for a person it never saw', async () => {
    const store = make(30 * DAY);
    expect(await store.get(amal)).toBeUndefined();
    expect(await store.list(10, T0)).toEqual([]);
  });

  it('keeps a journey and every move, and gives it back as saved', async () => {
    const store = make(30 * DAY);
    const started = startJourney(T0);
    expect(await store.save(amal, started, 0, T0)).toBe(true);
    const moved = move(started, 'motivation', sara, 'read her motivation', at(DAY));
    if (!moved.ok) throw new Error(moved.refusal.message);
    expect(await store.save(amal, moved.journey, 1, at(DAY))).toBe(true);
    expect(await store.get(amal)).toEqual(moved.journey);
    expect((await store.get(amal))!.moves.map((m) => [m.to, m.by.kind, m.reason])).toEqual([
      ['intake-done', 'bot', 'intake-finished'],
      ['motivation', 'mentor', 'read her motivation'],
    ]);
  });

  it('refuses a save made on a journey another write changed first, and keeps the first', async () => {
    const store = make(30 * DAY);
    const started = startJourney(T0);
    await store.save(amal, started, 0, T0);
    const a = move(started, 'motivation', sara, 'first', at(1000));
    const b = move(started, 'talent-pool', { kind: 'staff', id: 'acc-noor', firstName: 'Noor' }, 'second', at(2000));
    if (!a.ok || !b.ok) throw new Error('moves should be allowed');
    expect(await store.save(amal, a.journey, 1, at(1000))).toBe(true);
    expect(await store.save(amal, b.journey, 1, at(2000))).toBe(false);
    expect((await store.get(amal))!.stage).toBe('motivation');
  });

  it('refuses to start a journey twice', async () => {
    const store = make(30 * DAY);
    expect(await store.save(amal, startJourney(T0), 0, T0)).toBe(true);
    expect(await store.save(amal, startJourney(at(1000)), 0, at(1000))).toBe(false);
    expect((await store.get(amal))!.startedAt).toBe(T0.toISOString());
  });

  it('lists thirty people at once (people whose keys lie far apart)', async () => {
    const store = make(30 * DAY);
    const people = Array.from({ length: 30 }, (_, i) => ({ channelId: 'whatsapp', userId: `3161234${String(i).padStart(4, '0')}` }));
    for (const [i, person] of people.entries()) await store.save(person, startJourney(at(i * 1000)), 0, at(i * 1000));
    const listed = await store.list(100, at(60_000));
    expect(listed.map((e) => e.person)).toEqual([...people].reverse());
  });

  it('lists everyone with a journey, most recently active first', async () => {
    const store = make(30 * DAY);
    await store.save(amal, startJourney(T0), 0, T0);
    await store.save(bashir, startJourney(at(1000)), 0, at(1000));
    expect((await store.list(10, at(2000))).map((e) => e.person)).toEqual([bashir, amal]);
    await store.touch(amal, at(3000));
    expect((await store.list(10, at(4000))).map((e) => e.person)).toEqual([amal, bashir]);
    expect(await store.list(1, at(4000))).toHaveLength(1);
  });

  it('drops journeys from the list once nobody touched them for the retention period', async () => {
    const store = make(30 * DAY);
    await store.save(amal, startJourney(T0), 0, T0);
    await store.save(bashir, startJourney(T0), 0, T0);
    await store.touch(bashir, at(20 * DAY));
    expect((await store.list(10, at(31 * DAY))).map((e) => e.person)).toEqual([bashir]);
  });

  it('erases one person and leaves the others', async () => {
    const store = make(30 * DAY);
    await store.save(amal, startJourney(T0), 0, T0);
    await store.save(bashir, startJourney(T0), 0, T0);
    await store.erase(amal);
    await store.erase({ channelId: 'whatsapp', userId: 'nobody' });
    expect(await store.get(amal)).toBeUndefined();
    expect((await store.list(10, at(1000))).map((e) => e.person)).toEqual([bashir]);
    expect(await store.save(amal, startJourney(at(2000)), 0, at(2000))).toBe(true);
  });

  it('keeps a journey listed the retention after the last activity, though a keep-alive within a period may not be written, and at most a period longer', async () => {
    const store = make(30 * DAY);
    const ref = { channelId: 'whatsapp', serviceUrl: 'whatsapp://graph', conversation: { id: 'wa:abc' }, user: { id: '31612345678' }, bot: { id: 'vit-bot' } };
    await store.save(amal, startJourney(T0), 0, T0);
    await store.touch(amal, at(DAY), ref);
    await store.touch(amal, at(DAY + 30_000), ref); // within the period of the last: may not be written
    expect((await store.list(10, at(31 * DAY + 30_000 - 1000))).map((e) => e.person)).toEqual([amal]);
    expect(await store.list(10, at(31 * DAY + 30_000 + UPKEEP_PERIOD_MS + 1000))).toEqual([]);
  });

  it('keeps the conversation the person wrote in last, also when it changed within the period', async () => {
    const store = make(30 * DAY);
    const inChat = (id: string) => ({ channelId: 'msteams', serviceUrl: 'https://smba.example/teams/', conversation: { id }, user: { id: '29:1a2b3c' }, bot: { id: 'vit-bot' } });
    await store.save(bashir, startJourney(T0), 0, T0);
    await store.touch(bashir, at(1000), inChat('a:personal'));
    await store.touch(bashir, at(2000), inChat('a:other'));
    expect(await store.reach(bashir)).toEqual(inChat('a:other'));
    await store.touch(bashir, at(3000), inChat('a:personal'));
    expect(await store.reach(bashir)).toEqual(inChat('a:personal'));
  });

  it('does not start a journey on touch', async () => {
    const store = make(30 * DAY);
    await store.touch(amal, T0);
    expect(await store.get(amal)).toBeUndefined();
    expect(await store.list(10, T0)).toEqual([]);
  });

  it('keeps the conversation the person last wrote in with their journey, past later saves, and forgets it with them', async () => {
    const store = make(30 * DAY);
    const ref = { channelId: 'whatsapp', serviceUrl: 'whatsapp://graph', conversation: { id: 'wa:abc' }, user: { id: '31612345678' }, bot: { id: 'vit-bot' } };
    await store.touch(amal, T0, ref);
    expect(await store.reach(amal)).toBeUndefined(); // no journey: nothing kept
    const started = startJourney(T0);
    await store.save(amal, started, 0, T0);
    await store.touch(amal, at(1000), ref);
    const moved = move(started, 'motivation', sara, 'read', at(2000));
    if (!moved.ok) throw new Error(moved.refusal.message);
    await store.save(amal, moved.journey, 1, at(2000));
    expect(await store.reach(amal)).toEqual(ref);
    expect(await store.reach(bashir)).toBeUndefined();
    await store.erase(amal);
    expect(await store.reach(amal)).toBeUndefined();
  });
}
