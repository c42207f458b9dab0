// @ts-check

import { api, handoffPath } from '../api.js';
import { LANGUAGE_NAMES } from '../constants.js';
import { el, show } from '../dom.js';
import { formatDuration, formatNumber, personName } from '../format.js';
import { alertMentor, alertsOn, desktopAllowed, setAlerts } from '../notify.js';
import { state } from '../state.js';
import { t } from '../texts.js';

/*
 * What a mentor is to notice in the lists: unread badges on their conversations, "needs an answer"
 * first, the count in the tab's title, who waits too long (HANDOFF_MAX_WAIT_MINUTES), and the alerts
 * (sound, desktop notification) for a new person in one of their languages and a new message.
 */

/** @typedef {import('../api.js').HandoffSummary} HandoffSummary */

const ORDER_KEY = 'vit.console.mineOrder';

/**
 * What the last list showed, to tell what is new: the waiting ids and the unread counts. Null before
 * the first list of a sign-in (what is there at sign-in is not news).
 * @type {{ user: string, waiting: Set<string>, unread: Map<string, number> } | null}
 */
let known = null;
/** Waits already alerted as too long (once each). */
const alertedWaits = new Set();
/** The read marker this page last sent per conversation, so the same count is not sent again. */
const sentMarkers = new Map();

const acting = () => !!state.user && (state.user.role === 'mentor' || state.user.role === 'admin');
/** @param {{ mentor?: { id: string } }} h */
const mine = (h) => !!(h.mentor && state.user && h.mentor.id === state.user.id);
/** @param {string} value in a right-to-left page, an inserted name keeps its own direction */
const isolate = (value) => (state.dir === 'rtl' ? `\u2068${value}\u2069` : value);

/** The mentor is looking at this conversation now (open, in a tab on show): no alert, no unread. */
export const lookingAt = (/** @type {string} */ id) =>
  state.openId === id && document.visibilityState === 'visible' && (!state.route || state.route.page === 'handoffs');

/** Unread messages in this account's conversations. */
export function unreadTotal() {
  return state.active.reduce((sum, h) => sum + unreadOf(h), 0);
}

/** A conversation's unread count as shown: none while the mentor is looking at it (the marker follows). */
const unreadOf = (/** @type {HandoffSummary} */ h) => (mine(h) && !lookingAt(h.id) ? h.unread || 0 : 0);

/** @param {HandoffSummary} h */
export function overdue(h) {
  return h.status === 'waiting' && !!h.waitLimitAt && Date.parse(h.waitLimitAt) <= Date.now();
}

/** @param {HandoffSummary} h the whole minutes HANDOFF_MAX_WAIT_MINUTES stands for */
function limitMinutes(h) {
  return Math.round((Date.parse(h.waitLimitAt || '') - Date.parse(h.createdAt)) / 60_000);
}

/** "My conversations" in the order chosen: by default who waits for an answer first, the longest waiting first. */
export function sortMine(/** @type {HandoffSummary[]} */ list) {
  if (mineOrder() !== 'reply') return list;
  const since = (/** @type {HandoffSummary} */ h) => (mine(h) && h.needsReplySince ? Date.parse(h.needsReplySince) : Infinity);
  return list
    .map((h, i) => ({ h, i }))
    .sort((a, b) => since(a.h) - since(b.h) || a.i - b.i)
    .map((x) => x.h);
}

function mineOrder() {
  try {
    return localStorage.getItem(ORDER_KEY) === 'taken' ? 'taken' : 'reply';
  } catch {
    return 'reply';
  }
}

/** The unread badge of a conversation of mine, or null. */
export function unreadBadge(/** @type {HandoffSummary} */ h) {
  const count = unreadOf(h);
  if (count === 0) return null;
  return el('span', { class: 'badge unread', 'data-testid': 'unread-badge', 'aria-label': t('notice.unread', { count: formatNumber(count) }) }, formatNumber(count));
}

/** "Waits for your answer: 5 min" on a conversation of mine where the person spoke last, or null. */
export function needsReplyLine(/** @type {HandoffSummary} */ h) {
  if (!mine(h) || !h.needsReplySince) return null;
  return el('span', { class: 'card-line needs-reply', 'data-testid': 'needs-reply' },
    el('span', { class: 'since', 'data-since': h.needsReplySince, 'data-since-key': 'notice.needsReply' }, t('notice.needsReply', { time: formatDuration(h.needsReplySince) })));
}

/** "Waiting more than 20 min" on someone who waits too long, or null. */
export function overdueChip(/** @type {HandoffSummary} */ h) {
  if (!overdue(h)) return null;
  return el('span', { class: 'chip chip-overdue', 'data-testid': 'wait-alert' }, t('notice.overdue', { minutes: formatNumber(limitMinutes(h)) }));
}

