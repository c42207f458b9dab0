import { matchChoice } from '../../src/domain/matchChoice';
import { formatSlotShort, formatSlotTime } from '../../src/domain/mentorSlots';
import type { Language } from '../../src/domain/language';

/** Wednesday 9 and 16 December 08:00, Thursday 10 December 14:30 (Dutch time): three offered times. */
const STARTS = ['2026-12-09T07:00:00.000Z', '2026-12-16T07:00:00.000Z', '2026-12-10T13:30:00.000Z'];
/** The options the mentor-talk dialog builds for these times: the button, the full time, the number, the start. */
const offered = (lng: Language) => STARTS.map((at, i) => ({ value: `slot:${i}`, phrases: [formatSlotShort(at, lng), formatSlotTime(at, lng), String(i + 1)], at }));

describe('a time typed as a person would, not as the button says', () => {
  it.each<[Language, string, string | undefined]>([
    ['ti', 'ሓሙስ 14:30', 'slot:2'],
    ['ti', 'ረቡዕ 9 ታሕሳስ 08:00 👍', 'slot:0'],
    ['ti', 'ረቡዕ 9 ታሕሳስ ሰዓት 8 👍', 'slot:0'],
    ['ti', '10 ታሕሳስ 14፡30', 'slot:2'],
    ['ti', 'ናይ ረቡዕ 16 ይሓይሽ', 'slot:1'],
    ['ti', 'Wednesday 9 ok', 'slot:0'],
    ['nl', 'woensdag 9 december 8 uur', 'slot:0'],
    ['nl', 'do 14.30 graag', 'slot:2'],
    ['en', 'Thursday 10th at 14:30 please', 'slot:2'],
    ['ar', 'الخميس ١٤:٣٠', 'slot:2'],
    ['fa', 'پنجشنبه ۱۴:۳۰', 'slot:2'],
    ['tr', 'Perşembe 14:30 olur', 'slot:2'],
    // The clock as people say it: am/pm, "half 3" (Dutch: 2:30), an afternoon hour without "pm".
    ['en', 'thursday 2.30pm', 'slot:2'],
    ['en', 'Thu half past 2 pls', 'slot:2'],
    ['en', '8 a.m. on the 16th', 'slot:1'],
    ['nl', 'donderdag half 3', 'slot:2'],
    ['nl', 'do om half 3 👍', 'slot:2'],
    ['tr', 'perşembe 2:30', 'slot:2'],
  ])('%s "%s" is %s', (lng, typed, expected) => {
    expect(matchChoice(typed, offered(lng))).toBe(expected);
  });

  it.each<[Language, string]>([
    ['ti', 'ረቡዕ 08:00'], // two Wednesdays at 08:00
    ['nl', '8:00'], // two times at 08:00
    ['ti', 'ዓርቢ 14:30'], // a Friday: none is offered, so not Thursday's 14:30
    ['nl', 'vrijdag 8 uur'],
    ['en', 'not thursday 14:30'], // a no
    ['nl', 'geen van deze'],
    ['ti', 'ሓሙስ 15:00'],
    ['en', 'thursday 2:30 am'], // the night: no time then
    ['en', '8 pm'],
    ['nl', 'donderdag half 4'], // 15:30: not offered
  ])('%s "%s" names no one time: the question is asked again', (lng, typed) => {
    expect(matchChoice(typed, offered(lng))).toBeUndefined();
  });

  it('the number of a time, its button and its full text still name it; options without a time are not read as times', () => {
    expect(matchChoice('2', offered('ti'))).toBe('slot:1');
    expect(matchChoice(formatSlotShort(STARTS[2], 'ti'), offered('ti'))).toBe('slot:2');
    expect(matchChoice(formatSlotTime(STARTS[1], 'nl'), offered('nl'))).toBe('slot:1');
    expect(matchChoice('do 14.30', offered('nl').map(({ value, phrases }) => ({ value, phrases })))).toBeUndefined();
  });
});
