// @ts-check

import { CHANNELS, CLOSE_OUTCOMES, LANGUAGES, OUTCOMES, RTL_LANGUAGES } from '../constants.js';
import { chip, el, languageChip, show } from '../dom.js';
import { ui } from '../elements.js';
import { channelName, count, formatDateTime, formatList, formatNumber, personName, queryString, valueText } from '../format.js';
import { badRange, loadPage, renderFormError } from './common.js';
import { state } from '../state.js';
import { t } from '../texts.js';

export function fillFilterSelects() {
  /** @param {HTMLSelectElement} select @param {HTMLOptionElement[]} options */
  const fill = (select, options) => {
    const selected = select.value;
    select.replaceChildren(el('option', { value: '' }, t('filters.all')), ...options);
    select.value = selected;
    if (select.value !== selected) select.value = '';
  };
  fill(ui.tfChannel, CHANNELS.map((id) => el('option', { value: id }, channelName(id))));
  fill(
    ui.tfLanguage,
    LANGUAGES.map(([code, name]) => el('option', { value: code, lang: code, dir: RTL_LANGUAGES.has(code) ? 'rtl' : 'ltr' }, name)),
  );
  fill(ui.tfOutcome, OUTCOMES.map((outcome) => el('option', { value: outcome }, t(`outcomes.${outcome}`))));
  fill(closeOutcomeSelect(), CLOSE_OUTCOMES.map((outcome) => el('option', { value: outcome }, t(`close.outcomes.${outcome}`))));
}

/** How the conversation ended with a mentor (index.html #tf-close-outcome). */
function closeOutcomeSelect() {
  const node = document.getElementById('tf-close-outcome');
  if (!(node instanceof HTMLSelectElement)) throw new Error('transcripts.js: index.html has no #tf-close-outcome');
  return node;
}

export function readTranscriptFilters() {
  return {
    from: ui.tfFrom.value,
    to: ui.tfTo.value,
    channel: ui.tfChannel.value,
    language: ui.tfLanguage.value,
    outcome: ui.tfOutcome.value,
    closeOutcome: closeOutcomeSelect().value,
    mentor: ui.tfMentor.value.trim(),
    q: ui.tfQ.value.trim(),
  };
}

/** @param {SubmitEvent} event */
export function submitTranscriptFilter(event) {
  event.preventDefault();
  const page = state.pages.transcripts;
  const filters = readTranscriptFilters();
  if (badRange(filters)) {
    page.error = 'filters.badRange';
    renderFormError(ui.tfError, page.error);
    ui.tfFrom.focus();
    return;
  }
  page.error = null;
  renderFormError(ui.tfError, null);
  page.filters = filters;
  loadTranscripts();
}

export function clearTranscriptFilter() {
  const page = state.pages.transcripts;
  ui.transcriptFilter.reset();
  page.error = null;
  renderFormError(ui.tfError, null);
  page.filters = {};
  loadTranscripts();
  ui.tfFrom.focus();
}

export async function loadTranscripts({ more = false } = {}) {
  const page = state.pages.transcripts;
  if (more && !page.nextCursor) return;
  const firstNew = more ? page.items.length : 0;
  const params = { ...page.filters, cursor: more ? page.nextCursor : null };
  await loadPage(page, {
    path: `/transcripts${queryString(params)}`,
    buttons: [ui.transcriptMore, ui.tfSubmit],
    renderStatus: renderTranscriptsStatus,
    onData: (/** @type {import('../../../consoleApi').TranscriptList | null} */ data) => {
      const items = (data && Array.isArray(data.items) ? data.items : []).filter((item) => item && typeof item.id === 'string');
      page.items = more ? page.items.concat(items) : items;
      page.nextCursor = data && typeof data.nextCursor === 'string' && data.nextCursor ? data.nextCursor : null;
      page.loaded = true;
      if (more) {
        ui.transcriptList.append(...items.map(transcriptItem));
        const link = ui.transcriptList.children[firstNew] && ui.transcriptList.children[firstNew].querySelector('a');
        if (link) link.focus(); // on to the first new item, for keyboard and screen reader users
      } else {
        ui.transcriptList.replaceChildren(...page.items.map(transcriptItem));
      }
    },
  });
}

