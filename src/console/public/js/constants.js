// @ts-check
export const API = '/console/api';

export const LANG_STORAGE_KEY = 'vit-console-lang';

export const DEFAULT_LANG = 'nl';

/** The six languages, each by its own name (the same in every UI language). */
export const LANGUAGES = [
  ['nl', 'Nederlands'],
  ['en', 'English'],
  ['ar', 'العربية'],
  ['tr', 'Türkçe'],
  ['fa', 'فارسی'],
  ['ti', 'ትግርኛ'],
];

export const LANGUAGE_NAMES = new Map(/** @type {Array<[string, string]>} */ (LANGUAGES));

export const RTL_LANGUAGES = new Set(['ar', 'fa']);

export const ACTING_ROLES = new Set(['mentor', 'admin']);

export const CLOSE_OUTCOMES = ['helped', 'referred', 'follow-up', 'no-response', 'other'];

export const MESSAGE_SENDERS = new Set(['person', 'bot', 'mentor']);

export const INTAKE_FIELDS = [
  'residenceStatus',
  'municipality',
  'dutchLevel',
  'englishLevel',
  'education',
  'itEducation',
  'itExperience',
  'motivatedForIT',
  'motivation',
  'hoursPerWeek',
];

/** The outcomes of the eligibility check, in the order the pages list them. */
export const OUTCOMES = ['eligible', 'direct-route', 'language-first', 'other-orientation', 'not-target-group', 'not-yet'];

/** Channels offered in the transcript filter (others still show, by their id). */
export const CHANNELS = ['whatsapp', 'msteams', 'webchat', 'emulator'];

/** The steps of the funnel on the Numbers page: [data-step, field of a stats row]. */
/** @type {ReadonlyArray<readonly [string, string]>} */
export const FUNNEL_STEPS = [
  ['started', 'started'],
  ['consented', 'consented'],
  ['intakeCompleted', 'intakeCompleted'],
  ...OUTCOMES.map((outcome) => /** @type {const} */ ([outcome, `outcomes.${outcome}`])),
  ['mentorAsked', 'mentorAsked'],
  ['mentorTook', 'mentorTook'],
  ['ratings', 'ratings'],
];

/** The wait buckets of the stats API, with the key of their text. */
/** @type {ReadonlyArray<readonly [string, string]>} */
export const WAIT_BUCKETS = [
  ['<1m', 'lt1m'],
  ['<5m', 'lt5m'],
  ['<15m', 'lt15m'],
  ['<1h', 'lt1h'],
  ['<4h', 'lt4h'],
  ['<24h', 'lt24h'],
  ['>=24h', 'gte24h'],
];

/** A colour per language for the week chart (each at least 3:1 against white). */
/** @type {Readonly<Record<string, string>>} */
export const LANGUAGE_COLORS = { nl: '#0a58a8', en: '#1e7d34', ar: '#b3261e', tr: '#7b3fb0', fa: '#a35c00', ti: '#00727d' };

export const OTHER_COLOR = '#4b5563';

export const SVG_NS = 'http://www.w3.org/2000/svg';

export const NUMBERS_DEFAULT_DAYS = 8 * 7;

export const AUDIT_DEFAULT_DAYS = 30;

export const EXPORT_FILE_NAME = 'vit-person-export.json';

export const CLOCK_INTERVAL_MS = 30 * 1000;

export const EVENT_DEBOUNCE_MS = 150;

export const RECONNECT_MIN_MS = 2000;

export const RECONNECT_MAX_MS = 30000;

export const WIDE_LAYOUT = '(min-width: 800px)';

/**
 * The locale for dates and times in `lang`: always the Gregorian calendar (the programme is in the
 * Netherlands; Persian would otherwise get Solar Hijri dates, not the ones the newcomer reads in the
 * chat) and a 24-hour clock, as the bot writes them.
 * @param {string} lang
 */
export function dateLocale(lang) {
  return `${lang}-u-ca-gregory-hc-h23`;
}
