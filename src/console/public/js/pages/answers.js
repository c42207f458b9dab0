// @ts-check
import { LANGUAGE_NAMES, RTL_LANGUAGES, dateLocale } from '../constants.js';
import { LatestLoad } from '../latestLoad.js';
/**
 * The console page where staff edit the FAQ answers, per language: which languages are missing or not
 * reviewed, the text with its rules and length, save / back to the original / mark reviewed, the
 * history, and whether the recognizer is due a new calibration. Its Page entry (pages/index.js) shows
 * its <section> and calls enter() with the API client and texts.
 */

/**
 * @typedef {{ status: number, code?: string, body?: Record<string, unknown> }} ApiFailure
 * @typedef {{
 *   api: <T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>,
 *   t: (key: string, vars?: Record<string, unknown>) => string,
 *   lang: string,
 * }} Host
 * @typedef {{ lang: string, status: string, edited: boolean, version: number }} LanguageState
 * @typedef {{ topic: string, title: string, languages: LanguageState[] }} TopicRow
 * @typedef {{ fitsSeedExamples: boolean, staffExamples: number, threshold: number, due: boolean, command: string }} Refit
 * @typedef {{ version: number, change: string, by: string, at: string, text: string | null, previous: string | null }} Change
 * @typedef {{
 *   lang: string, text: string | null, seed: string | null, edited: boolean, version: number,
 *   changedBy: string | null, changedAt: string | null, review: { by: string, at: string } | null,
 *   status: string, history: Change[]
 * }} AnswerView
 * @typedef {{ topic: string, title: string, languages: AnswerView[], maxLength: number }} TopicDetail
 */

const STATUS_CLASS = /** @type {Record<string, string>} */ ({ missing: 'status-closed', 'not-reviewed': 'status-waiting', reviewed: 'status-active' });
const PROBLEMS = new Set(['empty', 'too-long', 'markup', 'link', 'placeholder', 'control', 'missing']);

/** @type {Host | null} */
let host = null;
const state = {
  /** @type {TopicRow[]} */ topics: [],
  /** @type {Refit | null} */ refit: null,
  /** @type {TopicDetail | null} */ detail: null,
  /** The language being edited. */ lang: 'nl',
  /** The text in the box, kept while the page redraws. @type {string | null} */ draft: null,
  /** @type {string | null} */ done: null,
  /** @type {string | null} */ error: null,
  busy: false,
  loads: new LatestLoad(),
};

/** @returns {HTMLElement} */
function section() {
  const node = document.getElementById('page-answers');
  if (!node) throw new Error('answers.js: index.html has no #page-answers');
  return node;
}

/**
 * @param {string} tag
 * @param {Record<string, string | boolean | null | undefined>} attrs
 * @param {Array<Node | string | null | undefined>} children
 * @returns {HTMLElement}
 */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** @param {string} key @param {Record<string, unknown>} [vars] */
function t(key, vars) {
  return host ? host.t(key, vars) : key;
}

/** @param {string | null} iso */
function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(host ? dateLocale(host.lang) : undefined, { dateStyle: 'short', timeStyle: 'short' });
}

/** @param {string} text */
const characters = (text) => [...text].length;

/** @param {number} n */
const number = (n) => n.toLocaleString(host ? host.lang : undefined);

/** @param {unknown} error @returns {ApiFailure} */
function failure(error) {
  const e = /** @type {Partial<ApiFailure>} */ (error && typeof error === 'object' ? error : {});
  return { status: typeof e.status === 'number' ? e.status : 0, code: e.code, body: e.body && typeof e.body === 'object' ? e.body : {} };
}

/** @param {unknown} error */
function errorText(error) {
  const { status, code, body } = failure(error);
  const problem = body && typeof body.problem === 'string' ? body.problem : '';
  if (status === 400 && PROBLEMS.has(problem)) return t(`answers.problems.${problem}`);
  if (status === 409 && code === 'changed') return t('answers.conflict');
  if (status === 403) return t('errors.forbidden');
  if (status === 0) return t('errors.network');
  return t('errors.generic');
}

/** @param {string} lang @param {string} status */
function statusChip(lang, status) {
  return el(
    'span',
    { class: `chip ${STATUS_CLASS[status] || ''}`, 'data-testid': 'answer-status', 'data-lang': lang, 'data-status': status },
    el('bdi', { lang, dir: 'auto' }, LANGUAGE_NAMES.get(lang) || lang),
    ` · ${t(`answers.status.${status}`)}`,
  );
}

function refitBox() {
  const refit = state.refit;
  if (!refit) return null;
  const vars = { count: number(refit.staffExamples), threshold: number(refit.threshold), command: refit.command };
  return el(
    'div',
    { class: refit.due ? 'form-error' : 'info', 'data-testid': 'answers-refit', 'data-due': String(refit.due), role: 'status' },
    el('strong', {}, `${t('answers.refit.title')}: `),
    refit.due ? t('answers.refit.due', vars) : t('answers.refit.ok', vars),
    !refit.fitsSeedExamples ? el('span', {}, ` ${t('answers.refit.stale')}`) : null,
  );
}

