// @ts-check
/*
 * Inside a conversation, new messages from the mentor's other people: a line in the conversation's
 * header (sticky on a phone) with a button per person that opens their conversation. The lists'
 * badges are out of sight there, and sound and pop-ups are off unless switched on.
 */

import { el, show } from '../dom.js';
import { formatNumber, personName } from '../format.js';
import { state } from '../state.js';
import { t } from '../texts.js';
import { openConversation } from './actions.js';
import { lookingAt } from './notice.js';

/** At most this many buttons (the rest wait in the lists, with their badges). */
const MOST = 3;

/**
 * The line, made once and kept, and beside it a status that says the news to a screen reader (a live
 * region is only heard when it is in the page, shown, before its text changes).
 */
function line() {
  let node = document.getElementById('other-unread');
  if (node) return node;
  node = el('div', { class: 'other-unread', id: 'other-unread', 'data-testid': 'other-unread', hidden: true });
  const said = el('span', { class: 'sr-only', id: 'other-unread-said', role: 'status', 'aria-live': 'polite' });
  node.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? /** @type {HTMLElement | null} */ (event.target.closest('[data-open-id]')) : null;
    if (button && button.dataset.openId) void openConversation(button.dataset.openId);
  });
  const head = document.querySelector('#conversation .conv-head');
  if (head) head.append(node, said);
  return node;
}

/** The mentor's conversations, other than the open one, with messages not read: who wrote last first. */
function othersWithNews() {
  const user = state.user;
  if (!user || !state.openId) return [];
  return state.active
    .filter((h) => h.mentor && h.mentor.id === user.id && (h.unread || 0) > 0 && h.id !== state.openId && !lookingAt(h.id))
    .sort((a, b) => Date.parse(b.needsReplySince || '') - Date.parse(a.needsReplySince || '') || 0)
    .slice(0, MOST);
}

/** Drawn again after every list and when another conversation opens; unchanged news is not said again. */
export function renderOtherUnread() {
  const node = line();
  const news = othersWithNews();
  const key = news.map((h) => `${h.id}:${h.unread}`).join(',') + `|${state.lang}`;
  if (node.dataset.key === key) return;
  const before = new Map(String(node.dataset.key || '').split('|')[0].split(',').map((pair) => /** @type {[string, number]} */ ([pair.split(':')[0], Number(pair.split(':')[1])])));
  node.dataset.key = key;
  // Said when there is more than before (a message read elsewhere, or a language switch, is not news).
  const said = document.getElementById('other-unread-said');
  const fresh = news.filter((h) => (h.unread || 0) > (before.get(h.id) || 0));
  if (said) said.textContent = fresh.length ? fresh.map((h) => t('notice.newMessage', { name: personName(h) })).join('. ') : '';
  node.replaceChildren(
    ...news.map((h) => {
      const name = personName(h);
      const count = h.unread || 0;
      return el(
        'button',
        { type: 'button', class: 'other-unread-open', 'data-open-id': h.id, 'data-testid': 'other-unread-open' },
        el('span', { class: 'other-unread-text' }, newMessageFrom(name)),
        count > 1 ? el('span', { class: 'badge unread', 'aria-label': t('notice.unread', { count: formatNumber(count) }) }, formatNumber(count)) : null,
      );
    }),
  );
  show(node, news.length > 0);
}

/**
 * "New message from <name>", the name in a <bdi> of its own (a Latin name in an Arabic sentence,
 * an Arabic one in a Dutch sentence): the text is split where the name goes.
 * @param {string} name
 */
function newMessageFrom(name) {
  const MARK = '\u0000';
  const [before, after = ''] = t('notice.newMessage', { name: MARK }).split(MARK);
  return [before, el('bdi', {}, name), after];
}
