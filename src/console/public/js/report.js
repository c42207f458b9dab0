// @ts-check

import { ApiError, api, fetchTexts } from './api.js';
import { DEFAULT_LANG, LANGUAGE_NAMES, LANG_STORAGE_KEY, RTL_LANGUAGES, dateLocale } from './constants.js';
import { el } from './dom.js';
import { conversionTable, funnelBars, groupTable, monthName, poolSummaryTable, poolTable, regionName, languageName } from './outcomeFigures.js';

/**
 * The printable outcome report (/console/report): the numbers funders ask for on one A4 page, for the
 * cohorts chosen (months of first contact), a language or a province if chosen. Staff print it to PDF
 * from the browser. It has none of the console's other parts: it reads its texts and the figures from
 * the console's API with the session the console signed in.
 *
 * @typedef {import('../../consoleApi').OutcomeReportResponse} OutcomeReportResponse
 */

/** @type {{ texts: Record<string, unknown>, lang: string }} */
const page = { texts: {}, lang: DEFAULT_LANG };

/** @param {string} key @param {Record<string, unknown>} [vars] */
function t(key, vars = {}) {
  const text = key.split('.').reduce((/** @type {unknown} */ node, part) => (node && typeof node === 'object' ? /** @type {Record<string, unknown>} */ (node)[part] : undefined), page.texts);
  if (typeof text !== 'string') return key;
  return text.replace(/{{\s*(\w+)\s*}}/g, (match, name) => (Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match));
}

const words = () => ({ t, lang: page.lang });

/** "?a=1&b=2" of the parameters that have a value (format.js has one, but brings the console's page with it). @param {Record<string, string>} params */
function queryString(params) {
  const text = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  return text ? `?${text}` : '';
}

/** @template {HTMLElement} T @param {string} id @param {{ new (): T }} type @returns {T} */
function byId(id, type) {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`report.html has no ${type.name} #${id}`);
  return node;
}

const form = () => byId('report-form', HTMLFormElement);
const input = (/** @type {string} */ id) => byId(id, HTMLInputElement);
const select = (/** @type {string} */ id) => byId(id, HTMLSelectElement);

/** The language: the one the link names, else the console's, else Dutch. */
function chosenLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked && LANGUAGE_NAMES.has(asked)) return asked;
  try {
    const stored = window.localStorage.getItem(LANG_STORAGE_KEY);
    if (stored && LANGUAGE_NAMES.has(stored)) return stored;
  } catch {
    // storage disabled
  }
  return DEFAULT_LANG;
}

/** What the form asks for, as the API's query. */
function asked() {
  const value = (/** @type {string} */ v) => (/^\d{4}-\d{2}$/.test(v) ? v : '');
  return { from: value(input('report-from').value), to: value(input('report-to').value), language: select('report-language').value, region: select('report-region').value };
}

/** @param {HTMLSelectElement} node @param {Array<[string, string]>} options @param {string} chosen */
function fill(node, options, chosen) {
  node.replaceChildren(...options.map(([value, label]) => el('option', { value }, label)));
  node.value = options.some(([value]) => value === chosen) ? chosen : '';
}

/** @param {string | null} key */
function status(key) {
  byId('report-status', HTMLElement).textContent = key ? t(key) : '';
}

/** @param {string | null} key */
function error(key) {
  const node = byId('report-error', HTMLElement);
  node.textContent = key ? t(key) : '';
  node.hidden = !key;
}

