// @ts-check

import { api } from '../api.js';
import { chip, el, languageChip } from '../dom.js';
import { pageError } from '../errors.js';
import { formatDateTime, formatNumber, isolate, valueText } from '../format.js';
import { state } from '../state.js';
import { t } from '../texts.js';
import { LatestLoad } from '../latestLoad.js';
import { DUTCH_TIME } from '../dutchTime.js';

/**
 * The talent pool (every console account; names for staff, pseudonym codes for anyone else): who is
 * ready for the next step, and everyone in the pool with their Dutch and English levels, region (the
 * north apart), track, interest in IT, months in the pool, last contact and the levels' trend, with
 * filters. The server writes every view to the audit log.
 *
 * @typedef {import('../../../consoleApi').PoolView} PoolView
 * @typedef {import('../../../consoleApi').PoolItem} PoolItem
 */

const LEVELS = ['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
const FILTERS = /** @type {const} */ (['dutch', 'english', 'province', 'north', 'track', 'interest', 'status']);
const FIXED_CHOICES = { dutch: LEVELS, english: LEVELS, north: ['yes', 'no'], interest: ['yes', 'no', 'unknown'], status: ['active', 'ready', 'quiet'] };

const page = {
  /** @type {PoolView | null} */ view: null,
  /** @type {Record<string, string>} */ filter: {},
  loading: false,
  loads: new LatestLoad(),
};

/** @returns {HTMLElement} */
function section() {
  const node = document.getElementById('page-pool');
  if (!node) throw new Error('pool.js: index.html has no #page-pool');
  return node;
}

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (section().querySelector(`#${id}`));

function frame() {
  if (section().firstElementChild) return;
  const form = el(
    'form',
    { class: 'filter-form pool-filter', id: 'pool-filter', 'data-testid': 'pool-filter', novalidate: true },
    FILTERS.map((name) => el('div', { class: 'field' }, el('label', { for: `pool-filter-${name}`, id: `pool-filter-${name}-label` }), el('select', { id: `pool-filter-${name}`, name, 'data-testid': `pool-filter-${name}` }))),
    el('button', { type: 'submit', class: 'button primary', id: 'pool-filter-submit', 'data-testid': 'pool-filter-submit' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const name of FILTERS) page.filter[name] = /** @type {HTMLSelectElement} */ (byId(`pool-filter-${name}`)).value;
    load();
  });
  section().append(
    el(
      'div',
      { class: 'page-inner' },
      el('div', { class: 'page-head' }, el('h1', { class: 'page-title', id: 'pool-title', tabindex: '-1' }), el('p', { class: 'muted', id: 'pool-intro' }), el('p', { class: 'muted small', id: 'pool-privacy', 'data-testid': 'pool-privacy' })),
      el('section', { class: 'pool-ready', 'aria-labelledby': 'pool-ready-title' }, el('h2', { class: 'list-title', id: 'pool-ready-title' }), el('ul', { class: 'cards results', id: 'pool-ready', 'data-testid': 'pool-ready' }), el('p', { class: 'muted', id: 'pool-ready-empty' })),
      el('h2', { class: 'list-title', id: 'pool-people-title' }),
      form,
      el('p', { class: 'status-line', id: 'pool-status', role: 'status' }),
      el('div', { class: 'pool-counts', id: 'pool-counts', 'data-testid': 'pool-counts' }),
      el('ul', { class: 'cards results', id: 'pool-people', 'data-testid': 'pool-people' }),
    ),
  );
}

async function load() {
  const current = page.loads.start();
  page.loading = true;
  renderStatus();
  const query = new URLSearchParams(Object.entries(page.filter).filter(([, v]) => v)).toString();
  try {
    /** @type {PoolView} */
    const view = await api('GET', `/pool${query ? `?${query}` : ''}`);
    if (!current() || !state.user) return;
    page.view = view;
  } catch (error) {
    if (current()) pageError(error);
  } finally {
    if (current()) {
      page.loading = false;
      render();
    }
  }
}

function renderStatus() {
  const status = byId('pool-status');
  if (page.loading && !page.view) status.textContent = t('app.loading');
  else if (page.view) status.textContent = t('pool.shown', { count: page.view.items.length });
  else status.textContent = '';
}

/** @param {string} name @param {string} value */
function choiceText(name, value) {
  if (name === 'dutch' || name === 'english') return valueText(`pool.levels.${value}`, value);
  if (name === 'track') return valueText(`outcomes.${value}`, value);
  if (name === 'north' || name === 'interest' || name === 'status') return t(`pool.${name}.${value}`);
  return value;
}

function renderFilters() {
  const view = page.view;
  /** @type {Record<string, readonly string[]>} */
  const lists = { ...FIXED_CHOICES, province: view ? view.choices.provinces : [], track: view ? view.choices.tracks : [] };
  for (const name of FILTERS) {
    byId(`pool-filter-${name}-label`).textContent = t(`pool.filters.${name}`);
    const select = /** @type {HTMLSelectElement} */ (byId(`pool-filter-${name}`));
    const chosen = page.filter[name] || '';
    const values = [...new Set([...lists[name], ...(chosen ? [chosen] : [])])];
    select.replaceChildren(el('option', { value: '' }, t('pool.filters.all')), ...values.map((value) => el('option', { value, selected: value === chosen, dir: 'auto' }, choiceText(name, value))));
  }
  byId('pool-filter-submit').textContent = t('pool.filters.apply');
}

/** A level as shown: "none" in words, a missing one as a dash. @param {string | null} level */
const levelText = (level) => (level === 'none' ? t('pool.levels.none') : level || '–');

/** "A1 → A2 → B1": the level at each check, oldest first. @param {PoolItem} item @param {'dutch' | 'english'} language */
function history(item, language) {
  const levels = item.levels.map((l) => levelText(l[language]));
  return `\u2068${levels.join(' → ')}\u2069`;
}

/**
 * The status as it is now: a ready person who booked the talk shows its time and mentor, one who
 * missed it that they may book again, one further on the journey's stage; else the pool's word.
 * @param {PoolItem} item
 */
function statusChip(item) {
  const next = item.next;
  if (item.status === 'ready' && next) {
    if (next.step === 'talk-booked') {
      const time = isolate(formatDateTime(next.at, { dateStyle: 'medium', timeStyle: 'short', timeZone: DUTCH_TIME }));
      return chip(next.host ? t('pool.next.talkBooked', { time, host: isolate(next.host) }) : t('pool.next.talkBookedNoHost', { time }), 'chip-ok');
    }
    if (next.step === 'talk-missed') return chip(t('pool.next.talkMissed'), 'chip-warn');
    return chip(t('pool.next.movedOn', { stage: isolate(t(`journey.stages.${next.stage}`)) }));
  }
  return item.status !== 'active' ? chip(t(`pool.status.${item.status}`), item.status === 'ready' ? 'chip-ok' : '') : null;
}

/** @param {PoolItem} item @param {boolean} ready */
function card(item, ready) {
  const trendMark = { up: '↑', down: '↓', same: '→' }[item.trend];
  return el(
    'li',
    { class: 'card person pool-card', 'data-testid': ready ? 'pool-ready-person' : 'pool-person', 'data-status': item.status, 'data-next': item.next ? item.next.step : null, 'data-trend': item.trend },
    el(
      'div',
      { class: 'person-main' },
      el('span', { class: 'card-top' }, el('bdi', { class: 'card-name', dir: 'auto' }, item.name), item.pseudonymous ? el('span', { class: 'muted small' }, t('pool.code')) : null),
      el(
        'span',
        { class: 'card-line' },
        item.language ? languageChip(item.language) : null,
        chip(valueText(`outcomes.${item.track}`, item.track), 'chip-outcome'),
        item.province ? chip(item.province) : null,
        item.north ? chip(t('pool.north.badge'), 'chip-north') : null,
        statusChip(item),
      ),
      el(
        'dl',
        { class: 'pool-facts' },
        el('dt', {}, t('pool.facts.dutch')),
        el('dd', { 'data-testid': 'pool-dutch' }, history(item, 'dutch')),
        el('dt', {}, t('pool.facts.english')),
        el('dd', { 'data-testid': 'pool-english' }, history(item, 'english')),
        el('dt', {}, t('pool.facts.trend')),
        el('dd', {}, `${trendMark} ${t(`pool.trend.${item.trend}`)}`),
        el('dt', {}, t('pool.facts.interest')),
        el('dd', {}, t(`pool.interest.${item.interested === null ? 'unknown' : item.interested ? 'yes' : 'no'}`)),
        el('dt', {}, t('pool.facts.months')),
        el('dd', {}, formatNumber(item.monthsInPool)),
        el('dt', {}, ready && item.readyAt ? t('pool.facts.readySince') : t('pool.facts.lastContact')),
        el('dd', {}, formatDateTime(ready && item.readyAt ? item.readyAt : item.lastContactAt, { dateStyle: 'medium' })),
      ),
      // Staff go on from here: the transcript has the person's journey and partner panels beside it.
      item.transcriptId ? el('a', { class: 'button secondary', href: `#/transcripts/${encodeURIComponent(item.transcriptId)}`, 'data-testid': 'pool-transcript' }, t('journey.transcript')) : null,
    ),
  );
}

export function render() {
  if (!section().firstElementChild) return;
  const view = page.view;
  byId('pool-title').textContent = t('pool.title');
  byId('pool-intro').textContent = t('pool.intro', { weeks: view ? view.weeks : '' });
  byId('pool-privacy').textContent = view && !view.named ? t('pool.pseudonymised') : '';
  byId('pool-ready-title').textContent = t('pool.readyTitle');
  byId('pool-people-title').textContent = t('pool.peopleTitle');
  renderFilters();
  renderStatus();
  const ready = view ? view.ready : [];
  byId('pool-ready').replaceChildren(...ready.map((item) => card(item, true)));
  byId('pool-ready-empty').textContent = view && ready.length === 0 ? t('pool.noneReady') : '';
  const counts = view ? view.counts : null;
  /** @param {'byDutch' | 'byEnglish'} which */
  const levelCounts = (which) =>
    el(
      'p',
      { class: 'card-line', 'data-testid': `pool-count-${which}` },
      el('span', { class: 'muted' }, t(`pool.counts.${which}`)),
      ...LEVELS.filter((l) => counts && counts[which][l]).map((l) => chip(`\u2068${levelText(l)}\u2069: ${formatNumber(counts ? counts[which][l] : 0)}`)),
    );
  // Nobody (in the filter): no level lines with nothing after them.
  const anyone = counts !== null && LEVELS.some((l) => counts.byDutch[l] || counts.byEnglish[l]);
  byId('pool-counts').replaceChildren(...(anyone ? [levelCounts('byDutch'), levelCounts('byEnglish')] : []));
  byId('pool-people').replaceChildren(...(view ? view.items.map((item) => card(item, false)) : []));
}

/** @type {import('./index.js').Page} */
export const poolPage = {
  name: 'pool',
  roles: ['mentor', 'staff', 'admin'],
  tab: true,
  section,
  heading: () => byId('pool-title'),
  scrollsItself: true,
  enter() {
    frame();
    render();
    load();
  },
  render,
  clear() {
    page.view = null;
    page.filter = {};
    section().replaceChildren();
  },
};
