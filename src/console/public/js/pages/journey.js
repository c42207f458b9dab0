// @ts-check

import { api } from '../api.js';
import { chip, el, languageChip, show } from '../dom.js';
import { pageError } from '../errors.js';
import { formatNumber, personName, valueText } from '../format.js';
import { showJourneyPanel, stageName } from '../journeyPanel.js';
import { LANGUAGE_NAMES } from '../constants.js';
import { state } from '../state.js';
import { t } from '../texts.js';
import { homeworkSection, loadHomework, renderHomework } from './homework.js';
import { LatestLoad } from '../latestLoad.js';

/**
 * The journey board (staff): how many people are at each stage of the selection, and who, with the
 * filters language, province, track and mentor; days in the stage and what is overdue; each person's
 * journey opens beside their card (move them there), their transcript one link away.
 *
 * @typedef {import('../../../consoleApi').JourneyBoard} JourneyBoard
 * @typedef {import('../../../consoleApi').JourneyBoardItem} JourneyBoardItem
 */

const FILTERS = /** @type {const} */ (['language', 'province', 'track', 'mentor']);

const page = {
  /** @type {JourneyBoard | null} */ board: null,
  /** @type {Record<string, string>} */ filter: {},
  loading: false,
  loads: new LatestLoad(),
  /** The person whose journey is open beside their card. @type {string | null} */ openKey: null,
  /** One panel element per person, kept across redraws so a move's message stays. @type {Map<string, HTMLElement>} */ panels: new Map(),
};

/** @returns {HTMLElement} */
function section() {
  const node = document.getElementById('page-journey');
  if (!node) throw new Error('journey.js: index.html has no #page-journey');
  return node;
}

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (section().querySelector(`#${id}`));

/** Builds the page's frame once: title, filters, counts, the lists. */
function frame() {
  if (section().firstElementChild) return;
  const form = el(
    'form',
    { class: 'filter-form journey-filter', id: 'journey-filter', 'data-testid': 'journey-filter', novalidate: true },
    FILTERS.map((name) =>
      el('div', { class: 'field' }, el('label', { for: `journey-filter-${name}`, id: `journey-filter-${name}-label` }), el('select', { id: `journey-filter-${name}`, name, 'data-testid': `journey-filter-${name}` })),
    ),
    el('button', { type: 'submit', class: 'button primary', id: 'journey-filter-submit', 'data-testid': 'journey-filter-submit' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const name of FILTERS) page.filter[name] = /** @type {HTMLSelectElement} */ (byId(`journey-filter-${name}`)).value;
    loadBoard();
  });
  section().append(
    el(
      'div',
      { class: 'page-inner' },
      el('div', { class: 'page-head' }, el('h1', { class: 'page-title', id: 'journey-title', tabindex: '-1' }), el('p', { class: 'muted', id: 'journey-intro' })),
      form,
      el('p', { class: 'status-line', id: 'journey-status', role: 'status' }),
      el('h2', { class: 'sr-only', id: 'journey-counts-title' }),
      el('ul', { class: 'journey-counts', id: 'journey-counts', 'data-testid': 'journey-counts', 'aria-labelledby': 'journey-counts-title' }),
      el('div', { class: 'journey-stages', id: 'journey-stages', 'data-testid': 'journey-stages' }),
      homeworkSection(),
    ),
  );
}

