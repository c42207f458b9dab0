// @ts-check
/*
 * What a mentor remembers in the conversation pane: the person's earlier handoffs (history) and
 * private notes on this one. Private notes go only to the server's notes store: never to the person.
 * The elements are looked up here (index.html: #history-panel, #notes-panel), so the pane's shared
 * modules need only call renderMemory().
 */

import { api, asApiError } from '../api.js';
import { ACTING_ROLES } from '../constants.js';
import { el, show } from '../dom.js';
import { reportError } from '../errors.js';
import { historyNodes, privateNoteItem } from '../history.js';
import { state } from '../state.js';
import { t } from '../texts.js';
import { LatestLoad } from '../latestLoad.js';

/** @typedef {import('../../../consoleApi').HistoryItem} HistoryItem */
/** @typedef {import('../../../consoleApi').PrivateNoteView} PrivateNoteView */

const memory = {
  /** The handoff (and status) the panels were loaded for. @type {string | null} */ key: null,
  /** @type {HistoryItem[] | null} */ history: null,
  /** @type {PrivateNoteView[] | null} */ notes: null,
  /** @type {string | null} */ error: null,
  loads: new LatestLoad(),
  busy: false,
};

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T }} type
 * @returns {T}
 */
function byId(id, type) {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`memory.js: index.html has no ${type.name} #${id}`);
  return node;
}

const parts = () => ({
  historyPanel: byId('history-panel', HTMLElement),
  historyContent: byId('history-content', HTMLElement),
  notesPanel: byId('notes-panel', HTMLElement),
  notesList: byId('notes-list', HTMLUListElement),
  notesForm: byId('notes-form', HTMLFormElement),
  notesInput: byId('notes-input', HTMLTextAreaElement),
  notesError: byId('notes-error', HTMLElement),
  notesAdd: byId('notes-add', HTMLButtonElement),
});

/** A mentor previewing a waiting person reads neither (the server says the same); staff and admins read both. */
/** @param {{ status: string }} handoff */
const mayRead = (handoff) => !!state.user && (state.user.role !== 'mentor' || handoff.status !== 'waiting');

/** Draws the panels for the open conversation, loading them when it is another one (or its status changed). */
/** @param {import('../state.js').OpenHandoff} handoff */
export function renderMemory(handoff) {
  const ui = parts();
  const key = `${handoff.id}|${handoff.status}`;
  if (!mayRead(handoff)) {
    memory.key = key;
    memory.history = null;
    memory.notes = null;
  } else if (memory.key !== key) {
    // Another person: nothing of the one before stays on screen while theirs loads.
    if (!memory.key || !memory.key.startsWith(`${handoff.id}|`)) {
      memory.history = null;
      memory.notes = null;
      memory.error = null;
    }
    memory.key = key;
    load(handoff.id, key);
  }
  show(ui.historyPanel, memory.history !== null);
  show(ui.notesPanel, memory.notes !== null);
  if (memory.history) ui.historyContent.replaceChildren(...historyNodes(memory.history, 'history.empty', { link: true }));
  if (memory.notes) {
    ui.notesList.replaceChildren(...(memory.notes.length ? memory.notes.map(privateNoteItem) : [el('li', { class: 'muted' }, t('notes.empty'))]));
  }
  show(ui.notesForm, !!state.user && ACTING_ROLES.has(state.user.role));
  ui.notesError.textContent = memory.error ? t(memory.error) : '';
  show(ui.notesError, !!memory.error);
  ui.notesInput.setAttribute('aria-invalid', memory.error ? 'true' : 'false');
  ui.historyPanel.toggleAttribute('open', !!memory.history && memory.history.length > 0);
}

/** @param {string} id @param {string} key */
async function load(id, key) {
  const current = memory.loads.start();
  try {
    const [history, notes] = await Promise.all([
      /** @type {Promise<import('../../../consoleApi').HistoryResponse | null>} */ (api('GET', `/handoffs/${encodeURIComponent(id)}/history`)),
      /** @type {Promise<import('../../../consoleApi').NotesResponse | null>} */ (api('GET', `/handoffs/${encodeURIComponent(id)}/notes`)),
    ]);
    if (!current() || memory.key !== key) return;
    memory.history = history && Array.isArray(history.items) ? history.items : [];
    memory.notes = notes && Array.isArray(notes.notes) ? notes.notes : [];
  } catch (caught) {
    const error = asApiError(caught);
    if (!current()) return;
    memory.history = null;
    memory.notes = null;
    if (error.status !== 403 && error.status !== 404) reportError(caught, 'errors.generic', { refresh: false });
  }
  if (state.detail && state.detail.handoff.id === id) renderMemory(state.detail.handoff);
}

/** "Add note": kept with the handoff for mentors and staff, never sent to the person. */
/** @param {Event} event */
export async function submitNote(event) {
  event.preventDefault();
  const ui = parts();
  const handoff = state.detail && state.detail.handoff;
  if (!handoff || memory.busy) return;
  const text = ui.notesInput.value.trim();
  memory.error = text ? null : 'notes.required';
  if (!text) {
    renderMemory(handoff);
    ui.notesInput.focus();
    return;
  }
  memory.busy = true;
  ui.notesAdd.disabled = true;
  try {
    /** @type {import('../../../consoleApi').NoteResponse | null} */
    const data = await api('POST', `/handoffs/${encodeURIComponent(handoff.id)}/notes`, { text });
    if (data && data.note && state.detail && state.detail.handoff.id === handoff.id) {
      memory.notes = [...(memory.notes || []), data.note];
      ui.notesInput.value = '';
    }
  } catch (error) {
    reportError(error, 'errors.generic', { refresh: false });
  } finally {
    memory.busy = false;
    ui.notesAdd.disabled = false;
  }
  if (state.detail) renderMemory(state.detail.handoff);
}

export function bindMemory() {
  const ui = parts();
  ui.notesForm.addEventListener('submit', submitNote);
  ui.notesInput.addEventListener('input', () => {
    if (memory.error && ui.notesInput.value.trim()) {
      memory.error = null;
      if (state.detail) renderMemory(state.detail.handoff);
    }
  });
}

/** Hides both panels while another conversation loads. */
export function hideMemory() {
  const ui = parts();
  show(ui.historyPanel, false);
  show(ui.notesPanel, false);
}

/** Forgets what was shown (at sign-out, or when the pane closes). */
export function clearMemory() {
  memory.key = null;
  memory.history = null;
  memory.notes = null;
  memory.error = null;
  memory.loads.drop();
}
