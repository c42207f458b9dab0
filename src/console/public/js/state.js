// @ts-check

import { DEFAULT_LANG, RECONNECT_MIN_MS } from './constants.js';

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
  listSeq: 0,
  convSeq: 0,
  sending: false,
  banner: null, // { key, vars } so it can be re-translated
  loginError: null,
  loginInfo: null,
  closeError: null,
  next: null, // the waiting person offered to this mentor after a release or close (a list summary)
  route: null, // { page, id } of the page on show
  pages: null, // data of the staff pages, see emptyPages()
};

/** What the pages other than the mentor view hold; forgotten at sign-out. */
export function emptyPages() {
  return {
    transcripts: { filters: {}, items: [], nextCursor: null, loaded: false, loading: false, seq: 0, error: null, scroll: null },
    transcript: { id: null, data: null, error: null, seq: 0, fromList: false },
    numbers: { range: null, data: null, loading: false, seq: 0, error: null },
    people: { q: '', items: [], loaded: false, loading: false, seq: 0, notice: null, erasing: null, eraseError: null, busy: false },
    audit: { range: null, items: [], loaded: false, loading: false, seq: 0, error: null },
    questions: { order: 'newest', groups: [], topics: [], loaded: false, loading: false, seq: 0, error: null, done: null, busy: false },
  };
}

state.pages = emptyPages();
