// @ts-check

import { API, CLOSE_OUTCOMES, FUNNEL_STEPS, LANGUAGE_NAMES, OUTCOMES, WAIT_BUCKETS } from '../constants.js';
import { el, show } from '../dom.js';
import { ui } from '../elements.js';
import { count, formatDay, formatNumber, formatSeconds, queryString } from '../format.js';
import { barRow, renderFunnelByLanguage, renderLanguageTable, renderWaitCharts, renderWeekChart, stepLabel, stepValue } from './charts.js';

/**
 * @typedef {import('../../../consoleApi').StatsRow} StatsRow
 * @typedef {import('../../../consoleApi').StatsResponse['totals']} Totals
 */
import { badRange, loadPage, readRange, renderFormError } from './common.js';
import { state } from '../state.js';
import { t } from '../texts.js';
import { loadJourneyFunnel, renderJourneyFunnel, updateJourneyCsvLink } from './journeyFunnel.js';
import { loadOutcomes, renderOutcomes, updateOutcomeLinks } from './outcomes.js';

/** @param {SubmitEvent} event */
export function submitNumbers(event) {
  event.preventDefault();
  const page = state.pages.numbers;
  const range = readRange(ui.numbersFrom, ui.numbersTo);
  if (badRange(range)) {
    page.error = 'filters.badRange';
    renderFormError(ui.numbersError, page.error);
    ui.numbersFrom.focus();
    return;
  }
  page.error = null;
  page.range = range;
  loadNumbers();
  renderNumbers();
}

export async function loadNumbers() {
  const page = state.pages.numbers;
  void loadJourneyFunnel(page.range || {});
  void loadOutcomes(page.range || {});
  await loadPage(page, {
    path: `/stats${queryString(page.range || {})}`,
    buttons: [ui.numbersSubmit],
    renderStatus: renderNumbersStatus,
    onData: (/** @type {import('../../../consoleApi').StatsResponse | null} */ data) => {
      page.data = data && typeof data === 'object' ? data : null;
      renderNumbers();
    },
  });
}

/** The CSV link follows the dates in the form. */
export function updateExportLink() {
  const range = readRange(ui.numbersFrom, ui.numbersTo);
  ui.exportCsv.setAttribute('href', `${API}/stats.csv${queryString(range)}`);
  updateJourneyCsvLink(range);
  updateOutcomeLinks(range);
}

export function renderNumbersStatus() {
  const page = state.pages.numbers;
  const data = page.data;
  let text = '';
  if (page.loading) text = t('app.loading');
  else if (data && data.from && data.to) text = t('stats.period', { from: formatDay(data.from), to: formatDay(data.to) });
  ui.numbersStatus.textContent = text;
}

export function renderNumbers() {
  const page = state.pages.numbers;
  renderFormError(ui.numbersError, page.error);
  updateExportLink();
  renderNumbersStatus();
  const data = page.data;
  show(ui.numbersContent, !!data);
  if (!data) return;
  const totals = data.totals && typeof data.totals === 'object' ? data.totals : {};
  const rows = Array.isArray(data.rows) ? data.rows.filter((row) => row && typeof row === 'object') : [];
  const languages = Array.isArray(data.languages) ? data.languages.filter((l) => typeof l === 'string') : [];
  const weeks = Array.isArray(data.weeks) ? data.weeks.filter((w) => typeof w === 'string') : [];

  renderKpis(totals);
  renderFunnel(totals);
  renderWeekChart(rows, weeks, languages);
  renderWait(totals);
  renderWaitCharts(rows, weeks, languages);
  renderFunnelByLanguage(rows, languages);
  renderLanguageTable(rows, languages, totals);
  renderFaqFeedback(rows);
  renderCloseOutcomes(rows, languages);
  renderJourneyFunnel();
  renderOutcomes();
}

/** How mentors closed conversations, per language (rows) and close outcome (columns), added up over the period. */
/** @param {StatsRow[]} rows @param {string[]} languages */
export function renderCloseOutcomes(rows, languages) {
  const table = document.getElementById('close-outcomes');
  if (!(table instanceof HTMLTableElement)) throw new Error('numbers.js: index.html has no table #close-outcomes');
  const sums = new Map(languages.map((lang) => [lang, /** @type {Record<string, number>} */ ({})]));
  for (const row of rows) {
    const closes = row.closeOutcomes && typeof row.closeOutcomes === 'object' ? row.closeOutcomes : {};
    const sum = sums.get(row.language) || sums.set(row.language, {}).get(row.language) || {};
    for (const [outcome, value] of Object.entries(closes)) sum[outcome] = (sum[outcome] || 0) + count(value);
  }
  const lines = [...sums].filter(([, sum]) => Object.values(sum).some((n) => n > 0));
  if (!lines.length) {
    table.replaceChildren(el('tbody', {}, el('tr', {}, el('td', { class: 'muted' }, t('stats.closeOutcomes.empty')))));
    return;
  }
  table.replaceChildren(
    el('caption', { class: 'sr-only' }, t('stats.closeOutcomes.title')),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('stats.faqFeedback.language')), CLOSE_OUTCOMES.map((o) => el('th', { scope: 'col' }, t(`close.outcomes.${o}`))))),
    el(
      'tbody',
      {},
      lines.map(([lang, sum]) =>
        el(
          'tr',
          { 'data-lang': lang },
          el('th', { scope: 'row', lang, dir: 'auto' }, LANGUAGE_NAMES.get(lang) || lang),
          CLOSE_OUTCOMES.map((o) => el('td', { 'data-count': o }, formatNumber(sum[o] || 0))),
        ),
      ),
    ),
  );
}

