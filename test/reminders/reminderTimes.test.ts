import { formatWhen, homeworkSoon, morningOf } from '../../src/reminders/reminders';

describe('the times of reminders', () => {
  it('tells a time in Dutch time with the Gregorian calendar and a 24-hour clock, also in Persian', () => {
    const at = new Date('2026-12-17T13:30:00Z'); // 14:30 in Amsterdam (winter)
    expect(formatWhen('nl', at)).toBe('donderdag 17 december om 14:30');
    expect(formatWhen('fa', at)).toContain('دسامبر'); // December, not the Solar Hijri month (آذر)
    expect(formatWhen('fa', at)).not.toContain('آذر');
    expect(formatWhen('ar', at)).toContain('14:30');
    expect(formatWhen('ti', at)).toContain('14:30');
  });

  it('finds 09:00 Dutch time on the day, in winter and in summer time', () => {
    expect(morningOf(new Date('2026-12-17T13:30:00Z')).toISOString()).toBe('2026-12-17T08:00:00.000Z');
    expect(morningOf(new Date('2026-07-01T20:00:00Z')).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    // 00:30 in Amsterdam on 18 December is still 17 December in UTC: the Dutch day counts.
    expect(morningOf(new Date('2026-12-17T23:30:00Z')).toISOString()).toBe('2026-12-18T08:00:00.000Z');
  });

  it('reminds of homework at 09:00 on the day it is due, or three hours before a date earlier in the morning', () => {
    expect(homeworkSoon(new Date('2026-12-17T13:30:00Z')).toISOString()).toBe('2026-12-17T08:00:00.000Z');
    expect(homeworkSoon(new Date('2026-12-17T09:00:00Z')).toISOString()).toBe('2026-12-17T06:00:00.000Z'); // due 10:00: 07:00
    expect(homeworkSoon(new Date('2026-12-17T01:30:00Z')).toISOString()).toBe('2026-12-16T22:30:00.000Z'); // due 02:30: the evening before
  });
});
