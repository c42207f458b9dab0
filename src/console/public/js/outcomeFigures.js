// @ts-check

import { el, svgEl } from './dom.js';
import { LANGUAGE_NAMES, dateLocale } from './constants.js';

/**
 * The outcome funnel and the talent pool as charts and tables, for the Numbers page and the printable
 * report alike: no person in any of it. Takes its words as a parameter (`t` and the page language), so
 * the report page, which has none of the console's other parts, can draw the same figures.
 *
 * @typedef {import('../../consoleApi').OutcomeReportResponse} OutcomeReportResponse
 * @typedef {OutcomeReportResponse['funnel']['total']} OutcomeGroup
 * @typedef {OutcomeGroup['steps'][number]} OutcomeFigure
 * @typedef {OutcomeReportResponse['pool'][number]} PoolQuarter
 * @typedef {{ t: (key: string, vars?: Record<string, unknown>) => string, lang: string }} Words
 */

export const OUTCOME_STEPS = /** @type {const} */ (['started', 'intake', 'selected', 'referred', 'training-started', 'contract-signed']);

/** @param {Words} words @param {number} n */
export function number(words, n) {
  try {
    return new Intl.NumberFormat(words.lang).format(n);
  } catch {
    return String(n);
  }
}

/** @param {Words} words @param {number | null} fraction */
export function percent(words, fraction) {
  if (fraction === null) return '–';
  try {
    return new Intl.NumberFormat(words.lang, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
  } catch {
    return `${Math.round(fraction * 100)}%`;
  }
}

/** @param {Words} words @param {number | null} value */
const days = (words, value) => (value === null ? '–' : words.t('outcomeReport.days', { days: number(words, value) }));
/** @param {Words} words @param {number | null} value */
const people = (words, value) => (value === null ? '–' : number(words, value));

/** "Nov 2026" for "2026-11", in the page language. @param {Words} words @param {string} month */
export function monthName(words, month) {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  try {
    return new Intl.DateTimeFormat(dateLocale(words.lang), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
  } catch {
    return month;
  }
}

/** "Q4 2026" for "2026-Q4". @param {Words} words @param {string} quarter */
export const quarterName = (words, quarter) => words.t('outcomeReport.quarter', { quarter: quarter.slice(-1), year: quarter.slice(0, 4) });

/** @param {Words} words @param {string} step */
export const stepName = (words, step) => words.t(`outcomeReport.steps.${step}`);

/** @param {Words} words @param {string} code */
export const languageName = (words, code) => (code === 'all' ? words.t('outcomeReport.allLanguages') : LANGUAGE_NAMES.get(code) || code);

/** @param {Words} words @param {string} region */
export const regionName = (words, region) => (region === 'all' ? words.t('outcomeReport.allRegions') : region === 'unknown' ? words.t('outcomeReport.unknownRegion') : region);

/** A bar in SVG (attributes only: the console's CSP forbids inline styles), as wide as `fraction` of its track. @param {number} fraction */
function bar(fraction) {
  const width = Math.max(0, Math.min(1, fraction)) * 100;
  return svgEl(
    'svg',
    { class: 'bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' },
    svgEl('rect', { class: 'bar-track', x: 0, y: 0, width: 100, height: 10 }),
    width > 0 ? svgEl('rect', { class: 'bar-fill', x: 0, y: 0, width: Math.max(width, 0.75), height: 10 }) : null,
  );
}

/** The funnel of one group as bars: each step with its people and the part of everyone who started. @param {OutcomeGroup} group @param {Words} words */
export function funnelBars(group, words) {
  const max = Math.max(1, ...group.steps.map((s) => s.people || 0));
  return el(
    'ol',
    { class: 'bars outcome-bars', 'data-testid': 'outcome-bars' },
    group.steps.map((s) =>
      el(
        'li',
        { class: 'bar-row', 'data-testid': 'outcome-step', 'data-step': s.step, 'data-count': s.people === null ? '' : String(s.people) },
        el('span', { class: 'bar-label' }, stepName(words, s.step)),
        bar((s.people || 0) / max),
        el('span', { class: 'bar-value' }, el('strong', {}, people(words, s.people)), el('span', { class: 'muted' }, percent(words, s.shareOfStarted))),
      ),
    ),
  );
}

/** @param {string[]} columns @param {Words} words */
const head = (columns, words) => el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, words.t(`outcomeReport.columns.${c}`)))));

/** The conversion and the days of one group: a line per step. @param {OutcomeGroup} group @param {Words} words */
export function conversionTable(group, words) {
  return el(
    'table',
    { class: 'data outcome-table', 'data-testid': 'outcome-conversion' },
    el('caption', { class: 'sr-only' }, words.t('outcomeReport.conversion')),
    head(['step', 'people', 'ofPrevious', 'ofStarted', 'daysFromStart', 'daysFromPrevious'], words),
    el(
      'tbody',
      {},
      group.steps.map((s) =>
        el(
          'tr',
          { 'data-step': s.step },
          el('th', { scope: 'row' }, stepName(words, s.step)),
          el('td', { 'data-col': 'people' }, people(words, s.people)),
          el('td', { 'data-col': 'ofPrevious' }, percent(words, s.shareOfPrevious)),
          el('td', { 'data-col': 'ofStarted' }, percent(words, s.shareOfStarted)),
          el('td', { 'data-col': 'daysFromStart' }, days(words, s.medianDaysFromFirstContact)),
          el('td', { 'data-col': 'daysFromPrevious' }, days(words, s.medianDaysFromPrevious)),
        ),
      ),
    ),
  );
}