/** @param {OutcomeReportResponse} data */
function render(data) {
  const w = words();
  input('report-from').value = data.from;
  input('report-to').value = data.to;
  fill(select('report-region'), [['', t('outcomeReport.allRegions')], ...data.regions.map((r) => /** @type {[string, string]} */ ([r, regionName(w, r)]))], data.region || '');
  select('report-language').value = data.language || '';
  byId('report-period', HTMLElement).textContent = t('outcomeReport.cohorts', { from: monthName(w, data.from), to: monthName(w, data.to) });
  const only = [data.language ? languageName(w, data.language) : '', data.region ? regionName(w, data.region) : ''].filter(Boolean).join(', ');
  byId('report-only', HTMLElement).textContent = only ? t('outcomeReport.report.only', { what: only }) : '';
  let made = data.generatedAt.slice(0, 10);
  try {
    made = new Intl.DateTimeFormat(dateLocale(page.lang), { dateStyle: 'long' }).format(new Date(data.generatedAt));
  } catch {
    // the ISO day
  }
  byId('report-made', HTMLElement).textContent = t('outcomeReport.report.made', { date: made });
  const { funnel } = data;
  byId('report-bars', HTMLElement).replaceChildren(funnelBars(funnel.total, w));
  byId('report-conversion', HTMLElement).replaceChildren(conversionTable(funnel.total, w));
  byId('report-cohort', HTMLElement).replaceChildren(groupTable(funnel.byCohort, 'cohort', w));
  byId('report-language-table', HTMLElement).replaceChildren(groupTable(funnel.byLanguage, 'language', w));
  byId('report-region-table', HTMLElement).replaceChildren(groupTable(funnel.byRegion, 'region', w));
  byId('report-pool', HTMLElement).replaceChildren(poolTable(data.pool, w, true));
  byId('report-pool-summary', HTMLElement).replaceChildren(poolSummaryTable(data.pool, w));
  byId('report-body', HTMLElement).hidden = false;
  document.body.dataset.ready = 'true';
}

async function load() {
  const query = asked();
  if (query.from && query.to && query.from > query.to) {
    error('outcomeReport.report.badRange');
    return;
  }
  error(null);
  status('outcomeReport.report.loading');
  delete document.body.dataset.ready;
  try {
    /** @type {OutcomeReportResponse} */
    const data = await api('GET', `/outcomes${queryString(query)}`, undefined, { authRedirect: false });
    history.replaceState(null, '', `${location.pathname}${queryString({ ...query, from: data.from, to: data.to, lang: page.lang })}`);
    status(null);
    render(data);
  } catch (failure) {
    status(null);
    byId('report-body', HTMLElement).hidden = true;
    const code = failure instanceof ApiError ? failure.status : 0;
    error(code === 401 ? 'outcomeReport.report.signIn' : code === 403 ? 'outcomeReport.report.staffOnly' : 'outcomeReport.report.failed');
  }
}

async function start() {
  page.lang = chosenLanguage();
  try {
    const texts = await fetchTexts(page.lang);
    page.texts = texts && typeof texts.texts === 'object' && texts.texts ? texts.texts : {};
    page.lang = texts && LANGUAGE_NAMES.has(texts.lang) ? texts.lang : page.lang;
    document.documentElement.dir = texts && texts.dir === 'rtl' ? 'rtl' : RTL_LANGUAGES.has(page.lang) ? 'rtl' : 'ltr';
  } catch {
    page.texts = {};
  }
  document.documentElement.lang = page.lang;
  for (const node of /** @type {HTMLElement[]} */ ([...document.querySelectorAll('[data-t]')])) node.textContent = t(node.dataset.t || '');
  document.title = t('outcomeReport.report.title');
  const params = new URLSearchParams(location.search);
  input('report-from').value = params.get('from') || '';
  input('report-to').value = params.get('to') || '';
  fill(select('report-language'), [['', t('outcomeReport.allLanguages')], ...LANGUAGE_NAMES], params.get('language') || '');
  fill(select('report-region'), [['', t('outcomeReport.allRegions')], ...(params.get('region') ? [/** @type {[string, string]} */ ([params.get('region') || '', regionName(words(), params.get('region') || '')])] : [])], params.get('region') || '');
  form().addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  byId('report-print', HTMLButtonElement).addEventListener('click', () => window.print());
  await load();
}

void start();
