// @ts-check

import { DEFAULT_LANG, RECONNECT_MIN_MS } from './constants.js';
import { LatestLoad } from './latestLoad.js';

/**
 * @typedef {import('./api.js').HandoffSummary} HandoffSummary
 * @typedef {import('./api.js').HandoffDetail['handoff'] & { takenBy?: string | null }} OpenHandoff
 * @typedef {{ handoff: OpenHandoff, timeline: import('./api.js').TimelineEntry[] }} OpenConversation
 * @typedef {{ key: string, vars?: Record<string, unknown> }} ShownText a text kept as its key, so a language change translates it
 * @typedef {{ page: string, id: string | null }} Route
 *
 * @typedef {object} State
 * @property {string} lang
 * @property {'ltr' | 'rtl'} dir
 * @property {Record<string, unknown> | null} texts
 * @property {import('./api.js').PublicUser | null} user
 * @property {string | null} csrfToken
 * @property {HandoffSummary[]} waiting
 * @property {HandoffSummary[]} active
 * @property {boolean} listsLoaded
 * @property {string | null} openId
 * @property {string | null} goneId
 * @property {OpenConversation | null} detail
 * @property {string[]} renderedKeys
 * @property {Map<string, string>} drafts
 * @property {'connecting' | 'on' | 'off'} live
 * @property {EventSource | null} events
 * @property {ReturnType<typeof setTimeout> | null} reconnectTimer
 * @property {number} reconnectDelay
 * @property {{ ids: Set<string>, all: boolean, timer: ReturnType<typeof setTimeout> | null } | null} pendingRefresh
 * @property {ReturnType<typeof setInterval> | null} clockTimer
 * @property {LatestLoad} listLoads the handoff lists' loads (only the newest answer is shown)
 * @property {LatestLoad} convLoads the open conversation's loads
 * @property {boolean} sending
 * @property {ShownText | null} banner
 * @property {ShownText | null} loginError
 * @property {ShownText | null} loginInfo
 * @property {ShownText | null} closeError
 * @property {HandoffSummary | null} next
 * @property {Route | null} route
 * @property {PagesState} pages
 */

/** Everything the page knows; one object, changed only through the modules' functions. */
/** @type {State} */
export const state = {
  lang: DEFAULT_LANG,
  dir: 'ltr',
  texts: null,
  user: null,
  csrfToken: null,
  waiting: [],
  active: [],
  listsLoaded: false, // no "nobody is waiting" before the first answer
  openId: null,
  goneId: null, // the open conversation when it is no longer this mentor's to read (see showGone)
  detail: null, // { handoff, timeline } of the open conversation
  renderedKeys: [], // keys of the timeline rows on the page, to append instead of redraw
  drafts: new Map(), // handoff id → unsent text
  live: 'off', // 'connecting' | 'on' | 'off'
  events: null, // the EventSource
  reconnectTimer: null,
  reconnectDelay: RECONNECT_MIN_MS,
  pendingRefresh: null, // { timer, ids }
  clockTimer: null,
  listLoads: new LatestLoad(),
  convLoads: new LatestLoad(),
  sending: false,
  banner: null, // { key, vars } so it can be re-translated
  loginError: null,
  loginInfo: null,
  closeError: null,
  next: null, // the waiting person offered to this mentor after a release or close (a list summary)
  route: null, // { page, id } of the page on show
  pages: emptyPages(), // data of the staff pages
};

/**
 * @typedef {{ from: string, to: string }} DayRange days as date inputs give them (YYYY-MM-DD)
 * @typedef {{ key: string, vars?: Record<string, unknown>, kind?: string }} Notice
 * @typedef {object} PagesState
 * @property {{ filters: Record<string, string>, items: import('./api.js').TranscriptListItem[], nextCursor: string | null, loaded: boolean, loading: boolean, loads: import('./latestLoad.js').LatestLoad, error: string | null, scroll: number | null }} transcripts
 * @property {{ id: string | null, data: import('./api.js').TranscriptView | null, error: string | null, loads: import('./latestLoad.js').LatestLoad, fromList: boolean }} transcript the data: GET /transcripts/:id
 * @property {{ range: DayRange | null, data: import('./api.js').StatsResponse | null, loading: boolean, loads: import('./latestLoad.js').LatestLoad, error: string | null }} numbers the data: GET /stats
 * @property {{ q: string, items: import('./api.js').PersonListItem[], loaded: boolean, loading: boolean, loads: import('./latestLoad.js').LatestLoad, notice: Notice | null, erasing: import('./api.js').PersonListItem | null, eraseError: string | null, eraseActive?: string | null, busy: boolean }} people
 * @property {{ range: DayRange | null, items: import('./api.js').AuditEntryView[], loaded: boolean, loading: boolean, loads: import('./latestLoad.js').LatestLoad, error: string | null }} audit
 * @property {{ order: string, groups: import('./api.js').UnansweredGroup[], topics: string[], titles: Record<string, string>, titlesLang: string, loaded: boolean, loading: boolean, loads: import('./latestLoad.js').LatestLoad, error: string | null, done: Notice | null, busy: boolean }} questions the groups: GET /unanswered
 */

/**
 * What the pages other than the mentor view hold; forgotten at sign-out.
 * @returns {PagesState}
 */
export function emptyPages() {
  return {
    transcripts: { filters: {}, items: [], nextCursor: null, loaded: false, loading: false, loads: new LatestLoad(), error: null, scroll: null },
    transcript: { id: null, data: null, error: null, loads: new LatestLoad(), fromList: false },
    numbers: { range: null, data: null, loading: false, loads: new LatestLoad(), error: null },
    people: { q: '', items: [], loaded: false, loading: false, loads: new LatestLoad(), notice: null, erasing: null, eraseError: null, busy: false },
    audit: { range: null, items: [], loaded: false, loading: false, loads: new LatestLoad(), error: null },
    questions: { order: 'newest', groups: [], topics: [], titles: {}, titlesLang: '', loaded: false, loading: false, loads: new LatestLoad(), error: null, done: null, busy: false },
  };
}

