// @ts-check
/*
 * New bookings and cancellations of the signed-in account's talk slots: their number on the "My
 * slots" tab (asked for when the live stream says a notice came, and with the clock as a fallback; a
 * number only), and an alert (sound, desktop notification,
 * when the switch is on) when it grows. The page "My slots" shows the notices themselves.
 */

import { api } from './api.js';
import { show } from './dom.js';
import { formatNumber } from './format.js';
import { alertMentor } from './notify.js';
import { state } from './state.js';
import { t } from './texts.js';

/** @type {Array<() => void>} */
const growListeners = [];

/** Called when the number grows (a page that shows the notices loads them again). @param {() => void} listener */
export function whenSlotsCountGrows(listener) {
  growListeners.push(listener);
}

const count = {
  unseen: 0,
  /** @type {number | null} */ known: null,
  busy: false,
  /** Asked again while a request was under way: one more after it (the answer may predate the news). */
  again: false,
};

/** The number on the "My slots" tab. */
export function renderSlotsCount() {
  const badge = document.getElementById('nav-slots-count');
  if (!badge) return;
  badge.textContent = formatNumber(count.unseen);
  badge.setAttribute('aria-label', t('slots.notices.navCount', { number: formatNumber(count.unseen) }));
  show(badge, count.unseen > 0);
}

/** @param {number} unseen */
export function setSlotsCount(unseen) {
  const grew = count.known !== null && unseen > count.known;
  count.unseen = unseen;
  count.known = unseen;
  renderSlotsCount();
  if (!grew) return;
  alertMentor(t('slots.notices.alert'), 'vit-talk-notices');
  for (const listener of growListeners) listener();
}

/** Asks how many notices are new (one at a time, and once more if asked meanwhile; a failure waits for the next tick). */
export async function refreshSlotsCount() {
  if (!state.user) return;
  if (count.busy) {
    count.again = true;
    return;
  }
  count.busy = true;
  try {
    do {
      count.again = false;
      const data = /** @type {{ unseen?: unknown }} */ (await api('GET', '/talks/notices/unseen', undefined, { authRedirect: false }));
      if (state.user && typeof data.unseen === 'number') setSlotsCount(data.unseen);
    } while (count.again && state.user);
  } catch {
    // Offline or signed out: the other requests say so; the next tick asks again.
  } finally {
    count.busy = false;
    count.again = false;
  }
}

/** After signing out: nothing of the last user's count stays. */
export function forgetSlotsCount() {
  count.unseen = 0;
  count.known = null;
  renderSlotsCount();
}
