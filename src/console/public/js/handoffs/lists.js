// @ts-check

import { WIDE_LAYOUT } from '../constants.js';
import { chip, el, elements, isWideLayout, languageChip, show } from '../dom.js';
import { ui } from '../elements.js';
import { formatDuration, formatNumber, personName, valueText } from '../format.js';
import { canAct, isMine } from './actions.js';
import { renderNextOffer } from './nextOffer.js';
import { needsReplyLine, overdue, overdueChip, renderNoticeControls, sortMine, titleCount, unreadBadge } from './notice.js';
import { renderNavCount } from '../navigation.js';
import { renderOtherUnread } from './otherUnread.js';
import { state } from '../state.js';
import { t } from '../texts.js';

/** The active conversations shown under "My conversations": a mentor's own; everything for staff and admin. */
export function visibleActive() {
  if (!state.user) return [];
  if (state.user.role === 'mentor') return state.active.filter(isMine);
  return state.active;
}

/** @typedef {import('../api.js').HandoffSummary} HandoffSummary */

export function renderLists() {
  const mine = visibleActive();
  const mentorView = !!state.user && state.user.role === 'mentor';

  redrawKeepingFocus(ui.waitingList, state.waiting.map(waitingCard));
  redrawKeepingFocus(ui.mineList, sortMine(mine).map(mineCard));
  renderNoticeControls();

  ui.waitingCount.textContent = formatNumber(state.waiting.length);
  renderNavCount();
  renderOtherUnread();
  placeMineFirst(mentorView && mine.length > 0);
  watchLayout();
  ui.mineCount.textContent = formatNumber(mine.length);
  ui.mineTitleText.textContent = t(mentorView ? 'mine.title' : 'mine.titleAll');
  show(ui.waitingEmpty, state.listsLoaded && state.waiting.length === 0);
  show(ui.mineEmpty, state.listsLoaded && mine.length === 0);

  renderNextOffer();
  // People waiting and messages not read yet, seen from another tab.
  const waitingPrefix = titleCount() ? `(${formatNumber(titleCount())}) ` : '';
  document.title = `${waitingPrefix}${t('app.subtitle')} – ${t('app.title')}`;
}

/**
 * On a phone the lists are one column: a mentor's own conversations (the people who wait for their
 * answer) come before the people waiting for anyone. Moved in the page, not only drawn there, so the
 * order read and tabbed through is the order seen.
 * @param {boolean} mineFirst
 */
function placeMineFirst(mineFirst) {
  const waiting = ui.waitingList.closest('section');
  const mine = ui.mineList.closest('section');
  if (!waiting || !mine) return;
  const first = mineFirst && !isWideLayout();
  const isFirst = !!(mine.compareDocumentPosition(waiting) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (first === isFirst) return;
  const focused = document.activeElement;
  if (first) waiting.before(mine);
  else mine.before(waiting);
  if (focused instanceof HTMLElement && focused !== document.activeElement) focused.focus({ preventScroll: true });
}

let layoutWatched = false;
/** The order follows the screen: a phone turned, a window made wider. */
function watchLayout() {
  if (layoutWatched) return;
  layoutWatched = true;
  window.matchMedia(WIDE_LAYOUT).addEventListener('change', () => renderLists());
}

/**
 * Replaces a list's cards; the control that had focus gets it back in the new card. Cards that come
 * back the same, in the same order (a refresh after an event about someone else), are left as they
 * are, so a tap half-way (pressed on a card, not yet let go) is not lost to a card drawn anew under
 * the finger; only a card that changed is swapped.
 * @param {HTMLElement} list @param {HTMLElement[]} cards
 */
export function redrawKeepingFocus(list, cards) {
  const focused = list.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement) : null;
  const card = focused && /** @type {HTMLElement | null} */ (focused.closest('[data-handoff-id]'));
  const id = card && card.dataset.handoffId;
  const role = focused && focused.dataset.role;
  const shown = /** @type {HTMLElement[]} */ ([...list.children]);
  const sameOrder = shown.length === cards.length && cards.every((next, i) => next.dataset.handoffId === shown[i].dataset.handoffId);
  if (sameOrder) cards.forEach((next, i) => next.isEqualNode(shown[i]) || shown[i].replaceWith(next));
  else list.replaceChildren(...cards);
  if (!id || (focused && focused.isConnected)) return;
  const again = /** @type {HTMLButtonElement | null} */ (list.querySelector(`[data-handoff-id="${CSS.escape(id)}"] [data-role="${role}"]`));
  if (again && !again.disabled) again.focus({ preventScroll: true });
}

export function markOpenCards() {
  for (const card of elements('.card[data-handoff-id]')) {
    if (card.dataset.handoffId === state.openId) card.setAttribute('aria-current', 'true');
    else card.removeAttribute('aria-current');
  }
}

/** A time that counts up: the 30-second clock rewrites every [data-since]. */
/** @param {string | undefined} iso @param {string} key */
export function sinceLabel(iso, key) {
  return el('span', { class: 'since', 'data-since': iso || '', 'data-since-key': key }, t(key, { time: formatDuration(iso || '') }));
}

export function updateTimes() {
  for (const node of elements('[data-since]')) {
    node.textContent = t(node.dataset.sinceKey ?? '', { time: formatDuration(node.dataset.since ?? '') });
  }
}

/** @param {HandoffSummary} handoff */
export function cardFacts(handoff) {
  const facts = [];
  if (handoff.outcome) facts.push(chip(valueText(`outcomes.${handoff.outcome}`, handoff.outcome), 'chip-outcome'));
  if (handoff.reason) facts.push(chip(valueText(`reasons.${handoff.reason}`, handoff.reason), 'chip-reason'));
  return facts;
}

/** @param {HandoffSummary} handoff @param {string} testId @param {import('../dom.js').Child} openContent @param {import('../dom.js').Child} [extra] */
export function cardShell(handoff, testId, openContent, extra) {
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

/** @param {HandoffSummary} handoff */
export function waitingCard(handoff) {
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
      overdueChip(handoff),
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
  const card = cardShell(handoff, 'waiting-item', content, claimButton);
  if (overdue(handoff)) card.classList.add('overdue');
  return card;
}

/** @param {HandoffSummary} handoff */
export function mineCard(handoff) {
  const mentorName = handoff.mentor && handoff.mentor.firstName;
  const withWhom = isMine(handoff) ? t('card.you') : mentorName ? t('card.mentor', { name: mentorName }) : null;
  const content = [
    el(
      'span',
      { class: 'card-top' },
      el('bdi', { class: 'card-name' }, personName(handoff)),
      unreadBadge(handoff),
      sinceLabel(handoff.claimedAt || handoff.createdAt, 'card.talking'),
    ),
    needsReplyLine(handoff),
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
