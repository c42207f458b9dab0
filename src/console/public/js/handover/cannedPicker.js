// @ts-check
/*
 * Canned replies in the reply box: "/" at the start of a line opens a list of the replies staff wrote
 * (typing after it filters by title); arrows move, Enter or a click inserts the reply in the person's
 * language, Escape closes. A reply not written in that language is shown, and says so.
 * The box keeps the focus (aria-activedescendant names the option in view), as a combobox's list does.
 */

import { api } from '../api.js';
import { LANGUAGE_NAMES, RTL_LANGUAGES } from '../constants.js';
import { el, show } from '../dom.js';
import { state } from '../state.js';
import { t } from '../texts.js';
import { LatestLoad } from '../latestLoad.js';

/**
 * @typedef {import('../../../consoleApi').CannedReply} CannedReply
 * @typedef {import('../../../consoleApi').CannedReplyList} CannedReplyList
 */

/** The list is asked for again after this long (staff may have added one). */
const FRESH_MS = 60_000;
/** "/" and what follows it on the line, up to the caret: the filter. */
const TRIGGER = /(^|\n)\/([^\n/]{0,40})$/;

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = () => /** @type {HTMLTextAreaElement} */ (byId('message-input'));

/** @type {{ replies: CannedReply[], loadedAt: number, open: boolean, query: string, start: number, active: number, loads: import('../latestLoad.js').LatestLoad }} */
const picker = { replies: [], loadedAt: 0, open: false, query: '', start: 0, active: 0, loads: new LatestLoad() };

const personLanguage = () => (state.detail && state.detail.handoff.language) || '';

/** @param {CannedReply} reply */
function titleOf(reply) {
  const texts = /** @type {Record<string, { title: string, text: string } | undefined>} */ (reply.texts);
  const own = texts[state.lang] || texts[personLanguage()] || Object.values(texts).find(Boolean);
  return own ? own.title : '';
}

/** @param {CannedReply} reply @returns {string | null} the text in the person's language, if there is one */
function textFor(reply) {
  const texts = /** @type {Record<string, { title: string, text: string } | undefined>} */ (reply.texts);
  const own = texts[personLanguage()];
  return own ? own.text : null;
}

function matching() {
  const q = picker.query.trim().toLocaleLowerCase();
  if (!q) return picker.replies;
  return picker.replies.filter((r) => Object.values(r.texts).some((x) => x && x.title.toLocaleLowerCase().includes(q)));
}

async function load() {
  if (Date.now() - picker.loadedAt < FRESH_MS) return;
  const current = picker.loads.start();
  try {
    /** @type {CannedReplyList} */
    const data = await api('GET', '/canned-replies');
    if (!current()) return;
    picker.replies = Array.isArray(data && data.items) ? data.items : [];
    picker.loadedAt = Date.now();
  } catch {
    picker.replies = [];
  }
  render();
}

function render() {
  const list = byId('canned-list');
  const box = input();
  show(byId('canned-picker'), picker.open);
  if (!picker.open) {
    list.replaceChildren();
    box.removeAttribute('aria-activedescendant');
    return;
  }
  const items = matching();
  picker.active = Math.min(picker.active, Math.max(0, items.length - 1));
  const lang = personLanguage();
  const languageName = LANGUAGE_NAMES.get(lang) || lang;
  byId('canned-head').textContent = t('handover.repliesIn', { language: languageName });
  list.replaceChildren(
    ...items.map((reply, index) => {
      const text = textFor(reply);
      return el(
        'li',
        {
          id: `canned-${reply.id}`,
          class: `canned-option${index === picker.active ? ' active' : ''}${text === null ? ' missing' : ''}`,
          role: 'option',
          'aria-selected': index === picker.active ? 'true' : 'false',
          'aria-disabled': text === null ? 'true' : null,
          'data-testid': 'canned-option',
          'data-reply-id': reply.id,
        },
        el('bdi', { class: 'canned-title' }, titleOf(reply)),
        text === null
          ? el('span', { class: 'canned-text' }, t('handover.replyMissing', { language: languageName }))
          : el('span', { class: 'canned-text', lang, dir: RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr' }, text),
      );
    }),
  );
  if (items.length === 0) list.append(el('li', { class: 'canned-none', role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false' }, t(picker.replies.length ? 'handover.noMatch' : 'handover.noReplies')));
  const active = items[picker.active];
  if (active) {
    box.setAttribute('aria-activedescendant', `canned-${active.id}`);
    const node = document.getElementById(`canned-${active.id}`);
    if (node) node.scrollIntoView({ block: 'nearest' });
  } else {
    box.removeAttribute('aria-activedescendant');
  }
  byId('canned-status').textContent = t('handover.repliesCount', { count: items.length });
}

function close() {
  if (!picker.open) return;
  picker.open = false;
  picker.query = '';
  render();
  byId('canned-status').textContent = '';
}

/** After each change in the box: open, filter or close the list by what stands before the caret. */
export function onComposeInput() {
  const box = input();
  const before = box.value.slice(0, box.selectionStart ?? box.value.length);
  const found = TRIGGER.exec(before);
  if (!found || !state.detail) {
    close();
    return;
  }
  const wasOpen = picker.open;
  picker.open = true;
  picker.query = found[2];
  picker.start = before.length - found[2].length - 1;
  if (!wasOpen) picker.active = 0;
  render();
  load();
}

/** @param {CannedReply | undefined} reply */
function insert(reply) {
  if (!reply) return;
  const text = textFor(reply);
  if (text === null) {
    byId('canned-status').textContent = t('handover.replyMissing', { language: LANGUAGE_NAMES.get(personLanguage()) || personLanguage() });
    return;
  }
  const box = input();
  const end = box.selectionStart ?? box.value.length;
  box.value = box.value.slice(0, picker.start) + text + box.value.slice(end);
  const caret = picker.start + text.length;
  box.setSelectionRange(caret, caret);
  close();
  byId('canned-status').textContent = t('handover.inserted', { title: titleOf(reply) });
  box.focus();
}

/** Keys while the list is open (listened to before the box's own Enter-sends). */
/** @param {KeyboardEvent} event */
export function onComposeKeydown(event) {
  if (!picker.open || event.target !== input() || event.isComposing) return;
  const items = matching();
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    if (items.length === 0) return;
    picker.active = (picker.active + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
    render();
  } else if (event.key === 'Enter' && !event.shiftKey) {
    insert(items[picker.active]);
  } else if (event.key === 'Escape') {
    close();
  } else {
    return;
  }
  event.preventDefault();
  event.stopPropagation();
}

/** A click on an option inserts it. */
/** @param {MouseEvent} event */
export function onCannedClick(event) {
  const option = event.target instanceof Element ? /** @type {HTMLElement | null} */ (event.target.closest('[data-reply-id]')) : null;
  if (!option) return;
  insert(picker.replies.find((r) => r.id === option.dataset.replyId));
}

/** The open conversation changed or the page signs out: the list closes. */
export function closeCanned() {
  close();
}

export function renderCanned() {
  if (picker.open) render();
}
