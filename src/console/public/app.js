/*
 * VIT Wegwijzer – mentor console, browser side.
 *
 * Plain ES2020, no framework, no build step. Served as /console/app.js under a
 * Content-Security-Policy of default-src 'self': no inline code, no inline styles.
 *
 * Layout of this file:
 *   1. constants and state
 *   2. small helpers (DOM building, formatting)
 *   3. texts: language choice, loading, t()
 *   4. the API: one fetch wrapper for every call
 *   5. live updates (EventSource) and the 30-second clock
 *   6. actions (login, logout, claim, release, close, send)
 *   7. rendering (header, lists, conversation)
 *   8. pages for programme staff: navigation (location.hash), transcripts, numbers, people, questions, audit log
 *   9. event wiring and start
 *
 * Every piece of data is put on the page with textContent / text nodes, never innerHTML.
 */
'use strict';

(() => {
  // ---------------------------------------------------------------------------
  // 1. Constants and state
  // ---------------------------------------------------------------------------

  const API = '/console/api';
  const LANG_STORAGE_KEY = 'vit-console-lang';
  const DEFAULT_LANG = 'nl';

  /** The six languages, each by its own name (the same in every UI language). */
  const LANGUAGES = [
    ['nl', 'Nederlands'],
    ['en', 'English'],
    ['ar', 'العربية'],
    ['tr', 'Türkçe'],
    ['fa', 'فارسی'],
    ['ti', 'ትግርኛ'],
  ];
  const LANGUAGE_NAMES = new Map(LANGUAGES);
  const RTL_LANGUAGES = new Set(['ar', 'fa']);

  const ACTING_ROLES = new Set(['mentor', 'admin']);
  const CLOSE_OUTCOMES = ['helped', 'referred', 'follow-up', 'no-response', 'other'];
  const MESSAGE_SENDERS = new Set(['person', 'bot', 'mentor']);
  const INTAKE_FIELDS = [
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
  const OUTCOMES = ['eligible', 'direct-route', 'language-first', 'other-orientation', 'not-target-group', 'not-yet'];
  /** Channels offered in the transcript filter (others still show, by their id). */
  const CHANNELS = ['whatsapp', 'msteams', 'webchat', 'emulator'];

  /** The pages (location.hash routes) and who may see them; the server checks again. */
  const PAGE_ROLES = {
    handoffs: ['mentor', 'admin', 'staff'],
    transcripts: ['mentor', 'admin', 'staff'],
    transcript: ['mentor', 'admin', 'staff'],
    numbers: ['staff', 'admin'],
    people: ['staff', 'admin'],
    questions: ['staff', 'admin'],
    answers: ['staff', 'admin'],
    audit: ['admin'],
  };
  /** The tabs of the top navigation, in order; each is a page of PAGE_ROLES. */
  const NAV_TABS = ['handoffs', 'transcripts', 'numbers', 'people', 'questions', 'answers', 'audit'];

  /** The steps of the funnel on the Numbers page: [data-step, field of a stats row]. */
  const FUNNEL_STEPS = [
    ['started', 'started'],
    ['consented', 'consented'],
    ['intakeCompleted', 'intakeCompleted'],
    ...OUTCOMES.map((outcome) => [outcome, `outcomes.${outcome}`]),
    ['mentorAsked', 'mentorAsked'],
    ['mentorTook', 'mentorTook'],
    ['ratings', 'ratings'],
  ];
  /** The wait buckets of the stats API, with the key of their text. */
  const WAIT_BUCKETS = [
    ['<1m', 'lt1m'],
    ['<5m', 'lt5m'],
    ['<15m', 'lt15m'],
    ['<1h', 'lt1h'],
    ['<4h', 'lt4h'],
    ['<24h', 'lt24h'],
    ['>=24h', 'gte24h'],
  ];
  /** A colour per language for the week chart (each at least 3:1 against white). */
  const LANGUAGE_COLORS = { nl: '#0a58a8', en: '#1e7d34', ar: '#b3261e', tr: '#7b3fb0', fa: '#a35c00', ti: '#00727d' };
  const OTHER_COLOR = '#4b5563';
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const NUMBERS_DEFAULT_DAYS = 8 * 7;
  const AUDIT_DEFAULT_DAYS = 30;
  const EXPORT_FILE_NAME = 'vit-person-export.json';

  const CLOCK_INTERVAL_MS = 30 * 1000;
  const EVENT_DEBOUNCE_MS = 150;
  const RECONNECT_MIN_MS = 2000;
  const RECONNECT_MAX_MS = 30000;
  const WIDE_LAYOUT = '(min-width: 800px)';

  const state = {
    lang: DEFAULT_LANG,
    dir: 'ltr',
    texts: null,
    user: null,
    csrfToken: null,
    waiting: [],
    active: [],
    listsLoaded: false, // no "nobody is waiting" before the first answer
    openId: null,
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
  function emptyPages() {
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

  /** Elements from index.html, looked up once. */
  const ui = {};

  // ---------------------------------------------------------------------------
  // 2. Helpers
  // ---------------------------------------------------------------------------

  /**
   * Builds an element. props: class, text, hidden, data-* and other attributes; children:
   * nodes or strings (strings become text nodes, so they are never parsed as HTML).
   */
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child !== undefined && child !== null && child !== false) node.append(child);
    }
    return node;
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  function isWideLayout() {
    return window.matchMedia(WIDE_LAYOUT).matches;
  }

  function formatNumber(value) {
    try {
      return new Intl.NumberFormat(state.lang).format(value);
    } catch {
      return String(value);
    }
  }

  /** "< 1 min", "12 min", "2 h 5 min", "3 d 4 h", from an ISO time until now. */
  function formatDuration(sinceIso) {
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
  function formatMessageTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    const today = new Date().toDateString() === date.toDateString();
    const options = today
      ? { hour: '2-digit', minute: '2-digit' }
      : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
    try {
      return new Intl.DateTimeFormat(state.lang, options).format(date);
    } catch {
      return date.toISOString().slice(0, 16).replace('T', ' ');
    }
  }

  function personName(handoff) {
    const name = typeof handoff.firstName === 'string' ? handoff.firstName.trim() : '';
    return name || t('person.unnamed');
  }

  /** A language code shown by the language's own name, marked up in that language. */
  function languageChip(code) {
    return el('span', { class: 'chip chip-lang', lang: code, dir: 'auto' }, LANGUAGE_NAMES.get(code) || String(code || ''));
  }

  function chip(text, extraClass = '') {
    return el('span', { class: `chip ${extraClass}`.trim() }, text);
  }

  /** An element of an inline SVG chart (attributes only: the CSP forbids inline styles). */
  function svgEl(tag, attrs = {}, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, String(value));
    }
    for (const child of children.flat()) {
      if (child !== undefined && child !== null && child !== false) node.append(child);
    }
    return node;
  }

  /** "12 Nov 2026, 14:05" in the page language. */
  function formatDateTime(iso, options = { dateStyle: 'medium', timeStyle: 'short' }) {
    const date = new Date(iso);
    if (!iso || Number.isNaN(date.getTime())) return '';
    try {
      return new Intl.DateTimeFormat(state.lang, options).format(date);
    } catch {
      return date.toISOString().slice(0, 16).replace('T', ' ');
    }
  }

  /** A YYYY-MM-DD day (as date inputs give it) in words, e.g. "12 Nov 2026". */
  function formatDay(day) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(day || ''));
    if (!match) return String(day || '');
    const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    try {
      return new Intl.DateTimeFormat(state.lang, { dateStyle: 'medium' }).format(date);
    } catch {
      return String(day);
    }
  }

  /** Today minus some days, as YYYY-MM-DD in local time. */
  function dayBefore(days) {
    const date = new Date();
    date.setDate(date.getDate() - days);
    const pad = (n) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  function formatPercent(fraction) {
    try {
      return new Intl.NumberFormat(state.lang, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
    } catch {
      return `${Math.round(fraction * 100)}%`;
    }
  }

  /** "Sara, Omar and Lisa" in the page language. */
  function formatList(items) {
    try {
      return new Intl.ListFormat(state.lang, { style: 'long', type: 'conjunction' }).format(items);
    } catch {
      return items.join(', ');
    }
  }

  /** A wait in seconds as "< 1 min", "12 min" or "2 h 5 min". */
  function formatSeconds(seconds) {
    const minutesTotal = Math.round(Number(seconds) / 60);
    if (!Number.isFinite(minutesTotal)) return '';
    if (Number(seconds) < 60) return t('time.lessThanMinute');
    if (minutesTotal < 60) return t('time.minutes', { minutes: formatNumber(minutesTotal) });
    const hoursTotal = Math.floor(minutesTotal / 60);
    if (hoursTotal < 24) return t('time.hours', { hours: formatNumber(hoursTotal), minutes: formatNumber(minutesTotal % 60) });
    return t('time.days', { days: formatNumber(Math.floor(hoursTotal / 24)), hours: formatNumber(hoursTotal % 24) });
  }

  /** "?a=1&b=2" of the parameters that have a value ("" when none has). */
  function queryString(params) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
    }
    const text = search.toString();
    return text ? `?${text}` : '';
  }

  /** A number from the API, or 0 when it is missing or not a number. */
  function count(value) {
    const number = Number(value);
    return Number.isFinite(number) ? number : 0;
  }

  function channelName(id) {
    return id ? valueText(`channels.${id}`, id) : '';
  }

  /** User text as an isolated run (U+2068 … U+2069), so it keeps its own direction inside a sentence. */
  function isolate(text) {
    return `\u2068${text}\u2069`;
  }

  /** The translation of a known value, or the raw value when there is no text for it. */
  function valueText(key, raw) {
    return hasText(key) ? t(key) : String(raw);
  }

  // ---------------------------------------------------------------------------
  // 3. Texts
  // ---------------------------------------------------------------------------

  function isSupported(lang) {
    return LANGUAGE_NAMES.has(lang);
  }

  /** localStorage, else the browser language (first two letters), else Dutch. */
  function initialLanguage() {
    let stored = null;
    try {
      stored = window.localStorage.getItem(LANG_STORAGE_KEY);
    } catch {
      stored = null;
    }
    if (stored && isSupported(stored)) return stored;
    const browser = String(navigator.language || '').slice(0, 2).toLowerCase();
    return isSupported(browser) ? browser : DEFAULT_LANG;
  }

  function rememberLanguage(lang) {
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // private mode or storage disabled: the choice lasts for this page only
    }
  }

  function lookup(key) {
    return key.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), state.texts);
  }

  function hasText(key) {
    return typeof lookup(key) === 'string';
  }

  /** The text for key in the current language, with {{name}} replaced by vars.name. */
  function t(key, vars = {}) {
    const text = lookup(key);
    if (typeof text !== 'string') return key;
    return text.replace(/{{\s*([\w.]+)\s*}}/g, (match, name) =>
      Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match,
    );
  }

  async function loadTexts(lang) {
    const data = await api('GET', `/texts?lang=${encodeURIComponent(lang)}`, undefined, { authRedirect: false });
    if (!data || typeof data.texts !== 'object' || data.texts === null) throw new ApiError(500, 'bad-texts');
    state.texts = data.texts;
    state.lang = isSupported(data.lang) ? data.lang : lang;
    state.dir = data.dir === 'rtl' || data.dir === 'ltr' ? data.dir : RTL_LANGUAGES.has(state.lang) ? 'rtl' : 'ltr';
    document.documentElement.lang = state.lang;
    document.documentElement.dir = state.dir;
    ui.langSelect.value = state.lang;
  }

  /** At start there is nothing to show without texts: keep trying, a little slower each time. */
  async function loadTextsUntilLoaded(lang) {
    for (let delay = 1000; ; delay = Math.min(delay * 2, 15000)) {
      try {
        await loadTexts(lang);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** Fills every element of index.html that carries data-i18n / data-i18n-placeholder / data-i18n-aria-label. */
  function applyStaticTexts() {
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
      node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
    }
    for (const node of document.querySelectorAll('[data-i18n-aria-label]')) {
      node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
    }
    ui.skipLink.hidden = false;
    fillCloseOutcomes();
    fillFilterSelects();
  }

  // ---------------------------------------------------------------------------
  // 4. The API
  // ---------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, code, body) {
      super(`${status} ${code}`);
      this.status = status; // 0 = no answer from the server
      this.code = code;
      this.body = body && typeof body === 'object' ? body : {};
    }
  }

  async function readJson(response) {
    if (response.status === 204) return null;
    let text = '';
    try {
      text = await response.text();
    } catch {
      return null;
    }
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }

  /**
   * Every call to the server goes through here: JSON in and out, the CSRF header on every POST,
   * errors as ApiError({status, code, body}); a 401 ends the session and shows the login form
   * (unless authRedirect is false, as for login itself and the first /me).
   */
  async function api(method, path, body, { authRedirect = true, retried = false } = {}) {
    const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' };
    if (method !== 'GET') {
      init.headers['Content-Type'] = 'application/json';
      if (state.csrfToken) init.headers['X-CSRF-Token'] = state.csrfToken;
      init.body = JSON.stringify(body === undefined ? {} : body);
    }

    let response;
    try {
      response = await fetch(API + path, init);
    } catch {
      throw new ApiError(0, 'network');
    }
    const data = await readJson(response);
    if (response.ok) return data;

    const error = new ApiError(response.status, (data && data.error) || `http-${response.status}`, data);
    if (response.status === 429 && error.body.retryAfterSeconds === undefined) {
      const header = Number(response.headers.get('Retry-After'));
      if (Number.isFinite(header) && header > 0) error.body.retryAfterSeconds = header;
    }
    if (response.status === 403 && /csrf/i.test(error.code) && !retried && state.user) {
      // The token went stale (e.g. the server restarted): fetch a fresh one and try once more.
      const me = await api('GET', '/me');
      if (me && me.csrfToken) state.csrfToken = me.csrfToken;
      return api(method, path, body, { authRedirect, retried: true });
    }
    if (response.status === 401 && authRedirect) sessionEnded();
    throw error;
  }

  const handoffPath = (id, action = '') => `/handoffs/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

  // ---------------------------------------------------------------------------
  // 5. Live updates and the clock
  // ---------------------------------------------------------------------------

  function connectEvents() {
    disconnectEvents();
    if (typeof window.EventSource !== 'function') {
      setLive('off');
      return;
    }
    setLive('connecting');
    const source = new EventSource(`${API}/events`);
    state.events = source;

    source.addEventListener('open', () => {
      if (state.events !== source) return;
      state.reconnectDelay = RECONNECT_MIN_MS;
      setLive('on');
      // Catch up on whatever happened while we were not connected.
      scheduleRefresh(null);
    });
    source.addEventListener('handoff', (event) => {
      if (state.events !== source) return;
      let data = null;
      try {
        data = JSON.parse(event.data);
      } catch {
        data = null;
      }
      scheduleRefresh(data && typeof data.id === 'string' ? data.id : null);
    });
    source.addEventListener('error', () => {
      if (state.events !== source) return;
      setLive('off');
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (e.g. an HTTP error), so we retry.
      if (source.readyState === EventSource.CLOSED) scheduleReconnect();
    });
  }

  function disconnectEvents() {
    if (state.events) state.events.close();
    state.events = null;
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = null;
  }

  function scheduleReconnect() {
    clearTimeout(state.reconnectTimer);
    const delay = state.reconnectDelay;
    state.reconnectDelay = Math.min(delay * 2, RECONNECT_MAX_MS);
    state.reconnectTimer = setTimeout(async () => {
      if (!state.user) return;
      try {
        await api('GET', '/me'); // a 401 here shows the login form
      } catch (error) {
        if (error.status === 401) return;
      }
      if (state.user) connectEvents();
    }, delay);
  }

  /**
   * Coalesces a burst of events into one refresh of the lists, plus one of the open
   * conversation when an event concerned it (id null = refresh everything).
   */
  function scheduleRefresh(id) {
    if (!state.pendingRefresh) {
      state.pendingRefresh = { ids: new Set(), all: false, timer: null };
      state.pendingRefresh.timer = setTimeout(runPendingRefresh, EVENT_DEBOUNCE_MS);
    }
    if (id === null) state.pendingRefresh.all = true;
    else state.pendingRefresh.ids.add(id);
  }

  function runPendingRefresh() {
    const pending = state.pendingRefresh;
    state.pendingRefresh = null;
    if (!pending || !state.user) return;
    refreshLists();
    if (state.openId && (pending.all || pending.ids.has(state.openId))) refreshConversation();
  }

  function startClock() {
    stopClock();
    state.clockTimer = setInterval(() => {
      updateTimes();
      renderNextOffer();
      if (state.live !== 'on') refreshLists(); // without live updates, at least poll
    }, CLOCK_INTERVAL_MS);
  }

  function stopClock() {
    clearInterval(state.clockTimer);
    state.clockTimer = null;
  }

  // ---------------------------------------------------------------------------
  // 6. Actions
  // ---------------------------------------------------------------------------

  const canAct = () => !!state.user && ACTING_ROLES.has(state.user.role);
  const isMine = (handoff) => !!(handoff.mentor && state.user && handoff.mentor.id === state.user.id);
  const canClaim = (handoff) => canAct() && handoff.status === 'waiting';
  // Only the mentor talking writes, releases and closes (the server refuses anyone else); admins read along.
  const canWrite = (handoff) => canAct() && handoff.status === 'active' && isMine(handoff);

  async function refreshLists() {
    if (!state.user) return;
    const seq = ++state.listSeq;
    try {
      const data = await api('GET', '/handoffs');
      if (seq !== state.listSeq || !state.user) return;
      state.waiting = Array.isArray(data && data.waiting) ? data.waiting : [];
      state.active = Array.isArray(data && data.active) ? data.active : [];
      state.listsLoaded = true;
      if (state.banner && state.banner.key === 'errors.network') clearBanner();
      renderLists();
    } catch (error) {
      if (seq === state.listSeq) reportError(error);
    }
  }

  async function refreshConversation() {
    const id = state.openId;
    if (!id || !state.user) return;
    const seq = ++state.convSeq;
    try {
      const data = await api('GET', handoffPath(id));
      if (seq !== state.convSeq || id !== state.openId) return;
      if (!data || !data.handoff) throw new ApiError(500, 'bad-handoff');
      state.detail = { handoff: data.handoff, timeline: Array.isArray(data.timeline) ? data.timeline : [] };
      renderConversation();
    } catch (error) {
      if (seq !== state.convSeq || id !== state.openId) return;
      if (error.status === 404) {
        showBanner('errors.notFound');
        closeConversation();
      } else {
        reportError(error);
      }
    }
  }

  async function openConversation(id) {
    if (state.openId !== id) {
      saveDraft();
      state.openId = id;
      state.detail = null;
      state.renderedKeys = [];
      ui.timeline.replaceChildren();
      ui.messageInput.value = state.drafts.get(id) || '';
      hideCloseForm();
    }
    ui.console.classList.add('conv-open');
    renderPaneLoading();
    markOpenCards();
    await refreshConversation();
    if (state.openId === id) ui.convTitle.focus({ preventScroll: true });
  }

  function closeConversation() {
    const id = state.openId;
    // Opened from a link (#/handoffs/<id>): the address goes back to the list, so the same link opens it again.
    if (state.route && state.route.page === 'handoffs' && state.route.id) {
      state.route = { page: 'handoffs', id: null };
      history.replaceState(history.state, '', routeHash(state.route));
    }
    saveDraft();
    state.openId = null;
    state.detail = null;
    state.renderedKeys = [];
    state.convSeq++;
    hideCloseForm();
    ui.console.classList.remove('conv-open');
    ui.timeline.replaceChildren();
    show(ui.conversation, false);
    show(ui.placeholder, true);
    markOpenCards();
    const card = id && document.querySelector(`[data-handoff-id="${CSS.escape(id)}"] .card-open`);
    if (card) card.focus();
    else ui.waitingTitle.focus();
  }

  function saveDraft() {
    if (!state.openId) return;
    const text = ui.messageInput.value;
    if (text) state.drafts.set(state.openId, text);
    else state.drafts.delete(state.openId);
  }

  async function login(event) {
    event.preventDefault();
    setLoginError(null);
    setLoginInfo(null);
    const username = ui.loginUsername.value.trim();
    const password = ui.loginPassword.value;
    if (!username || !password) {
      setLoginError('login.missing');
      (username ? ui.loginPassword : ui.loginUsername).focus();
      return;
    }
    ui.loginSubmit.disabled = true;
    ui.loginSubmit.textContent = t('login.busy');
    try {
      const data = await api('POST', '/login', { username, password }, { authRedirect: false });
      ui.loginPassword.value = '';
      signedIn(data);
    } catch (error) {
      if (error.status === 429 || error.code === 'too-many-attempts') {
        const seconds = Number(error.body.retryAfterSeconds);
        const minutes = Math.max(1, Math.ceil((Number.isFinite(seconds) && seconds > 0 ? seconds : 60) / 60));
        if (minutes === 1) setLoginError('login.tooManyOne');
        else setLoginError('login.tooMany', { minutes: formatNumber(minutes) });
      } else if (error.status === 401 || error.code === 'invalid-login') {
        setLoginError('login.invalid');
        ui.loginPassword.select();
      } else {
        setLoginError(error.status === 0 ? 'errors.network' : 'errors.generic');
      }
    } finally {
      ui.loginSubmit.disabled = false;
      ui.loginSubmit.textContent = t('login.submit');
    }
  }

  function signedIn(data) {
    if (!data || !data.user) throw new ApiError(500, 'bad-login');
    state.user = data.user;
    state.csrfToken = data.csrfToken || null;
    clearBanner();
    setLoginError(null);
    setLoginInfo(null);
    renderHeader();
    showView('console');
    renderLists();
    refreshLists();
    connectEvents();
    startClock();
    route({ initial: true });
  }

  async function logout() {
    ui.logout.disabled = true;
    try {
      await api('POST', '/logout', undefined, { authRedirect: false });
    } catch {
      // Whatever the server says, this page forgets the session.
    } finally {
      ui.logout.disabled = false;
    }
    signedOut(null);
  }

  /** A call answered 401: the session is gone. */
  function sessionEnded() {
    if (!state.user) return;
    signedOut('login.sessionEnded');
  }

  function signedOut(infoKey) {
    disconnectEvents();
    stopClock();
    if (state.pendingRefresh) clearTimeout(state.pendingRefresh.timer);
    Object.assign(state, {
      user: null,
      csrfToken: null,
      waiting: [],
      active: [],
      listsLoaded: false,
      openId: null,
      detail: null,
      renderedKeys: [],
      drafts: new Map(),
      pendingRefresh: null,
      sending: false,
      next: null,
      route: null,
      pages: emptyPages(),
    });
    renderNextOffer();
    clearPages();
    state.listSeq++;
    state.convSeq++;
    ui.waitingList.replaceChildren();
    ui.mineList.replaceChildren();
    ui.timeline.replaceChildren();
    ui.messageInput.value = '';
    ui.console.classList.remove('conv-open');
    show(ui.conversation, false);
    hideCloseForm();
    clearBanner();
    setLive('off');
    renderHeader();
    setLoginInfo(infoKey);
    showView('login');
    ui.loginUsername.focus();
  }

  async function claim(id, button) {
    if (button) button.disabled = true;
    try {
      await api('POST', handoffPath(id, 'claim'));
      clearBanner();
      refreshLists();
      await openConversation(id);
    } catch (error) {
      if (error.status === 409) {
        const by = typeof error.body.by === 'string' && error.body.by ? error.body.by : null;
        if (by) showBanner('errors.alreadyTaken', { name: by });
        else showBanner('errors.alreadyTakenUnknown');
        refreshLists();
        if (state.openId === id) refreshConversation();
      } else {
        reportError(error);
      }
    } finally {
      if (button && button.isConnected) button.disabled = false;
    }
  }

  async function release() {
    const id = state.openId;
    if (!id) return;
    ui.release.disabled = true;
    try {
      const data = await api('POST', handoffPath(id, 'release'));
      clearBanner();
      offerNext(data && data.next);
      mergeHandoff(id, data && data.handoff);
      refreshLists();
      refreshConversation();
    } catch (error) {
      reportError(error);
    } finally {
      ui.release.disabled = false;
    }
  }

  async function submitClose(event) {
    event.preventDefault();
    const id = state.openId;
    if (!id) return;
    const outcome = ui.closeOutcome.value;
    if (!CLOSE_OUTCOMES.includes(outcome)) {
      setCloseError('errors.outcomeRequired');
      ui.closeOutcome.focus();
      return;
    }
    setCloseError(null);
    const note = ui.closeNote.value.trim();
    const body = note ? { outcome, note } : { outcome };
    ui.closeConfirm.disabled = true;
    try {
      const data = await api('POST', handoffPath(id, 'close'), body);
      clearBanner();
      hideCloseForm();
      offerNext(data && data.next);
      const closed = { status: 'closed', closeOutcome: outcome, ...(note ? { note } : {}) };
      mergeHandoff(id, { ...closed, ...((data && data.handoff) || {}) });
      state.drafts.delete(id);
      if (state.openId === id) {
        ui.messageInput.value = '';
        ui.statusClosed.focus();
      }
      refreshLists();
      refreshConversation();
    } catch (error) {
      reportError(error);
    } finally {
      ui.closeConfirm.disabled = false;
    }
  }

  async function send(event) {
    if (event) event.preventDefault();
    const id = state.openId;
    const text = ui.messageInput.value.trim();
    if (!id || !text || state.sending) return;
    state.sending = true;
    ui.send.disabled = true;
    try {
      const data = await api('POST', handoffPath(id, 'messages'), { text });
      state.drafts.delete(id);
      if (state.openId === id) {
        ui.messageInput.value = '';
        if (data && data.message && state.detail) {
          state.detail.timeline.push(data.message);
          renderTimeline();
        }
      }
      refreshLists();
    } catch (error) {
      reportError(error, 'errors.sendFailed');
    } finally {
      state.sending = false;
      ui.send.disabled = false;
    }
  }

  /** After a release or close: the person the server offers this mentor next, shown until taken or dismissed. */
  function offerNext(next) {
    state.next = next && typeof next.id === 'string' && next.status === 'waiting' ? next : null;
    renderNextOffer();
  }

  async function takeNext() {
    const next = state.next;
    if (!next) return;
    state.next = null;
    renderNextOffer();
    await claim(next.id, ui.nextTake);
  }

  /** "Next: Amina (العربية), waiting 12 min — Take", while that person still waits. */
  function renderNextOffer() {
    if (!ui.nextOffer) return;
    const next = state.next;
    const stillWaiting = next && (!state.listsLoaded || state.waiting.some((h) => h.id === next.id));
    if (next && !stillWaiting) state.next = null;
    show(ui.nextOffer, !!stillWaiting && canAct());
    if (!stillWaiting) return;
    const waiting = state.waiting.find((h) => h.id === next.id) || next;
    const name = personName(waiting);
    ui.nextOfferText.textContent = t('next.prompt', {
      name,
      language: LANGUAGE_NAMES.get(waiting.language) || String(waiting.language || ''),
      time: formatDuration(waiting.createdAt),
    });
    ui.nextTake.setAttribute('aria-label', t('next.takeLabel', { name }));
  }

  /** Puts a handoff from a POST answer into the open conversation and redraws it. */
  function mergeHandoff(id, handoff) {
    if (!handoff || !state.detail || state.openId !== id) return;
    state.detail.handoff = { ...state.detail.handoff, ...handoff };
    renderConversation();
  }

  function errorKey(error, fallbackKey) {
    if (error.status === 0) return 'errors.network';
    if (error.code === 'not-yours') return 'errors.notYours';
    if (error.code === 'not-delivered') return 'errors.notDelivered';
    if (error.code === 'not-found' || error.status === 404) return 'errors.notFound';
    if (error.status === 403) return 'errors.forbidden';
    if (error.status === 409) return 'errors.changed';
    return fallbackKey;
  }

  /** Shows an API error in the banner; after a conflict, reloads what changed under our feet. */
  function reportError(error, fallbackKey = 'errors.generic') {
    if (!(error instanceof ApiError)) {
      console.error(error); // a bug on this page, not an answer of the server
      showBanner(fallbackKey);
      return;
    }
    if (error.status === 401) return; // the login form is already showing
    showBanner(errorKey(error, fallbackKey));
    if (error.status === 403 || error.status === 409) {
      refreshLists();
      refreshConversation();
    }
  }

  async function changeLanguage() {
    const lang = ui.langSelect.value;
    if (!isSupported(lang) || lang === state.lang) return;
    rememberLanguage(lang);
    try {
      await loadTexts(lang);
    } catch (error) {
      ui.langSelect.value = state.lang;
      reportError(error);
      return;
    }
    renderAll();
  }

  // ---------------------------------------------------------------------------
  // 7. Rendering
  // ---------------------------------------------------------------------------

  /** 'loading', 'login' or 'console' (signed in: the navigation and the page of the route). */
  function showView(name) {
    show(ui.viewLoading, name === 'loading');
    show(ui.viewLogin, name === 'login');
    show(ui.nav, name === 'console');
    const page = name === 'console' && state.route ? state.route.page : name === 'console' ? 'handoffs' : null;
    show(ui.viewConsole, page === 'handoffs');
    for (const [name2, node] of Object.entries(ui.pages)) show(node, page === name2);
  }

  /** Redraws everything in the current language (after a language change). */
  function renderAll() {
    applyStaticTexts();
    renderHeader();
    renderBanner();
    renderLoginMessages();
    renderCloseError();
    setLive(state.live);
    if (state.user) renderLists();
    if (state.user) renderPages();
    if (state.detail) {
      state.renderedKeys = [];
      renderConversation();
    } else if (state.openId) {
      renderPaneLoading();
    }
  }

  function renderHeader() {
    const user = state.user;
    show(ui.userInfo, !!user);
    show(ui.logout, !!user);
    show(ui.live, !!user);
    if (!user) return;
    ui.userName.textContent = user.firstName || user.username || '';
    ui.userRole.textContent = valueText(`roles.${user.role}`, user.role);
  }

  function setLive(status) {
    state.live = status;
    ui.live.dataset.state = status;
    ui.liveText.textContent = t(status === 'on' ? 'live.on' : status === 'connecting' ? 'live.connecting' : 'live.off');
  }

  // Messages that are kept as {key, vars}, so a language change translates them too.

  function showBanner(key, vars) {
    state.banner = { key, vars };
    renderBanner();
  }

  function clearBanner() {
    state.banner = null;
    renderBanner();
  }

  function renderBanner() {
    show(ui.banner, !!state.banner);
    ui.bannerText.textContent = state.banner ? t(state.banner.key, state.banner.vars) : '';
  }

  function setLoginError(key, vars) {
    state.loginError = key ? { key, vars } : null;
    renderLoginMessages();
  }

  function setLoginInfo(key) {
    state.loginInfo = key ? { key } : null;
    renderLoginMessages();
  }

  function renderLoginMessages() {
    show(ui.loginError, !!state.loginError);
    ui.loginError.textContent = state.loginError ? t(state.loginError.key, state.loginError.vars) : '';
    show(ui.loginInfo, !!state.loginInfo);
    ui.loginInfo.textContent = state.loginInfo ? t(state.loginInfo.key) : '';
    const invalid = state.loginError ? 'true' : 'false';
    ui.loginUsername.setAttribute('aria-invalid', invalid);
    ui.loginPassword.setAttribute('aria-invalid', invalid);
  }

  function setCloseError(key) {
    state.closeError = key ? { key } : null;
    renderCloseError();
  }

  function renderCloseError() {
    show(ui.closeError, !!state.closeError);
    ui.closeError.textContent = state.closeError ? t(state.closeError.key) : '';
    ui.closeOutcome.setAttribute('aria-invalid', state.closeError ? 'true' : 'false');
  }

  // --- lists -----------------------------------------------------------------

  /** The active conversations shown under "My conversations": a mentor's own; everything for staff and admin. */
  function visibleActive() {
    if (!state.user) return [];
    if (state.user.role === 'mentor') return state.active.filter(isMine);
    return state.active;
  }

  function renderLists() {
    const mine = visibleActive();
    const mentorView = !!state.user && state.user.role === 'mentor';

    redrawKeepingFocus(ui.waitingList, state.waiting.map(waitingCard));
    redrawKeepingFocus(ui.mineList, mine.map(mineCard));

    ui.waitingCount.textContent = formatNumber(state.waiting.length);
    renderNavCount();
    ui.mineCount.textContent = formatNumber(mine.length);
    ui.mineTitleText.textContent = t(mentorView ? 'mine.title' : 'mine.titleAll');
    show(ui.waitingEmpty, state.listsLoaded && state.waiting.length === 0);
    show(ui.mineEmpty, state.listsLoaded && mine.length === 0);

    renderNextOffer();
    const waitingPrefix = state.waiting.length ? `(${formatNumber(state.waiting.length)}) ` : '';
    document.title = `${waitingPrefix}${t('app.subtitle')} – ${t('app.title')}`;
  }

  /** Replaces a list's cards; the control that had focus gets it back in the new card. */
  function redrawKeepingFocus(list, cards) {
    const focused = list.contains(document.activeElement) ? document.activeElement : null;
    const card = focused && focused.closest('[data-handoff-id]');
    const id = card && card.dataset.handoffId;
    const role = focused && focused.dataset.role;
    list.replaceChildren(...cards);
    if (!id) return;
    const again = list.querySelector(`[data-handoff-id="${CSS.escape(id)}"] [data-role="${role}"]`);
    if (again && !again.disabled) again.focus({ preventScroll: true });
  }

  function markOpenCards() {
    for (const card of document.querySelectorAll('.card[data-handoff-id]')) {
      if (card.dataset.handoffId === state.openId) card.setAttribute('aria-current', 'true');
      else card.removeAttribute('aria-current');
    }
  }

  /** A time that counts up: the 30-second clock rewrites every [data-since]. */
  function sinceLabel(iso, key) {
    return el('span', { class: 'since', 'data-since': iso || '', 'data-since-key': key }, t(key, { time: formatDuration(iso) }));
  }

  function updateTimes() {
    for (const node of document.querySelectorAll('[data-since]')) {
      node.textContent = t(node.dataset.sinceKey, { time: formatDuration(node.dataset.since) });
    }
  }

  function cardFacts(handoff) {
    const facts = [];
    if (handoff.outcome) facts.push(chip(valueText(`outcomes.${handoff.outcome}`, handoff.outcome), 'chip-outcome'));
    if (handoff.reason) facts.push(chip(valueText(`reasons.${handoff.reason}`, handoff.reason), 'chip-reason'));
    return facts;
  }

  function cardShell(handoff, testId, openContent, extra) {
    return el(
      'li',
      {
        class: 'card',
        'data-testid': testId,
        'data-handoff-id': handoff.id,
        'aria-current': handoff.id === state.openId ? 'true' : null,
      },
      el('button', { type: 'button', class: 'card-open', 'data-role': 'open' }, openContent),
      extra,
    );
  }

  function waitingCard(handoff) {
    const name = personName(handoff);
    const content = [
      el(
        'span',
        { class: 'card-top' },
        el('bdi', { class: 'card-name' }, name),
        sinceLabel(handoff.createdAt, 'card.waiting'),
      ),
      el(
        'span',
        { class: 'card-line' },
        languageChip(handoff.language),
        handoff.speaksLanguage ? chip(`✓ ${t('card.speaks')}`, 'chip-speaks') : null,
      ),
      el('span', { class: 'card-line' }, cardFacts(handoff)),
      el('span', { class: 'card-line muted' }, t('card.messages', { count: formatNumber(handoff.messageCount || 0) })),
    ];
    const claimButton = canAct()
      ? el(
          'button',
          {
            type: 'button',
            class: 'button primary claim',
            'data-testid': 'claim',
            'data-role': 'claim',
            'aria-label': t('card.claimLabel', { name }),
          },
          t('card.claim'),
        )
      : null;
    return cardShell(handoff, 'waiting-item', content, claimButton);
  }

  function mineCard(handoff) {
    const mentorName = handoff.mentor && handoff.mentor.firstName;
    const withWhom = isMine(handoff) ? t('card.you') : mentorName ? t('card.mentor', { name: mentorName }) : null;
    const content = [
      el(
        'span',
        { class: 'card-top' },
        el('bdi', { class: 'card-name' }, personName(handoff)),
        sinceLabel(handoff.claimedAt || handoff.createdAt, 'card.talking'),
      ),
      el(
        'span',
        { class: 'card-line' },
        languageChip(handoff.language),
        withWhom ? chip(withWhom, isMine(handoff) ? 'chip-you' : 'chip-mentor') : null,
      ),
      el('span', { class: 'card-line' }, cardFacts(handoff)),
      el('span', { class: 'card-line muted' }, t('card.messages', { count: formatNumber(handoff.messageCount || 0) })),
    ];
    return cardShell(handoff, 'mine-item', content, null);
  }

  // --- conversation ----------------------------------------------------------

  function renderPaneLoading() {
    show(ui.placeholder, false);
    show(ui.conversation, true);
    if (state.detail) return;
    ui.conversation.dataset.handoffId = state.openId || '';
    ui.conversation.dataset.status = '';
    ui.convTitle.textContent = t('conversation.loading');
    ui.convMeta.replaceChildren();
    ui.intakeContent.replaceChildren();
    show(ui.timelineEmpty, false);
    show(ui.statusClosed, false);
    show(ui.readOnlyNote, false);
    for (const node of [ui.convClaim, ui.release, ui.closeOpen, ui.compose]) show(node, false);
  }

  function renderConversation() {
    const { handoff } = state.detail;
    show(ui.placeholder, false);
    show(ui.conversation, true);
    ui.conversation.dataset.handoffId = handoff.id;
    ui.conversation.dataset.status = handoff.status || '';

    ui.convTitle.replaceChildren(el('bdi', {}, personName(handoff)));
    ui.convMeta.replaceChildren(...conversationMeta(handoff));
    renderIntake(handoff.intake);
    const scroll = renderTimeline({ scroll: false });
    renderClosedStatus(handoff);
    renderConversationActions(handoff);
    if (scroll) scrollToBottom(); // last, once everything that changes the height is in place
  }

  function conversationMeta(handoff) {
    const meta = [languageChip(handoff.language)];
    if (handoff.status) meta.push(chip(valueText(`status.${handoff.status}`, handoff.status), `chip-status status-${handoff.status}`));
    if (handoff.status === 'active' && handoff.mentor) {
      meta.push(chip(isMine(handoff) ? t('card.you') : t('card.mentor', { name: handoff.mentor.firstName || '' }), 'chip-mentor'));
    }
    if (handoff.reason) {
      meta.push(chip(t('conversation.reason', { reason: valueText(`reasons.${handoff.reason}`, handoff.reason) })));
    }
    if (handoff.outcome) {
      meta.push(chip(t('conversation.outcome', { outcome: valueText(`outcomes.${handoff.outcome}`, handoff.outcome) })));
    }
    if (handoff.status === 'waiting') meta.push(el('span', { class: 'chip' }, sinceLabel(handoff.createdAt, 'card.waiting')));
    return meta;
  }

  function renderConversationActions(handoff) {
    const writable = canWrite(handoff);
    show(ui.convClaim, canClaim(handoff));
    show(ui.release, writable);
    show(ui.closeOpen, writable);
    show(ui.compose, writable);
    if (!writable) hideCloseForm();

    let note = null;
    if (state.user && state.user.role === 'staff') note = t('conversation.readOnly');
    else if (handoff.status === 'waiting' && canAct()) note = t('conversation.takeFirst');
    else if (handoff.status === 'active' && !writable && handoff.mentor) {
      note = t('conversation.otherMentor', { name: handoff.mentor.firstName || '' });
    }
    ui.readOnlyNote.textContent = note || '';
    show(ui.readOnlyNote, !!note && handoff.status !== 'closed' && handoff.status !== 'abandoned');
  }

  function renderIntake(intake) {
    ui.intakeContent.replaceChildren(...intakeNodes(intake));
  }

  /** The intake answers as a list of facts (the conversation pane and the transcript view). */
  function intakeNodes(intake) {
    if (!intake || !intake.answers || typeof intake.answers !== 'object') {
      return [el('p', { class: 'muted' }, t('intake.none'))];
    }
    const estimated = new Set(Array.isArray(intake.estimated) ? intake.estimated : []);
    const rows = INTAKE_FIELDS.filter((field) => intake.answers[field] !== undefined).map((field) =>
      el(
        'div',
        { class: 'fact', 'data-field': field },
        el('dt', {}, t(`intake.fields.${field}`)),
        el('dd', { dir: field === 'motivation' || field === 'municipality' ? 'auto' : null }, intakeValue(field, intake.answers[field], estimated.has(field))),
      ),
    );
    const parts = [rows.length ? el('dl', { class: 'facts' }, rows) : el('p', { class: 'muted' }, t('intake.none'))];
    if (intake.completed === false) parts.push(el('p', { class: 'muted' }, t('intake.notFinished')));
    return parts;
  }

  function intakeValue(field, value, isEstimated) {
    if (value === null || value === '') return [el('span', { class: 'muted' }, t('intake.skipped'))];
    switch (field) {
      case 'residenceStatus':
      case 'education':
      case 'itExperience':
        return [valueText(`intake.${field}.${value}`, value)];
      case 'dutchLevel':
      case 'englishLevel': {
        const level = String(value).toLowerCase() === 'none' ? t('intake.levelNone') : String(value).toUpperCase();
        return isEstimated ? [level, ' ', el('span', { class: 'tag tag-estimated' }, t('intake.estimated'))] : [level];
      }
      case 'itEducation':
      case 'motivatedForIT':
        return [yesNo(value)];
      case 'hoursPerWeek': {
        const hours = Number(value);
        return [Number.isFinite(hours) ? t('intake.hours', { hours: formatNumber(hours) }) : String(value)];
      }
      default:
        return [String(value)];
    }
  }

  function yesNo(value) {
    if (value === true || value === 'yes') return t('intake.yes');
    if (value === false || value === 'no') return t('intake.no');
    return String(value);
  }

  /**
   * The rows of the timeline: every message, and a divider where the handoff starts (after the
   * last message of the bot conversation). Each row has a key so new messages can be appended
   * without redrawing the rest (which keeps the scroll place and the screen reader quiet).
   */
  function timelineRows(handoff, timeline) {
    const rows = timeline.map((message, index) => ({
      // The delivery is part of the key: a message marked as not delivered later is drawn again.
      key: `${index}|${message.at}|${message.from}|${(message.text || '').length}|${message.delivery || ''}`,
      message,
    }));
    const startedAt = Date.parse(handoff.createdAt);
    let divider = rows.length;
    while (divider > 0) {
      const message = rows[divider - 1].message;
      if (message.from === 'bot' || !(Date.parse(message.at) >= startedAt)) break;
      divider--;
    }
    if (divider > 0 && divider < rows.length) rows.splice(divider, 0, { key: `divider@${divider}`, divider: true });
    return rows;
  }

  /** Draws the timeline; returns whether the view should follow to the newest message. */
  function renderTimeline({ scroll = true } = {}) {
    const { handoff, timeline } = state.detail;
    const rows = timelineRows(handoff, timeline);
    const keys = rows.map((row) => row.key);
    const old = state.renderedKeys;
    const appendOnly = old.length > 0 && old.length <= keys.length && old.every((key, i) => key === keys[i]);
    const stickToBottom = old.length === 0 || isNearBottom();

    if (appendOnly) {
      ui.timeline.append(...rows.slice(old.length).map((row) => timelineRow(row, handoff)));
    } else {
      ui.timeline.replaceChildren(...rows.map((row) => timelineRow(row, handoff)));
    }
    state.renderedKeys = keys;
    show(ui.timelineEmpty, rows.length === 0);
    const follow = stickToBottom && keys.length !== old.length;
    if (follow && scroll) scrollToBottom();
    return follow;
  }

  function timelineRow(row, handoff) {
    if (row.divider) {
      return el('li', { class: 'divider', role: 'separator' }, el('span', {}, t('conversation.handedOver')));
    }
    return messageBubble(row.message, handoff);
  }

  function messageBubble(message, handoff) {
    const from = MESSAGE_SENDERS.has(message.from) ? message.from : 'bot';
    const sender =
      from === 'person' ? personName(handoff) : from === 'mentor' ? message.mentorName || t('from.mentor') : t('from.bot');
    const body =
      message.kind === 'voice' && from === 'person'
        ? voiceNote(message, handoff)
        : message.kind === 'attachment'
          ? el('p', { class: 'bubble-text attachment' }, attachmentText(message.text))
          : message.kind === 'transcribed'
            ? transcribedNote(message)
            : el('p', { class: 'bubble-text' }, message.text || '');
    // dir="auto" on the bubble takes its direction from the first strong letter outside <bdi>
    // elements: the sender and the time are <bdi>, so the message text decides (Arabic → rtl).
    return el(
      'li',
      { class: `bubble from-${from}`, 'data-testid': 'message', 'data-from': from, dir: 'auto' },
      el('bdi', { class: 'bubble-sender' }, sender),
      body,
      // WhatsApp outside its 24-hour window: a template went out, the text follows when the person writes.
      message.delivery === 'template' ? el('p', { class: 'bubble-note', 'data-testid': 'delivery-template' }, t('timeline.heldTemplate')) : null,
      // WhatsApp took it, then reported that it never reached the person.
      message.delivery === 'failed'
        ? el('p', { class: 'bubble-note delivery-failed', 'data-testid': 'delivery-failed' }, t('timeline.notDelivered'))
        : null,
      el('bdi', { class: 'bubble-time' }, el('time', { datetime: message.at || '' }, formatMessageTime(message.at))),
    );
  }

  /**
   * A voice note: a player that fetches the audio through the server only when played (the server
   * fetches it from the channel; nothing is kept), and the transcript beside it when there is one.
   */
  function voiceNote(message, handoff) {
    const src = `/console/api/handoffs/${encodeURIComponent(handoff.id)}/voice?at=${encodeURIComponent(message.at || '')}`;
    const unavailable = el('p', { class: 'bubble-note', 'data-testid': 'voice-unavailable', hidden: true }, t('voice.unavailable'));
    const audio = el('audio', { controls: true, preload: 'none', src, 'aria-label': t('voice.label'), 'data-testid': 'voice-note' });
    audio.addEventListener('error', () => show(unavailable, true));
    return el(
      'div',
      { class: 'bubble-voice' },
      el('p', { class: 'bubble-note' }, t('voice.label')),
      audio,
      unavailable,
      message.text
        ? el('p', { class: 'bubble-text', 'data-testid': 'voice-transcript' }, el('span', { class: 'voice-transcript-label' }, t('voice.transcript')), ' ', el('bdi', {}, message.text))
        : el('p', { class: 'bubble-note' }, t('voice.noTranscript')),
    );
  }

  /** A voice note the person sent the bot, as the transcript kept it: what the computer heard (no audio is kept). */
  function transcribedNote(message) {
    return el(
      'div',
      { class: 'bubble-voice' },
      el('p', { class: 'bubble-note' }, t('voice.label')),
      el('p', { class: 'bubble-text', 'data-testid': 'voice-transcript' }, el('span', { class: 'voice-transcript-label' }, t('voice.transcript')), ' ', el('bdi', {}, message.text || '')),
    );
  }

  /** "image/jpeg, audio/ogg" → the text for the first kind. */
  function attachmentText(contentTypes) {
    const first = String(contentTypes || '').split(',')[0].trim().toLowerCase();
    if (first.startsWith('audio/')) return t('attachment.voice');
    if (first.startsWith('image/')) return t('attachment.picture');
    if (first.startsWith('video/')) return t('attachment.video');
    return t('attachment.file');
  }

  function renderClosedStatus(handoff) {
    const closed = handoff.status === 'closed' || handoff.status === 'abandoned';
    show(ui.statusClosed, closed);
    if (!closed) {
      ui.statusClosed.replaceChildren();
      return;
    }
    const lines = [el('strong', {}, t(handoff.status === 'abandoned' ? 'closed.abandoned' : 'closed.title'))];
    if (handoff.closeOutcome) {
      const outcome = valueText(`close.outcomes.${handoff.closeOutcome}`, handoff.closeOutcome);
      lines.push(el('p', {}, t('closed.outcome', { outcome })));
    }
    if (handoff.note) lines.push(el('p', { dir: 'auto' }, t('closed.note', { note: handoff.note })));
    if (typeof handoff.rating === 'number') {
      lines.push(el('p', {}, t('closed.rating', { rating: formatNumber(handoff.rating) })));
    }
    ui.statusClosed.setAttribute('tabindex', '-1');
    ui.statusClosed.replaceChildren(...lines);
  }

  function isNearBottom() {
    if (isWideLayout()) {
      const body = ui.convBody;
      return body.scrollHeight - body.scrollTop - body.clientHeight < 120;
    }
    const doc = document.documentElement;
    return doc.scrollHeight - window.scrollY - window.innerHeight < 200;
  }

  function scrollToBottom() {
    if (isWideLayout()) ui.convBody.scrollTop = ui.convBody.scrollHeight;
    else window.scrollTo(0, document.documentElement.scrollHeight);
  }

  // --- close form ------------------------------------------------------------

  function fillCloseOutcomes() {
    const selected = ui.closeOutcome.value;
    ui.closeOutcome.replaceChildren(
      el('option', { value: '' }, t('close.choose')),
      ...CLOSE_OUTCOMES.map((outcome) => el('option', { value: outcome }, t(`close.outcomes.${outcome}`))),
    );
    ui.closeOutcome.value = selected;
  }

  function openCloseForm() {
    ui.closeOutcome.value = '';
    ui.closeNote.value = '';
    setCloseError(null);
    show(ui.closeForm, true);
    ui.closeOpen.setAttribute('aria-expanded', 'true');
    ui.closeOutcome.focus();
  }

  function hideCloseForm() {
    if (ui.closeForm.hidden) return;
    show(ui.closeForm, false);
    setCloseError(null);
    ui.closeOpen.setAttribute('aria-expanded', 'false');
  }

  // ---------------------------------------------------------------------------
  // 8. Pages for programme staff
  // ---------------------------------------------------------------------------

  // --- navigation: location.hash routes ---------------------------------------

  const canSee = (page) => !!state.user && (PAGE_ROLES[page] || []).includes(state.user.role);

  function defaultRoute() {
    return { page: state.user && state.user.role === 'staff' ? 'transcripts' : 'handoffs', id: null };
  }

  /**
   * '#/transcripts/abc' → { page: 'transcript', id: 'abc' }; '#/handoffs/abc' → the handoffs page with
   * that conversation open (the link a mentor in Teams gets); null for anything unknown.
   */
  function parseRoute(hash) {
    const match = /^#\/([a-z]+)(?:\/(.+))?$/.exec(hash || '');
    if (!match) return null;
    const [, name, rest] = match;
    if ((name === 'transcripts' || name === 'handoffs') && rest) {
      try {
        return { page: name === 'transcripts' ? 'transcript' : 'handoffs', id: decodeURIComponent(rest) };
      } catch {
        return null;
      }
    }
    if (rest || !NAV_TABS.includes(name)) return null;
    return { page: name, id: null };
  }

  function routeHash(target) {
    if (target.page === 'transcript') return `#/transcripts/${encodeURIComponent(target.id)}`;
    if (target.page === 'handoffs' && target.id) return `#/handoffs/${encodeURIComponent(target.id)}`;
    return `#/${target.page}`;
  }

  /** Shows the page of location.hash (or the default page of the role, put in the address without a new history entry). */
  function route({ initial = false } = {}) {
    if (!state.user) return;
    let target = parseRoute(window.location.hash);
    if (!target || !canSee(target.page)) {
      target = defaultRoute();
      history.replaceState(history.state, '', routeHash(target));
    }
    const previous = state.route;
    if (previous && previous.page === 'transcripts') rememberListScroll();
    if (!initial && previous && (previous.page !== target.page || previous.id !== target.id) && state.banner && state.banner.key !== 'errors.network') {
      clearBanner();
    }
    state.route = target;
    renderNav();
    showView('console');
    enterPage(target, previous, initial);
  }

  function enterPage(target, previous, initial) {
    const samePage = previous && previous.page === target.page && previous.id === target.id;
    switch (target.page) {
      case 'handoffs':
        if (!samePage && !initial) refreshLists();
        if (target.id && !samePage) openConversation(target.id);
        break;
      case 'transcripts': {
        const page = state.pages.transcripts;
        renderTranscriptsPage();
        if (!page.loaded && !page.loading) loadTranscripts();
        else if (previous && previous.page === 'transcript') {
          restoreListScroll(previous.id);
          return; // focus went back to the item that was open
        }
        break;
      }
      case 'transcript':
        state.pages.transcript.fromList = !!(previous && previous.page === 'transcripts');
        if (!samePage || !state.pages.transcript.data) loadTranscript(target.id);
        break;
      case 'numbers':
        if (!state.pages.numbers.range) {
          state.pages.numbers.range = { from: dayBefore(NUMBERS_DEFAULT_DAYS - 1), to: dayBefore(0) };
          writeRange(ui.numbersFrom, ui.numbersTo, state.pages.numbers.range);
          loadNumbers();
        }
        renderNumbers();
        break;
      case 'people':
        if (!state.pages.people.loaded && !state.pages.people.loading) loadPeople();
        renderPeople();
        break;
      case 'questions':
        if (!state.pages.questions.loaded && !state.pages.questions.loading) loadQuestions();
        renderQuestions();
        break;
      case 'answers': // the FAQ answers page is its own module (answers.js)
        if (window.vitAnswersPage) window.vitAnswersPage.enter({ api, t, lang: state.lang });
        break;
      case 'audit':
        if (!state.pages.audit.range) {
          state.pages.audit.range = { from: dayBefore(AUDIT_DEFAULT_DAYS - 1), to: dayBefore(0) };
          writeRange(ui.auditFrom, ui.auditTo, state.pages.audit.range);
          loadAudit();
        }
        renderAudit();
        break;
      default:
        break;
    }
    if (!samePage && !initial) {
      scrollPageToTop();
      const heading = pageHeading(target.page);
      if (heading) heading.focus({ preventScroll: true });
    }
  }

  function pageHeading(page) {
    return {
      handoffs: ui.waitingTitle,
      transcripts: ui.transcriptsTitle,
      transcript: ui.tvTitle,
      numbers: ui.numbersTitle,
      people: ui.peopleTitle,
      questions: ui.questionsTitle,
      answers: document.getElementById('answers-title'),
      audit: ui.auditTitle,
    }[page];
  }

  /** On a laptop each page scrolls by itself; on a phone the document does. */
  function scrollingBox(page) {
    return isWideLayout() ? ui.pages[page] : null;
  }

  function scrollPageToTop() {
    const box = state.route && scrollingBox(state.route.page);
    if (box) box.scrollTop = 0;
    else window.scrollTo(0, 0);
  }

  function rememberListScroll() {
    const box = scrollingBox('transcripts');
    state.pages.transcripts.scroll = box ? box.scrollTop : window.scrollY;
  }

  function restoreListScroll(openedId) {
    const y = state.pages.transcripts.scroll || 0;
    const box = scrollingBox('transcripts');
    if (box) box.scrollTop = y;
    else window.scrollTo(0, y);
    const link = openedId && ui.transcriptList.querySelector(`[data-id="${CSS.escape(openedId)}"] a`);
    if (link) link.focus({ preventScroll: true });
    else ui.transcriptsTitle.focus({ preventScroll: true });
  }

  function renderNav() {
    const tabs = NAV_TABS.filter(canSee).map((tab) => {
      const current =
        !!state.route && (state.route.page === tab || (tab === 'transcripts' && state.route.page === 'transcript'));
      return el(
        'li',
        {},
        el(
          'a',
          {
            class: 'tab',
            href: `#/${tab}`,
            id: `nav-${tab}`,
            'data-testid': `nav-${tab}`,
            'aria-current': current ? 'page' : null,
          },
          el('span', {}, t(`nav.${tab}`)),
          tab === 'handoffs' ? el('span', { class: 'count nav-count', id: 'nav-waiting-count', hidden: true }) : null,
        ),
      );
    });
    ui.navList.replaceChildren(...tabs);
    renderNavCount();
  }

  /** The number of people waiting, on the Conversations tab, so it is seen from the other pages. */
  function renderNavCount() {
    const badge = document.getElementById('nav-waiting-count');
    if (!badge) return;
    const waiting = state.waiting.length;
    badge.textContent = formatNumber(waiting);
    badge.setAttribute('aria-label', t('nav.waitingCount', { count: formatNumber(waiting) }));
    show(badge, waiting > 0);
  }

  /** Redraws the staff pages in the current language (after a language change). */
  function renderPages() {
    renderNav();
    renderTranscriptsPage();
    if (state.route && state.route.page === 'transcript') renderTranscript();
    renderNumbers();
    renderPeople();
    renderAudit();
    if (state.route && state.route.page === 'answers' && window.vitAnswersPage) window.vitAnswersPage.enter({ api, t, lang: state.lang });
  }

  /** Empties every page, so nothing of one user is left on the screen for the next. */
  function clearPages() {
    for (const form of [ui.transcriptFilter, ui.numbersForm, ui.auditForm, ui.peopleForm, ui.questionsForm]) form.reset();
    ui.questionsList.replaceChildren();
    if (window.vitAnswersPage) window.vitAnswersPage.clear();
    ui.navList.replaceChildren();
    ui.transcriptList.replaceChildren();
    ui.tvTimeline.replaceChildren();
    ui.tvIntake.replaceChildren();
    ui.tvResultContent.replaceChildren();
    ui.tvMeta.replaceChildren();
    ui.tvTitle.replaceChildren();
    ui.funnel.replaceChildren();
    ui.waitBuckets.replaceChildren();
    ui.byWeek.replaceChildren();
    ui.byLanguage.replaceChildren();
    ui.faqFeedback.replaceChildren();
    ui.funnelByLanguage.replaceChildren();
    ui.waitByWeek.replaceChildren();
    ui.waitByLanguage.replaceChildren();
    ui.numbersKpis.replaceChildren();
    ui.peopleList.replaceChildren();
    ui.auditRows.replaceChildren();
    ui.eraseInput.value = '';
    if (ui.eraseDialog.open) ui.eraseDialog.close();
    renderPages();
    ui.navList.replaceChildren();
  }

  /** An API error on one of these pages: a message in the banner (a 401 already shows the login form). */
  function pageError(error, notFoundKey = null) {
    if (!(error instanceof ApiError)) {
      console.error(error); // a bug on this page
      showBanner('errors.generic');
      return;
    }
    if (error.status === 401) return;
    if (error.status === 404 && notFoundKey) showBanner(notFoundKey);
    else if (error.status === 0) showBanner('errors.network');
    else if (error.status === 403) showBanner('errors.forbidden');
    else showBanner('errors.generic');
  }

  /** A form's error line, kept as a key so a language change translates it. */
  function renderFormError(node, key) {
    show(node, !!key);
    node.textContent = key ? t(key) : '';
  }

  function readRange(fromInput, toInput) {
    return { from: fromInput.value, to: toInput.value };
  }

  function writeRange(fromInput, toInput, range) {
    fromInput.value = (range && range.from) || '';
    toInput.value = (range && range.to) || '';
  }

  /** A date range whose start comes after its end. */
  function badRange(range) {
    return !!(range.from && range.to && range.from > range.to);
  }

  // --- transcripts: the list -----------------------------------------------

  function fillFilterSelects() {
    const fill = (select, options) => {
      const selected = select.value;
      select.replaceChildren(el('option', { value: '' }, t('filters.all')), ...options);
      select.value = selected;
      if (select.value !== selected) select.value = '';
    };
    fill(ui.tfChannel, CHANNELS.map((id) => el('option', { value: id }, channelName(id))));
    fill(
      ui.tfLanguage,
      LANGUAGES.map(([code, name]) => el('option', { value: code, lang: code, dir: RTL_LANGUAGES.has(code) ? 'rtl' : 'ltr' }, name)),
    );
    fill(ui.tfOutcome, OUTCOMES.map((outcome) => el('option', { value: outcome }, t(`outcomes.${outcome}`))));
  }

  function readTranscriptFilters() {
    return {
      from: ui.tfFrom.value,
      to: ui.tfTo.value,
      channel: ui.tfChannel.value,
      language: ui.tfLanguage.value,
      outcome: ui.tfOutcome.value,
      mentor: ui.tfMentor.value.trim(),
      q: ui.tfQ.value.trim(),
    };
  }

  function submitTranscriptFilter(event) {
    event.preventDefault();
    const page = state.pages.transcripts;
    const filters = readTranscriptFilters();
    if (badRange(filters)) {
      page.error = 'filters.badRange';
      renderFormError(ui.tfError, page.error);
      ui.tfFrom.focus();
      return;
    }
    page.error = null;
    renderFormError(ui.tfError, null);
    page.filters = filters;
    loadTranscripts();
  }

  function clearTranscriptFilter() {
    const page = state.pages.transcripts;
    ui.transcriptFilter.reset();
    page.error = null;
    renderFormError(ui.tfError, null);
    page.filters = {};
    loadTranscripts();
    ui.tfFrom.focus();
  }

  /**
   * Loads a staff page's data: only the newest request counts (an older answer arriving late is
   * dropped), the page's buttons are off while it loads, and errors go to `onError`.
   */
  async function loadPage(page, { path, buttons, renderStatus, onData, onError = pageError }) {
    const seq = ++page.seq;
    page.loading = true;
    renderStatus();
    for (const button of buttons) button.disabled = true;
    try {
      const data = await api('GET', path);
      if (seq !== page.seq || !state.user) return;
      page.loading = false;
      onData(data);
    } catch (error) {
      if (seq !== page.seq) return;
      page.loading = false;
      onError(error);
    } finally {
      if (seq === page.seq) {
        for (const button of buttons) button.disabled = false;
        renderStatus();
      }
    }
  }

  async function loadTranscripts({ more = false } = {}) {
    const page = state.pages.transcripts;
    if (more && !page.nextCursor) return;
    const firstNew = more ? page.items.length : 0;
    const params = { ...page.filters, cursor: more ? page.nextCursor : null };
    await loadPage(page, {
      path: `/transcripts${queryString(params)}`,
      buttons: [ui.transcriptMore, ui.tfSubmit],
      renderStatus: renderTranscriptsStatus,
      onData: (data) => {
        const items = (Array.isArray(data && data.items) ? data.items : []).filter((item) => item && typeof item.id === 'string');
        page.items = more ? page.items.concat(items) : items;
        page.nextCursor = data && typeof data.nextCursor === 'string' && data.nextCursor ? data.nextCursor : null;
        page.loaded = true;
        if (more) {
          ui.transcriptList.append(...items.map(transcriptItem));
          const link = ui.transcriptList.children[firstNew] && ui.transcriptList.children[firstNew].querySelector('a');
          if (link) link.focus(); // on to the first new item, for keyboard and screen reader users
        } else {
          ui.transcriptList.replaceChildren(...page.items.map(transcriptItem));
        }
      },
    });
  }

  function renderTranscriptsPage() {
    const page = state.pages.transcripts;
    const mentor = !!state.user && state.user.role === 'mentor';
    ui.transcriptsIntro.textContent = t(mentor ? 'transcripts.introMentor' : 'transcripts.intro');
    renderFormError(ui.tfError, page.error);
    if (page.loaded) redrawTranscriptList();
    renderTranscriptsStatus();
  }

  function redrawTranscriptList() {
    const focused = ui.transcriptList.contains(document.activeElement) ? document.activeElement.closest('[data-id]') : null;
    const id = focused && focused.dataset.id;
    ui.transcriptList.replaceChildren(...state.pages.transcripts.items.map(transcriptItem));
    const again = id && ui.transcriptList.querySelector(`[data-id="${CSS.escape(id)}"] a`);
    if (again) again.focus({ preventScroll: true });
  }

  function renderTranscriptsStatus() {
    const page = state.pages.transcripts;
    let text = '';
    if (page.loading) text = t('app.loading');
    else if (page.loaded && page.items.length === 0) text = t('transcripts.empty');
    else if (page.loaded) text = t(page.nextCursor ? 'transcripts.shownMore' : 'transcripts.shown', { count: formatNumber(page.items.length) });
    ui.transcriptsStatus.textContent = text;
    show(ui.transcriptMore, !!page.nextCursor);
  }

  function transcriptItem(item) {
    const name = typeof item.person === 'string' && item.person.trim() ? item.person.trim() : t('person.unnamed');
    const mentors = Array.isArray(item.mentors) ? item.mentors.filter((m) => typeof m === 'string' && m.trim()) : [];
    const snippet = typeof item.snippet === 'string' && item.snippet.trim() ? item.snippet : null;
    return el(
      'li',
      { class: 'card result', 'data-testid': 'transcript-item', 'data-id': item.id },
      el(
        'a',
        { class: 'card-open', href: `#/transcripts/${encodeURIComponent(item.id)}` },
        el(
          'span',
          { class: 'card-top' },
          el('bdi', { class: 'card-name', dir: 'auto' }, name),
          el('time', { class: 'since', datetime: item.firstAt || '' }, formatDateTime(item.firstAt)),
        ),
        el(
          'span',
          { class: 'card-line' },
          item.language ? languageChip(item.language) : null,
          item.channelId ? chip(channelName(item.channelId), 'chip-channel') : null,
          item.outcome ? chip(valueText(`outcomes.${item.outcome}`, item.outcome), 'chip-outcome') : null,
        ),
        el(
          'span',
          { class: 'card-line muted' },
          mentors.length ? el('span', { dir: 'auto' }, t('transcripts.mentors', { names: formatList(mentors) })) : null,
          el('span', {}, t('card.messages', { count: formatNumber(count(item.messageCount)) })),
        ),
        snippet ? el('span', { class: 'snippet', dir: 'auto' }, highlighted(snippet, state.pages.transcripts.filters.q)) : null,
      ),
    );
  }

  /** The text with each place where the search words occur in a <mark>. */
  function highlighted(text, query) {
    const needle = String(query || '').trim().toLowerCase();
    const lower = text.toLowerCase();
    if (!needle || lower.length !== text.length) return [text];
    const parts = [];
    let at = 0;
    for (let found = lower.indexOf(needle); found !== -1; found = lower.indexOf(needle, at)) {
      if (found > at) parts.push(text.slice(at, found));
      parts.push(el('mark', {}, text.slice(found, found + needle.length)));
      at = found + needle.length;
    }
    if (at < text.length) parts.push(text.slice(at));
    return parts;
  }

  // --- transcripts: one conversation -------------------------------------------

  async function loadTranscript(id) {
    const page = state.pages.transcript;
    const seq = ++page.seq;
    page.id = id;
    page.data = null;
    page.error = null;
    renderTranscript();
    try {
      const data = await api('GET', `/transcripts/${encodeURIComponent(id)}`);
      if (seq !== page.seq || !state.user) return;
      if (!data || typeof data.conversation !== 'object' || data.conversation === null) throw new ApiError(500, 'bad-transcript');
      page.data = data;
    } catch (error) {
      if (seq !== page.seq) return;
      if (error.status === 401) return;
      if (!(error instanceof ApiError)) console.error(error);
      page.error =
        error.status === 403
          ? 'transcript.forbidden'
          : error.status === 404
            ? 'transcript.notFound'
            : error.status === 0
              ? 'errors.network'
              : 'errors.generic';
    }
    renderTranscript();
  }

  function renderTranscript() {
    const page = state.pages.transcript;
    const data = page.data;
    ui.pages.transcript.dataset.id = page.id || '';
    renderFormError(ui.tvError, page.error);
    show(ui.tvBody, !!data);
    if (!data) {
      ui.tvTitle.textContent = page.error ? t('transcript.title') : t('conversation.loading');
      ui.tvMeta.replaceChildren();
      ui.tvTimeline.replaceChildren();
      ui.tvIntake.replaceChildren();
      ui.tvResultContent.replaceChildren();
      return;
    }
    const conversation = data.conversation;
    const person = data.person && typeof data.person === 'object' ? data.person : null;
    const who = { firstName: person && typeof person.firstName === 'string' ? person.firstName : '' };
    const messages = Array.isArray(data.messages) ? data.messages.filter((m) => m && typeof m === 'object') : [];

    ui.tvTitle.replaceChildren(el('bdi', { dir: 'auto' }, personName(who)));
    ui.tvMeta.replaceChildren(
      ...[
        conversation.language ? languageChip(conversation.language) : null,
        conversation.channelId ? chip(channelName(conversation.channelId), 'chip-channel') : null,
        conversation.firstAt ? chip(t('transcript.started', { date: formatDateTime(conversation.firstAt) })) : null,
        conversation.lastAt ? chip(t('transcript.last', { date: formatDateTime(conversation.lastAt) })) : null,
      ].filter(Boolean),
    );
    // A conversation in Arabic or Farsi reads right to left, also where a message starts with a Latin word ("Zwolle").
    const rtl = RTL_LANGUAGES.has(conversation.language);
    ui.tvTimeline.replaceChildren(
      ...messages.map((message) => {
        const bubble = messageBubble(message, who);
        if (rtl) bubble.setAttribute('dir', 'rtl');
        return bubble;
      }),
    );
    show(ui.tvEmpty, messages.length === 0);
    ui.tvIntake.replaceChildren(...profileNodes(person));
    ui.tvResultContent.replaceChildren(...resultNodes(person));
  }

  function fact(label, value, extra = {}) {
    return el('div', { class: 'fact', ...extra }, el('dt', {}, label), el('dd', {}, value));
  }

  /** What is known of the person: language, then the intake answers. */
  function profileNodes(person) {
    if (!person) return [el('p', { class: 'muted' }, t('transcript.noPerson'))];
    const facts = [];
    if (person.firstName) facts.push(fact(t('transcript.firstName'), el('bdi', { dir: 'auto' }, person.firstName), { 'data-field': 'firstName' }));
    if (person.language) facts.push(fact(t('language.label'), languageChip(person.language), { 'data-field': 'language' }));
    return [facts.length ? el('dl', { class: 'facts' }, facts) : null, el('h3', { class: 'sub-title' }, t('intake.title')), ...intakeNodes(person.intake)].filter(Boolean);
  }

  /** The eligibility result and the consent. */
  function resultNodes(person) {
    const assessment = person && person.assessment && typeof person.assessment === 'object' ? person.assessment : null;
    const parts = [];
    if (assessment && assessment.outcome) {
      const flags = Array.isArray(assessment.flags) ? assessment.flags.filter((f) => typeof f === 'string') : [];
      const reasons = Array.isArray(assessment.reasons) ? assessment.reasons.filter((r) => typeof r === 'string' && r.trim()) : [];
      const routes = Array.isArray(assessment.routes) ? assessment.routes.filter((r) => typeof r === 'string') : [];
      const facts = [
        fact(t('transcript.outcome'), chip(valueText(`outcomes.${assessment.outcome}`, assessment.outcome), 'chip-outcome'), {
          'data-field': 'outcome',
          'data-outcome': assessment.outcome,
        }),
        fact(
          t('transcript.flags'),
          flags.length ? el('ul', { class: 'chips' }, flags.map((flag) => el('li', { class: 'chip', 'data-flag': flag }, valueText(`flags.${flag}`, flag)))) : t('transcript.none'),
          { 'data-field': 'flags' },
        ),
        fact(
          t('transcript.reasons'),
          reasons.length ? el('ul', { class: 'plain-list' }, reasons.map((reason) => el('li', { dir: 'auto' }, reason))) : t('transcript.none'),
          { 'data-field': 'reasons' },
        ),
        fact(
          t('transcript.routes'),
          routes.length ? el('ul', { class: 'chips' }, routes.map((id) => el('li', { class: 'chip chip-route' }, el('code', { dir: 'ltr' }, id)))) : t('transcript.none'),
          { 'data-field': 'routes' },
        ),
      ];
      const checked = [
        assessment.at ? formatDateTime(assessment.at) : null,
        assessment.rulesVersion !== undefined && assessment.rulesVersion !== null
          ? t('transcript.rulesVersion', { version: String(assessment.rulesVersion) })
          : null,
      ].filter(Boolean);
      if (checked.length) facts.push(fact(t('transcript.checkedAt'), checked.join(' · '), { 'data-field': 'checkedAt' }));
      parts.push(el('dl', { class: 'facts facts-narrow' }, facts));
    } else {
      parts.push(el('p', { class: 'muted' }, t(person ? 'transcript.noResult' : 'transcript.noPerson')));
    }
    parts.push(el('h3', { class: 'sub-title' }, t('transcript.consent')), consentNodes(person && person.consent));
    return parts;
  }

  function consentNodes(consent) {
    if (!consent || typeof consent !== 'object') return el('p', { class: 'muted', 'data-consent': 'none' }, t('transcript.consentNone'));
    if (consent.given !== true) return el('p', { 'data-consent': 'no' }, t('transcript.consentNot'));
    const facts = [fact(t('transcript.consentGiven'), consent.at ? formatDateTime(consent.at) : t('intake.yes'), { 'data-field': 'consentAt' })];
    if (consent.language) facts.push(fact(t('language.label'), languageChip(consent.language), { 'data-field': 'consentLanguage' }));
    if (consent.privacyVersion) {
      facts.push(fact(t('transcript.privacyVersion'), el('span', { dir: 'ltr' }, String(consent.privacyVersion)), { 'data-field': 'privacyVersion' }));
    }
    return el('dl', { class: 'facts facts-narrow', 'data-consent': 'yes' }, facts);
  }

  /** "Back": to the list the reader came from (keeping its place in history), else to the list. */
  function transcriptBack(event) {
    if (state.pages.transcript.fromList && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  }

  // --- numbers -----------------------------------------------------------------

  function submitNumbers(event) {
    event.preventDefault();
    const page = state.pages.numbers;
    const range = readRange(ui.numbersFrom, ui.numbersTo);
    if (badRange(range)) {
      page.error = 'filters.badRange';
      renderFormError(ui.numbersError, page.error);
      ui.numbersFrom.focus();
      return;
    }
    page.error = null;
    page.range = range;
    loadNumbers();
    renderNumbers();
  }

  async function loadNumbers() {
    const page = state.pages.numbers;
    await loadPage(page, {
      path: `/stats${queryString(page.range || {})}`,
      buttons: [ui.numbersSubmit],
      renderStatus: renderNumbersStatus,
      onData: (data) => {
        page.data = data && typeof data === 'object' ? data : null;
        renderNumbers();
      },
    });
  }

  /** The CSV link follows the dates in the form. */
  function updateExportLink() {
    const range = readRange(ui.numbersFrom, ui.numbersTo);
    ui.exportCsv.setAttribute('href', `${API}/stats.csv${queryString(range)}`);
  }

  function renderNumbersStatus() {
    const page = state.pages.numbers;
    const data = page.data;
    let text = '';
    if (page.loading) text = t('app.loading');
    else if (data && data.from && data.to) text = t('stats.period', { from: formatDay(data.from), to: formatDay(data.to) });
    ui.numbersStatus.textContent = text;
  }

  function renderNumbers() {
    const page = state.pages.numbers;
    renderFormError(ui.numbersError, page.error);
    updateExportLink();
    renderNumbersStatus();
    const data = page.data;
    show(ui.numbersContent, !!data);
    if (!data) return;
    const totals = data.totals && typeof data.totals === 'object' ? data.totals : {};
    const rows = Array.isArray(data.rows) ? data.rows.filter((row) => row && typeof row === 'object') : [];
    const languages = Array.isArray(data.languages) ? data.languages.filter((l) => typeof l === 'string') : [];
    const weeks = Array.isArray(data.weeks) ? data.weeks.filter((w) => typeof w === 'string') : [];

    renderKpis(totals);
    renderFunnel(totals);
    renderWeekChart(rows, weeks, languages);
    renderWait(totals);
    renderWaitCharts(rows, weeks, languages);
    renderFunnelByLanguage(rows, languages);
    renderLanguageTable(rows, languages, totals);
    renderFaqFeedback(rows);
  }

  /** Helpful / not helpful per FAQ topic and language, added up over the weeks shown. */
  function renderFaqFeedback(rows) {
    const sums = new Map();
    for (const row of rows) {
      const feedback = row.faqFeedback && typeof row.faqFeedback === 'object' ? row.faqFeedback : {};
      for (const [topic, counts] of Object.entries(feedback)) {
        if (!counts || typeof counts !== 'object') continue;
        const key = `${topic}|${row.language}`;
        const sum = sums.get(key) || { topic, lang: row.language, helpful: 0, notHelpful: 0 };
        sum.helpful += count(counts.helpful);
        sum.notHelpful += count(counts.notHelpful);
        sums.set(key, sum);
      }
    }
    const lines = [...sums.values()].sort((a, b) => a.topic.localeCompare(b.topic) || String(a.lang).localeCompare(String(b.lang)));
    if (!lines.length) {
      ui.faqFeedback.replaceChildren(el('tbody', {}, el('tr', {}, el('td', { class: 'muted' }, t('stats.faqFeedback.empty')))));
      return;
    }
    ui.faqFeedback.replaceChildren(
      el('caption', { class: 'sr-only' }, t('stats.faqFeedback.title')),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ['topic', 'language', 'helpful', 'notHelpful'].map((column) => el('th', { scope: 'col' }, t(`stats.faqFeedback.${column}`))),
        ),
      ),
      el(
        'tbody',
        {},
        lines.map((line) =>
          el(
            'tr',
            { 'data-topic': line.topic, 'data-lang': line.lang },
            el('th', { scope: 'row' }, line.topic),
            el('td', { lang: line.lang, dir: 'auto' }, LANGUAGE_NAMES.get(line.lang) || line.lang),
            el('td', { 'data-count': 'helpful' }, formatNumber(line.helpful)),
            el('td', { 'data-count': 'notHelpful' }, formatNumber(line.notHelpful)),
          ),
        ),
      ),
    );
  }

  /** The value of one funnel step in a stats row ('outcomes.eligible' reads row.outcomes.eligible). */
  function stepValue(row, field) {
    if (field.startsWith('outcomes.')) return count(row.outcomes && row.outcomes[field.slice('outcomes.'.length)]);
    return count(row[field]);
  }

  function stepLabel(step) {
    return OUTCOMES.includes(step) ? t('stats.steps.outcome', { outcome: t(`outcomes.${step}`) }) : t(`stats.steps.${step}`);
  }

  function renderKpis(totals) {
    const kpi = (name, value) => el('div', { class: 'kpi', 'data-kpi': name }, el('dt', {}, t(`stats.kpi.${name}`)), el('dd', {}, value));
    const rating = totals.ratingAverage;
    const wait = totals.waitAverageSeconds;
    ui.numbersKpis.replaceChildren(
      kpi('started', formatNumber(count(totals.started))),
      kpi('mentorTook', formatNumber(count(totals.mentorTook))),
      kpi('wait', typeof wait === 'number' ? formatSeconds(wait) : '–'),
      kpi('rating', typeof rating === 'number' ? t('stats.ratingValue', { rating: formatNumber(Math.round(rating * 10) / 10) }) : '–'),
    );
  }

  /** A horizontal bar, drawn in SVG, as wide as fraction (0…1) of the track; the numbers are beside it in text. */
  function barSvg(fraction) {
    const width = Math.max(0, Math.min(1, fraction)) * 100;
    return svgEl(
      'svg',
      { class: 'bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' },
      svgEl('rect', { class: 'bar-track', x: 0, y: 0, width: 100, height: 10 }),
      width > 0 ? svgEl('rect', { class: 'bar-fill', x: 0, y: 0, width: Math.max(width, 0.75), height: 10 }) : null,
    );
  }

  function barRow({ testId, attrs = {}, label, value, max, percentOf = null, extraClass = '' }) {
    const fraction = max > 0 ? value / max : 0;
    return el(
      'li',
      { class: `bar-row ${extraClass}`.trim(), 'data-testid': testId, 'data-count': String(value), ...attrs },
      el('span', { class: 'bar-label' }, label),
      barSvg(fraction),
      el(
        'span',
        { class: 'bar-value' },
        el('strong', {}, formatNumber(value)),
        percentOf !== null ? el('span', { class: 'muted' }, percentOf > 0 ? formatPercent(value / percentOf) : '–') : null,
      ),
    );
  }

  function renderFunnel(totals) {
    const started = count(totals.started);
    const max = Math.max(1, ...FUNNEL_STEPS.map(([, field]) => stepValue(totals, field)));
    ui.funnel.replaceChildren(
      ...FUNNEL_STEPS.map(([step, field]) =>
        barRow({
          testId: 'funnel-row',
          attrs: { 'data-step': step },
          label: stepLabel(step),
          value: stepValue(totals, field),
          max,
          percentOf: started,
          extraClass: OUTCOMES.includes(step) ? 'bar-sub' : '',
        }),
      ),
    );
  }

  function renderWait(totals) {
    const average = totals.waitAverageSeconds;
    ui.waitAverage.textContent =
      typeof average === 'number' ? t('stats.waitAverage', { time: formatSeconds(average) }) : t('stats.waitNone');
    const buckets = totals.waitBuckets && typeof totals.waitBuckets === 'object' ? totals.waitBuckets : {};
    const values = WAIT_BUCKETS.map(([id]) => count(buckets[id]));
    const max = Math.max(1, ...values);
    const all = values.reduce((a, b) => a + b, 0);
    ui.waitBuckets.replaceChildren(
      ...WAIT_BUCKETS.map(([id, key], i) =>
        barRow({ testId: 'wait-bucket', attrs: { 'data-bucket': id }, label: t(`stats.buckets.${key}`), value: values[i], max, percentOf: all }),
      ),
    );
  }

  /** mentorTook per week, stacked by language, as an SVG bar chart, with the same numbers in a table below. */
  function renderWeekChart(rows, weeks, languages) {
    const langs = languages.length ? languages : [...new Set(rows.map((row) => row.language).filter(Boolean))];
    const value = (week, lang) =>
      rows.filter((row) => row.week === week && row.language === lang).reduce((sum, row) => sum + count(row.mentorTook), 0);
    const table = weeks.map((week) => langs.map((lang) => value(week, lang)));
    const weekTotals = table.map((values) => values.reduce((a, b) => a + b, 0));
    if (!weeks.length) {
      ui.byWeek.replaceChildren(el('p', { class: 'muted' }, t('stats.empty')));
      return;
    }

    const longestLabel = Math.max(...weeks.map((week) => weekLabel(week).length));
    const step = Math.max(44, longestLabel * 7 + 14);
    const niceMax = Math.max(1, ...weekTotals);
    const { svg, y, left, width, height } = barChartFrame({ slots: weeks.length, step, top: 12, max: niceMax, label: t('stats.byWeek') });
    const ticks = [...new Set([0, Math.round(niceMax / 2), niceMax])];
    for (const tick of ticks) {
      svg.append(
        svgEl('line', { class: 'grid', x1: left, x2: width - 4, y1: y(tick), y2: y(tick) }),
        svgEl('text', { class: 'axis', x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', text: formatNumber(tick) }),
      );
    }
    const labelEvery = Math.ceil(weeks.length / 12);
    weeks.forEach((week, i) => {
      const x = left + i * step + 8;
      let base = 0;
      langs.forEach((lang, j) => {
        const v = table[i][j];
        if (!v) return;
        svg.append(
          svgEl(
            'rect',
            { class: 'stack', x, y: y(base + v), width: step - 16, height: y(base) - y(base + v), fill: LANGUAGE_COLORS[lang] || OTHER_COLOR, 'data-lang': lang },
            svgEl('title', { text: `${weekLabel(week)} · ${LANGUAGE_NAMES.get(lang) || lang}: ${formatNumber(v)}` }),
          ),
        );
        base += v;
      });
      if (weekTotals[i]) {
        svg.append(svgEl('text', { class: 'bar-total', x: x + (step - 16) / 2, y: y(weekTotals[i]) - 3, 'text-anchor': 'middle', text: formatNumber(weekTotals[i]) }));
      }
      if (i % labelEvery === 0) {
        svg.append(svgEl('text', { class: 'axis', x: x + (step - 16) / 2, y: height - 8, 'text-anchor': 'middle', text: weekLabel(week) }));
      }
    });

    const legend = languageLegend(langs);

    const numbers = el(
      'table',
      { class: 'data compact', 'data-testid': 'by-week-table' },
      el('caption', { class: 'sr-only' }, t('stats.byWeek')),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, t('stats.week')),
          langs.map((lang) => el('th', { scope: 'col', lang, dir: 'auto' }, LANGUAGE_NAMES.get(lang) || lang)),
          el('th', { scope: 'col' }, t('stats.total')),
        ),
      ),
      el(
        'tbody',
        {},
        weeks.map((week, i) =>
          el(
            'tr',
            { 'data-week': week },
            el('th', { scope: 'row' }, weekLabel(week)),
            table[i].map((v) => el('td', {}, formatNumber(v))),
            el('td', { class: 'total' }, formatNumber(weekTotals[i])),
          ),
        ),
      ),
    );

    ui.byWeek.replaceChildren(
      el('div', { class: 'chart-box' }, svg),
      legend,
      el('div', { class: 'table-scroll', tabindex: '0', 'aria-label': t('stats.byWeek') }, numbers),
    );
  }

  /**
   * A bar chart in SVG: groups along the bottom, in each group one bar per entry (a language's colour),
   * the value above each bar. Bars whose value is null are left out; the same numbers are in the tables.
   */
  function groupedBarChart({ testId, label, groups, valueText }) {
    const barsPerGroup = Math.max(1, ...groups.map((g) => g.bars.length));
    const bar = 18;
    const step = Math.max(56, barsPerGroup * bar + 16, ...groups.map((g) => g.label.length * 7 + 14));
    const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.value || 0)));
    const { svg, y, left, width, height } = barChartFrame({ slots: groups.length, step, top: 16, max, label, testId });
    svg.append(svgEl('line', { class: 'grid', x1: left, x2: width - 4, y1: y(0), y2: y(0) }));
    groups.forEach((group, i) => {
      const x0 = left + i * step + (step - group.bars.length * bar) / 2;
      group.bars.forEach((b, j) => {
        const x = x0 + j * bar;
        const h = Math.max(1, y(0) - y(b.value)); // a zero still shows as a line
        svg.append(
          svgEl(
            'rect',
            { class: 'stack', x, y: y(0) - h, width: bar - 2, height: h, fill: b.fill, 'data-group': group.key, 'data-key': b.key, 'data-value': String(b.value) },
            svgEl('title', { text: `${group.label} · ${b.label}: ${valueText(b.value)}` }),
          ),
          svgEl('text', { class: 'bar-total', x: x + (bar - 2) / 2, y: y(0) - h - 3, 'text-anchor': 'middle', text: valueText(b.value) }),
        );
      });
      svg.append(svgEl('text', { class: 'axis', x: left + i * step + step / 2, y: height - 8, 'text-anchor': 'middle', text: group.label }));
    });
    return el('div', { class: 'chart-box' }, svg);
  }

  /**
   * The frame of a bar chart: its size from the number and width of its slots, the scale from 0 to
   * `max`, and the svg. Its own size on a phone (the box scrolls sideways, the text stays readable);
   * wider on a laptop (CSS).
   */
  function barChartFrame({ slots, step, top, max, label, testId }) {
    const left = 34;
    const bottom = 26;
    const height = 200;
    const width = Math.max(320, left + slots * step + 8);
    const plot = height - top - bottom;
    const y = (v) => top + plot - (v / max) * plot;
    const svg = svgEl('svg', {
      class: 'week-chart',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-label': label,
      direction: 'ltr',
      'data-testid': testId,
    });
    return { svg, y, left, width, height };
  }

  function languageLegend(langs) {
    return el(
      'ul',
      { class: 'legend' },
      langs.map((lang) =>
        el(
          'li',
          {},
          svgEl('svg', { class: 'swatch', viewBox: '0 0 10 10', 'aria-hidden': 'true', focusable: 'false' }, svgEl('rect', { width: 10, height: 10, fill: LANGUAGE_COLORS[lang] || OTHER_COLOR })),
          el('span', { lang, dir: 'auto' }, LANGUAGE_NAMES.get(lang) || lang),
        ),
      ),
    );
  }

  /** The funnel's main steps, a bar per language in each. */
  function renderFunnelByLanguage(rows, languages) {
    const langs = languages.length ? languages : [...new Set(rows.map((row) => row.language).filter(Boolean))];
    if (!langs.length) {
      ui.funnelByLanguage.replaceChildren(el('p', { class: 'muted' }, t('stats.empty')));
      return;
    }
    const sums = new Map(langs.map((lang) => [lang, addUp(rows.filter((row) => row.language === lang))]));
    const groups = FUNNEL_STEPS.filter(([step]) => !OUTCOMES.includes(step)).map(([step, field]) => ({
      key: step,
      label: stepLabel(step),
      bars: langs
        .map((lang) => ({ key: lang, label: LANGUAGE_NAMES.get(lang) || lang, value: stepValue(sums.get(lang), field), fill: LANGUAGE_COLORS[lang] || OTHER_COLOR }))
        .filter((b) => b.value > 0),
    }));
    ui.funnelByLanguage.replaceChildren(
      groupedBarChart({ testId: 'funnel-by-language-chart', label: t('stats.funnelByLanguage'), groups, valueText: formatNumber }),
      languageLegend(langs),
    );
  }

  /** The average wait for a mentor, per week and per language. */
  function renderWaitCharts(rows, weeks, languages) {
    const langs = languages.length ? languages : [...new Set(rows.map((row) => row.language).filter(Boolean))];
    const average = (subset) => addUp(subset).waitAverageSeconds;
    const barOf = (key, label, value, fill) => ({ key, label, value: Math.round(value), fill });
    const byWeek = weeks
      .map((week) => ({ week, value: average(rows.filter((row) => row.week === week)) }))
      .filter((w) => typeof w.value === 'number')
      .map((w) => ({ key: w.week, label: weekLabel(w.week), bars: [barOf(w.week, t('stats.kpi.wait'), w.value, OTHER_COLOR)] }));
    const byLanguage = langs
      .map((lang) => ({ lang, value: average(rows.filter((row) => row.language === lang)) }))
      .filter((l) => typeof l.value === 'number')
      .map((l) => ({ key: l.lang, label: LANGUAGE_NAMES.get(l.lang) || l.lang, bars: [barOf(l.lang, t('stats.kpi.wait'), l.value, LANGUAGE_COLORS[l.lang] || OTHER_COLOR)] }));
    const chartOrEmpty = (groups, testId, label) =>
      groups.length ? groupedBarChart({ testId, label, groups, valueText: formatSeconds }) : el('p', { class: 'muted' }, t('stats.waitNone'));
    ui.waitByWeek.replaceChildren(chartOrEmpty(byWeek, 'wait-by-week-chart', t('stats.waitByWeek')));
    ui.waitByLanguage.replaceChildren(chartOrEmpty(byLanguage, 'wait-by-language-chart', t('stats.waitByLanguage')));
  }

  /** "2026-W47" → "W47" (the year is in the date range above). */
  function weekLabel(week) {
    const match = /W(\d+)$/.exec(week);
    return match ? t('stats.weekShort', { week: formatNumber(Number(match[1])) }) : week;
  }

  /** Rows of one language added up (the averages weighted by how many they average over). */
  function addUp(rows) {
    const sum = { started: 0, consented: 0, intakeCompleted: 0, outcomes: {}, mentorAsked: 0, mentorTook: 0, ratings: 0 };
    let ratingSum = 0;
    let ratingWeight = 0;
    let waitSum = 0;
    let waitWeight = 0;
    for (const row of rows) {
      for (const field of ['started', 'consented', 'intakeCompleted', 'mentorAsked', 'mentorTook', 'ratings']) sum[field] += count(row[field]);
      for (const outcome of OUTCOMES) sum.outcomes[outcome] = (sum.outcomes[outcome] || 0) + count(row.outcomes && row.outcomes[outcome]);
      if (typeof row.ratingAverage === 'number' && count(row.ratings) > 0) {
        ratingSum += row.ratingAverage * count(row.ratings);
        ratingWeight += count(row.ratings);
      }
      if (typeof row.waitAverageSeconds === 'number') {
        const buckets = row.waitBuckets && typeof row.waitBuckets === 'object' ? Object.values(row.waitBuckets).reduce((a, b) => a + count(b), 0) : 0;
        const weight = buckets || count(row.mentorTook) || 1;
        waitSum += row.waitAverageSeconds * weight;
        waitWeight += weight;
      }
    }
    sum.ratingAverage = ratingWeight ? ratingSum / ratingWeight : null;
    sum.waitAverageSeconds = waitWeight ? waitSum / waitWeight : null;
    return sum;
  }

  function renderLanguageTable(rows, languages, totals) {
    const langs = languages.length ? languages : [...new Set(rows.map((row) => row.language).filter(Boolean))];
    const columns = langs.map((lang) => ({ lang, data: addUp(rows.filter((row) => row.language === lang)) }));
    columns.push({ lang: null, data: totals });
    const cell = (text, started, v) =>
      el('td', {}, text, started !== null && started > 0 ? el('span', { class: 'muted pct' }, formatPercent(v / started)) : null);
    const body = FUNNEL_STEPS.map(([step, field]) =>
      el(
        'tr',
        { 'data-step': step },
        el('th', { scope: 'row' }, stepLabel(step)),
        columns.map(({ data }) => {
          const v = stepValue(data, field);
          return cell(formatNumber(v), step === 'started' ? null : count(data.started), v);
        }),
      ),
    );
    body.push(
      el(
        'tr',
        { 'data-step': 'waitAverage' },
        el('th', { scope: 'row' }, t('stats.kpi.wait')),
        columns.map(({ data }) => el('td', {}, typeof data.waitAverageSeconds === 'number' ? formatSeconds(data.waitAverageSeconds) : '–')),
      ),
      el(
        'tr',
        { 'data-step': 'ratingAverage' },
        el('th', { scope: 'row' }, t('stats.kpi.rating')),
        columns.map(({ data }) =>
          el('td', {}, typeof data.ratingAverage === 'number' ? t('stats.ratingValue', { rating: formatNumber(Math.round(data.ratingAverage * 10) / 10) }) : '–'),
        ),
      ),
    );
    ui.byLanguage.replaceChildren(
      el('caption', { class: 'sr-only' }, t('stats.byLanguage')),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, t('stats.step')),
          columns.map(({ lang }) =>
            lang
              ? el('th', { scope: 'col', lang, dir: 'auto', 'data-lang': lang }, LANGUAGE_NAMES.get(lang) || lang)
              : el('th', { scope: 'col', class: 'total' }, t('stats.total')),
          ),
        ),
      ),
      el('tbody', {}, body),
    );
  }

  // --- people ----------------------------------------------------------------

  function submitPeopleSearch(event) {
    event.preventDefault();
    state.pages.people.q = ui.peopleSearch.value.trim();
    state.pages.people.notice = null;
    loadPeople();
  }

  async function loadPeople() {
    const page = state.pages.people;
    await loadPage(page, {
      path: `/people?q=${encodeURIComponent(page.q)}`,
      buttons: [ui.peopleSubmit],
      renderStatus: renderPeopleStatus,
      onData: (data) => {
        page.items = (Array.isArray(data && data.items) ? data.items : []).filter((p) => p && typeof p.key === 'string');
        page.loaded = true;
        redrawPeople();
      },
      // Without search words the server may want some: then the page just waits for them.
      onError: (error) => {
        if (!(error.status === 400 && !page.q)) pageError(error);
      },
    });
  }

  function renderPeople() {
    if (state.pages.people.loaded) redrawPeople();
    renderPeopleStatus();
    renderPeopleNotice();
    if (state.pages.people.erasing) renderEraseDialog();
  }

  function redrawPeople() {
    const focused = ui.peopleList.contains(document.activeElement) ? document.activeElement : null;
    const key = focused && focused.closest('[data-key]') && focused.closest('[data-key]').dataset.key;
    const role = focused && focused.dataset.role;
    ui.peopleList.replaceChildren(...state.pages.people.items.map(personItem));
    const again = key && ui.peopleList.querySelector(`[data-key="${CSS.escape(key)}"] [data-role="${role}"]`);
    if (again) again.focus({ preventScroll: true });
  }

  function renderPeopleStatus() {
    const page = state.pages.people;
    let text = '';
    if (page.loading) text = t('app.loading');
    else if (!page.loaded) text = t('people.hint');
    else if (page.items.length === 0) text = t(page.q ? 'people.empty' : 'people.hint');
    else text = t('people.shown', { count: formatNumber(page.items.length) });
    ui.peopleStatus.textContent = text;
  }

  function renderPeopleNotice() {
    const notice = state.pages.people.notice;
    show(ui.eraseDone, !!notice);
    ui.eraseDone.dataset.kind = notice ? notice.kind : '';
    ui.eraseDone.textContent = notice ? t(notice.key, notice.vars) : '';
  }

  function personLabel(person) {
    return typeof person.label === 'string' && person.label ? person.label : person.key;
  }

  function personItem(person) {
    const label = personLabel(person);
    const consent =
      person.consent === true
        ? chip(t('people.consentYes'), 'chip-ok')
        : person.consent === false
          ? chip(t('people.consentNo'), 'chip-warn')
          : chip(t('people.consentUnknown'));
    return el(
      'li',
      { class: 'card person', 'data-testid': 'person-item', 'data-key': person.key },
      el(
        'div',
        { class: 'person-main' },
        el(
          'span',
          { class: 'card-top' },
          el('bdi', { class: 'card-name', dir: 'auto' }, label),
          person.lastAt ? el('time', { class: 'since', datetime: person.lastAt }, t('people.lastContact', { date: formatDateTime(person.lastAt) })) : null,
        ),
        el(
          'span',
          { class: 'card-line' },
          person.language ? languageChip(person.language) : null,
          person.channelId ? chip(channelName(person.channelId), 'chip-channel') : null,
          consent,
          person.outcome ? chip(valueText(`outcomes.${person.outcome}`, person.outcome), 'chip-outcome') : null,
          person.openHandoff ? chip(t('people.openHandoff'), 'status-waiting') : null,
        ),
        el('span', { class: 'card-line muted' }, t('people.conversations', { count: formatNumber(count(person.conversations)) })),
      ),
      el(
        'div',
        { class: 'person-actions' },
        el(
          'button',
          { type: 'button', class: 'button secondary', 'data-testid': 'person-export', 'data-role': 'export', 'aria-label': t('people.exportFor', { label }) },
          t('people.export'),
        ),
        el(
          'button',
          { type: 'button', class: 'button danger-outline', 'data-testid': 'person-erase', 'data-role': 'erase', 'aria-label': t('people.eraseFor', { label }) },
          t('people.erase'),
        ),
      ),
    );
  }

  function onPeopleClick(event) {
    const button = event.target.closest('button[data-role]');
    const item = button && button.closest('[data-key]');
    if (!item || !event.currentTarget.contains(item)) return;
    const person = state.pages.people.items.find((p) => p.key === item.dataset.key);
    if (!person) return;
    if (button.dataset.role === 'export') exportPerson(person, button);
    else if (button.dataset.role === 'erase') openErase(person);
  }

  async function exportPerson(person, button) {
    const page = state.pages.people;
    button.disabled = true;
    try {
      const data = await api('POST', `/people/${encodeURIComponent(person.key)}/export`);
      downloadJson(data, EXPORT_FILE_NAME);
      page.notice = { key: 'people.exported', vars: { label: isolate(personLabel(person)) }, kind: 'ok' };
      renderPeopleNotice();
    } catch (error) {
      pageError(error, 'errors.personNotFound');
    } finally {
      if (button.isConnected) button.disabled = false;
    }
  }

  /** Saves data as a file: a Blob URL on a short-lived <a download>, let go of once clicked. */
  function downloadJson(data, fileName) {
    const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: fileName, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // --- people: erase, behind a confirmation ------------------------------------

  /** The typed label matches: exactly, or with "..." typed for "…". */
  function labelMatches(typed, label) {
    const normal = (text) => String(text).normalize('NFC').trim().replace(/\u2026/g, '...');
    return typed.trim() !== '' && normal(typed) === normal(label);
  }

  function openErase(person) {
    const page = state.pages.people;
    page.erasing = person;
    page.eraseError = null;
    page.notice = null;
    renderPeopleNotice();
    ui.eraseInput.value = '';
    renderEraseDialog();
    if (typeof ui.eraseDialog.showModal === 'function') {
      if (!ui.eraseDialog.open) ui.eraseDialog.showModal();
    } else {
      ui.eraseDialog.setAttribute('open', '');
    }
    ui.eraseInput.focus();
  }

  function renderEraseDialog() {
    const page = state.pages.people;
    const person = page.erasing;
    if (!person) return;
    const label = personLabel(person);
    ui.eraseWho.replaceChildren(
      el('bdi', { class: 'erase-label', dir: 'auto', 'data-testid': 'erase-label' }, label),
      person.channelId ? el('span', { class: 'muted' }, ` · ${channelName(person.channelId)}`) : null,
    );
    ui.eraseInputLabel.textContent = t('people.eraseType', { label: isolate(label) });
    renderFormError(ui.eraseError, page.eraseError);
    updateEraseButton();
  }

  function updateEraseButton() {
    const page = state.pages.people;
    ui.eraseConfirm.disabled = page.busy || !page.erasing || !labelMatches(ui.eraseInput.value, personLabel(page.erasing));
    ui.eraseCancel.disabled = page.busy;
  }

  function closeErase() {
    if (state.pages.people.busy) return;
    if (ui.eraseDialog.open) {
      if (typeof ui.eraseDialog.close === 'function') ui.eraseDialog.close();
      else ui.eraseDialog.removeAttribute('open');
    }
  }

  /** The dialog closed (Cancel, Escape or done): focus back where it makes sense. */
  function onEraseClosed() {
    const page = state.pages.people;
    const person = page.erasing;
    page.erasing = null;
    page.eraseError = null;
    ui.eraseInput.value = '';
    if (page.notice && page.notice.key === 'people.erased') {
      ui.eraseDone.focus();
      return;
    }
    const button = person && ui.peopleList.querySelector(`[data-key="${CSS.escape(person.key)}"] [data-role="erase"]`);
    if (button) button.focus();
    else ui.peopleSearch.focus();
  }

  async function confirmErase(event) {
    event.preventDefault();
    const page = state.pages.people;
    const person = page.erasing;
    if (!person || page.busy || !labelMatches(ui.eraseInput.value, personLabel(person))) return;
    page.busy = true;
    page.eraseError = null;
    renderFormError(ui.eraseError, null);
    updateEraseButton();
    try {
      // A mentor talking with the person now: the server says so first; a second press erases anyway.
      const body = page.eraseActive === person.key ? { confirm: true, confirmActive: true } : { confirm: true };
      const data = await api('POST', `/people/${encodeURIComponent(person.key)}/erase`, body);
      page.eraseActive = null;
      const erased = (data && data.erased) || {};
      page.items = page.items.filter((p) => p.key !== person.key);
      page.notice = {
        key: 'people.erased',
        kind: 'ok',
        vars: {
          label: isolate(personLabel(person)),
          stateKeys: formatNumber(count(erased.stateKeys)),
          transcripts: formatNumber(count(erased.transcripts)),
          handoffs: formatNumber(count(erased.handoffs)),
        },
      };
      // What other pages showed of this person is out of date now.
      state.pages.transcripts.loaded = false;
      state.pages.transcript.data = null;
      refreshLists();
      page.busy = false;
      redrawPeople();
      renderPeopleStatus();
      renderPeopleNotice();
      closeErase();
    } catch (error) {
      page.busy = false;
      if (error.status === 401) return;
      if (!(error instanceof ApiError)) console.error(error);
      if (error.status === 409 && error.code === 'talking-with-mentor') page.eraseActive = person.key;
      page.eraseError =
        error.status === 409 && error.code === 'talking-with-mentor'
          ? 'people.eraseTalking'
          : error.status === 404 ? 'errors.personNotFound' : error.status === 403 ? 'errors.forbidden' : error.status === 0 ? 'errors.network' : 'errors.generic';
      renderFormError(ui.eraseError, page.eraseError);
      updateEraseButton();
    }
  }

  // --- audit log ---------------------------------------------------------------

  function submitAudit(event) {
    event.preventDefault();
    const page = state.pages.audit;
    const range = readRange(ui.auditFrom, ui.auditTo);
    if (badRange(range)) {
      page.error = 'filters.badRange';
      renderFormError(ui.auditError, page.error);
      ui.auditFrom.focus();
      return;
    }
    page.error = null;
    page.range = range;
    renderFormError(ui.auditError, null);
    loadAudit();
  }

  async function loadAudit() {
    const page = state.pages.audit;
    await loadPage(page, {
      path: `/audit${queryString(page.range || {})}`,
      buttons: [ui.auditSubmit],
      renderStatus: renderAuditStatus,
      onData: (data) => {
        page.items = (Array.isArray(data && data.items) ? data.items : []).filter((item) => item && typeof item === 'object');
        page.loaded = true;
        renderAudit();
      },
    });
  }

  function renderAuditStatus() {
    const page = state.pages.audit;
    let text = '';
    if (page.loading) text = t('app.loading');
    else if (page.loaded && page.items.length === 0) text = t('audit.empty');
    else if (page.loaded) text = t('audit.shown', { count: formatNumber(page.items.length) });
    ui.auditStatus.textContent = text;
  }

  function renderAudit() {
    const page = state.pages.audit;
    renderFormError(ui.auditError, page.error);
    renderAuditStatus();
    show(ui.auditWrap, page.loaded && page.items.length > 0);
    ui.auditRows.replaceChildren(
      ...page.items.map((item) =>
        el(
          'tr',
          { 'data-testid': 'audit-row', 'data-action': item.action || '' },
          el('td', { class: 'nowrap' }, el('time', { datetime: item.at || '' }, formatDateTime(item.at, { dateStyle: 'short', timeStyle: 'medium' }))),
          el('td', {}, el('bdi', { dir: 'auto' }, String(item.actor || ''))),
          el('td', {}, item.role ? valueText(`roles.${item.role}`, item.role) : ''),
          el('td', {}, item.action ? valueText(`audit.actions.${item.action}`, item.action) : ''),
          el('td', {}, el('bdi', { class: 'target', dir: 'auto' }, String(item.target || ''))),
        ),
      ),
    );
  }

  // --- unanswered questions ----------------------------------------------------

  function submitQuestions(event) {
    event.preventDefault();
    state.pages.questions.order = ui.questionsOrder.value === 'frequent' ? 'frequent' : 'newest';
    state.pages.questions.done = null;
    loadQuestions();
  }

  async function loadQuestions() {
    const page = state.pages.questions;
    await loadPage(page, {
      path: `/unanswered${queryString({ order: page.order })}`,
      buttons: [ui.questionsSubmit],
      renderStatus: renderQuestionsStatus,
      onData: (data) => {
        page.groups = (Array.isArray(data && data.groups) ? data.groups : []).filter((g) => g && Array.isArray(g.items) && g.items.length > 0);
        page.topics = Array.isArray(data && data.topics) ? data.topics.filter((topic) => typeof topic === 'string') : [];
        page.loaded = true;
        renderQuestions();
      },
    });
  }

  function renderQuestionsStatus() {
    const page = state.pages.questions;
    let text = '';
    if (page.loading) text = t('app.loading');
    else if (page.loaded && page.groups.length === 0) text = t('questions.empty');
    else if (page.loaded) text = t('questions.shown', { count: formatNumber(page.groups.length) });
    ui.questionsStatus.textContent = text;
  }

  /** One card per group of questions with the same words: the newest wording, how often, in which languages, the bot's guess, and what staff can do. */
  function questionCard(group, index) {
    const page = state.pages.questions;
    const newest = group.items[0];
    const guess = newest.guess || {};
    const selectId = `question-topic-${index}`;
    const topicSelect = el(
      'select',
      { id: selectId, 'data-testid': 'question-topic' },
      ...page.topics.map((topic) => el('option', { value: topic, selected: topic === guess.intent ? true : null }, topic)),
    );
    const action = (kind, testId, key, extraClass = '') => {
      const button = el('button', { type: 'button', class: `button${extraClass}`, 'data-testid': testId }, t(key));
      button.addEventListener('click', () => decideQuestion(group, kind, kind === 'example' ? topicSelect.value : null, button));
      return button;
    };
    return el(
      'li',
      { class: 'card question-card', 'data-testid': 'question-group', 'data-count': String(group.count) },
      el('p', { class: 'question-text' }, el('bdi', { dir: 'auto', 'data-testid': 'question-text' }, String(group.text || ''))),
      el(
        'p',
        { class: 'muted' },
        t('questions.asked', { count: formatNumber(group.count) }),
        ' · ',
        ...group.languages.map((lang) => languageChip(lang)),
        ' · ',
        el('time', { datetime: group.lastAt || '' }, formatDateTime(group.lastAt, { dateStyle: 'short', timeStyle: 'short' })),
        ' · ',
        valueText(`questions.reasons.${newest.reason}`, newest.reason || ''),
      ),
      el(
        'p',
        { class: 'muted', 'data-testid': 'question-guess' },
        t('questions.guess', { topic: isolate(guess.intent && guess.intent !== 'none' ? guess.intent : t('questions.none')), confidence: formatPercent(Number(guess.confidence) || 0) }),
      ),
      el(
        'div',
        { class: 'form-buttons' },
        el('label', { for: selectId }, t('questions.topic')),
        topicSelect,
        action('example', 'question-example', 'questions.addExample', ' primary'),
        action('out-of-scope', 'question-out-of-scope', 'questions.outOfScope'),
        action('new-answer', 'question-new-answer', 'questions.newAnswer'),
      ),
    );
  }

  /** Applies staff's choice to every question of the group, then reloads the list. */
  async function decideQuestion(group, kind, topic, button) {
    const page = state.pages.questions;
    if (page.busy) return;
    page.busy = true;
    button.disabled = true;
    page.error = null;
    try {
      for (const item of group.items) {
        await api('POST', `/unanswered/${encodeURIComponent(item.id)}/${kind}`, kind === 'example' ? { topic } : {});
      }
      page.done = { key: `questions.done.${kind}`, vars: { topic: topic || '' } };
    } catch (error) {
      if (!(error instanceof ApiError)) console.error(error);
      page.error = error.status === 404 ? 'questions.gone' : error.status === 0 ? 'errors.network' : 'errors.generic';
    } finally {
      page.busy = false;
      button.disabled = false;
    }
    await loadQuestions();
    if (page.done) ui.questionsDone.focus({ preventScroll: true });
  }

  function renderQuestions() {
    const page = state.pages.questions;
    renderFormError(ui.questionsError, page.error);
    renderQuestionsStatus();
    ui.questionsDone.textContent = page.done ? t(page.done.key, page.done.vars) : '';
    show(ui.questionsDone, !!page.done);
    ui.questionsList.replaceChildren(...page.groups.map(questionCard));
  }

  // ---------------------------------------------------------------------------
  // 9. Wiring and start
  // ---------------------------------------------------------------------------

  function findElements() {
    const byId = (id) => {
      const node = document.getElementById(id);
      if (!node) throw new Error(`index.html has no #${id}`);
      return node;
    };
    Object.assign(ui, {
      skipLink: document.querySelector('.skip-link'),
      live: byId('live-indicator'),
      liveText: byId('live-text'),
      userInfo: byId('user-info'),
      userName: byId('user-name'),
      userRole: byId('user-role'),
      langSelect: byId('lang-select'),
      logout: byId('logout'),
      banner: byId('error-banner'),
      bannerText: byId('error-text'),
      bannerDismiss: byId('error-dismiss'),
      viewLoading: byId('view-loading'),
      viewLogin: byId('view-login'),
      viewConsole: byId('view-console'),
      loginForm: byId('login-form'),
      loginUsername: byId('login-username'),
      loginPassword: byId('login-password'),
      loginSubmit: byId('login-submit'),
      loginError: byId('login-error'),
      loginInfo: byId('login-info'),
      console: byId('view-console'),
      waitingTitle: byId('waiting-title'),
      waitingList: byId('waiting-list'),
      waitingCount: byId('waiting-count'),
      waitingEmpty: byId('waiting-empty'),
      mineList: byId('mine-list'),
      mineCount: byId('mine-count'),
      mineEmpty: byId('mine-empty'),
      mineTitleText: byId('mine-title-text'),
      placeholder: byId('conv-placeholder'),
      conversation: byId('conversation'),
      back: byId('back'),
      convTitle: byId('conv-title'),
      convMeta: byId('conv-meta'),
      convClaim: byId('conv-claim'),
      release: byId('release'),
      closeOpen: byId('close-open'),
      closeForm: byId('close-form'),
      closeOutcome: byId('close-outcome'),
      closeNote: byId('close-note'),
      closeError: byId('close-error'),
      closeConfirm: byId('close-confirm'),
      closeCancel: byId('close-cancel'),
      convBody: byId('conv-body'),
      intakeContent: byId('intake-content'),
      timeline: byId('timeline'),
      timelineEmpty: byId('timeline-empty'),
      statusClosed: byId('status-closed'),
      readOnlyNote: byId('read-only-note'),
      nextOffer: byId('next-offer'),
      nextOfferText: byId('next-offer-text'),
      nextTake: byId('next-take'),
      nextDismiss: byId('next-dismiss'),
      compose: byId('compose'),
      messageInput: byId('message-input'),
      send: byId('send'),
      main: byId('main'),
      nav: byId('nav'),
      navList: byId('nav-list'),
      pages: {
        transcripts: byId('page-transcripts'),
        transcript: byId('page-transcript'),
        numbers: byId('page-numbers'),
        people: byId('page-people'),
        audit: byId('page-audit'),
        questions: byId('page-questions'),
        answers: byId('page-answers'),
      },
      transcriptsTitle: byId('transcripts-title'),
      transcriptsIntro: byId('transcripts-intro'),
      transcriptFilter: byId('transcript-filter'),
      tfFrom: byId('tf-from'),
      tfTo: byId('tf-to'),
      tfChannel: byId('tf-channel'),
      tfLanguage: byId('tf-language'),
      tfOutcome: byId('tf-outcome'),
      tfMentor: byId('tf-mentor'),
      tfQ: byId('tf-q'),
      tfError: byId('tf-error'),
      tfSubmit: byId('tf-submit'),
      tfClear: byId('tf-clear'),
      transcriptsStatus: byId('transcripts-status'),
      transcriptList: byId('transcript-list'),
      transcriptMore: byId('transcript-more'),
      tvBack: byId('tv-back'),
      tvTitle: byId('tv-title'),
      tvMeta: byId('tv-meta'),
      tvError: byId('tv-error'),
      tvBody: byId('tv-body'),
      tvEmpty: byId('tv-empty'),
      tvTimeline: byId('tv-timeline'),
      tvIntake: byId('tv-intake'),
      tvResultContent: byId('tv-result-content'),
      numbersTitle: byId('numbers-title'),
      numbersForm: byId('numbers-form'),
      numbersFrom: byId('numbers-from'),
      numbersTo: byId('numbers-to'),
      numbersSubmit: byId('numbers-submit'),
      numbersError: byId('numbers-error'),
      numbersStatus: byId('numbers-status'),
      numbersContent: byId('numbers-content'),
      numbersKpis: byId('numbers-kpis'),
      exportCsv: byId('export-csv'),
      funnel: byId('funnel'),
      byWeek: byId('by-week'),
      waitAverage: byId('wait-average'),
      waitBuckets: byId('wait-buckets'),
      byLanguage: byId('by-language'),
      faqFeedback: byId('faq-feedback'),
      funnelByLanguage: byId('funnel-by-language'),
      waitByWeek: byId('wait-by-week'),
      waitByLanguage: byId('wait-by-language'),
      peopleTitle: byId('people-title'),
      peopleForm: byId('people-form'),
      peopleSearch: byId('people-search'),
      peopleSubmit: byId('people-search-submit'),
      peopleStatus: byId('people-status'),
      peopleList: byId('people-list'),
      eraseDone: byId('erase-done'),
      eraseDialog: byId('erase-dialog'),
      eraseForm: byId('erase-form'),
      eraseWho: byId('erase-who'),
      eraseInput: byId('erase-input'),
      eraseInputLabel: byId('erase-input-label'),
      eraseError: byId('erase-error'),
      eraseConfirm: byId('erase-confirm'),
      eraseCancel: byId('erase-cancel'),
      questionsTitle: byId('questions-title'),
      questionsForm: byId('questions-form'),
      questionsOrder: byId('questions-order'),
      questionsSubmit: byId('questions-submit'),
      questionsDone: byId('questions-done'),
      questionsError: byId('questions-error'),
      questionsStatus: byId('questions-status'),
      questionsList: byId('questions-list'),
      auditTitle: byId('audit-title'),
      auditForm: byId('audit-form'),
      auditFrom: byId('audit-from'),
      auditTo: byId('audit-to'),
      auditSubmit: byId('audit-submit'),
      auditError: byId('audit-error'),
      auditStatus: byId('audit-status'),
      auditWrap: byId('audit-wrap'),
      auditRows: byId('audit-rows'),
    });
  }

  function fillLanguageSelect() {
    ui.langSelect.replaceChildren(
      ...LANGUAGES.map(([code, name]) => el('option', { value: code, lang: code, dir: RTL_LANGUAGES.has(code) ? 'rtl' : 'ltr' }, name)),
    );
    ui.langSelect.value = state.lang;
  }

  /** One click handler per list: "Take" claims, anything else on a card opens the conversation. */
  function onListClick(event) {
    const card = event.target.closest('[data-handoff-id]');
    if (!card || !event.currentTarget.contains(card)) return;
    const claimButton = event.target.closest('[data-role="claim"]');
    if (claimButton) claim(card.dataset.handoffId, claimButton);
    else openConversation(card.dataset.handoffId);
  }

  /** Enter sends, Shift+Enter makes a new line (and Enter while composing with an IME does nothing). */
  function onMessageKeydown(event) {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    send();
  }

  function onDocumentKeydown(event) {
    if (event.key === 'Escape' && !ui.closeForm.hidden) {
      hideCloseForm();
      ui.closeOpen.focus();
    }
  }

  function onVisibilityChange() {
    if (document.visibilityState !== 'visible' || !state.user) return;
    updateTimes();
    refreshLists();
    if (state.openId) refreshConversation();
    if (!state.events || state.events.readyState === EventSource.CLOSED) connectEvents();
  }

  function bindEvents() {
    ui.langSelect.addEventListener('change', changeLanguage);
    ui.loginForm.addEventListener('submit', login);
    ui.logout.addEventListener('click', logout);
    ui.bannerDismiss.addEventListener('click', clearBanner);
    ui.waitingList.addEventListener('click', onListClick);
    ui.mineList.addEventListener('click', onListClick);
    ui.back.addEventListener('click', closeConversation);
    ui.convClaim.addEventListener('click', () => state.openId && claim(state.openId, ui.convClaim));
    ui.release.addEventListener('click', release);
    ui.nextTake.addEventListener('click', takeNext);
    ui.nextDismiss.addEventListener('click', () => offerNext(null));
    ui.closeOpen.addEventListener('click', openCloseForm);
    ui.closeCancel.addEventListener('click', () => {
      hideCloseForm();
      ui.closeOpen.focus();
    });
    ui.closeForm.addEventListener('submit', submitClose);
    ui.closeOutcome.addEventListener('change', () => {
      if (ui.closeOutcome.value) setCloseError(null);
    });
    ui.compose.addEventListener('submit', send);
    ui.messageInput.addEventListener('keydown', onMessageKeydown);
    document.addEventListener('keydown', onDocumentKeydown);
    document.addEventListener('visibilitychange', onVisibilityChange);

    // The pages for programme staff.
    window.addEventListener('hashchange', () => route());
    ui.skipLink.addEventListener('click', (event) => {
      // "#main" would be taken for a route: move the focus without touching the address.
      event.preventDefault();
      ui.main.focus();
    });
    ui.transcriptFilter.addEventListener('submit', submitTranscriptFilter);
    ui.tfClear.addEventListener('click', clearTranscriptFilter);
    ui.transcriptMore.addEventListener('click', () => loadTranscripts({ more: true }));
    ui.tvBack.addEventListener('click', transcriptBack);
    ui.numbersForm.addEventListener('submit', submitNumbers);
    ui.numbersForm.addEventListener('input', updateExportLink);
    ui.numbersForm.addEventListener('change', updateExportLink);
    ui.peopleForm.addEventListener('submit', submitPeopleSearch);
    ui.peopleList.addEventListener('click', onPeopleClick);
    ui.eraseForm.addEventListener('submit', confirmErase);
    ui.eraseInput.addEventListener('input', updateEraseButton);
    ui.eraseCancel.addEventListener('click', closeErase);
    ui.eraseDialog.addEventListener('cancel', (event) => {
      if (state.pages.people.busy) event.preventDefault(); // Escape while erasing: wait for the answer
    });
    ui.eraseDialog.addEventListener('close', onEraseClosed);
    ui.auditForm.addEventListener('submit', submitAudit);
    ui.questionsForm.addEventListener('submit', submitQuestions);
  }

  async function start() {
    findElements();
    state.lang = initialLanguage();
    fillLanguageSelect();
    bindEvents();
    showView('loading');

    await loadTextsUntilLoaded(state.lang);
    applyStaticTexts();
    setLive('off');

    let me = null;
    try {
      me = await api('GET', '/me', undefined, { authRedirect: false });
    } catch (error) {
      if (error.status !== 401) showBanner(errorKey(error, 'errors.generic'));
    }
    if (me && me.user) {
      signedIn(me);
    } else {
      showView('login');
      ui.loginUsername.focus();
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
