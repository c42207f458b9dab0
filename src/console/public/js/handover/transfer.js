// @ts-check
/*
 * "Hand over": the mentor talking with a person picks a colleague who speaks the person's language;
 * each colleague shows their status and load. The server changes the mentor at once and tells the
 * person the new name; both consoles follow through the live updates.
 */

import { api, handoffPath } from '../api.js';
import { el, show } from '../dom.js';
import { formatNumber } from '../format.js';
import { state } from '../state.js';
import { t } from '../texts.js';
import { LatestLoad } from '../latestLoad.js';

/**
 * @typedef {import('../../../consoleApi').Colleague} Colleague
 * @typedef {import('../../../consoleApi').ColleagueList} ColleagueList
 */

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const ui = {
  get open() { return /** @type {HTMLButtonElement} */ (byId('transfer-open')); },
  get panel() { return byId('transfer-panel'); },
  get list() { return byId('transfer-list'); },
  get empty() { return byId('transfer-empty'); },
  get error() { return byId('transfer-error'); },
  get draft() { return byId('transfer-draft'); },
};

/**
 * @type {{ handoffId: string | null, colleagues: Colleague[], loading: boolean, error: string | null, errorVars: Record<string, unknown>,
 *   loads: import('../latestLoad.js').LatestLoad, askAway: Colleague | null }}
 */
const panel = { handoffId: null, colleagues: [], loading: false, error: null, errorVars: {}, loads: new LatestLoad(), askAway: null };

/** The last hand-over from this page, said at the top of that conversation while it stays open. */
/** @type {{ handoffId: string, name: string } | null} */
let handedOver = null;

/** Called when the conversation's actions are drawn: the button only for the mentor talking. */
/** @param {{ id: string }} handoff @param {boolean} writable */
export function renderTransferAction(handoff, writable) {
  show(ui.open, writable);
  if (!writable || (panel.handoffId && panel.handoffId !== handoff.id)) hideTransfer();
  if (handedOver && (handedOver.handoffId !== handoff.id || writable)) handedOver = null;
  renderHandedOver();
}

/**
 * "Handed over to Karim": in the conversation's header (sticky on a phone), so it is seen where the
 * mentor's finger was, and read out. Made once; a live region must be in the page before it speaks.
 */
function handedOverStatus() {
  let node = document.getElementById('handed-over');
  if (node) return node;
  node = el('p', { class: 'handed-over', id: 'handed-over', 'data-testid': 'handed-over', role: 'status', tabindex: '-1', hidden: true });
  const head = document.querySelector('#conversation .conv-head');
  if (head) head.append(node);
  return node;
}

function renderHandedOver() {
  const node = handedOverStatus();
  const shown = !!handedOver && state.openId === handedOver.handoffId;
  const text = shown && handedOver ? t('handover.done', { name: '\u0000' }).split('\u0000') : null;
  if (text && handedOver) node.replaceChildren(text[0], el('bdi', {}, handedOver.name), text[1] || '');
  else node.replaceChildren();
  show(node, shown);
}

export function hideTransfer(refocus = false) {
  panel.handoffId = null;
  panel.askAway = null;
  panel.loads.drop();
  if (ui.panel.hidden) return;
  show(ui.panel, false);
  ui.open.setAttribute('aria-expanded', 'false');
  if (refocus && !ui.open.hidden) ui.open.focus();
}

export async function openTransfer() {
  const handoff = state.detail && state.detail.handoff;
  if (!handoff) return;
  if (!ui.panel.hidden) {
    hideTransfer(true);
    return;
  }
  panel.handoffId = handoff.id;
  panel.colleagues = [];
  panel.error = null;
  panel.loading = true;
  show(ui.panel, true);
  ui.open.setAttribute('aria-expanded', 'true');
  renderTransfer();
  const current = panel.loads.start();
  try {
    /** @type {ColleagueList} */
    const data = await api('GET', `/colleagues?language=${encodeURIComponent(handoff.language)}`);
    if (!current()) return;
    panel.colleagues = Array.isArray(data && data.items) ? data.items : [];
  } catch {
    if (!current()) return;
    panel.error = 'errors.generic';
  }
  panel.loading = false;
  renderTransfer();
  const first = /** @type {HTMLElement | null} */ (ui.list.querySelector('button:not([disabled])'));
  (first || /** @type {HTMLElement} */ (byId('transfer-cancel'))).focus();
}

