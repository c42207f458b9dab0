// @ts-check

import { ApiError, api } from '../api.js';
import { el, show } from '../dom.js';
import { LANGUAGES } from '../constants.js';
import { t } from '../texts.js';

/**
 * Staff set the homework per track (the intake's result) on the journey board's page: a short text
 * per language, a link (http or https only), the days the person has. A mentor who moves a person to
 * "homework given" sends their track's homework; the bot sends it in the person's language.
 *
 * @typedef {import('../../../consoleApi').HomeworkList} HomeworkList
 * @typedef {import('../../../../domain/homework').HomeworkDefinition} HomeworkDefinition
 */

const state = {
  /** @type {HomeworkList | null} */ list: null,
  /** Per track: an error code or 'saved' after the last save. @type {Map<string, string>} */ notes: new Map(),
  /** Per track: what was typed when a save was refused, shown again. @type {Map<string, { texts: Record<string, string>, link: string, days: string }>} */ drafts: new Map(),
};

/** The section, built once per page frame. */
export function homeworkSection() {
  return el(
    'section',
    { class: 'panel', id: 'homework-section', 'data-testid': 'homework-section', 'aria-labelledby': 'homework-title' },
    el('h2', { class: 'panel-title', id: 'homework-title' }),
    el('div', { class: 'panel-content' }, el('p', { class: 'muted', id: 'homework-intro' }), el('div', { id: 'homework-tracks' })),
  );
}

export async function loadHomework() {
  try {
    /** @type {HomeworkList} */
    const list = await api('GET', '/homework');
    state.list = list;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    state.list = null;
  }
  renderHomework();
}

/** @param {string} track @param {SubmitEvent} event */
async function save(track, event) {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.target);
  const field = (/** @type {string} */ name) => /** @type {HTMLInputElement | HTMLTextAreaElement} */ (form.elements.namedItem(name)).value;
  /** @type {Record<string, string>} */
  const texts = {};
  for (const [lng] of LANGUAGES) if (field(`text-${lng}`).trim()) texts[lng] = field(`text-${lng}`);
  const link = field('link').trim();
  const days = Number(field('days'));
  try {
    await api('POST', `/homework/${encodeURIComponent(track)}`, { texts, ...(link ? { link } : {}), days });
    state.notes.set(track, 'saved');
    state.drafts.delete(track);
    await loadHomework();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    state.notes.set(track, error instanceof ApiError && error.code === 'link-not-http' ? 'link-not-http' : 'invalid');
    state.drafts.set(track, { texts, link, days: field('days') });
    renderHomework();
  }
}

export function renderHomework() {
  const title = document.getElementById('homework-title');
  const intro = document.getElementById('homework-intro');
  const tracks = document.getElementById('homework-tracks');
  if (!title || !intro || !tracks) return;
  title.textContent = t('homework.title');
  intro.textContent = t('homework.intro');
  const list = state.list;
  if (!list) {
    tracks.replaceChildren();
    return;
  }
  tracks.replaceChildren(
    ...list.tracks.map((track) => {
      const def = list.definitions.find((d) => d.track === track);
      const id = `homework-${track}`;
      const note = state.notes.get(track);
      const draft = state.drafts.get(track);
      const form = el(
        'form',
        { class: 'journey-form', 'data-testid': 'homework-form', 'data-track': track, novalidate: true },
        ...LANGUAGES.flatMap(([lng, name]) => {
          const area = /** @type {HTMLTextAreaElement} */ (el('textarea', { id: `${id}-${lng}`, name: `text-${lng}`, rows: '2', maxlength: '1000', lang: lng, dir: 'auto', 'data-testid': `homework-text-${lng}` }));
          area.value = draft ? draft.texts[lng] || '' : (def && def.texts[/** @type {keyof HomeworkDefinition['texts']} */ (lng)]) || '';
          return [el('label', { for: `${id}-${lng}` }, t('homework.text', { language: name })), area];
        }),
        el('label', { for: `${id}-link` }, t('homework.link')),
        el('input', { id: `${id}-link`, name: 'link', type: 'url', maxlength: '500', dir: 'ltr', value: draft ? draft.link : (def && def.link) || '', 'data-testid': 'homework-link' }),
        el('label', { for: `${id}-days` }, t('homework.days')),
        el('input', { id: `${id}-days`, name: 'days', type: 'number', min: '1', max: '90', value: draft ? draft.days : String(def ? def.days : list.defaultDays), 'data-testid': 'homework-days' }),
        el('button', { type: 'submit', class: 'button primary', 'data-testid': 'homework-save' }, t('homework.save')),
      );
      form.addEventListener('submit', (event) => save(track, /** @type {SubmitEvent} */ (event)));
      const message = el('p', { class: note === 'saved' ? 'done-box' : 'form-error', role: note === 'saved' ? 'status' : 'alert', 'data-testid': 'homework-message', 'data-note': note || '' }, note ? t(note === 'saved' ? 'homework.saved' : `homework.errors.${note}`) : '');
      show(message, !!note);
      return el(
        'details',
        { class: 'homework-track', 'data-track': track, open: note ? true : undefined },
        el('summary', {}, t(`outcomes.${track}`), ' · ', def ? t('homework.set', { days: def.days }) : t('homework.notSet')),
        form,
        message,
      );
    }),
  );
}
