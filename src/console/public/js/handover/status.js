// @ts-check
/*
 * The mentor's status in the header (available / away / off), kept on the server; and "I am here":
 * now and then, while the mentor uses the page, the server hears of it, so they do not show as away.
 */

import { api } from '../api.js';
import { ACTING_ROLES } from '../constants.js';
import { el, show } from '../dom.js';
import { state } from '../state.js';
import { t } from '../texts.js';

/** @typedef {import('../../../consoleApi').PresenceResponse} PresenceResponse */

export const STATUSES = ['available', 'away', 'off'];
/** At most one "I am here" a minute: the server counts a mentor away only after many minutes. */
const ACTIVITY_EVERY_MS = 60_000;

const picker = () => /** @type {HTMLElement} */ (document.getElementById('status-picker'));
const select = () => /** @type {HTMLSelectElement} */ (document.getElementById('status-select'));

/** @type {{ chosen: string | null, lastActivity: number }} */
const status = { chosen: null, lastActivity: 0 };

const acting = () => !!state.user && ACTING_ROLES.has(state.user.role);

export function renderStatus() {
  show(picker(), acting());
  const node = select();
  const value = status.chosen || node.value || 'available';
  node.replaceChildren(...STATUSES.map((s) => el('option', { value: s }, t(`handover.status.${s}`))));
  node.value = value;
}

/** Signed in: the status as the server has it (asking for it counts as activity). */
export async function startStatus() {
  status.chosen = null;
  status.lastActivity = 0;
  renderStatus();
  if (!acting()) return;
  try {
    /** @type {PresenceResponse} */
    const presence = await api('POST', '/presence', {});
    status.chosen = presence.chosen;
    status.lastActivity = Date.now();
    renderStatus();
  } catch {
    // The header keeps "available"; the next change tries again.
  }
}

export function stopStatus() {
  status.chosen = null;
  renderStatus();
}

export async function onStatusChange() {
  const node = select();
  const chosen = node.value;
  node.disabled = true;
  try {
    /** @type {PresenceResponse} */
    const presence = await api('POST', '/presence', { status: chosen });
    status.chosen = presence.chosen;
    status.lastActivity = Date.now();
  } catch {
    node.value = status.chosen || 'available';
  } finally {
    node.disabled = false;
  }
}

/** A key or a tap on the page: the mentor is here (told to the server at most once a minute). */
export function noteActivity() {
  if (!acting() || Date.now() - status.lastActivity < ACTIVITY_EVERY_MS) return;
  status.lastActivity = Date.now();
  api('POST', '/presence', {}).catch(() => undefined);
}
