// @ts-check
/*
 * Talks take place in the Netherlands: a mentor types and reads their times in Dutch time
 * (Europe/Amsterdam), wherever the browser is. The offset comes from Intl, so summer and winter
 * time follow the browser's own time-zone data; no library.
 */

export const DUTCH_TIME = 'Europe/Amsterdam';

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const HOUR = 3_600_000;

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: DUTCH_TIME,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The Dutch wall time of an instant, as "YYYY-MM-DDTHH:mm" (what a datetime-local field holds). @param {number} ms */
export function dutchWallTime(ms) {
  /** @type {Record<string, string>} */
  const part = {};
  for (const { type, value } of parts.formatToParts(new Date(ms))) part[type] = value;
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}`;
}

/** How far Dutch time is ahead of UTC at an instant, in ms (1 h in winter, 2 h in summer). @param {number} ms */
function offsetAt(ms) {
  const match = /** @type {RegExpExecArray} */ (WALL.exec(dutchWallTime(ms)));
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]));
  return wall - Math.floor(ms / 60_000) * 60_000;
}

/**
 * The instant of a Dutch wall time "YYYY-MM-DDTHH:mm". In the autumn hour that comes twice, the first
 * (summer time); `missing` for a time in the spring hour the clocks skip; `bad` for anything else.
 * @param {string} local
 * @returns {{ ok: true, iso: string } | { ok: false, problem: 'bad' | 'missing' }}
 */
export function dutchInstant(local) {
  const match = WALL.exec(local);
  if (!match) return { ok: false, problem: 'bad' };
  const asUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]));
  if (Number.isNaN(asUtc)) return { ok: false, problem: 'bad' };
  // The offset before and after any change near this day; each gives a candidate, checked by reading it back.
  const candidates = [...new Set([offsetAt(asUtc - 24 * HOUR), offsetAt(asUtc + 24 * HOUR)])]
    .map((offset) => asUtc - offset)
    .filter((ms) => dutchWallTime(ms) === local)
    .sort((a, b) => a - b);
  if (candidates.length === 0) return isRealDate(match) ? { ok: false, problem: 'missing' } : { ok: false, problem: 'bad' };
  return { ok: true, iso: new Date(candidates[0]).toISOString() };
}

/** "2027-02-30" is no day. @param {RegExpExecArray} match */
function isRealDate(match) {
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.getUTCMonth() === Number(match[2]) - 1 && day.getUTCDate() === Number(match[3]) && Number(match[4]) < 24 && Number(match[5]) < 60;
}