/**
 * People per step for each cohort, language or region, with the part of started who signed a contract.
 * @param {OutcomeGroup[]} groups @param {'cohort' | 'language' | 'region'} kind @param {Words} words
 */
export function groupTable(groups, kind, words) {
  if (!groups.length) return el('p', { class: 'muted', 'data-testid': `outcome-by-${kind}` }, words.t('outcomeReport.empty'));
  const name = (/** @type {OutcomeGroup} */ g) => (kind === 'cohort' ? monthName(words, g.cohort) : kind === 'language' ? languageName(words, g.language) : regionName(words, g.region));
  return el(
    'table',
    { class: 'data outcome-table', 'data-testid': `outcome-by-${kind}` },
    el('caption', { class: 'sr-only' }, words.t(`outcomeReport.by.${kind}`)),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, words.t(`outcomeReport.columns.${kind}`)), OUTCOME_STEPS.map((s) => el('th', { scope: 'col' }, el('abbr', { title: stepName(words, s) }, words.t(`outcomeReport.stepsShort.${s}`)))))),
    el(
      'tbody',
      {},
      groups.map((g) =>
        el(
          'tr',
          { 'data-group': kind === 'cohort' ? g.cohort : kind === 'language' ? g.language : g.region },
          el('th', { scope: 'row' }, kind === 'language' && g.language !== 'all' ? el('bdi', { lang: g.language }, name(g)) : name(g)),
          g.steps.map((s) => el('td', { 'data-step': s.step }, people(words, s.people))),
        ),
      ),
    ),
  );
}

const POOL_COLUMNS = /** @type {const} */ (['size', 'joined', 'left', 'dutchUp', 'dutchDown', 'englishUp', 'englishDown']);

/**
 * The talent pool per quarter (all languages), then per language unless `allOnly`: size at the end, joined, left, levels up and down.
 * @param {PoolQuarter[]} pool @param {Words} words
 */
export function poolTable(pool, words, allOnly = false) {
  if (!pool.some((q) => q.size || q.joined || q.left)) return el('p', { class: 'muted', 'data-testid': 'outcome-pool' }, words.t('outcomeReport.poolEmpty'));
  const rows = pool.filter((q) => !allOnly || q.language === 'all').sort((a, b) => (a.language === 'all' ? 0 : 1) - (b.language === 'all' ? 0 : 1) || a.language.localeCompare(b.language) || a.quarter.localeCompare(b.quarter));
  return el(
    'table',
    { class: 'data outcome-table', 'data-testid': 'outcome-pool' },
    el('caption', { class: 'sr-only' }, words.t('outcomeReport.pool')),
    head(allOnly ? ['quarter', ...POOL_COLUMNS] : ['quarter', 'language', ...POOL_COLUMNS], words),
    el(
      'tbody',
      {},
      rows.map((q) =>
        el(
          'tr',
          { 'data-quarter': q.quarter, 'data-lang': q.language },
          el('th', { scope: 'row', class: 'nowrap' }, quarterName(words, q.quarter)),
          allOnly ? null : el('td', {}, q.language === 'all' ? languageName(words, q.language) : el('bdi', { lang: q.language }, languageName(words, q.language))),
          POOL_COLUMNS.map((c) => el('td', { 'data-col': c }, number(words, q[c]))),
        ),
      ),
    ),
  );
}

/**
 * The pool over the whole period per language (for the one-page report): in the pool at the end of the
 * last quarter, and who joined, left, and went up or down a level in all its quarters.
 * @param {PoolQuarter[]} pool @param {Words} words
 */
export function poolSummaryTable(pool, words) {
  if (!pool.some((q) => q.size || q.joined || q.left)) return el('p', { class: 'muted', 'data-testid': 'outcome-pool-summary' }, words.t('outcomeReport.poolEmpty'));
  const last = pool.reduce((latest, q) => (q.quarter > latest ? q.quarter : latest), '');
  /** @type {Map<string, PoolQuarter>} */
  const sums = new Map();
  for (const q of pool) {
    const sum = sums.get(q.language) || { ...q, size: 0, joined: 0, left: 0, dutchUp: 0, dutchDown: 0, englishUp: 0, englishDown: 0 };
    for (const c of POOL_COLUMNS) if (c !== 'size') sum[c] += q[c];
    if (q.quarter === last) sum.size = q.size;
    sums.set(q.language, sum);
  }
  const rows = [...sums.values()].sort((a, b) => (a.language === 'all' ? -1 : b.language === 'all' ? 1 : a.language.localeCompare(b.language)));
  return el(
    'table',
    { class: 'data outcome-table', 'data-testid': 'outcome-pool-summary' },
    el('caption', { class: 'sr-only' }, words.t('outcomeReport.pool')),
    head(['language', ...POOL_COLUMNS], words),
    el(
      'tbody',
      {},
      rows.map((q) =>
        el(
          'tr',
          { 'data-lang': q.language },
          el('th', { scope: 'row' }, q.language === 'all' ? languageName(words, q.language) : el('bdi', { lang: q.language }, languageName(words, q.language))),
          POOL_COLUMNS.map((c) => el('td', { 'data-col': c }, number(words, q[c]))),
        ),
      ),
    ),
  );
}