/** @returns {Array<HTMLElement | null>} the list's parts, laid out by .page-inner */
function listView() {
  return [
    refitBox(),
    el('p', { class: 'muted' }, t('answers.legend')),
    el('p', { class: 'status-line', role: 'status' }, t('answers.shown', { count: number(state.topics.length) })),
    el(
      'ul',
      { class: 'cards results', 'data-testid': 'answers-list' },
      ...state.topics.map((row) => {
        const open = el('button', { type: 'button', class: 'button', 'data-testid': 'answer-open' }, t('answers.open'));
        open.addEventListener('click', () => void openTopic(row.topic));
        return el(
          'li',
          { class: 'card question-card', 'data-testid': 'answer-topic', 'data-topic': row.topic },
          el('p', { class: 'question-text' }, el('bdi', { dir: 'auto' }, row.title), ' ', el('span', { class: 'muted' }, `(${row.topic})`)),
          el('p', { class: 'card-line' }, ...row.languages.map((l) => statusChip(l.lang, l.status))),
          el('div', { class: 'form-buttons' }, open),
        );
      }),
    ),
  ];
}

/** @param {AnswerView} view @param {number} max @returns {Array<HTMLElement | null>} the editor's parts, laid out by .page-inner */
function editorView(view, max) {
  const detail = /** @type {TopicDetail} */ (state.detail);
  const back = el('button', { type: 'button', class: 'button', 'data-testid': 'answers-back' }, t('answers.back'));
  back.addEventListener('click', () => void backToList());

  const select = /** @type {HTMLSelectElement} */ (
    el(
      'select',
      { id: 'answer-language', 'data-testid': 'answer-language' },
      ...detail.languages.map((l) =>
        el('option', { value: l.lang, selected: l.lang === view.lang }, `${LANGUAGE_NAMES.get(l.lang) || l.lang} · ${t(`answers.status.${l.status}`)}`),
      ),
    )
  );
  select.addEventListener('change', () => {
    state.lang = select.value;
    state.draft = null;
    state.done = null;
    state.error = null;
    render();
  });

  const text = state.draft ?? view.text ?? '';
  const box = /** @type {HTMLTextAreaElement} */ (
    el('textarea', { id: 'answer-text', 'data-testid': 'answer-text', rows: '10', lang: view.lang, dir: RTL_LANGUAGES.has(view.lang) ? 'rtl' : 'ltr', 'aria-describedby': 'answer-rules answer-count' })
  );
  box.value = text;
  const count = el('p', { id: 'answer-count', class: 'muted', 'data-testid': 'answer-count', 'aria-live': 'polite' }, t('answers.count', { count: number(characters(text)), max: number(max) }));
  box.addEventListener('input', () => {
    state.draft = box.value;
    count.textContent = t('answers.count', { count: number(characters(box.value)), max: number(max) });
    box.setAttribute('aria-invalid', characters(box.value) > max ? 'true' : 'false');
  });

  const save = el('button', { type: 'button', class: 'button primary', 'data-testid': 'answer-save' }, t('answers.save'));
  save.addEventListener('click', () => void change('', { text: box.value, version: view.version }, 'edit'));
  const revert = el('button', { type: 'button', class: 'button', 'data-testid': 'answer-revert', disabled: !view.edited }, t('answers.revert'));
  revert.addEventListener('click', () => void change('/revert', { version: view.version }, 'revert'));
  const review = el('button', { type: 'button', class: 'button', 'data-testid': 'answer-review', disabled: view.status !== 'not-reviewed' }, t('answers.review'));
  review.addEventListener('click', () => void change('/review', { version: view.version }, 'review'));

  return [
    el('div', { class: 'form-buttons' }, back),
    el('h2', {}, el('bdi', { dir: 'auto' }, detail.title), ' ', el('span', { class: 'muted' }, `(${detail.topic})`)),
    el('p', { class: 'card-line' }, ...detail.languages.map((l) => statusChip(l.lang, l.status))),
    el('div', { class: 'field' }, el('label', { for: 'answer-language' }, t('answers.language')), select),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'answer-text' }, t('answers.text', { language: LANGUAGE_NAMES.get(view.lang) || view.lang })),
      el('p', { id: 'answer-rules', class: 'muted' }, t('answers.rules', { max: number(max) })),
      box,
      count,
    ),
    el('p', { class: 'form-error', role: 'alert', tabindex: '-1', 'data-testid': 'answer-error', hidden: !state.error }, state.error || ''),
    el('div', { class: 'done-box', role: 'status', tabindex: '-1', 'data-testid': 'answer-done', hidden: !state.done }, state.done || ''),
    el('div', { class: 'form-buttons' }, save, revert, review),
    el(
      'p',
      { class: 'muted', 'data-testid': 'answer-meta' },
      view.edited && view.changedBy ? t('answers.changedBy', { name: view.changedBy, date: when(view.changedAt) }) : t('answers.original'),
      view.review ? ` · ${t('answers.reviewedBy', { name: view.review.by, date: when(view.review.at) })}` : '',
    ),
    view.edited && view.seed !== null
      ? el('details', {}, el('summary', {}, t('answers.original')), el('p', { lang: view.lang, dir: 'auto', class: 'question-text' }, view.seed))
      : null,
    el('h3', {}, t('answers.history')),
    view.history.length === 0
      ? el('p', { class: 'muted' }, t('answers.noHistory'))
      : el(
          'ol',
          { class: 'cards', 'data-testid': 'answer-history' },
          ...view.history.map((h) =>
            el(
              'li',
              { class: 'card question-card', 'data-change': h.change },
              el('p', {}, el('strong', {}, t(`answers.changes.${h.change}`)), ` · ${h.by} · ${when(h.at)}`),
              h.previous !== null && h.change !== 'review'
                ? el('p', { class: 'muted' }, `${t('answers.before')} `, el('bdi', { lang: view.lang, dir: 'auto' }, h.previous))
                : null,
            ),
          ),
        ),
  ];
}

