// @ts-check

import { api, ApiError } from '../api.js';
import { EXPORT_FILE_NAME } from '../constants.js';
import { chip, el, languageChip, show } from '../dom.js';
import { ui } from '../elements.js';
import { pageError } from '../errors.js';
import { channelName, count, formatDateTime, formatList, formatNumber, isolate, valueText } from '../format.js';
import { loadPage } from './common.js';

import { drawPeopleWith, openErase, personLabel, renderEraseDialog } from './erase.js';
import { state } from '../state.js';
import { t } from '../texts.js';

/** @typedef {import('../../../consoleApi').PersonListItem} PersonListItem */

export { personLabel };

/** @param {SubmitEvent} event */
export function submitPeopleSearch(event) {
  event.preventDefault();
  state.pages.people.q = ui.peopleSearch.value.trim();
  state.pages.people.notice = null;
  loadPeople();
}

export async function loadPeople() {
  const page = state.pages.people;
  await loadPage(page, {
    path: `/people?q=${encodeURIComponent(page.q)}`,
    buttons: [ui.peopleSubmit],
    renderStatus: renderPeopleStatus,
    onData: (/** @type {import('../../../consoleApi').PeopleList | null} */ data) => {
      page.items = (data && Array.isArray(data.items) ? data.items : []).filter((p) => p && typeof p.key === 'string');
      page.loaded = true;
      redrawPeople();
    },
    // Without search words the server may want some: then the page just waits for them.
    onError: (error) => {
      if (!(error instanceof ApiError && error.status === 400 && !page.q)) pageError(error);
    },
  });
}

export function renderPeople() {
  if (state.pages.people.loaded) redrawPeople();
  renderPeopleStatus();
  renderPeopleNotice();
  if (state.pages.people.erasing) renderEraseDialog();
}

export function redrawPeople() {
  const focused = ui.peopleList.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement) : null;
  const holder = focused && /** @type {HTMLElement | null} */ (focused.closest('[data-key]'));
  const key = holder && holder.dataset.key;
  const role = focused && focused.dataset.role;
  ui.peopleList.replaceChildren(...state.pages.people.items.map(personItem));
  const again = key && /** @type {HTMLElement | null} */ (ui.peopleList.querySelector(`[data-key="${CSS.escape(key)}"] [data-role="${role}"]`));
  if (again) again.focus({ preventScroll: true });
}

export function renderPeopleStatus() {
  const page = state.pages.people;
  let text = '';
  if (page.loading) text = t('app.loading');
  else if (!page.loaded) text = t('people.hint');
  else if (page.items.length === 0) text = t(page.q ? 'people.empty' : 'people.hint');
  else text = t('people.shown', { count: formatNumber(page.items.length) });
  ui.peopleStatus.textContent = text;
}

export function renderPeopleNotice() {
  const notice = state.pages.people.notice;
  show(ui.eraseDone, !!notice);
  ui.eraseDone.dataset.kind = notice ? notice.kind : '';
  ui.eraseDone.textContent = notice ? noticeText(notice) : '';
}

/** The notice in the page language; after an erasure, each count in its plural form ("1 transcript", "2 transcripten"). */
/** @param {import('../state.js').Notice} notice */
function noticeText(notice) {
  if (notice.key !== 'people.erased') return t(notice.key, notice.vars);
  const { label, stateKeys, transcripts, handoffs } = notice.vars || {};
  const parts = formatList([
    t('people.erasedCounts.stateKeys', { count: stateKeys }),
    t('people.erasedCounts.transcripts', { count: transcripts }),
    t('people.erasedCounts.handoffs', { count: handoffs }),
  ]);
  return t('people.erased', { label, parts });
}


/** @param {PersonListItem} person */
export function personItem(person) {
  const label = personLabel(person);
  const id = `person-${person.key}`; // the key is base64url: letters, digits, - and _
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
        el('bdi', { class: 'card-name', dir: 'auto', id: `${id}-name` }, label),
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
        // Named by its own visible text, then the person's (WCAG 2.5.3: a speech user says what they see).
        { type: 'button', class: 'button secondary', 'data-testid': 'person-export', 'data-role': 'export', id: `${id}-export`, 'aria-labelledby': `${id}-export ${id}-name` },
        t('people.export'),
      ),
      el(
        'button',
        { type: 'button', class: 'button danger-outline', 'data-testid': 'person-erase', 'data-role': 'erase', id: `${id}-erase`, 'aria-labelledby': `${id}-erase ${id}-name` },
        t('people.erase'),
      ),
    ),
  );
}

/** @param {MouseEvent} event */
export function onPeopleClick(event) {
  const button = /** @type {HTMLButtonElement | null} */ (/** @type {Element} */ (event.target).closest('button[data-role]'));
  const item = /** @type {HTMLElement | null} */ (button && button.closest('[data-key]'));
  if (!button || !item || !(/** @type {Element} */ (event.currentTarget).contains(item))) return;
  const person = state.pages.people.items.find((p) => p.key === item.dataset.key);
  if (!person) return;
  if (button.dataset.role === 'export') exportPerson(person, button);
  else if (button.dataset.role === 'erase') openErase(person);
}

/** @param {PersonListItem} person @param {HTMLButtonElement} button */
export async function exportPerson(person, button) {
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
/** @param {unknown} data @param {string} fileName */
export function downloadJson(data, fileName) {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

drawPeopleWith({ redraw: redrawPeople, renderStatus: renderPeopleStatus, renderNotice: renderPeopleNotice });
