// @ts-check
/*
 * How a person's handoffs ended, drawn the same way in the conversation pane (their earlier
 * handoffs, for the mentor who takes them) and in a transcript (the handoffs of that conversation):
 * when and with whom, the close outcome, the mentor's note, the person's rating, an open follow-up
 * and the mentors' private notes.
 */

import { chip, el } from './dom.js';
import { formatDateTime, formatDay, formatNumber, valueText } from './format.js';
import { t } from './texts.js';

/** @typedef {import('../../consoleApi').HistoryItem} HistoryItem */
/** @typedef {import('../../consoleApi').PrivateNoteView} PrivateNoteView */

/** @param {PrivateNoteView} note */
export function privateNoteItem(note) {
  return el(
    'li',
    { class: 'private-note', 'data-testid': 'private-note' },
    el('p', { class: 'private-note-text', dir: 'auto' }, note.text),
    el('p', { class: 'muted small' }, el('bdi', {}, t('notes.by', { name: note.mentorName, date: formatDateTime(note.at) }))),
  );
}

/**
 * @param {HistoryItem} item
 * @param {{ link?: boolean }} [options] link: a link to the conversation in the Transcripts page
 */
export function historyEntry(item, { link = false } = {}) {
  const when = formatDateTime(item.closedAt || item.createdAt);
  const heading = item.mentor ? t('history.when', { date: when, mentor: item.mentor }) : t('history.noMentor', { date: when });
  const facts = [];
  facts.push(chip(valueText(`status.${item.status}`, item.status), `chip-status status-${item.status}`));
  if (item.closeOutcome) {
    facts.push(chip(t('closed.outcome', { outcome: valueText(`close.outcomes.${item.closeOutcome}`, item.closeOutcome) }), 'chip-outcome'));
  }
  if (typeof item.rating === 'number') facts.push(chip(t('closed.rating', { rating: formatNumber(item.rating) })));
  if (item.followUp) facts.push(chip(t('history.followUp', { date: formatDay(item.followUp) }), 'chip-follow-up'));
  const notes = Array.isArray(item.notes) ? item.notes : [];
  return el(
    'li',
    { class: 'history-item', 'data-testid': 'history-item', 'data-handoff-id': item.id, 'data-close-outcome': item.closeOutcome || '' },
    el('p', { class: 'history-when' }, el('bdi', {}, heading)),
    el('p', { class: 'chips' }, facts),
    item.note ? el('p', { class: 'history-note', 'data-testid': 'history-note', dir: 'auto' }, t('closed.note', { note: item.note })) : null,
    notes.length
      ? el('div', { class: 'history-private' }, el('p', { class: 'muted small' }, t('notes.title')), el('ul', { class: 'plain-list notes-list' }, notes.map(privateNoteItem)))
      : null,
    link ? el('a', { href: `#/transcripts/${encodeURIComponent(item.transcriptId)}` }, t('history.open')) : null,
  );
}

/**
 * @param {HistoryItem[]} items
 * @param {string} emptyKey
 * @param {{ link?: boolean }} [options]
 */
export function historyNodes(items, emptyKey, options = {}) {
  if (!items.length) return [el('p', { class: 'muted', 'data-testid': 'history-empty' }, t(emptyKey))];
  return [el('ul', { class: 'plain-list history-list' }, items.map((item) => historyEntry(item, options)))];
}