/** @param {Colleague} colleague */
function colleagueLine(colleague) {
  const status = t(`handover.status.${colleague.status}`);
  const load = typeof colleague.capacity === 'number'
    ? t('handover.loadOf', { count: colleague.active, capacity: formatNumber(colleague.capacity) })
    : t('handover.load', { count: colleague.active });
  const why = colleague.status === 'off' ? t('handover.cannotOff') : colleague.atCapacity ? t('handover.cannotFull') : '';
  return el(
    'li',
    { class: 'colleague', 'data-testid': 'colleague', 'data-status': colleague.status },
    el(
      'button',
      { type: 'button', class: 'button secondary colleague-pick', 'data-colleague-id': colleague.id, disabled: !!why },
      el('bdi', { class: 'colleague-name' }, colleague.firstName),
      el('span', { class: `chip chip-presence presence-${colleague.status}`, 'data-testid': 'colleague-status' }, status),
      el('span', { class: 'colleague-load' }, load),
      why ? el('span', { class: 'colleague-why' }, why) : null,
    ),
  );
}

/** "Karim is away. Hand over anyway?", in place of the list, after picking someone who is away. */
function awayQuestion(/** @type {Colleague} */ colleague) {
  const [before, after = ''] = t('handover.awayQuestion', { name: '\u0000' }).split('\u0000');
  return el(
    'li',
    { class: 'away-question', 'data-testid': 'away-question' },
    el('p', { id: 'away-question-text' }, before, el('bdi', {}, colleague.firstName), after),
    el(
      'div',
      { class: 'form-buttons' },
      el('button', { type: 'button', class: 'button primary', 'data-colleague-id': colleague.id, 'data-confirmed': 'true', 'data-testid': 'away-yes', 'aria-describedby': 'away-question-text' }, t('handover.transferAnyway')),
      el('button', { type: 'button', class: 'button secondary', 'data-away-no': 'true', 'data-testid': 'away-no' }, t('handover.notNow')),
    ),
  );
}

export function renderTransfer() {
  if (ui.panel.hidden) return;
  // A message typed and not sent cannot be sent after the hand-over: said while there is one.
  const input = document.getElementById('message-input');
  show(ui.draft, input instanceof HTMLTextAreaElement && input.value.trim() !== '');
  ui.list.replaceChildren(...(panel.askAway ? [awayQuestion(panel.askAway)] : panel.colleagues.map(colleagueLine)));
  const handoff = state.detail && state.detail.handoff;
  const none = !panel.loading && !panel.error && panel.colleagues.length === 0;
  ui.empty.textContent = panel.loading ? t('app.loading') : none && handoff ? t('handover.noColleagues') : '';
  show(ui.empty, panel.loading || none);
  ui.error.textContent = panel.error ? t(panel.error, panel.errorVars) : '';
  show(ui.error, !!panel.error);
}

/** A click in the list: hands the person to that colleague. */
/** @param {MouseEvent} event */
export async function onTransferClick(event) {
  if (event.target instanceof Element && event.target.closest('[data-away-no]')) {
    const away = panel.askAway;
    panel.askAway = null;
    renderTransfer();
    const again = away && /** @type {HTMLElement | null} */ (ui.list.querySelector(`[data-colleague-id="${CSS.escape(away.id)}"]`));
    if (again) again.focus();
    return;
  }
  const button = event.target instanceof Element ? /** @type {HTMLButtonElement | null} */ (event.target.closest('[data-colleague-id]')) : null;
  const id = panel.handoffId;
  if (!button || !id || button.disabled) return;
  const to = button.dataset.colleagueId || '';
  const colleague = panel.colleagues.find((c) => c.id === to);
  const name = colleague ? colleague.firstName : '';
  // Someone away may not see the person soon: asked once before handing over.
  if (colleague && colleague.status === 'away' && button.dataset.confirmed !== 'true') {
    panel.askAway = colleague;
    renderTransfer();
    /** @type {HTMLElement | null} */ (ui.list.querySelector('[data-testid="away-no"]'))?.focus();
    return;
  }
  for (const node of ui.list.querySelectorAll('button')) /** @type {HTMLButtonElement} */ (node).disabled = true;
  try {
    await api('POST', handoffPath(id, 'transfer'), { to });
    hideTransfer();
    handedOver = { handoffId: id, name };
    transferred.done(id, name);
    renderHandedOver();
    // The buttons that had the focus are gone: it goes to the news, which is read out.
    handedOverStatus().focus({ preventScroll: true });
  } catch (error) {
    const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
    panel.error = TRANSFER_ERRORS[code] || 'errors.generic';
    panel.errorVars = { name };
    renderTransfer();
    for (const node of ui.list.querySelectorAll('button')) /** @type {HTMLButtonElement} */ (node).disabled = false;
  }
}

/** @type {Record<string, string>} */
const TRANSFER_ERRORS = {
  'colleague-off': 'handover.errors.colleagueOff',
  'colleague-at-capacity': 'handover.errors.colleagueFull',
  'no-language': 'handover.errors.noLanguage',
  'no-colleague': 'handover.errors.noColleague',
  'not-yours': 'errors.notYours',
  'not-allowed': 'errors.changed',
};

/** What happens after a hand-over (set by index.js, so this module needs none of the mentor page). */
/** @type {{ done: (id: string, name: string) => void }} */
export const transferred = { done: () => {} };
