// @ts-check

import { api, handoffPath, postClose } from '../api.js';
import { clearBanner } from '../chrome.js';
import { CLOSE_OUTCOMES } from '../constants.js';
import { el, show } from '../dom.js';
import { ui } from '../elements.js';
import { reportError } from '../errors.js';
import { mergeHandoff, refreshConversation, refreshLists } from './actions.js';
import { offerNext } from './nextOffer.js';
import { state } from '../state.js';
import { t } from '../texts.js';

export async function submitClose(event) {
  event.preventDefault();
  const id = state.openId;
  if (!id) return;
  const outcome = /** @type {import('../api.js').CloseRequest['outcome']} */ (ui.closeOutcome.value);
  if (!CLOSE_OUTCOMES.includes(outcome)) {
    setCloseError('errors.outcomeRequired');
    ui.closeOutcome.focus();
    return;
  }
  setCloseError(null);
  const note = ui.closeNote.value.trim();
  /** @type {import('../api.js').CloseRequest} */
  const body = note ? { outcome, note } : { outcome };
  ui.closeConfirm.disabled = true;
  try {
    const data = await postClose(id, body);
    clearBanner();
    hideCloseForm();
    offerNext(data && data.next);
    const closed = { status: 'closed', closeOutcome: outcome, ...(note ? { note } : {}) };
    mergeHandoff(id, { ...closed, ...((data && data.handoff) || {}) });
    state.drafts.delete(id);
    if (state.openId === id) {
      ui.messageInput.value = '';
      ui.statusClosed.focus();
    }
    refreshLists();
    refreshConversation();
  } catch (error) {
    reportError(error);
  } finally {
    ui.closeConfirm.disabled = false;
  }
}

export function setCloseError(key) {
  state.closeError = key ? { key } : null;
  renderCloseError();
}

export function renderCloseError() {
  show(ui.closeError, !!state.closeError);
  ui.closeError.textContent = state.closeError ? t(state.closeError.key) : '';
  ui.closeOutcome.setAttribute('aria-invalid', state.closeError ? 'true' : 'false');
}

export function fillCloseOutcomes() {
  const selected = ui.closeOutcome.value;
  ui.closeOutcome.replaceChildren(
    el('option', { value: '' }, t('close.choose')),
    ...CLOSE_OUTCOMES.map((outcome) => el('option', { value: outcome }, t(`close.outcomes.${outcome}`))),
  );
  ui.closeOutcome.value = selected;
}

export function openCloseForm() {
  ui.closeOutcome.value = '';
  ui.closeNote.value = '';
  setCloseError(null);
  show(ui.closeForm, true);
  ui.closeOpen.setAttribute('aria-expanded', 'true');
  ui.closeOutcome.focus();
}

export function hideCloseForm() {
  if (ui.closeForm.hidden) return;
  show(ui.closeForm, false);
  setCloseError(null);
  ui.closeOpen.setAttribute('aria-expanded', 'false');
}