/** Helpful / not helpful per FAQ topic and language, added up over the weeks shown. */
/** @param {StatsRow[]} rows */
export function renderFaqFeedback(rows) {
  const sums = new Map();
  for (const row of rows) {
    const feedback = row.faqFeedback && typeof row.faqFeedback === 'object' ? row.faqFeedback : {};
    for (const [topic, counts] of Object.entries(feedback)) {
      if (!counts || typeof counts !== 'object') continue;
      const key = `${topic}|${row.language}`;
      const sum = sums.get(key) || { topic, lang: row.language, helpful: 0, notHelpful: 0 };
      sum.helpful += count(counts.helpful);
      sum.notHelpful += count(counts.notHelpful);
      sums.set(key, sum);
    }
  }
  const lines = [...sums.values()].sort((a, b) => a.topic.localeCompare(b.topic) || String(a.lang).localeCompare(String(b.lang)));
  if (!lines.length) {
    ui.faqFeedback.replaceChildren(el('tbody', {}, el('tr', {}, el('td', { class: 'muted' }, t('stats.faqFeedback.empty')))));
    return;
  }
  ui.faqFeedback.replaceChildren(
    el('caption', { class: 'sr-only' }, t('stats.faqFeedback.title')),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ['topic', 'language', 'helpful', 'notHelpful'].map((column) => el('th', { scope: 'col' }, t(`stats.faqFeedback.${column}`))),
      ),
    ),
    el(
      'tbody',
      {},
      lines.map((line) =>
        el(
          'tr',
          { 'data-topic': line.topic, 'data-lang': line.lang },
          el('th', { scope: 'row' }, line.topic),
          el('td', { lang: line.lang, dir: 'auto' }, LANGUAGE_NAMES.get(line.lang) || line.lang),
          el('td', { 'data-count': 'helpful' }, formatNumber(line.helpful)),
          el('td', { 'data-count': 'notHelpful' }, formatNumber(line.notHelpful)),
        ),
      ),
    ),
  );
}

/** @param {Partial<Totals>} totals */
export function renderKpis(totals) {
  /** @param {string} name @param {string} value */
  const kpi = (name, value) => el('div', { class: 'kpi', 'data-kpi': name }, el('dt', {}, t(`stats.kpi.${name}`)), el('dd', {}, value));
  const rating = totals.ratingAverage;
  const wait = totals.waitAverageSeconds;
  ui.numbersKpis.replaceChildren(
    kpi('started', formatNumber(count(totals.started))),
    kpi('mentorTook', formatNumber(count(totals.mentorTook))),
    kpi('wait', typeof wait === 'number' ? formatSeconds(wait) : '–'),
    kpi('rating', typeof rating === 'number' ? t('stats.ratingValue', { rating: formatNumber(Math.round(rating * 10) / 10) }) : '–'),
  );
}

/** @param {Partial<Totals>} totals */
export function renderFunnel(totals) {
  const started = count(totals.started);
  const max = Math.max(1, ...FUNNEL_STEPS.map(([, field]) => stepValue(totals, field)));
  ui.funnel.replaceChildren(
    ...FUNNEL_STEPS.map(([step, field]) =>
      barRow({
        testId: 'funnel-row',
        attrs: { 'data-step': step },
        label: stepLabel(step),
        value: stepValue(totals, field),
        max,
        percentOf: started,
        extraClass: OUTCOMES.includes(step) ? 'bar-sub' : '',
      }),
    ),
  );
}

/** @param {Partial<Totals>} totals */
export function renderWait(totals) {
  const average = totals.waitAverageSeconds;
  ui.waitAverage.textContent =
    typeof average === 'number' ? t('stats.waitAverage', { time: formatSeconds(average) }) : t('stats.waitNone');
  const buckets = totals.waitBuckets && typeof totals.waitBuckets === 'object' ? totals.waitBuckets : {};
  const values = WAIT_BUCKETS.map(([id]) => count(buckets[id]));
  const max = Math.max(1, ...values);
  const all = values.reduce((a, b) => a + b, 0);
  ui.waitBuckets.replaceChildren(
    ...WAIT_BUCKETS.map(([id, key], i) =>
      barRow({ testId: 'wait-bucket', attrs: { 'data-bucket': id }, label: t(`stats.buckets.${key}`), value: values[i], max, percentOf: all }),
    ),
  );
}
