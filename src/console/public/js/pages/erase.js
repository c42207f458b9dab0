// @ts-check

import { ApiError, api, asApiError } from '../api.js';
import { el, present } from '../dom.js';
import { ui } from '../elements.js';
import { channelName, count, formatNumber, isolate } from '../format.js';
import { refreshLists } from '../handoffs/actions.js';
import { renderFormError } from './common.js';
import { state } from '../state.js';
import { t } from '../texts.js';

/** The typed label matches as a person types it: any case, any run of spaces, "..." for "…". */
/** @param {string} typed @param {string} label */
export function labelMatches(typed, label) {
  const normal = (/** @type {string} */ text) => String(text).normalize('NFC').trim().replace(/\u2026/g, '...').replace(/\s+/g, ' ').toLocaleLowerCase();
  return typed.trim() !== '' && normal(typed) === normal(label);
}

/** @param {import('../api.js').PersonListItem} person */
export function personLabel(person) {
  return typeof person.label === 'string' && person.label ? person.label : person.key;
}

/** How the People page redraws around an erasure: people.js sets it (it imports this module, not the other way round). */
let peopleView = { redraw() {}, renderStatus() {}, renderNotice() {} };

/** @param {typeof peopleView} view */
export function drawPeopleWith(view) {
  peopleView = view;
}

/** @param {import('../api.js').PersonListItem} person */
export function openErase(person) {
  const page = state.pages.people;
  page.erasing = person;
  page.eraseError = null;
  page.notice = null;
  peopleView.renderNotice();
  ui.eraseInput.value = '';
  renderEraseDialog();
  if (typeof ui.eraseDialog.showModal === 'function') {
    if (!ui.eraseDialog.open) ui.eraseDialog.showModal();
  } else {
    ui.eraseDialog.setAttribute('open', '');
  }
  ui.eraseInput.focus();
}

export function renderEraseDialog() {
  const page = state.pages.people;
  const person = page.erasing;
  if (!person) return;
  const label = personLabel(person);
  ui.eraseWho.replaceChildren(
    ...[
      el('bdi', { class: 'erase-label', dir: 'auto', 'data-testid': 'erase-label' }, label),
      person.channelId ? el('span', { class: 'muted' }, ` · ${channelName(person.channelId)}`) : null,
    ].filter(present),
  );
  ui.eraseInputLabel.textContent = t('people.eraseType', { label: isolate(label) });
  renderFormError(ui.eraseError, page.eraseError);
  updateEraseButton();
}

export function updateEraseButton() {
  const page = state.pages.people;
  ui.eraseConfirm.disabled = page.busy || !page.erasing || !labelMatches(ui.eraseInput.value, personLabel(page.erasing));
  ui.eraseCancel.disabled = page.busy;
}

export function closeErase() {
  if (state.pages.people.busy) return;
  if (ui.eraseDialog.open) {
    if (typeof ui.eraseDialog.close === 'function') ui.eraseDialog.close();
    else ui.eraseDialog.removeAttribute('open');
  }
}

/** The dialog closed (Cancel, Escape or done): focus back where it makes sense. */
export function onEraseClosed() {
  const page = state.pages.people;
  const person = page.erasing;
  page.erasing = null;
  page.eraseError = null;
  ui.eraseInput.value = '';
  if (page.notice && page.notice.key === 'people.erased') {
    ui.eraseDone.focus();
    return;
  }
  const button = person && /** @type {HTMLElement | null} */ (ui.peopleList.querySelector(`[data-key="${CSS.escape(person.key)}"] [data-role="erase"]`));
  if (button) button.focus();
  else ui.peopleSearch.focus();
}

/** @param {Event} event */
export async function confirmErase(event) {
  event.preventDefault();
  const page = state.pages.people;
  const person = page.erasing;
  if (!person || page.busy || !labelMatches(ui.eraseInput.value, personLabel(person))) return;
  page.busy = true;
  page.eraseError = null;
  renderFormError(ui.eraseError, null);
  updateEraseButton();
  try {
    // A mentor talking with the person now: the server says so first; a second press erases anyway.
    const body = page.eraseActive === person.key ? { confirm: true, confirmActive: true } : { confirm: true };
    /** @type {import('../../../consoleApi').EraseResponse | null} */
    const data = await api('POST', `/people/${encodeURIComponent(person.key)}/erase`, body);
    page.eraseActive = null;
    /** @type {Partial<import('../../../consoleApi').EraseResponse['erased']>} */
    const erased = (data && data.erased) || {};
    page.items = page.items.filter((p) => p.key !== person.key);
    page.notice = {
      key: 'people.erased',
      kind: 'ok',
      vars: {
        label: isolate(personLabel(person)),
        stateKeys: count(erased.stateKeys),
        transcripts: count(erased.transcripts),
        handoffs: count(erased.handoffs),
      },
    };
    // What other pages showed of this person is out of date now.
    state.pages.transcripts.loaded = false;
    state.pages.transcript.data = null;
    refreshLists();
    page.busy = false;
    peopleView.redraw();
    peopleView.renderStatus();
    peopleView.renderNotice();
    closeErase();
  } catch (caught) {
    const error = asApiError(caught);
    page.busy = false;
    if (error.status === 401) return;
    if (!(error instanceof ApiError)) console.error(error);
    if (error.status === 409 && error.code === 'talking-with-mentor') page.eraseActive = person.key;
    page.eraseError =
      error.status === 409 && error.code === 'talking-with-mentor'
        ? 'people.eraseTalking'
        : error.status === 404 ? 'errors.personNotFound' : error.status === 403 ? 'errors.forbidden' : error.status === 0 ? 'errors.network' : 'errors.generic';
    renderFormError(ui.eraseError, page.eraseError);
    updateEraseButton();
  }
}
