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
};

/** @type {{ handoffId: string | null, colleagues: Colleague[], loading: boolean, error: string | null, errorVars: Record<string, unknown>, loads: import('../latestLoad.js').LatestLoad }} */
const panel = { handoffId: null, colleagues: [], loading: false, error: null, errorVars: {}, loads: new LatestLoad() };

/** Called when the conversation's actions are drawn: the button only for the mentor talking. */
/** @param {{ id: string }} handoff @param {boolean} writable */
export function renderTransferAction(handoff, writable) {
  show(ui.open, writable);
  if (!writable || (panel.handoffId && panel.handoffId !== handoff.id)) hideTransfer();
}

export function hideTransfer(refocus = false) {
  panel.handoffId = null;
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

export function renderTransfer() {
  if (ui.panel.hidden) return;
  ui.list.replaceChildren(...panel.colleagues.map(colleagueLine));
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
  const button = event.target instanceof Element ? /** @type {HTMLButtonElement | null} */ (event.target.closest('[data-colleague-id]')) : null;
  const id = panel.handoffId;
  if (!button || !id || button.disabled) return;
  const to = button.dataset.colleagueId || '';
  const name = (panel.colleagues.find((c) => c.id === to) || { firstName: '' }).firstName;
  for (const node of ui.list.querySelectorAll('button')) /** @type {HTMLButtonElement} */ (node).disabled = true;
  try {
    await api('POST', handoffPath(id, 'transfer'), { to });
    hideTransfer();
    transferred.done(id, name);
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