export function renderTranscriptsPage() {
  const page = state.pages.transcripts;
  const mentor = !!state.user && state.user.role === 'mentor';
  ui.transcriptsIntro.textContent = t(mentor ? 'transcripts.introMentor' : 'transcripts.intro');
  renderFormError(ui.tfError, page.error);
  if (page.loaded) redrawTranscriptList();
  renderTranscriptsStatus();
}

export function redrawTranscriptList() {
  const focused = ui.transcriptList.contains(document.activeElement) ? /** @type {HTMLElement | null} */ (document.activeElement?.closest('[data-id]') ?? null) : null;
  const id = focused && focused.dataset.id;
  ui.transcriptList.replaceChildren(...state.pages.transcripts.items.map(transcriptItem));
  const again = id && /** @type {HTMLElement | null} */ (ui.transcriptList.querySelector(`[data-id="${CSS.escape(id)}"] a`));
  if (again) again.focus({ preventScroll: true });
}

export function renderTranscriptsStatus() {
  const page = state.pages.transcripts;
  let text = '';
  if (page.loading) text = t('app.loading');
  else if (page.loaded && page.items.length === 0) text = t('transcripts.empty');
  else if (page.loaded) text = t(page.nextCursor ? 'transcripts.shownMore' : 'transcripts.shown', { count: formatNumber(page.items.length) });
  ui.transcriptsStatus.textContent = text;
  show(ui.transcriptMore, !!page.nextCursor);
}

/** @param {import('../../../consoleApi').TranscriptListItem} item */
export function transcriptItem(item) {
  // No first name: the short code the mentor lists show for the same person ("Persoon FD1").
  const name = personName({ firstName: item.person, pseudonym: item.pseudonym });
  const mentors = Array.isArray(item.mentors) ? item.mentors.filter((m) => typeof m === 'string' && m.trim()) : [];
  const snippet = typeof item.snippet === 'string' && item.snippet.trim() ? item.snippet : null;
  // How it ended with a mentor: each handoff's close outcome and the person's rating.
  const closes = (Array.isArray(item.closes) ? item.closes : []).flatMap((close) => [
    close.closeOutcome ? chip(valueText(`close.outcomes.${close.closeOutcome}`, close.closeOutcome), 'chip-close-outcome') : null,
    typeof close.rating === 'number' ? chip(t('closed.rating', { rating: formatNumber(close.rating) }), 'chip-rating') : null,
  ]);
  return el(
    'li',
    { class: 'card result', 'data-testid': 'transcript-item', 'data-id': item.id },
    el(
      'a',
      { class: 'card-open', href: `#/transcripts/${encodeURIComponent(item.id)}` },
      el(
        'span',
        { class: 'card-top' },
        el('bdi', { class: 'card-name', dir: 'auto' }, name),
        el('time', { class: 'since', datetime: item.firstAt || '' }, formatDateTime(item.firstAt)),
      ),
      el(
        'span',
        { class: 'card-line' },
        item.language ? languageChip(item.language) : null,
        item.channelId ? chip(channelName(item.channelId), 'chip-channel') : null,
        item.outcome ? chip(valueText(`outcomes.${item.outcome}`, item.outcome), 'chip-outcome') : null,
      ),
      closes.some(Boolean) ? el('span', { class: 'card-line', 'data-testid': 'transcript-closes' }, closes) : null,
      el(
        'span',
        { class: 'card-line muted' },
        mentors.length ? el('span', { dir: 'auto' }, t('transcripts.mentors', { names: formatList(mentors) })) : null,
        el('span', {}, t('card.messages', { count: formatNumber(count(item.messageCount)) })),
      ),
      snippet ? el('span', { class: 'snippet', dir: 'auto' }, highlighted(snippet, state.pages.transcripts.filters.q)) : null,
    ),
  );
}

/** The text with each place where the search words occur in a <mark>. */
/** @param {string} text @param {string} query */
export function highlighted(text, query) {
  const needle = String(query || '').trim().toLowerCase();
  const lower = text.toLowerCase();
  if (!needle || lower.length !== text.length) return [text];
  const parts = [];
  let at = 0;
  for (let found = lower.indexOf(needle); found !== -1; found = lower.indexOf(needle, at)) {
    if (found > at) parts.push(text.slice(at, found));
    parts.push(el('mark', {}, text.slice(found, found + needle.length)));
    at = found + needle.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
