import { DueEvery } from '../../src/storage/dueEvery';

describe('upkeep when due', () => {
  it('is due once a period per key, on the given clock', () => {
    const upkeep = new DueEvery(60_000);
    expect(upkeep.due('people', 1_000)).toBe(true);
    expect(upkeep.due('people', 30_000)).toBe(false);
    expect(upkeep.due('catalog', 30_000)).toBe(true);
    expect(upkeep.due('people', 61_000)).toBe(true);
    expect(upkeep.due('people', 61_001)).toBe(false);
  });

  it('forgets the oldest marks past its size, which only makes a key due sooner', () => {
    const upkeep = new DueEvery(60_000, 2);
    expect([upkeep.due('a', 0), upkeep.due('b', 0), upkeep.due('c', 0)]).toEqual([true, true, true]);
    expect(upkeep.due('a', 1)).toBe(true); // forgotten
    expect(upkeep.due('c', 1)).toBe(false);
  });

  it('with a period of 0 is due at every write', () => {
    const upkeep = new DueEvery(0);
    expect([upkeep.due('k', 5), upkeep.due('k', 5)]).toEqual([true, true]);
  });

  it('is due again at once when the stamp differs from the one it was marked with, or the mark was forgotten', () => {
    const upkeep = new DueEvery(60_000);
    expect(upkeep.due('journey', 1_000, 'chat-a')).toBe(true);
    expect(upkeep.due('journey', 2_000, 'chat-a')).toBe(false);
    expect(upkeep.due('journey', 3_000, 'chat-b')).toBe(true);
    expect(upkeep.due('journey', 4_000, 'chat-b')).toBe(false);
    upkeep.forget('journey');
    expect(upkeep.due('journey', 5_000, 'chat-b')).toBe(true);
    expect(upkeep.due('journey', 6_000, 'chat-b')).toBe(false);
  });
});
