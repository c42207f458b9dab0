// @ts-check
/*
 * The address of a page and the count on the Conversations tab: what the mentor view needs of the
 * navigation, below the router (which draws the tabs and shows the pages).
 */

import { show } from './dom.js';
import { formatNumber } from './format.js';
import { state } from './state.js';
import { t } from './texts.js';

/** @param {import('./state.js').Route} target */
export function routeHash(target) {
  if (target.page === 'transcript') return `#/transcripts/${encodeURIComponent(target.id || '')}`;
  if (target.page === 'handoffs' && target.id) return `#/handoffs/${encodeURIComponent(target.id)}`;
  return `#/${target.page}`;
}

/** The number of people waiting, on the Conversations tab, so it is seen from the other pages. */
export function renderNavCount() {
  const badge = document.getElementById('nav-waiting-count');
  if (!badge) return;
  const waiting = state.waiting.length;
  badge.textContent = formatNumber(waiting);
  badge.setAttribute('aria-label', t('nav.waitingCount', { count: waiting }));
  show(badge, waiting > 0);
}