function render() {
  const node = section();
  const detail = state.detail;
  const view = detail ? detail.languages.find((l) => l.lang === state.lang) || detail.languages[0] : null;
  node.replaceChildren(
    el(
      'div',
      { class: 'page-inner', 'data-testid': detail ? 'answer-editor' : 'answers-overview', 'data-topic': detail ? detail.topic : null },
      el(
        'div',
        { class: 'page-head' },
        el('h1', { class: 'page-title', id: 'answers-title', tabindex: '-1' }, t('answers.title')),
        el('p', { class: 'muted' }, t('answers.intro')),
      ),
      ...(detail && view ? editorView(view, detail.maxLength) : listView()),
      !detail && state.error ? el('p', { class: 'form-error', role: 'alert' }, state.error) : null,
    ),
  );
}

async function loadList() {
  if (!host) return;
  const current = state.loads.start();
  try {
    /** @type {{ topics?: TopicRow[], refit?: Refit | null } | null} */
    const data = await host.api('GET', `/answers?lang=${encodeURIComponent(host.lang)}`);
    if (!current()) return;
    state.topics = data && Array.isArray(data.topics) ? data.topics : [];
    state.refit = data && data.refit ? data.refit : null;
    state.error = null;
  } catch (error) {
    if (current()) state.error = errorText(error);
  }
  render();
}

/** @param {string} topic */
async function loadTopic(topic) {
  if (!host) return;
  const current = state.loads.start();
  /** @type {TopicDetail | null} */
  const data = await host.api('GET', `/answers/${encodeURIComponent(topic)}?lang=${encodeURIComponent(host.lang)}`);
  if (!current()) return;
  state.detail = data;
}

/** @param {string} topic */
async function openTopic(topic) {
  state.done = null;
  state.error = null;
  state.draft = null;
  state.lang = host && LANGUAGE_NAMES.has(host.lang) ? host.lang : 'nl';
  try {
    await loadTopic(topic);
  } catch (error) {
    state.error = errorText(error);
  }
  render();
  const heading = section().querySelector('h2');
  if (heading) heading.scrollIntoView({ block: 'start' });
}

async function backToList() {
  state.detail = null;
  state.done = null;
  state.error = null;
  state.draft = null;
  render();
  await loadList();
}

/**
 * Saves, reverts or marks reviewed; on a refusal the text stays in the box with the reason; when
 * someone else changed the answer meanwhile, the newest text is shown.
 * @param {string} path @param {Record<string, unknown>} body @param {'edit' | 'revert' | 'review'} kind
 */
async function change(path, body, kind) {
  const detail = state.detail;
  if (!host || !detail || state.busy) return;
  state.busy = true;
  state.done = null;
  state.error = null;
  try {
    await host.api('POST', `/answers/${encodeURIComponent(detail.topic)}/${encodeURIComponent(state.lang)}${path}`, body);
    state.done = t(`answers.done.${kind}`);
    state.draft = null;
    await loadTopic(detail.topic);
  } catch (error) {
    state.error = errorText(error);
    if (failure(error).status === 409) {
      state.draft = null;
      await loadTopic(detail.topic).catch(() => undefined);
    }
  } finally {
    state.busy = false;
  }
  render();
  const box = section().querySelector(state.error ? '[data-testid="answer-error"]' : '[data-testid="answer-done"]');
  if (box instanceof HTMLElement) box.focus({ preventScroll: false });
}

/**
 * Shows the page: the list of topics (or the topic being edited, read again).
 * @param {Host} given
 */
export function enter(given) {
  host = given;
  render();
  if (state.detail) void loadTopic(state.detail.topic).then(render, () => undefined);
  else void loadList();
}

/** Forgets everything shown (at sign-out). */
export function clear() {
  host = null;
  state.topics = [];
  state.refit = null;
  state.detail = null;
  state.draft = null;
  state.done = null;
  state.error = null;
  const node = document.getElementById('page-answers');
  if (node) node.replaceChildren();
}

