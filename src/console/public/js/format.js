// @ts-check

import { dateLocale } from './constants.js';
import { state } from './state.js';
import { hasText, t } from './texts.js';

/** @param {number | bigint} value */
export function formatNumber(value) {
  try {
    return new Intl.NumberFormat(state.lang).format(value);
  } catch {
    return String(value);
  }
}

/** "< 1 min", "12 min", "2 h 5 min", "3 d 4 h", from an ISO time until now. */
/** @param {string} sinceIso */
export function formatDuration(sinceIso) {
  const since = Date.parse(sinceIso);
  if (Number.isNaN(since)) return '';
  const minutesTotal = Math.max(0, Math.floor((Date.now() - since) / 60000));
  if (minutesTotal < 1) return t('time.lessThanMinute');
  if (minutesTotal < 60) return t('time.minutes', { minutes: formatNumber(minutesTotal) });
  const hoursTotal = Math.floor(minutesTotal / 60);
  if (hoursTotal < 24) {
    return t('time.hours', { hours: formatNumber(hoursTotal), minutes: formatNumber(minutesTotal % 60) });
  }
  return t('time.days', { days: formatNumber(Math.floor(hoursTotal / 24)), hours: formatNumber(hoursTotal % 24) });
}

/** Clock time of a message; with the date when it was not today. */
/** @param {string} iso */
export function formatMessageTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date().toDateString() === date.toDateString();
  /** @type {Intl.DateTimeFormatOptions} */
  const options = today
    ? { hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(dateLocale(state.lang), options).format(date);
  } catch {
    return date.toISOString().slice(0, 16).replace('T', ' ');
  }
}

/** @param {{ firstName?: unknown, pseudonym?: unknown }} handoff */
export function personName(handoff) {
  const name = typeof handoff.firstName === 'string' ? handoff.firstName.trim() : '';
  if (name) return name;
  // No first name: a short code from a keyed digest the server made ("Persoon 4F2"), the same on every list.
  return typeof handoff.pseudonym === 'string' && handoff.pseudonym ? t('person.pseudonym', { code: handoff.pseudonym }) : t('person.unnamed');
}

/** "12 Nov 2026, 14:05" in the page language. */
/** @param {string} iso @param {Intl.DateTimeFormatOptions} [options] */
export function formatDateTime(iso, options = { dateStyle: 'medium', timeStyle: 'short' }) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(dateLocale(state.lang), options).format(date);
  } catch {
    return date.toISOString().slice(0, 16).replace('T', ' ');
  }
}

/** A YYYY-MM-DD day (as date inputs give it) in words, e.g. "12 Nov 2026". */
/** @param {string | null | undefined} day */
export function formatDay(day) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(day || ''));
  if (!match) return String(day || '');
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  try {
    return new Intl.DateTimeFormat(dateLocale(state.lang), { dateStyle: 'medium' }).format(date);
  } catch {
    return String(day);
  }
}

/** Today minus some days, as YYYY-MM-DD in local time. */
/** @param {number} days */
export function dayBefore(days) {
  const date = new Date();
  date.setDate(date.getDate() - days);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** @param {number} fraction */
export function formatPercent(fraction) {
  try {
    return new Intl.NumberFormat(state.lang, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
  } catch {
    return `${Math.round(fraction * 100)}%`;
  }
}

/** "Sara, Omar and Lisa" in the page language. */
/** @param {string[]} items */
export function formatList(items) {
  try {
    return new Intl.ListFormat(state.lang, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** A wait in seconds as "< 1 min", "12 min" or "2 h 5 min". */
/** @param {unknown} seconds */
export function formatSeconds(seconds) {
  const minutesTotal = Math.round(Number(seconds) / 60);
  if (!Number.isFinite(minutesTotal)) return '';
  if (Number(seconds) < 60) return t('time.lessThanMinute');
  if (minutesTotal < 60) return t('time.minutes', { minutes: formatNumber(minutesTotal) });
  const hoursTotal = Math.floor(minutesTotal / 60);
  if (hoursTotal < 24) return t('time.hours', { hours: formatNumber(hoursTotal), minutes: formatNumber(minutesTotal % 60) });
  return t('time.days', { days: formatNumber(Math.floor(hoursTotal / 24)), hours: formatNumber(hoursTotal % 24) });
}

/** "?a=1&b=2" of the parameters that have a value ("" when none has). */
/** @param {Record<string, unknown>} params */
export function queryString(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A number from the API, or 0 when it is missing or not a number. */
/** @param {unknown} value */
export function count(value) {
  const number = Number(value);
  return Number.isFinite(number) ? number : 0;
}

/** @param {string | null | undefined} id */
export function channelName(id) {
  return id ? valueText(`channels.${id}`, id) : '';
}

/** User text as an isolated run (U+2068 … U+2069), so it keeps its own direction inside a sentence. */
/** @param {string} text */
export function isolate(text) {
  return `\u2068${text}\u2069`;
}

/** The translation of a known value, or the raw value when there is no text for it. */
/** @param {string} key @param {unknown} raw */
export function valueText(key, raw) {
  return hasText(key) ? t(key) : String(raw);
}