async function loadBoard() {
  const current = page.loads.start();
  page.loading = true;
  renderStatus();
  const query = new URLSearchParams(Object.entries(page.filter).filter(([, v]) => v)).toString();
  try {
    /** @type {JourneyBoard} */
    const board = await api('GET', `/journeys${query ? `?${query}` : ''}`);
    if (!current() || !state.user) return;
    page.board = board;
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
  const status = byId('journey-status');
  if (page.loading && !page.board) status.textContent = t('app.loading');
  else if (page.board) status.textContent = t('journey.shown', { count: page.board.items.length });
  else status.textContent = '';
}

/** @param {'language' | 'province' | 'track' | 'mentor'} name @param {string} value */
function choiceText(name, value) {
  if (name === 'language') return LANGUAGE_NAMES.get(value) || value;
  if (name === 'track') return valueText(`outcomes.${value}`, value);
  return value;
}

function renderFilters() {
  const choices = page.board ? page.board.choices : { languages: [], provinces: [], tracks: [], mentors: [] };
  const lists = { language: choices.languages, province: choices.provinces, track: choices.tracks, mentor: choices.mentors };
  for (const name of FILTERS) {
    byId(`journey-filter-${name}-label`).textContent = t(`journey.filters.${name}`);
    const select = /** @type {HTMLSelectElement} */ (byId(`journey-filter-${name}`));
    const chosen = page.filter[name] || '';
    const values = [...new Set([...lists[name], ...(chosen ? [chosen] : [])])];
    select.replaceChildren(
      el('option', { value: '' }, t('journey.filters.all')),
      ...values.map((value) => el('option', { value, selected: value === chosen, dir: 'auto' }, choiceText(name, value))),
    );
  }
  byId('journey-filter-submit').textContent = t('journey.filters.apply');
}

/** @param {JourneyBoardItem} item */
function card(item) {
  const id = `journey-person-${item.key}`;
  const open = page.openKey === item.key;
  const toggle = el(
    'button',
    { type: 'button', class: 'button secondary', 'data-testid': 'journey-open', 'aria-expanded': open ? 'true' : 'false', 'aria-controls': `${id}-panel`, id: `${id}-open`, 'aria-labelledby': `${id}-open ${id}-name` },
    t('journey.open'),
  );
  toggle.addEventListener('click', () => {
    page.openKey = open ? null : item.key;
    render();
  });
  const panel = page.panels.get(item.key) || el('div', { class: 'journey-panel panel-content', id: `${id}-panel`, 'data-testid': 'journey-panel' });
  page.panels.set(item.key, panel);
  show(panel, open);
  if (open) showJourneyPanel(panel, `/people/${encodeURIComponent(item.key)}/journey`, { onMoved: loadBoard });
  return el(
    'li',
    { class: 'card person journey-card', 'data-testid': 'journey-person', 'data-key': item.key, 'data-stage': item.stage },
    el(
      'div',
      { class: 'person-main' },
      el('span', { class: 'card-top' }, el('bdi', { class: 'card-name', dir: 'auto', id: `${id}-name` }, personName(item))),
      el(
        'span',
        { class: 'card-line' },
        item.language ? languageChip(item.language) : null,
        item.track ? chip(valueText(`outcomes.${item.track}`, item.track), 'chip-outcome') : null,
        item.province ? chip(item.province) : null,
        item.mentor ? chip(t('journey.mentor', { name: `\u2068${item.mentor}\u2069` })) : null,
      ),
      el(
        'span',
        { class: 'card-line' },
        chip(t('journey.daysInStage', { count: item.daysInStage }), 'chip-days'),
        item.overdue ? el('span', { class: 'chip chip-warn', 'data-testid': 'journey-overdue', 'data-overdue': item.overdue }, t(`journey.overdue.${item.overdue}`)) : null,
      ),
    ),
    el(
      'div',
      { class: 'person-actions' },
      toggle,
      item.transcriptId ? el('a', { class: 'button secondary', href: `#/transcripts/${encodeURIComponent(item.transcriptId)}`, 'data-testid': 'journey-transcript' }, t('journey.transcript')) : null,
    ),
    panel,
  );
}

/** The board's subtitle: when homework counts as late, as the tracks set it (one number, or the fewest to the most days). */
function introText() {
  const days = page.board ? page.board.homeworkDays : null;
  if (!days) return t('journey.boardIntroShort');
  if (days.least === days.most) return t('journey.boardIntro', { days: formatNumber(days.least) });
  return t('journey.boardIntroRange', { least: formatNumber(days.least), most: formatNumber(days.most) });
}

export function render() {
  if (!section().firstElementChild) return;
  byId('journey-title').textContent = t('journey.boardTitle');
  byId('journey-intro').textContent = introText();
  byId('journey-counts-title').textContent = t('journey.counts');
  renderFilters();
  renderStatus();
  renderHomework();
  const board = page.board;
  // The stages in the order of the selection, as the server counts them (src/domain/journey.ts).
  const stages = board ? /** @type {Array<keyof JourneyBoard['counts']>} */ (Object.keys(board.counts)) : [];
  byId('journey-counts').replaceChildren(
    ...stages.map((stage) =>
      el(
        'li',
        { class: 'journey-count', 'data-testid': 'journey-count', 'data-stage': stage },
        el('span', { class: 'journey-count-name' }, stageName(stage)),
        el('strong', { class: 'journey-count-number' }, formatNumber(board ? board.counts[stage] || 0 : 0)),
      ),
    ),
  );
  const items = board ? board.items : [];
  byId('journey-stages').replaceChildren(
    ...stages.filter((stage) => items.some((i) => i.stage === stage)).map((stage) =>
      el(
        'section',
        { class: 'journey-stage', 'data-stage': stage, 'aria-labelledby': `journey-stage-${stage}` },
        el('h2', { class: 'list-title', id: `journey-stage-${stage}` }, stageName(stage)),
        el('ul', { class: 'cards results' }, items.filter((i) => i.stage === stage).map(card)),
      ),
    ),
  );
}

const STAFF = ['staff', 'admin'];

/** @type {import('./index.js').Page} */
export const journeyPage = {
  name: 'journey',
  roles: STAFF,
  tab: true,
  section,
  heading: () => byId('journey-title'),
  scrollsItself: true,
  enter() {
    frame();
    render();
    loadBoard();
    loadHomework();
  },
  render,
  clear() {
    page.board = null;
    page.filter = {};
    page.openKey = null;
    page.panels.clear();
    section().replaceChildren();
  },
};
