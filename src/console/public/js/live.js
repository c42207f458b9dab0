// @ts-check

import { api, fetchMe, asApiError } from './api.js';
import { setLive } from './views.js';
import { API, CLOCK_INTERVAL_MS, EVENT_DEBOUNCE_MS, RECONNECT_MAX_MS, RECONNECT_MIN_MS } from './constants.js';
import { refreshConversation, refreshLists } from './handoffs/actions.js';
import { renderLists, updateTimes } from './handoffs/lists.js';
import { checkWaitLimits } from './handoffs/notice.js';
import { renderNextOffer } from './handoffs/nextOffer.js';
import { state } from './state.js';
import { refreshSlotsCount } from './talkNotices.js';

export function connectEvents() {
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
    void refreshSlotsCount();
  });
  // A booking or cancellation of this account's talk slots: the "My slots" tab's count, at once.
  source.addEventListener('talks', () => {
    if (state.events !== source) return;
    void refreshSlotsCount();
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

export function disconnectEvents() {
  if (state.events) state.events.close();
  state.events = null;
  clearTimeout(state.reconnectTimer ?? undefined);
  state.reconnectTimer = null;
}

export function scheduleReconnect() {
  clearTimeout(state.reconnectTimer ?? undefined);
  const delay = state.reconnectDelay;
  state.reconnectDelay = Math.min(delay * 2, RECONNECT_MAX_MS);
  state.reconnectTimer = setTimeout(async () => {
    if (!state.user) return;
    try {
      await fetchMe(); // a 401 here shows the login form
    } catch (caught) {
      const error = asApiError(caught);
      if (error.status === 401) return;
    }
    if (state.user) connectEvents();
  }, delay);
}

/**
 * Coalesces a burst of events into one refresh of the lists, plus one of the open
 * conversation when an event concerned it (id null = refresh everything).
 */
/** @param {string | null} id */
export function scheduleRefresh(id) {
  if (!state.pendingRefresh) {
    state.pendingRefresh = { ids: new Set(), all: false, timer: null };
    state.pendingRefresh.timer = setTimeout(runPendingRefresh, EVENT_DEBOUNCE_MS);
  }
  if (id === null) state.pendingRefresh.all = true;
  else state.pendingRefresh.ids.add(id);
}

export function runPendingRefresh() {
  const pending = state.pendingRefresh;
  state.pendingRefresh = null;
  if (!pending || !state.user) return;
  refreshLists();
  if (state.openId && (pending.all || pending.ids.has(state.openId))) refreshConversation();
}

export function startClock() {
  stopClock();
  void refreshSlotsCount();
  state.clockTimer = setInterval(() => {
    void refreshSlotsCount(); // new bookings of the account's talk slots, on the "My slots" tab
    updateTimes();
    if (checkWaitLimits()) renderLists(); // someone's wait just passed the limit: their card says so
    renderNextOffer();
    if (state.live !== 'on') refreshLists(); // without live updates, at least poll
  }, CLOCK_INTERVAL_MS);
}

export function stopClock() {
  clearInterval(state.clockTimer ?? undefined);
  state.clockTimer = null;
}