/** The count in the tab's title: people waiting and messages not read. */
export function titleCount() {
  return state.waiting.length + unreadTotal();
}

/** After every new list: alerts for what is new since the last one. */
export function noticeChanges() {
  if (!state.user || !acting()) return;
  const before = known && known.user === state.user.id ? known : null;
  for (const h of state.waiting) {
    if (before && !before.waiting.has(h.id) && h.speaksLanguage) {
      alertMentor(t('notice.newWaiting', { name: isolate(personName(h)), language: isolate(LANGUAGE_NAMES.get(h.language) || h.language) }), `waiting-${h.id}`);
    }
  }
  const unread = new Map();
  for (const h of state.active) {
    if (!mine(h)) continue;
    const count = h.unread || 0;
    unread.set(h.id, count);
    if (before && count > (before.unread.get(h.id) ?? 0) && !lookingAt(h.id)) {
      alertMentor(t('notice.newMessage', { name: isolate(personName(h)) }), `message-${h.id}`);
    }
  }
  known = { user: state.user.id, waiting: new Set(state.waiting.map((h) => h.id)), unread };
  // Back on the conversation page with a conversation open: what it shows counts as read on the server too.
  if (state.openId && (unread.get(state.openId) ?? 0) > 0) void markSeen();
  checkWaitLimits();
}

/**
 * Alerts once for each person whose wait passed the limit; run after every list and on the clock.
 * Returns whether a card must show it now (the lists are to be drawn again).
 */
export function checkWaitLimits() {
  if (!acting()) return false;
  for (const h of state.waiting) {
    if (!overdue(h) || alertedWaits.has(h.id)) continue;
    alertedWaits.add(h.id);
    alertMentor(t('notice.waitTooLong', { name: isolate(personName(h)), count: limitMinutes(h), minutes: formatNumber(limitMinutes(h)) }), `wait-${h.id}`);
  }
  return state.waiting.some((h) => overdue(h) && !document.querySelector(`#waiting-list .card.overdue[data-handoff-id="${CSS.escape(h.id)}"]`));
}

/**
 * The open conversation is on show: its messages count as read (the server keeps the marker per
 * mentor). Resolves with whether the lists changed (a badge went away).
 */
export async function markSeen() {
  const detail = state.detail;
  if (!detail || !state.user || !mine(detail.handoff) || !lookingAt(detail.handoff.id)) return false;
  const { id, messageCount } = detail.handoff;
  const listed = state.active.find((h) => h.id === id);
  if (sentMarkers.get(id) !== messageCount) {
    sentMarkers.set(id, messageCount);
    try {
      await api('POST', handoffPath(id, 'read'), { count: messageCount });
    } catch {
      sentMarkers.delete(id); // tried again at the next look
      return false;
    }
  }
  if (!listed || !listed.unread) return false;
  listed.unread = 0;
  if (known) known.unread.set(id, 0);
  return true;
}

/** The switch and the order select, as the signed-in account and the browser allow. */
export function renderNoticeControls() {
  const bar = document.getElementById('notice-bar');
  const toggle = document.getElementById('alerts-switch');
  const blocked = document.getElementById('alerts-blocked');
  const tools = document.getElementById('mine-tools');
  const order = document.getElementById('mine-sort');
  if (bar) show(bar, acting());
  if (tools) show(tools, acting() && state.active.length > 1); // an order only means something for two or more
  if (toggle instanceof HTMLInputElement) toggle.checked = alertsOn();
  if (blocked) show(blocked, alertsOn() && typeof window.Notification === 'function' && window.Notification.permission === 'denied');
  if (order instanceof HTMLSelectElement) order.value = mineOrder();
  return desktopAllowed();
}

/** @param {() => void} redraw draws the lists again (after the order changed) */
export function bindNotice(redraw) {
  const toggle = document.getElementById('alerts-switch');
  const order = document.getElementById('mine-sort');
  if (toggle instanceof HTMLInputElement) {
    toggle.addEventListener('change', async () => {
      await setAlerts(toggle.checked);
      renderNoticeControls();
    });
  }
  if (order instanceof HTMLSelectElement) {
    order.addEventListener('change', () => {
      try {
        localStorage.setItem(ORDER_KEY, order.value === 'taken' ? 'taken' : 'reply');
      } catch {
        // storage blocked: the order holds until the next list
      }
      redraw();
    });
  }
}

/** Signing out forgets what was seen (the next sign-in may be someone else). */
export function forgetNotice() {
  known = null;
  alertedWaits.clear();
  sentMarkers.clear();
}
