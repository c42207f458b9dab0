// @ts-check

import { ApiError, api, asApiError } from '../api.js';
import { el, languageChip, show } from '../dom.js';
import { ui } from '../elements.js';
import { formatDateTime, formatNumber, formatPercent, isolate, queryString, valueText } from '../format.js';
import { loadPage, renderFormError } from './common.js';

/** @typedef {import('../../../consoleApi').UnansweredGroup} UnansweredGroup */
import { state } from '../state.js';
import { t } from '../texts.js';

/** @param {SubmitEvent} event */
export function submitQuestions(event) {
  event.preventDefault();
  state.pages.questions.order = ui.questionsOrder.value === 'frequent' ? 'frequent' : 'newest';
  state.pages.questions.done = null;
  loadQuestions();
}

export async function loadQuestions() {
  const page = state.pages.questions;
  await loadPage(page, {
    // The topics' titles come in the staff's language.
    path: `/unanswered${queryString({ order: page.order, lang: state.lang })}`,
    buttons: [ui.questionsSubmit],
    renderStatus: renderQuestionsStatus,
    onData: (/** @type {import('../../../consoleApi').UnansweredList | null} */ data) => {
      page.groups = (data && Array.isArray(data.groups) ? data.groups : []).filter((g) => g && Array.isArray(g.items) && g.items.length > 0);
      page.topics = data && Array.isArray(data.topics) ? data.topics.filter((topic) => typeof topic === 'string') : [];
      const titles = data && typeof data.titles === 'object' && data.titles ? data.titles : {};
      page.titles = Object.fromEntries(page.topics.map((topic) => [topic, typeof titles[topic] === 'string' && titles[topic] ? titles[topic] : topic]));
      page.titlesLang = state.lang;
      page.loaded = true;
      renderQuestions();
    },
  });
}

export function renderQuestionsStatus() {
  const page = state.pages.questions;
  let text = '';
  if (page.loading) text = t('app.loading');
  else if (page.loaded && page.groups.length === 0) text = t('questions.empty');
  else if (page.loaded) text = t('questions.shown', { count: formatNumber(page.groups.length) });
  ui.questionsStatus.textContent = text;
}

/** A topic as staff read it: its title in their language (the id only when no title came). */
/** @param {string} topic */
export function topicTitle(topic) {
  const titles = state.pages.questions.titles;
  return Object.prototype.hasOwnProperty.call(titles, topic) ? titles[topic] : topic;
}

/** One card per group of questions with the same words: the newest wording, how often, in which languages, the bot's guess, and what staff can do. */
/** @param {UnansweredGroup} group @param {number} index */
export function questionCard(group, index) {
  const page = state.pages.questions;
  const newest = group.items[0];
  const guess = newest.guess || {};
  const selectId = `question-topic-${index}`;
  const topicSelect = el(
    'select',
    { id: selectId, 'data-testid': 'question-topic' },
    ...page.topics.map((topic) => el('option', { value: topic, selected: topic === guess.intent ? true : null }, topicTitle(topic))),
  );
  /** @param {'example' | 'out-of-scope' | 'new-answer'} kind @param {string} testId @param {string} key */
  const action = (kind, testId, key, extraClass = '') => {
    const button = el('button', { type: 'button', class: `button${extraClass}`, 'data-testid': testId }, t(key));
    button.addEventListener('click', () => decideQuestion(group, kind, kind === 'example' ? topicSelect.value : null, button));
    return button;
  };
  return el(
    'li',
    { class: 'card question-card', 'data-testid': 'question-group', 'data-count': String(group.count) },
    el('p', { class: 'question-text' }, el('bdi', { dir: 'auto', 'data-testid': 'question-text' }, String(group.text || ''))),
    el(
      'p',
      { class: 'muted' },
      t('questions.asked', { count: formatNumber(group.count) }),
      ' · ',
      ...group.languages.map((lang) => languageChip(lang)),
      ' · ',
      el('time', { datetime: group.lastAt || '' }, formatDateTime(group.lastAt, { dateStyle: 'short', timeStyle: 'short' })),
      ' · ',
      valueText(`questions.reasons.${newest.reason}`, newest.reason || ''),
    ),
    el(
      'p',
      { class: 'muted', 'data-testid': 'question-guess' },
      t('questions.guess', { topic: isolate(guess.intent && guess.intent !== 'none' ? topicTitle(guess.intent) : t('questions.none')), confidence: formatPercent(Number(guess.confidence) || 0) }),
    ),
    el(
      'div',
      { class: 'form-buttons' },
      el('label', { for: selectId }, t('questions.topic')),
      topicSelect,
      action('example', 'question-example', 'questions.addExample', ' primary'),
      action('out-of-scope', 'question-out-of-scope', 'questions.outOfScope'),
      action('new-answer', 'question-new-answer', 'questions.newAnswer'),
    ),
  );
}

/** Applies staff's choice to every question of the group, then reloads the list. */
/** @param {UnansweredGroup} group @param {'example' | 'out-of-scope' | 'new-answer'} kind @param {string | null} topic @param {HTMLButtonElement} button */
export async function decideQuestion(group, kind, topic, button) {
  const page = state.pages.questions;
  if (page.busy) return;
  page.busy = true;
  button.disabled = true;
  page.error = null;
  try {
    for (const item of group.items) {
      await api('POST', `/unanswered/${encodeURIComponent(item.id)}/${kind}`, kind === 'example' ? { topic } : {});
    }
    page.done = { key: `questions.done.${kind}`, vars: { topic: topic ? isolate(topicTitle(topic)) : '' } };
  } catch (caught) {
    const error = asApiError(caught);
    if (!(error instanceof ApiError)) console.error(error);
    page.error = error.status === 404 ? 'questions.gone' : error.status === 0 ? 'errors.network' : 'errors.generic';
  } finally {
    page.busy = false;
    button.disabled = false;
  }
  await loadQuestions();
  if (page.done) ui.questionsDone.focus({ preventScroll: true });
}

export function renderQuestions() {
  const page = state.pages.questions;
  renderFormError(ui.questionsError, page.error);
  renderQuestionsStatus();
  ui.questionsDone.textContent = page.done ? t(page.done.key, page.done.vars) : '';
  show(ui.questionsDone, !!page.done);
  ui.questionsList.replaceChildren(...page.groups.map(questionCard));
}
