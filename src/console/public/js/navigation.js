// @ts-check
/*
 * The address of a page and the counts on the Conversations tab: what the mentor view needs of the
 * navigation, below the router (which draws the tabs and shows the pages).
 */

import { el, show } from './dom.js';
import { formatNumber } from './format.js';
import { unreadTotal } from './handoffs/notice.js';
import { state } from './state.js';
import { t } from './texts.js';

/** @param {import('./state.js').Route} target */
export function routeHash(target) {
  if (target.page === 'transcript') return `#/transcripts/${encodeURIComponent(target.id || '')}`;
  if (target.page === 'handoffs' && target.id) return `#/handoffs/${encodeURIComponent(target.id)}`;
  return `#/${target.page}`;
}

/**
 * Two counts on the Conversations tab, seen from every page and on a phone: the people waiting, and
 * apart from it (red, with a word) the new messages in the mentor's own conversations, which ask for
 * an answer from them.
 */
export function renderNavCount() {
  const badge = document.getElementById('nav-waiting-count');
  if (!badge) return;
  const waiting = state.waiting.length;
  badge.textContent = formatNumber(waiting);
  badge.setAttribute('aria-label', t('nav.waitingCount', { count: waiting }));
  show(badge, waiting > 0);

  let unreadBadge = document.getElementById('nav-unread-count');
  if (!unreadBadge) {
    unreadBadge = el('span', { class: 'nav-unread', id: 'nav-unread-count', 'data-testid': 'nav-unread-count', hidden: true });
    badge.after(unreadBadge);
  }
  const unread = unreadTotal();
  unreadBadge.textContent = t('nav.unreadShort', { count: unread, number: formatNumber(unread) });
  unreadBadge.setAttribute('aria-label', t('nav.unreadCount', { count: unread, number: formatNumber(unread) }));
  show(unreadBadge, unread > 0);
}
