// @ts-check

import { ApiError, api } from '../api.js';
import { el } from '../dom.js';
import { API, LANGUAGE_NAMES } from '../constants.js';
import { queryString } from '../format.js';
import { state } from '../state.js';
import { t } from '../texts.js';
import { conversionTable, funnelBars, groupTable, monthName, poolTable, regionName } from '../outcomeFigures.js';
import { LatestLoad } from '../latestLoad.js';

/**
 * The numbers funders ask for, on the Numbers page: the outcome funnel of the people who started in the
 * months of the period chosen (first message to a work contract), per cohort, language and province,
 * and the talent pool per quarter; as CSV, and as a printable report in a tab of its own. No person in it.
 *
 * @typedef {import('../../../consoleApi').OutcomeReportResponse} OutcomeReportResponse
 */

/** @type {{ data: OutcomeReportResponse | null, failed: boolean, loads: import('../latestLoad.js').LatestLoad, range: { from?: string, to?: string }, wired: boolean }} */
const page = { data: null, failed: false, loads: new LatestLoad(), range: {}, wired: false };

/** @param {string} id */
function must(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`outcomes.js: index.html has no #${id}`);
  return node;
}

const words = () => ({ t, lang: state.lang });

/** The cohorts asked for: the months of the period's days (the form's dates), one language and province if chosen. */
function asked() {
  const language = /** @type {HTMLSelectElement} */ (must('outcomes-language')).value;
  const region = /** @type {HTMLSelectElement} */ (must('outcomes-region')).value;
  return {
    from: page.range.from ? page.range.from.slice(0, 7) : '',
    to: page.range.to ? page.range.to.slice(0, 7) : '',
    language,
    region,
  };
}

/** @param {{ from?: string, to?: string }} range the Numbers page's days */
export async function loadOutcomes(range) {
  page.range = range;
  wire();
  const current = page.loads.start();
  try {
    /** @type {OutcomeReportResponse} */
    const data = await api('GET', `/outcomes${queryString(asked())}`);
    if (!current()) return;
    page.data = data;
    page.failed = false;
  } catch (error) {
    if (!current() || (error instanceof ApiError && error.status === 401)) return;
    page.data = null;
    page.failed = true;
  }
  renderOutcomes();
}

/** The choices reload the figures; wired once, on the first load. */
function wire() {
  if (page.wired) return;
  page.wired = true;
  for (const id of ['outcomes-language', 'outcomes-region']) must(id).addEventListener('change', () => void loadOutcomes(page.range));
}

/** The CSV and the report follow the dates in the form and the choices. @param {{ from?: string, to?: string }} range */
export function updateOutcomeLinks(range) {
  page.range = range;
  const query = asked();
  must('outcomes-csv').setAttribute('href', `${API}/outcomes.csv${queryString(query)}`);
  must('outcomes-report').setAttribute('href', `/console/report${queryString({ ...query, lang: state.lang })}`);
}

/** @param {HTMLSelectElement} select @param {Array<[string, string]>} options */
function fill(select, options) {
  const chosen = select.value;
  select.replaceChildren(...options.map(([value, label]) => el('option', { value }, label)));
  select.value = options.some(([value]) => value === chosen) ? chosen : '';
}

export function renderOutcomes() {
  const content = document.getElementById('outcomes-content');
  if (!content) return;
  const data = page.data;
  const w = words();
  fill(/** @type {HTMLSelectElement} */ (must('outcomes-language')), [['', t('outcomeReport.allLanguages')], ...[...LANGUAGE_NAMES]]);
  fill(/** @type {HTMLSelectElement} */ (must('outcomes-region')), [['', t('outcomeReport.allRegions')], ...(data ? data.regions : ['unknown']).map((r) => /** @type {[string, string]} */ ([r, regionName(w, r)]))]);
  updateOutcomeLinks(page.range);
  must('outcomes-period').textContent = data ? t('outcomeReport.cohorts', { from: monthName(w, data.from), to: monthName(w, data.to) }) : '';
  if (!data) {
    content.replaceChildren(...(page.failed ? [el('p', { class: 'muted' }, t('outcomeReport.failed'))] : []));
    return;
  }
  const { funnel } = data;
  const section = (/** @type {string} */ key, /** @type {Node} */ body, /** @type {string | null} */ hint = null) =>
    el('div', { class: 'outcome-part' }, el('h3', { class: 'sub-title' }, t(key)), hint ? el('p', { class: 'muted small' }, t(hint)) : null, el('div', { class: 'table-scroll', tabindex: '0' }, body));
  content.replaceChildren(
    funnelBars(funnel.total, w),
    section('outcomeReport.conversion', conversionTable(funnel.total, w), 'outcomeReport.conversionHint'),
    section('outcomeReport.by.cohort', groupTable(funnel.byCohort, 'cohort', w)),
    section('outcomeReport.by.language', groupTable(funnel.byLanguage, 'language', w)),
    section('outcomeReport.by.region', groupTable(funnel.byRegion, 'region', w), 'outcomeReport.regionNote'),
    section('outcomeReport.pool', poolTable(data.pool, w), 'outcomeReport.poolHint'),
  );
}
