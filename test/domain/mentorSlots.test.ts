import type { Language } from '../../src/i18n/languages';
import { checkSlotDraft, formatSlotShort, formatSlotTime, SLOT_SHORT_MAX, interviewBookableAt, isMeetingLink, overlaps, Slot, slotKind, slotsForPerson, talkBookableAt, talkFits, talkLanguages, weeklyStarts } from '../../src/domain/mentorSlots';

const NOW = new Date('2026-12-07T09:00:00.000Z');
const draft = { start: '2026-12-08T13:30:00.000Z', durationMinutes: 30, languages: ['ar' as const], link: 'https://meet.example.org/sara', weeks: 1 };
const slot = (id: string, start: string, languages: Slot['languages']): Slot => ({ id, mentorId: 'acc-sara', mentorFirstName: 'Sara', start, durationMinutes: 30, languages, link: 'https://meet.example.org/sara' });

describe('meeting links', () => {
  it.each([
    ['https://teams.microsoft.com/l/meetup-join/19%3ameeting', true],
    ['http://meet.example.org/room', true],
    ['javascript:alert(1)', false],
    ['ftp://files.example.org', false],
    ['meet.example.org/room', false],
    ['https://user:pw@meet.example.org/', false],
    ['https://meet.example.org/a b', false],
    [`https://meet.example.org/${'x'.repeat(500)}`, false],
    ['', false],
  ])('%s is a meeting link: %s', (link, ok) => {
    expect(isMeetingLink(link)).toBe(ok);
  });
});

describe('checking a new slot', () => {
  it.each([
    ['a one-off slot tomorrow', {}, { ok: true, starts: ['2026-12-08T13:30:00.000Z'] }],
    ['a slot in the past', { start: '2026-12-07T08:00:00.000Z' }, { ok: false, problem: 'in-past' }],
    ['a slot that starts now', { start: NOW.toISOString() }, { ok: false, problem: 'in-past' }],
    ['a slot half a year ahead', { start: '2027-06-08T13:30:00.000Z' }, { ok: false, problem: 'too-far' }],
    ['a link that is not http(s)', { link: 'javascript:alert(1)' }, { ok: false, problem: 'bad-link' }],
    ['five minutes', { durationMinutes: 5 }, { ok: false, problem: 'bad-duration' }],
    ['no language', { languages: [] }, { ok: false, problem: 'no-language' }],
    ['13 weeks', { weeks: 13 }, { ok: false, problem: 'bad-weeks' }],
    ['a time that is no time', { start: 'tomorrow' }, { ok: false, problem: 'in-past' }],
  ])('%s', (_, change, expected) => {
    expect(checkSlotDraft({ ...draft, ...change }, [], NOW)).toEqual(expected);
  });

  it('refuses a slot that overlaps one of the mentor’s own, and says which', () => {
    const mine = [{ start: '2026-12-15T13:45:00.000Z', durationMinutes: 30 }];
    expect(checkSlotDraft({ ...draft, weeks: 3 }, mine, NOW)).toEqual({ ok: false, problem: 'overlap', at: '2026-12-15T13:45:00.000Z' });
  });

  it('allows a slot that starts when another ends', () => {
    expect(checkSlotDraft(draft, [{ start: '2026-12-08T13:00:00.000Z', durationMinutes: 30 }], NOW).ok).toBe(true);
    expect(overlaps({ start: '2026-12-08T13:00:00.000Z', durationMinutes: 31 }, draft)).toBe(true);
  });

  it('repeats a weekly slot at the same Dutch clock time across the change to summer time', () => {
    // Tuesday 16 March 2027 18:00 CET; summer time starts on Sunday 28 March.
    expect(weeklyStarts('2027-03-16T17:00:00.000Z', 3)).toEqual(['2027-03-16T17:00:00.000Z', '2027-03-23T17:00:00.000Z', '2027-03-30T16:00:00.000Z']);
  });
});

describe('the slots offered to a person', () => {
  const free = [
    slot('en-early', '2026-12-08T09:00:00.000Z', ['en']),
    slot('ar-late', '2026-12-10T15:00:00.000Z', ['ar', 'en']),
    slot('ar-early', '2026-12-09T15:00:00.000Z', ['ar']),
    slot('nl', '2026-12-08T10:00:00.000Z', ['nl']),
    slot('tr', '2026-12-08T11:00:00.000Z', ['tr']),
    slot('ar-too-soon', '2026-12-07T09:30:00.000Z', ['ar']),
  ];

  it('offers the own language first, then English and Dutch when spoken, leaves out the rest and the slots about to start', () => {
    expect(slotsForPerson(free, { language: 'ar', englishLevel: 'B1', dutchLevel: 'A2' }, NOW).map((s) => s.id)).toEqual(['ar-early', 'ar-late', 'en-early', 'nl']);
  });

  it('offers no English slot to a person without English', () => {
    expect(slotsForPerson(free, { language: 'ar', englishLevel: 'A1', dutchLevel: 'B1' }, NOW).map((s) => s.id)).toEqual(['ar-early', 'ar-late', 'nl']);
  });

  it('counts a Dutch speaker’s own language once', () => {
    expect(talkLanguages({ language: 'nl', dutchLevel: 'B2', englishLevel: 'B1' })).toEqual(['nl', 'en']);
  });
});

