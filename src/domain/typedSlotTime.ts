import { SUPPORTED_LANGUAGES } from './language';
import { hasNegation } from './negation';
import { foldDigits, normalizeText } from './normalizeText';

/** Dutch time, where the appointments are (the same zone as mentorSlots' SLOT_TIME_ZONE). */
const ZONE = 'Europe/Amsterdam';

/** Weekday names, long and short, in the six languages (people mix them), normalized, to 0 (Sunday) … 6. */
let weekdayNames: Map<string, number> | undefined;
function weekdays(): Map<string, number> {
  if (weekdayNames) return weekdayNames;
  weekdayNames = new Map();
  for (const lng of SUPPORTED_LANGUAGES) {
    for (const width of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(`${lng}-u-ca-gregory`, { weekday: width, timeZone: 'UTC' });
      for (let day = 0; day < 7; day++) {
        const name = normalizeText(format.format(new Date(Date.UTC(2026, 0, 4 + day, 12)))); // 4 January 2026 is a Sunday
        if (name && !weekdayNames.has(name)) weekdayNames.set(name, day);
      }
    }
  }
  return weekdayNames;
}

interface TimeParts {
  weekday: number;
  day: number;
  clock: string;
}

function partsOf(start: string): TimeParts {
  const parts = new Intl.DateTimeFormat('en-US-u-ca-gregory-hc-h23', { weekday: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: ZONE }).formatToParts(new Date(start));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part('weekday')), day: Number(part('day')), clock: `${part('hour').padStart(2, '0')}:${part('minute')}` };
}

/** "14:30", "8.00", "8፡00", "14h30" → "14:30"; "om 8", "8 uur", "ሰዓት 8", "saat 8" → "08:00". */
const CLOCK = /(?<!\d)([01]?\d|2[0-3])\s?[:.\u1361h]\s?([0-5]\d)(?!\d)/gu;
const HOUR_WORD_BEFORE = /(?:(?<![\p{L}])(?:om|at|saat|الساعة|ساعت)|ሰዓት)\s*([01]?\d|2[0-3])(?!\d)/gu;
const HOUR_WORD_AFTER = /(?<!\d)([01]?\d|2[0-3])\s*(?:uur|u|h|o'?clock|saat|ሰዓት)(?![\p{L}])/gu;
/** "2 pm", "2.30pm", "10 a.m." (read before the rest, so the 2 of "2 pm" is no day of the month). */
const TWELVE_HOUR = /(?<!\d)(1[0-2]|0?[1-9])(?:\s?[:.]\s?([0-5]\d))?\s?([ap])\.?\s?m\.?(?![\p{L}])/giu;
/** English "half past 2" (2:30) and Dutch "half 3" (also 2:30: half an hour before three). */
const HALF_PAST = /(?<![\p{L}])half\s+past\s+(1[0-2]|0?[1-9])(?!\d)/giu;
const DUTCH_HALF = /(?<![\p{L}])half\s+(1[0-2]|0?[1-9])(?!\d)/giu;

/** Hours nobody books in the night: "om 3", "3:30" and "half 4" are also read as the afternoon. */
const alsoAfternoon = (hour: number) => hour >= 1 && hour <= 7;

/** The clock times a typed answer names (Dutch time, "HH:MM") and the answer with them taken out. */
function typedClocks(folded: string): { clocks: Set<string>; rest: string } {
  const clocks = new Set<string>();
  const add = (hour: number, minute: number, afternoonToo: boolean) => {
    const at = (h: number) => `${String(h).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    clocks.add(at(hour));
    if (afternoonToo && alsoAfternoon(hour)) clocks.add(at(hour + 12));
  };
  let rest = folded.replace(TWELVE_HOUR, (_, h: string, m: string | undefined, half: string) => {
    const hour = Number(h) % 12 + (half.toLowerCase() === 'p' ? 12 : 0);
    add(hour, Number(m ?? 0), false);
    return ' ';
  });
  rest = rest.replace(HALF_PAST, (_, h: string) => {
    add(Number(h), 30, true);
    return ' ';
  });
  rest = rest.replace(DUTCH_HALF, (_, h: string) => {
    add(Number(h) - 1 || 12, 30, true);
    return ' ';
  });
  rest = rest.replace(CLOCK, (_, h: string, m: string) => {
    add(Number(h), Number(m), true);
    return ' ';
  });
  for (const pattern of [HOUR_WORD_BEFORE, HOUR_WORD_AFTER]) {
    rest = rest.replace(pattern, (_, h: string) => {
      add(Number(h), 0, true);
      return ' ';
    });
  }
  return { clocks, rest };
}

/**
 * Which of the offered times a person means when they type it their own way, not as the button says:
 * "ሓሙስ 14:30 👍", "woensdag 8 uur", "الأربعاء 9", "Thursday 10th", "thursday 2.30pm", "do half 3":
 * whatever they give of the weekday (in any of the six languages), the day of the month and the clock
 * time (Dutch time; an hour from 1 to 7 without am/pm may also be the afternoon) must fit exactly one
 * time. Undefined when nothing of a time is typed, when it fits none or several, or when the sentence
 * says no.
 */
export function slotByTypedTime<V>(answer: string, slots: ReadonlyArray<{ value: V; at: string }>): V | undefined {
  if (slots.length === 0) return undefined;
  const folded = foldDigits(answer);
  if (hasNegation(normalizeText(folded))) return undefined;
  const { clocks, rest } = typedClocks(folded);
  const days = new Set((rest.match(/(?<!\d)\d{1,2}(?!\d)/g) ?? []).map(Number).filter((d) => d >= 1 && d <= 31));
  const padded = ` ${normalizeText(rest)} `;
  const named = new Set([...weekdays()].filter(([name]) => padded.includes(` ${name} `)).map(([, day]) => day));
  if (clocks.size + days.size + named.size === 0) return undefined;
  const fitting = slots.filter(({ at }) => {
    const parts = partsOf(at);
    return (clocks.size === 0 || clocks.has(parts.clock)) && (days.size === 0 || days.has(parts.day)) && (named.size === 0 || named.has(parts.weekday));
  });
  return fitting.length === 1 ? fitting[0].value : undefined;
}
