import { canTransition, handledBy, nextForMentor, orderForMentor, placeChangeWorthTelling, HandoffRecord } from '../../src/domain/handoff';
import { isOpenAt, nextOpening, parseMentorHours } from '../../src/domain/mentorHours';
import { parseRating } from '../../src/domain/parseRating';

describe('handoff state machine', () => {
  it.each([
    ['waiting', 'active', true],
    ['waiting', 'abandoned', true],
    ['waiting', 'closed', true],
    ['active', 'waiting', true],
    ['active', 'closed', true],
    ['active', 'abandoned', true],
    ['closed', 'waiting', false],
    ['closed', 'active', false],
    ['abandoned', 'active', false],
    ['waiting', 'waiting', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('orders the waiting list with the mentor\u2019s languages first, then first come first served', () => {
    const h = (id: string, language: string, seq: number) => ({ id, language, seq }) as HandoffRecord;
    const ordered = orderForMentor([h('a', 'nl', 1), h('b', 'ar', 2), h('c', 'tr', 3), h('d', 'ar', 4)], ['ar']);
    expect(ordered.map((x) => x.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it.each([
    [['ar'], undefined, 'b'],
    [['ar'], 'b', 'd'],
    [['fa'], undefined, 'a'],
    [['nl', 'ar'], 'a', 'b'],
  ])('offers a mentor speaking %j who just gave back %s the next person: %s', (languages, except, expected) => {
    const h = (id: string, language: string, seq: number) => ({ id, language, seq }) as HandoffRecord;
    expect(nextForMentor([h('a', 'nl', 1), h('b', 'ar', 2), h('c', 'tr', 3), h('d', 'ar', 4)], languages, except)?.id).toBe(expected);
    expect(nextForMentor([], languages, except)).toBeUndefined();
  });

  it('knows who handled a handoff: its mentor now, and every mentor who took it before a release', () => {
    const h = { mentor: { id: 'm2', firstName: 'Omar' }, handledBy: ['m1', 'm2'] } as HandoffRecord;
    expect([handledBy(h, 'm1'), handledBy(h, 'm2'), handledBy(h, 'm3')]).toEqual([true, true, false]);
    expect(handledBy({} as HandoffRecord, 'm1')).toBe(false);
  });

  it.each([
    [undefined, 5, true],
    [5, 5, false],
    [5, 6, false],
    [5, 4, false],
    [5, 3, true],
    [3, 2, true],
    [2, 1, true],
    [12, 10, false],
    [12, 8, true],
  ])('tells a move from place %s to %s: %s', (told, now, worth) => {
    expect(placeChangeWorthTelling(told, now)).toBe(worth);
  });
});

describe('mentor hours', () => {
  const hours = parseMentorHours('mon-fri 09:00-17:00; sat 10:00-12:00');
  const windows = hours.ok ? hours.windows : [];
  const tz = 'Europe/Amsterdam';

  it('parses windows and refuses what it cannot read', () => {
    expect(hours.ok).toBe(true);
    expect(parseMentorHours('always')).toMatchObject({ ok: true });
    expect(parseMentorHours('weekdays 9-5')).toEqual({ ok: false, problem: '"weekdays 9-5" is not like "mon-fri 09:00-17:00"' });
    expect(parseMentorHours('mon 17:00-09:00')).toMatchObject({ ok: false });
    expect(parseMentorHours('xyz 09:00-10:00')).toMatchObject({ ok: false });
  });

  it('knows when mentors are in, in Amsterdam time (winter and summer)', () => {
    expect(isOpenAt(windows, new Date('2026-11-25T10:30:00Z'), tz)).toBe(true); // Wed 11:30 CET
    expect(isOpenAt(windows, new Date('2026-11-25T16:30:00Z'), tz)).toBe(false); // Wed 17:30 CET
    expect(isOpenAt(windows, new Date('2026-07-01T07:30:00Z'), tz)).toBe(true); // Wed 09:30 CEST
    expect(isOpenAt(windows, new Date('2026-11-29T10:00:00Z'), tz)).toBe(false); // Sunday
  });

  it('says when they are back', () => {
    expect(nextOpening(windows, new Date('2026-11-25T18:00:00Z'), tz).toISOString()).toBe('2026-11-26T08:00:00.000Z'); // Wed evening → Thu 09:00 CET
    expect(nextOpening(windows, new Date('2026-11-27T20:00:00Z'), tz).toISOString()).toBe('2026-11-28T09:00:00.000Z'); // Fri evening → Sat 10:00
    expect(nextOpening(windows, new Date('2026-11-28T12:00:00Z'), tz).toISOString()).toBe('2026-11-30T08:00:00.000Z'); // Sat after 12 → Mon 09:00
    expect(nextOpening(windows, new Date('2026-03-28T12:00:00Z'), tz).toISOString()).toBe('2026-03-30T07:00:00.000Z'); // over the switch to summer time
    const now = new Date('2026-11-25T10:30:00Z');
    expect(nextOpening(windows, now, tz)).toBe(now);
  });
});

describe('ratings', () => {
  it.each([
    ['5', 5],
    [' 3 ', 3],
    ['٤', 4],
    ['۲', 2],
    ['4/5', 4],
    ['⭐⭐⭐', 3],
    ['★★★★★', 5],
    ['1.', 1],
  ])('%j is %s', (text, rating) => {
    expect(parseRating(text)).toBe(rating);
  });
  it.each([['6'], ['0'], ['35'], ['goed'], ['5 stars please'], ['']])('%j is no rating', (text) => {
    expect(parseRating(text)).toBeUndefined();
  });
});
