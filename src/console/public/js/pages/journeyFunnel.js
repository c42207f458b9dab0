// @ts-check

import { ApiError, api } from '../api.js';
import { el } from '../dom.js';
import { API, LANGUAGE_NAMES } from '../constants.js';
import { formatNumber, queryString } from '../format.js';
import { stageName } from '../journeyPanel.js';
import { barRow, weekLabel } from './charts.js';
import { t } from '../texts.js';
import { LatestLoad } from '../latestLoad.js';

/**
 * The journey funnel on the Numbers page: how many people reached each stage in the period (bars),
 * the median days between the selection's steps (all and per language), and per week and language
 * (a table); with no person in it. The same as CSV.
 *
 * @typedef {import('../../../consoleApi').JourneyFunnelResponse} JourneyFunnelResponse
 */

const STAGES = /** @type {const} */ (['intake-done', 'motivation', 'mentor-talk-booked', 'mentor-talk-held', 'mentor-talk-missed', 'homework-given', 'homework-submitted', 'homework-reviewed', 'selection-intake', 'selected', 'not-selected', 'talent-pool']);

/** @type {{ data: JourneyFunnelResponse | null, loads: import('../latestLoad.js').LatestLoad }} */
const page = { data: null, loads: new LatestLoad() };

/** @param {HTMLElement | null} node */
const must = (node) => {
  if (!node) throw new Error('journeyFunnel.js: index.html lacks a part of the journey funnel');
  return node;
};

/** @param {{ from?: string, to?: string }} range */
export async function loadJourneyFunnel(range) {
  const current = page.loads.start();
  try {
    /** @type {JourneyFunnelResponse} */
    const data = await api('GET', `/journey-funnel${queryString(range)}`);
    if (!current()) return;
    page.data = data;
  } catch (error) {
    if (!current() || (error instanceof ApiError && error.status === 401)) return;
    page.data = null;
  }
  renderJourneyFunnel();
}

/** The CSV link follows the dates in the form. @param {{ from?: string, to?: string }} range */
export function updateJourneyCsvLink(range) {
  must(document.getElementById('journey-csv')).setAttribute('href', `${API}/journey-funnel.csv${queryString(range)}`);
}

/** @param {string} step */
const stepName = (step) => (step === 'decision' ? t('stats.journey.decision') : stageName(step));
/** @param {string} lang */
const languageName = (lang) => (lang === 'all' ? t('stats.journey.allLanguages') : LANGUAGE_NAMES.get(lang) || lang);

export function renderJourneyFunnel() {
  const bars = document.getElementById('journey-funnel');
  const steps = document.getElementById('journey-steps');
  const weeks = document.getElementById('journey-weeks');
  if (!bars || !steps || !weeks) return;
  const data = page.data;
  const rows = data ? data.rows : [];
  const total = (/** @type {typeof STAGES[number]} */ stage) => rows.reduce((sum, r) => sum + (r.reached[stage] || 0), 0);
  const max = Math.max(1, ...STAGES.map(total));
  bars.replaceChildren(...STAGES.map((stage) => barRow({ testId: 'journey-funnel-row', attrs: { 'data-stage': stage }, label: stageName(stage), value: total(stage), max })));
  const empty = (/** @type {string} */ key) => el('tbody', {}, el('tr', {}, el('td', { class: 'muted' }, t(key))));
  const stepRows = data ? data.steps : [];
  steps.replaceChildren(
    ...(stepRows.length === 0
      ? [empty('stats.journey.empty')]
      : [
          el('caption', { class: 'sr-only' }, t('stats.journey.steps')),
          el('thead', {}, el('tr', {}, ['step', 'language', 'people', 'median'].map((c) => el('th', { scope: 'col' }, t(`stats.journey.columns.${c}`))))),
          el(
            'tbody',
            {},
            stepRows.map((s) =>
              el(
                'tr',
                { 'data-testid': 'journey-step', 'data-from': s.from, 'data-lang': s.language },
                el('th', { scope: 'row' }, `${stepName(s.from)} → ${stepName(s.to)}`),
                el('td', { dir: 'auto' }, languageName(s.language)),
                el('td', { 'data-count': 'people' }, formatNumber(s.people)),
                el('td', { 'data-count': 'median' }, s.medianDays === null ? '–' : t('stats.journey.days', { days: formatNumber(s.medianDays) })),
              ),
            ),
          ),
        ]),
  );
  weeks.replaceChildren(
    ...(rows.length === 0
      ? [empty('stats.journey.empty')]
      : [
          el('caption', { class: 'sr-only' }, t('stats.journey.byWeek')),
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('stats.journey.columns.week')), el('th', { scope: 'col' }, t('stats.journey.columns.language')), STAGES.map((stage) => el('th', { scope: 'col' }, stageName(stage))))),
          el(
            'tbody',
            {},
            rows.map((r) =>
              el(
                'tr',
                { 'data-testid': 'journey-week', 'data-week': r.week, 'data-lang': r.language },
                el('th', { scope: 'row' }, weekLabel(r.week)),
                el('td', { dir: 'auto' }, languageName(r.language)),
                STAGES.map((stage) => el('td', { 'data-stage': stage }, formatNumber(r.reached[stage] || 0))),
              ),
            ),
          ),
        ]),
  );
}