describe('a slot’s time in the person’s language', () => {
  it.each([
    ['nl', 'dinsdag'],
    ['en', 'Tuesday'],
    ['ar', 'الثلاثاء'],
    ['tr', 'Salı'],
    ['fa', 'سه‌شنبه'],
    ['ti', 'ሰሉስ'],
  ] as const)('%s names the weekday (%s) and gives Dutch time', (lng, weekday) => {
    const text = formatSlotTime('2026-12-08T13:30:00.000Z', lng);
    expect(text).toContain(weekday);
    expect(text.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)))).toMatch(/14:30/);
  });

  it('gives Persian the Gregorian date a Dutch appointment has', () => {
    expect(formatSlotTime('2026-12-08T13:30:00.000Z', 'fa')).toContain('دسامبر');
  });
});

describe('where in the selection the bot books a talk', () => {
  it.each([
    [undefined, true],
    ['intake-done', true],
    ['motivation', true],
    ['mentor-talk-missed', true],
    ['mentor-talk-booked', false],
    ['mentor-talk-held', false],
    ['homework-given', false],
    ['talent-pool', false],
  ])('at %s: %s', (stage, bookable) => {
    expect(talkBookableAt(stage)).toBe(bookable);
  });

  it('books in the talent pool only once a check-in found that a route fits', () => {
    expect(talkBookableAt('talent-pool', true)).toBe(true);
    expect(talkBookableAt('talent-pool', false)).toBe(false);
    expect(talkBookableAt('homework-given', true)).toBe(false);
  });

  it.each([
    ['eligible', true],
    ['direct-route', true],
    ['language-first', false],
    ['not-yet', false],
    [undefined, false],
  ])('after the result %s: %s', (outcome, fits) => {
    expect(talkFits(outcome)).toBe(fits);
  });
});

describe('slot kinds: the talk and the intake interview', () => {
  it('reads a slot without a kind as a talk, and books the interview only at selection-intake', () => {
    expect(slotKind({})).toBe('talk');
    expect(slotKind({ kind: 'interview' })).toBe('interview');
    expect(interviewBookableAt('selection-intake')).toBe(true);
    for (const stage of [undefined, 'motivation', 'homework-reviewed', 'selected', 'not-selected', 'talent-pool']) expect(interviewBookableAt(stage)).toBe(false);
  });

  it('checks an interview draft by the same rules: an overlap with the owner’s talk is refused', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const talk = { start: '2026-11-26T13:00:00.000Z', durationMinutes: 30 };
    expect(checkSlotDraft({ start: '2026-11-26T13:15:00.000Z', durationMinutes: 30, languages: ['nl'], link: 'https://meet.example.org/x', weeks: 1, kind: 'interview' }, [talk], now)).toEqual({ ok: false, problem: 'overlap', at: talk.start });
  });
});

describe('a slot’s time on a button', () => {
  it.each<Language>(['nl', 'en', 'ar', 'tr', 'fa', 'ti'])('%s: fits a WhatsApp reply button (20 characters) on every day of a year, with its time', (lng) => {
    const digits = lng === 'fa' ? '۰۱۲۳۴۵۶۷۸۹' : '0123456789';
    const clock = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`.replace(/[0-9]/g, (d) => digits[Number(d)]);
    for (let day = 0; day < 366; day++) {
      for (const [h, m] of [[9, 0], [17, 30]]) {
        // Dutch time: 09:00 / 17:30 in Amsterdam (UTC+1 in winter, +2 in summer).
        const start = new Date(Date.UTC(2027, 0, 1 + day, h, m));
        const offset = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', hour: 'numeric', hourCycle: 'h23' }).format(start)) - h;
        const label = formatSlotShort(new Date(start.getTime() - offset * 3_600_000).toISOString(), lng);
        expect([...label].length).toBeLessThanOrEqual(SLOT_SHORT_MAX);
        expect(label).toContain(clock(h, m));
      }
    }
  });
});
