// @ts-check
/*
 * "My follow-ups": the people a mentor said to get back to when closing ("follow up later", with a
 * day), the overdue and due ones first; staff and admins see everyone's. Each links to the closed
 * conversation (with the person's history) and to its transcript; "Done" takes it off the list.
 */

import { api } from '../api.js';
import { chip, el, languageChip, show } from '../dom.js';
import { reportError } from '../errors.js';
import { formatDay, formatNumber, personName, valueText } from '../format.js';
import { loadPage } from './common.js';
import { t } from '../texts.js';
import { LatestLoad } from '../latestLoad.js';

/** @typedef {import('../../../consoleApi').FollowUpItem} FollowUpItem */

const page = {
  /** @type {FollowUpItem[]} */ items: [],
  everyone: false,
  loaded: false,
  loading: false,
  loads: new LatestLoad(),
  /** @type {string | null} */ error: null,
};

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T }} type
 * @returns {T}
 */
function byId(id, type) {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`followUps.js: index.html has no ${type.name} #${id}`);
  return node;
}

export const section = () => byId('page-followups', HTMLElement);
export const heading = () => byId('followups-title', HTMLElement);
const list = () => byId('followups-list', HTMLUListElement);

export async function loadFollowUps() {
  await loadPage(page, {
    path: '/follow-ups',
    buttons: [],
    renderStatus,
    onData: (/** @type {import('../../../consoleApi').FollowUpList | null} */ data) => {
      page.items = data && Array.isArray(data.items) ? data.items.filter((item) => item && typeof item.handoffId === 'string') : [];
      page.everyone = !!(data && data.everyone);
      page.loaded = true;
      page.error = null;
      renderFollowUps();
    },
    onError: (error) => {
      page.error = 'errors.generic';
      reportError(error, 'errors.generic', { refresh: false });
    },
  });
}

function renderStatus() {
  let text = '';
  if (page.loading) text = t('app.loading');
  else if (page.loaded && page.items.length === 0) text = t('followUps.empty');
  else if (page.loaded) text = t('followUps.shown', { count: formatNumber(page.items.length) });
  byId('followups-status', HTMLElement).textContent = text;
}

export function renderFollowUps() {
  byId('followups-intro', HTMLElement).textContent = t(page.everyone ? 'followUps.introEveryone' : 'followUps.intro');
  heading().textContent = t(page.everyone ? 'followUps.titleEveryone' : 'followUps.title');
  list().replaceChildren(...page.items.map(followUpItem));
  renderStatus();
}

/** @param {FollowUpItem} item */
function followUpItem(item) {
  const day = formatDay(item.due);
  const when = item.state === 'overdue' ? t('followUps.overdue', { date: day }) : item.state === 'today' ? t('followUps.today') : t('followUps.later', { date: day });
  const done = el('button', { type: 'button', class: 'button secondary', 'data-testid': 'follow-up-done' }, t('followUps.done'));
  done.addEventListener('click', () => markDone(item, done));
  return el(
    'li',
    { class: `card result follow-up follow-up-${item.state}`, 'data-testid': 'follow-up-item', 'data-handoff-id': item.handoffId, 'data-state': item.state },
    el(
      'div',
      { class: 'card-top' },
      el('bdi', { class: 'card-name', dir: 'auto' }, personName(item)),
      el('time', { class: 'since', datetime: item.due }, when),
    ),
    el(
      'p',
      { class: 'card-line' },
      languageChip(item.language),
      item.closeOutcome ? chip(valueText(`close.outcomes.${item.closeOutcome}`, item.closeOutcome), 'chip-outcome') : null,
      page.everyone ? chip(t('followUps.by', { name: item.mentor.firstName }), 'chip-mentor') : null,
    ),
    item.note ? el('p', { class: 'history-note', dir: 'auto' }, t('closed.note', { note: item.note })) : null,
    el(
      'p',
      { class: 'card-line follow-up-actions' },
      el('a', { href: `#/handoffs/${encodeURIComponent(item.handoffId)}`, 'data-testid': 'follow-up-open' }, t('followUps.open')),
      el('a', { href: `#/transcripts/${encodeURIComponent(item.transcriptId)}` }, t('followUps.transcript')),
      done,
    ),
  );
}

/** @param {FollowUpItem} item @param {HTMLButtonElement} button */
async function markDone(item, button) {
  button.disabled = true;
  try {
    await api('POST', `/follow-ups/${encodeURIComponent(item.handoffId)}/done`);
    page.items = page.items.filter((other) => other.handoffId !== item.handoffId);
    renderFollowUps();
    heading().focus();
  } catch (error) {
    button.disabled = false;
    reportError(error, 'errors.generic', { refresh: false });
  }
}

/** @type {import('./index.js').Page} */
export const followUpsPage = {
  name: 'followups',
  roles: ['mentor', 'admin', 'staff'],
  tab: true,
  section,
  heading,
  scrollsItself: true,
  enter() {
    // Always asked again: a close on the conversations page adds to it.
    if (!page.loading) loadFollowUps();
    renderFollowUps();
  },
  render() {
    if (page.loaded) renderFollowUps();
  },
  clear() {
    page.items = [];
    page.loaded = false;
    page.everyone = false;
    list().replaceChildren();
    show(section(), false);
  },
};

