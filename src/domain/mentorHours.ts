/**
 * When mentors are around, e.g. "mon-fri 09:00-17:00; sat 10:00-13:00", in one time zone.
 * Pure: parsing, "is it open now" and "when does it open next".
 */
export interface OpeningWindow {
  days: number[]; // 0 = Sunday … 6 = Saturday
  from: number; // minutes after midnight
  to: number;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export type HoursParse = { ok: true; windows: OpeningWindow[] } | { ok: false; problem: string };

/** Parses "mon-fri 09:00-17:00; sat 10:00-13:00"; "always" means every hour of every day. */
export function parseMentorHours(spec: string): HoursParse {
  const text = spec.trim().toLowerCase();
  if (text === 'always') return { ok: true, windows: [{ days: [0, 1, 2, 3, 4, 5, 6], from: 0, to: 24 * 60 }] };
  const windows: OpeningWindow[] = [];
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(part);
    if (!m) return { ok: false, problem: `"${part}" is not like "mon-fri 09:00-17:00"` };
    const first = DAYS.indexOf(m[1]);
    const last = DAYS.indexOf(m[2] ?? m[1]);
    if (first < 0 || last < 0) return { ok: false, problem: `"${part}": days are sun, mon, tue, wed, thu, fri, sat` };
    const from = Number(m[3]) * 60 + Number(m[4]);
    const to = Number(m[5]) * 60 + Number(m[6]);
    if (Number(m[4]) > 59 || Number(m[6]) > 59 || from >= to || to > 24 * 60) return { ok: false, problem: `"${part}": the times must be a range within one day` };
    const days: number[] = [];
    for (let d = first; ; d = (d + 1) % 7) {
      days.push(d);
      if (d === last) break;
    }
    windows.push({ days, from, to });
  }
  if (windows.length === 0) return { ok: false, problem: 'no opening hours given' };
  return { ok: true, windows };
}

/** The local weekday and minute of the day of an instant in a time zone. */
function localParts(instant: Date, timeZone: string): { day: number; minute: number; ymd: [number, number, number] } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    day: DAYS.indexOf(String(parts.weekday).slice(0, 3).toLowerCase()),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    ymd: [Number(parts.year), Number(parts.month), Number(parts.day)],
  };
}

/** The instant of a local date and minute in a time zone (handles daylight saving by correcting once). */
function instantOf(ymd: [number, number, number], minute: number, timeZone: string): Date {
  const guess = Date.UTC(ymd[0], ymd[1] - 1, ymd[2], Math.floor(minute / 60), minute % 60);
  const offset = (at: number) => {
    const p = localParts(new Date(at), timeZone);
    const local = Date.UTC(p.ymd[0], p.ymd[1] - 1, p.ymd[2], Math.floor(p.minute / 60), p.minute % 60);
    return local - at;
  };
  const first = guess - offset(guess);
  return new Date(guess - offset(first));
}

export function isOpenAt(windows: OpeningWindow[], instant: Date, timeZone: string): boolean {
  const { day, minute } = localParts(instant, timeZone);
  return windows.some((w) => w.days.includes(day) && minute >= w.from && minute < w.to);
}

/** When mentors are next around (now, when open); looks a week ahead. */
export function nextOpening(windows: OpeningWindow[], instant: Date, timeZone: string): Date {
  if (isOpenAt(windows, instant, timeZone)) return instant;
  const today = localParts(instant, timeZone);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const date = new Date(Date.UTC(today.ymd[0], today.ymd[1] - 1, today.ymd[2] + ahead));
    const ymd: [number, number, number] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const day = (today.day + ahead) % 7;
    const starts = windows.filter((w) => w.days.includes(day)).map((w) => w.from).sort((a, b) => a - b);
    for (const start of starts) {
      if (ahead === 0 && start <= today.minute) continue;
      return instantOf(ymd, start, timeZone);
    }
  }
  return instant;
}
