// @ts-check

import { api, ApiError, handoffPath, postClose } from '../api.js';
import { clearBanner } from '../banner.js';
import { CLOSE_OUTCOMES } from '../constants.js';
import { el, show } from '../dom.js';
import { ui } from '../elements.js';
import { reportError } from '../errors.js';
import { mergeHandoff, refreshConversation, refreshLists, send } from './actions.js';
import { offerNext } from './nextOffer.js';
import { state } from '../state.js';
import { t } from '../texts.js';
import { dayBefore } from '../format.js';

/** How far ahead the date input offers a follow-up day (the server checks the real bound). */
const FOLLOW_UP_MAX_DAYS = 120;

/** The follow-up day field of the close form (index.html), shown for the outcome "follow-up" only. */
function followUpParts() {
  const field = document.getElementById('close-follow-up-field');
  const input = document.getElementById('close-follow-up');
  if (!(field instanceof HTMLElement) || !(input instanceof HTMLInputElement)) throw new Error('closeForm.js: index.html has no #close-follow-up');
  return { field, input };
}

/** Shows the day field when the outcome is "follow-up", from today on. */
export function updateFollowUpField() {
  const { field, input } = followUpParts();
  const asked = ui.closeOutcome.value === 'follow-up';
  show(field, asked);
  input.required = asked;
  input.min = dayBefore(0);
  input.max = dayBefore(-FOLLOW_UP_MAX_DAYS);
}

/** @param {Event} event */
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
  const followUpInput = followUpParts().input;
  const followUp = outcome === 'follow-up' ? followUpInput.value : '';
  if (outcome === 'follow-up' && (!followUp || followUp < followUpInput.min)) {
    setCloseError(followUp ? 'errors.followUpBad' : 'errors.followUpRequired');
    followUpInput.focus();
    return;
  }
  setCloseError(null);
  const note = ui.closeNote.value.trim();
  /** @type {import('../api.js').CloseRequest} */
  const body = { outcome, ...(note ? { note } : {}), ...(followUp ? { followUp } : {}) };
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
    // The day was refused (past, too far ahead, not a day): said at the field, not in the banner.
    if (error instanceof ApiError && error.status === 400 && typeof error.code === 'string' && error.code.startsWith('follow-up-')) {
      setCloseError('errors.followUpBad');
      followUpInput.focus();
    } else {
      reportError(error);
    }
  } finally {
    ui.closeConfirm.disabled = false;
  }
}

/** @param {string | null} key */
export function setCloseError(key) {
  state.closeError = key ? { key } : null;
  renderCloseError();
}

export function renderCloseError() {
  show(ui.closeError, !!state.closeError);
  ui.closeError.textContent = state.closeError ? t(state.closeError.key) : '';
  const followUpError = !!state.closeError && String(state.closeError.key).startsWith('errors.followUp');
  ui.closeOutcome.setAttribute('aria-invalid', state.closeError && !followUpError ? 'true' : 'false');
  followUpParts().input.setAttribute('aria-invalid', followUpError ? 'true' : 'false');
}

export function fillCloseOutcomes() {
  const selected = ui.closeOutcome.value;
  ui.closeOutcome.replaceChildren(
    el('option', { value: '' }, t('close.choose')),
    ...CLOSE_OUTCOMES.map((outcome) => el('option', { value: outcome }, t(`close.outcomes.${outcome}`))),
  );
  ui.closeOutcome.value = selected;
  renderDraftWarning(); // the language changed
}

/**
 * A message typed in the box and not sent goes when the conversation is closed: the form says so
 * while there is one, with a button to send it first. Made once, in the form above its fields.
 */
function draftWarning() {
  let box = document.getElementById('close-draft');
  if (box) return box;
  const sendFirst = el('button', { type: 'button', class: 'button secondary', id: 'close-send-first', 'data-testid': 'close-send-first' }, t('close.sendFirst'));
  box = el(
    'div',
    { class: 'close-draft', id: 'close-draft', 'data-testid': 'close-draft', hidden: true },
    el('p', { id: 'close-draft-text' }, t('close.draftWarning')),
    sendFirst,
  );
  sendFirst.addEventListener('click', () => {
    hideCloseForm();
    ui.messageInput.focus();
    void send();
  });
  ui.messageInput.addEventListener('input', renderDraftWarning);
  const title = ui.closeForm.querySelector('h3');
  if (title) title.after(box);
  else ui.closeForm.prepend(box);
  return box;
}

/** Shown while the close form is open and the box holds a message; read with the outcome field. */
export function renderDraftWarning() {
  const box = draftWarning();
  const typed = !ui.closeForm.hidden && ui.messageInput.value.trim() !== '';
  show(box, typed);
  /** @type {HTMLElement} */ (box.querySelector('#close-draft-text')).textContent = t('close.draftWarning');
  /** @type {HTMLElement} */ (box.querySelector('#close-send-first')).textContent = t('close.sendFirst');
  ui.closeOutcome.setAttribute('aria-describedby', typed ? 'close-draft-text close-error' : 'close-error');
}

export function openCloseForm() {
  ui.closeOutcome.value = '';
  ui.closeNote.value = '';
  followUpParts().input.value = '';
  updateFollowUpField();
  setCloseError(null);
  show(ui.closeForm, true);
  renderDraftWarning();
  ui.closeOpen.setAttribute('aria-expanded', 'true');
  ui.closeOutcome.focus();
}

export function hideCloseForm() {
  if (ui.closeForm.hidden) return;
  show(ui.closeForm, false);
  setCloseError(null);
  renderDraftWarning();
  ui.closeOpen.setAttribute('aria-expanded', 'false');
}
