import type { PeopleIndex } from '../../src/people/peopleIndex';
import { UPKEEP_PERIOD_MS } from '../../src/storage/dueEvery';
import { movedClock } from '../support/movedClock';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What every PeopleIndex must do. `make(retentionMs)` returns an empty index (on Redis with the
 * product's upkeep period). An index may write a person's entry at most once a period (UPKEEP_PERIOD_MS):
 * their lastAt is then up to a period behind, never later, and they stay listed at least the retention
 * after their last activity and at most a period longer.
 */
export function peopleIndexContract(make: (retentionMs: number) => PeopleIndex): void {
  const clock = movedClock();
  afterEach(() => clock.restore());

  it('lists the people it saw, newest first, each with their last activity', async () => {
    const people = make(HOUR);
    const t0 = clock.set(Date.now());
    await people.touch('whatsapp', '31600000001', new Date(t0));
    clock.set(t0 + 1000);
    await people.touch('msteams', '29:1a2b', new Date(t0 + 1000));
    expect(await people.list(10)).toEqual([
      { channelId: 'msteams', userId: '29:1a2b', lastAt: iso(t0 + 1000) },
      { channelId: 'whatsapp', userId: '31600000001', lastAt: iso(t0) },
    ]);
    expect(await people.list(1)).toHaveLength(1);
    expect(await people.get('whatsapp', '31600000001')).toEqual({ channelId: 'whatsapp', userId: '31600000001', lastAt: iso(t0) });
    expect(await people.get('whatsapp', '31600000002')).toBeUndefined();
  });

  it('lists a person new to it at once, beside one it saw again within the period', async () => {
    const people = make(HOUR);
    const t0 = clock.set(Date.now());
    await people.touch('whatsapp', '31600000001', new Date(t0));
    clock.set(t0 + 2000);
    await people.touch('whatsapp', '31600000001', new Date(t0 + 2000));
    clock.set(t0 + 3000);
    await people.touch('whatsapp', '31600000002', new Date(t0 + 3000));
    expect((await people.list(10)).map((p) => p.userId)).toEqual(['31600000002', '31600000001']);
  });

  it('keeps a person the retention after their last activity, however late their entry was written, and at most a period longer', async () => {
    const people = make(HOUR);
    const t0 = clock.set(Date.now());
    await people.touch('whatsapp', '31600000001', new Date(t0));
    const last = clock.set(t0 + 30_000);
    await people.touch('whatsapp', '31600000001', new Date(last)); // within the period: the entry may stay at t0
    const lastAt = Date.parse((await people.get('whatsapp', '31600000001'))!.lastAt);
    expect(lastAt).toBeGreaterThanOrEqual(t0);
    expect(lastAt).toBeLessThanOrEqual(last);
    clock.set(last + HOUR - 1000); // past the retention after the entry's time, not after the last activity
    expect(await people.get('whatsapp', '31600000001')).toBeDefined();
    expect((await people.list(10)).map((p) => p.userId)).toEqual(['31600000001']);
    clock.set(last + HOUR + UPKEEP_PERIOD_MS + 1000);
    expect(await people.get('whatsapp', '31600000001')).toBeUndefined();
    expect(await people.list(10)).toEqual([]);
  });

  it('forgets a person at once, and lists them again at once when they come back', async () => {
    const people = make(HOUR);
    const t0 = clock.set(Date.now());
    await people.touch('whatsapp', '31600000001', new Date(t0));
    await people.touch('whatsapp', '31600000002', new Date(t0));
    await people.remove('whatsapp', '31600000001');
    await people.remove('whatsapp', '31600000009'); // never seen: nothing happens
    expect(await people.get('whatsapp', '31600000001')).toBeUndefined();
    expect((await people.list(10)).map((p) => p.userId)).toEqual(['31600000002']);
    clock.set(t0 + 1000);
    await people.touch('whatsapp', '31600000001', new Date(t0 + 1000));
    expect(await people.get('whatsapp', '31600000001')).toEqual({ channelId: 'whatsapp', userId: '31600000001', lastAt: iso(t0 + 1000) });
  });
}
