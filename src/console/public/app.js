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
 *   8. event wiring and start
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
  };

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
  const canWrite = (handoff) =>
    canAct() && handoff.status === 'active' && (isMine(handoff) || state.user.role === 'admin');

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
    });
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

  /** Puts a handoff from a POST answer into the open conversation and redraws it. */
  function mergeHandoff(id, handoff) {
    if (!handoff || !state.detail || state.openId !== id) return;
    state.detail.handoff = { ...state.detail.handoff, ...handoff };
    renderConversation();
  }

  function errorKey(error, fallbackKey) {
    if (error.status === 0) return 'errors.network';
    if (error.code === 'not-yours') return 'errors.notYours';
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

  function showView(name) {
    show(ui.viewLoading, name === 'loading');
    show(ui.viewLogin, name === 'login');
    show(ui.viewConsole, name === 'console');
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
    ui.mineCount.textContent = formatNumber(mine.length);
    ui.mineTitleText.textContent = t(mentorView ? 'mine.title' : 'mine.titleAll');
    show(ui.waitingEmpty, state.listsLoaded && state.waiting.length === 0);
    show(ui.mineEmpty, state.listsLoaded && mine.length === 0);

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
    if (!intake || !intake.answers || typeof intake.answers !== 'object') {
      ui.intakeContent.replaceChildren(el('p', { class: 'muted' }, t('intake.none')));
      return;
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
    ui.intakeContent.replaceChildren(...parts);
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
      key: `${index}|${message.at}|${message.from}|${(message.text || '').length}`,
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
      message.kind === 'attachment'
        ? el('p', { class: 'bubble-text attachment' }, attachmentText(message.text))
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
      el('bdi', { class: 'bubble-time' }, el('time', { datetime: message.at || '' }, formatMessageTime(message.at))),
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
  // 8. Wiring and start
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
      compose: byId('compose'),
      messageInput: byId('message-input'),
      send: byId('send'),
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
