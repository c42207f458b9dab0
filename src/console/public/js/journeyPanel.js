// @ts-check

import { ApiError, api } from './api.js';
import { chip, el, languageChip, present, show } from './dom.js';
import { formatDateTime, isolate } from './format.js';
import { state } from './state.js';
import { t } from './texts.js';
import { mayReferToPartners, showPartnerPanel } from './partnerPanel.js';
import { LatestLoad } from './latestLoad.js';

/**
 * A person's selection journey beside their transcript, conversation or board card: where they are,
 * since when, what is overdue, every move (who, when, why), and a form to move them to a stage the
 * rules allow this account. A move the rules refuse shows their reason in words.
 *
 * @typedef {import('../../consoleApi').JourneyView} JourneyView
 * @typedef {import('../../consoleApi').JourneyRefusalView} JourneyRefusalView
 * @typedef {import('../../../domain/journey').JourneyStage} JourneyStage
 * @typedef {import('../../../domain/journey').JourneyMove} JourneyMove
 * @typedef {import('../../consoleApi').ReplyTranslationResponse} ReplyTranslationResponse
 * @typedef {{ verdict: 'passed' | 'again', note: string, kind: 'loading' } | { verdict: 'passed' | 'again', note: string, kind: 'ready', text: string, to: string, lowerQuality: boolean } | { verdict: 'passed' | 'again', note: string, kind: 'failed', reason: 'off' | 'timeout' | 'failed' }} NotePreview
 */

/**
 * What one panel shows; the panel draws itself again on a language change from this.
 * @typedef {{ path: string, view: JourneyView | null, error: string | null, refusal: JourneyRefusalView | null, done: string | null, busy: boolean, loads: import('./latestLoad.js').LatestLoad, onMoved?: () => void, draftReason?: string, draftTo?: string, drawnLang?: string, delivery?: string | null, draftNote?: string, notePreview?: NotePreview | null }} PanelState
 */

/** @type {WeakMap<HTMLElement, PanelState>} */
const panels = new WeakMap();
/** The partner panel below each journey panel: kept across redraws, so a step being typed stays. @type {WeakMap<HTMLElement, HTMLElement>} */
const partnerHosts = new WeakMap();

/** @param {string} stage */
export const stageName = (stage) => t(`journey.stages.${stage}`);

/**
 * Shows the journey at `path` (an API path ending in /journey) in `container`; loads it unless this
 * container shows it already (then it is drawn again, e.g. in a new language).
 * @param {HTMLElement} container
 * @param {string} path
 * @param {{ onMoved?: () => void, reload?: boolean }} [options]
 */
export function showJourneyPanel(container, path, options = {}) {
  const known = panels.get(container);
  if (known && known.path === path && !options.reload) {
    known.onMoved = options.onMoved;
    // Drawn again only in a new language: a redraw would wipe a reason being typed.
    if (known.drawnLang !== state.lang || !container.firstChild) draw(container, known);
    return;
  }
  /** @type {PanelState} */
  const panel = { path, view: null, error: null, refusal: null, done: null, busy: false, loads: known ? known.loads : new LatestLoad(), onMoved: options.onMoved };
  panels.set(container, panel);
  void load(container, panel);
}

/** @param {HTMLElement} container @param {PanelState} panel */
async function load(container, panel) {
  const current = panel.loads.start();
  draw(container, panel);
  try {
    /** @type {JourneyView} */
    const view = await api('GET', panel.path);
    if (!current() || !state.user) return;
    panel.view = view;
    panel.error = null;
  } catch (error) {
    if (!current() || (error instanceof ApiError && error.status === 401)) return;
    panel.error = error instanceof ApiError && error.status === 403 ? 'journey.forbidden' : error instanceof ApiError && error.status === 0 ? 'errors.network' : 'errors.generic';
  }
  draw(container, panel);
}

/** @param {HTMLElement} container @param {PanelState} panel @param {SubmitEvent} event */
async function submitMove(container, panel, event) {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.target);
  const to = /** @type {HTMLSelectElement} */ (form.elements.namedItem('to')).value;
  const reason = /** @type {HTMLTextAreaElement} */ (form.elements.namedItem('reason')).value;
  panel.busy = true;
  panel.refusal = null;
  panel.done = null;
  panel.delivery = null;
  panel.error = null;
  draw(container, panel);
  try {
    /** @type {JourneyView} */
    const view = await api('POST', `${panel.path}/moves`, { to, reason });
    panel.view = view;
    panel.done = to;
    panel.delivery = view.delivery || null;
    panel.draftReason = '';
    panel.draftTo = undefined;
    if (panel.onMoved) panel.onMoved();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'journey-refused' && error.body.refusal && 'code' in error.body.refusal) panel.refusal = error.body.refusal;
    else if (error instanceof ApiError && error.status === 401) return;
    else panel.error = error instanceof ApiError && error.status === 403 ? 'journey.forbidden' : error instanceof ApiError && error.status === 404 ? 'journey.none' : 'errors.generic';
    panel.draftReason = reason;
    panel.draftTo = to;
  } finally {
    panel.busy = false;
    draw(container, panel);
  }
}

/** Whether a review note is translated for the person (after a preview): translation on and the person reads another language than the console's. @param {PanelState} panel */
function translatesNote(panel) {
  const way = panel.view && panel.view.noteTranslation;
  return !!way && way.on && way.to !== state.lang;
}

/** A mentor's review of the homework that came in: passed or try again, with a note the person reads. @param {HTMLElement} container @param {PanelState} panel @param {SubmitEvent} event */
async function submitReview(container, panel, event) {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.target);
  const submitter = /** @type {HTMLButtonElement | null} */ (event.submitter);
  const verdict = submitter && submitter.value === 'again' ? 'again' : 'passed';
  const note = /** @type {HTMLTextAreaElement} */ (form.elements.namedItem('note')).value;
  if (!note.trim()) {
    panel.error = 'journey.homework.noteMissing';
    panel.draftNote = note;
    draw(container, panel);
    return;
  }
  if (translatesNote(panel)) await previewNote(container, panel, verdict, note);
  else await sendReview(container, panel, verdict, note, false);
}

/**
 * The note in the person's language, shown before anything is saved or sent. Written in their
 * language already: the review goes at once, as written.
 * @param {HTMLElement} container @param {PanelState} panel @param {'passed' | 'again'} verdict @param {string} note
 */
async function previewNote(container, panel, verdict, note) {
  panel.notePreview = { verdict, note, kind: 'loading' };
  panel.draftNote = note;
  panel.busy = true;
  panel.refusal = null;
  panel.done = null;
  panel.delivery = null;
  panel.error = null;
  draw(container, panel);
  /** @type {ReplyTranslationResponse} */
  let data;
  try {
    data = await api('POST', `${panel.path}/homework/review-translation`, { note });
  } catch (error) {
    panel.notePreview = null;
    if (error instanceof ApiError && error.status === 401) return;
    panel.error = error instanceof ApiError && error.status === 403 ? 'journey.forbidden' : 'errors.generic';
    return;
  } finally {
    panel.busy = false;
    draw(container, panel);
  }
  // The mentor edited the note or moved on meanwhile: this answer is for nothing on show.
  if (!panel.notePreview || panel.notePreview.note !== note) return;
  if (!data.on) panel.notePreview = { verdict, note, kind: 'failed', reason: 'off' };
  else if (!data.ok) panel.notePreview = { verdict, note, kind: 'failed', reason: data.reason };
  else if (data.sameLanguage) {
    panel.notePreview = null;
    await sendReview(container, panel, verdict, note, false);
    return;
  } else panel.notePreview = { verdict, note, kind: 'ready', text: data.text, to: data.to, lowerQuality: data.lowerQuality };
  draw(container, panel);
}

/**
 * Saves the review and tells the person: the note as written, or (`translated`) exactly the
 * translation previewed. Nothing is kept or sent when the server has no such translation.
 * @param {HTMLElement} container @param {PanelState} panel @param {'passed' | 'again'} verdict @param {string} note @param {boolean} translated
 */
async function sendReview(container, panel, verdict, note, translated) {
  panel.busy = true;
  panel.refusal = null;
  panel.done = null;
  panel.delivery = null;
  panel.error = null;
  draw(container, panel);
  try {
    /** @type {JourneyView} */
    const view = await api('POST', `${panel.path}/homework/review`, translated ? { verdict, note, translated: true } : { verdict, note });
    panel.view = view;
    panel.done = view.journey ? view.journey.stage : null;
    panel.delivery = view.delivery || null;
    panel.draftNote = '';
    panel.notePreview = null;
    if (panel.onMoved) panel.onMoved();
  } catch (error) {
    panel.draftNote = note;
    panel.notePreview = null;
    if (error instanceof ApiError && error.status === 409 && error.code === 'not-translated') panel.notePreview = { verdict, note, kind: 'failed', reason: 'failed' };
    else if (error instanceof ApiError && error.code === 'journey-refused' && error.body.refusal && 'code' in error.body.refusal) panel.refusal = error.body.refusal;
    else if (error instanceof ApiError && error.status === 401) return;
    else panel.error = error instanceof ApiError && error.status === 403 ? 'journey.forbidden' : 'errors.generic';
  } finally {
    panel.busy = false;
    draw(container, panel);
  }
}

/**
 * The note's preview under the review form: the translation with *Send translation* / *Edit*, or why
 * there is none (nothing was saved or sent) with *Send as written* / *Try again* / *Edit*.
 * @param {HTMLElement} container @param {PanelState} panel @param {NotePreview} preview
 */
function notePreviewPart(container, panel, preview) {
  /** @param {string} key @param {string} testId @param {() => void} onClick @param {string} [kind] */
  const action = (key, testId, onClick, kind = 'secondary') => {
    const button = el('button', { type: 'button', class: `button ${kind}`, 'data-testid': testId, disabled: panel.busy }, t(key));
    button.addEventListener('click', onClick);
    return button;
  };
  const edit = action('translation.edit', 'note-edit', () => {
    panel.notePreview = null;
    draw(container, panel);
    const box = /** @type {HTMLTextAreaElement | null} */ (container.querySelector('[data-testid="homework-note"]'));
    if (box) box.focus();
  });
  /** @type {Array<HTMLElement | null>} */
  let parts;
  if (preview.kind === 'loading') parts = [el('p', { class: 'bubble-note' }, t('translation.loading'))];
  else if (preview.kind === 'ready') {
    parts = [
      el('p', { class: 'reply-translation-title' }, t('translation.previewTitle'), ' ', languageChip(preview.to)),
      el('p', { class: 'reply-translation-text', lang: preview.to, dir: 'auto', 'data-testid': 'note-preview-text' }, preview.text),
      preview.lowerQuality ? el('p', { class: 'bubble-note', 'data-testid': 'lower-quality' }, t('translation.lowerQuality')) : null,
      el('div', { class: 'reply-translation-actions' }, action('translation.sendTranslation', 'note-send-translation', () => sendReview(container, panel, preview.verdict, preview.note, true), 'primary'), edit),
    ];
  } else {
    const reason = preview.reason === 'timeout' ? 'noteTimeout' : preview.reason === 'off' ? 'noteOff' : 'noteFailed';
    parts = [
      el('p', { class: 'reply-translation-problem', 'data-testid': 'note-not-translated', 'data-reason': preview.reason }, t(`journey.homework.${reason}`)),
      el(
        'div',
        { class: 'reply-translation-actions' },
        action('translation.sendOriginal', 'note-send-original', () => sendReview(container, panel, preview.verdict, preview.note, false)),
        preview.reason === 'off' ? null : action('translation.tryAgain', 'note-retry', () => previewNote(container, panel, preview.verdict, preview.note)),
        edit,
      ),
    ];
  }
  return el('div', { class: 'reply-translation', 'data-testid': 'note-translation', 'aria-live': 'polite' }, ...parts.filter(present));
}

/** A web address shown as a link only when it is http(s); anything else stays text. @param {string} text */
function linkOrText(text) {
  if (/^https?:\/\/\S+$/i.test(text)) {
    try {
      const url = new URL(text);
      if (url.protocol === 'https:' || url.protocol === 'http:') return el('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer nofollow', dir: 'ltr' }, text);
    } catch {
      // shown as text
    }
  }
  return el('span', { dir: 'auto', class: 'pre-wrap' }, text);
}

/**
 * The homework: what was sent, what came in, the reviews; the review form when homework came in.
 * @param {string} id @param {PanelState} panel @param {HTMLElement} container
 * @returns {HTMLElement[]}
 */
function homeworkPart(id, panel, container) {
  const view = panel.view;
  const journey = view && view.journey;
  const homework = journey && journey.homework;
  if (!journey || !homework) return [];
  /** @type {Array<HTMLElement | null>} */
  const parts = [
    el('h3', { class: 'sub-title' }, t('journey.homework.title')),
    homework.link ? el('p', { class: 'muted' }, t('journey.homework.sentLink'), ' ', linkOrText(homework.link)) : null,
    el(
      'ol',
      { class: 'journey-moves', 'data-testid': 'homework-submissions' },
      homework.submissions.length === 0
        ? el('li', { class: 'muted' }, t('journey.homework.noneYet'))
        : [...homework.submissions].reverse().map((s) => el('li', { class: 'journey-move', 'data-testid': 'homework-submission' }, el('time', { datetime: s.at }, formatDateTime(s.at)), linkOrText(s.text))),
    ),
    homework.reviews.length
      ? el(
          'ul',
          { class: 'journey-moves', 'data-testid': 'homework-reviews' },
          [...homework.reviews].reverse().map((r) =>
            el('li', { class: 'journey-move', 'data-verdict': r.verdict }, el('span', { class: 'journey-move-head' }, el('time', { datetime: r.at }, formatDateTime(r.at)), ' · ', el('strong', {}, t(`journey.homework.verdict.${r.verdict}`))), el('bdi', { dir: 'auto', class: 'muted' }, r.by.firstName || ''), el('span', { dir: 'auto' }, r.note), r.translated ? el('span', { class: 'muted', 'data-testid': 'review-translated' }, t('journey.homework.sentTranslated'), ' ', el('span', { lang: r.translated.to, dir: 'auto' }, r.translated.text)) : null),
          ),
        )
      : null,
  ];
  if (journey.stage === 'homework-submitted' && view && view.allowed.includes('homework-reviewed')) {
    const note = /** @type {HTMLTextAreaElement} */ (el('textarea', { id: `${id}-note`, name: 'note', rows: '3', maxlength: '1000', dir: 'auto', 'data-testid': 'homework-note' }));
    note.value = panel.draftNote || '';
    const form = el(
      'form',
      { class: 'journey-form', 'data-testid': 'homework-review', novalidate: true },
      el('label', { for: `${id}-note` }, ...(translatesNote(panel) && view.noteTranslation ? [t('journey.homework.noteTranslated'), ' ', languageChip(view.noteTranslation.to)] : [t('journey.homework.note')])),
      note,
      el(
        'div',
        { class: 'button-row' },
        el('button', { type: 'submit', class: 'button primary', value: 'passed', 'data-testid': 'homework-passed', disabled: panel.busy || !!panel.notePreview }, t('journey.homework.verdict.passed')),
        el('button', { type: 'submit', class: 'button', value: 'again', 'data-testid': 'homework-again', disabled: panel.busy || !!panel.notePreview }, t('journey.homework.verdict.again')),
      ),
    );
    form.addEventListener('submit', (event) => submitReview(container, panel, /** @type {SubmitEvent} */ (event)));
    // A changed note is not the one previewed: its preview goes.
    note.addEventListener('input', () => {
      panel.draftNote = note.value;
      if (panel.notePreview && panel.notePreview.kind !== 'loading') {
        panel.notePreview = null;
        draw(container, panel);
        const box = /** @type {HTMLTextAreaElement | null} */ (container.querySelector('[data-testid="homework-note"]'));
        if (box) {
          box.focus();
          box.setSelectionRange(box.value.length, box.value.length);
        }
      }
    });
    parts.push(form);
    if (panel.notePreview) parts.push(notePreviewPart(container, panel, panel.notePreview));
  }
  return parts.filter(present);
}

/** The rules' refusal in words. @param {JourneyRefusalView} refusal */
export function refusalText(refusal) {
  const who = (refusal.allowedFor || []).map((actor) => t(`journey.actors.${actor}`)).join(' / ');
  return t(`journey.refused.${refusal.code}`, { from: isolate(stageName(refusal.from)), to: isolate(stageName(refusal.to)), who });
}

/** @param {JourneyMove} move */
function moveItem(move) {
  // The name isolated on its own, so "Sara (المرشد)" reads name first in Arabic too.
  const who = move.by.kind === 'bot' ? [t('journey.actors.bot')] : [el('bdi', { dir: 'auto' }, move.by.firstName || ''), ` (${t(`journey.actors.${move.by.kind}`)})`];
  return el(
    'li',
    { class: 'journey-move', 'data-testid': 'journey-move', 'data-to': move.to },
    el('span', { class: 'journey-move-head' }, el('time', { datetime: move.at }, formatDateTime(move.at)), ' · ', el('strong', {}, stageName(move.to))),
    el('span', { class: 'journey-move-by muted' }, ...who),
    move.reason ? el('span', { class: 'journey-move-reason', dir: 'auto' }, reasonText(move.reason)) : null,
  );
}

/**
 * A move's reason: the words someone wrote, or, for a code the system wrote ("slot-booked",
 * "talk-cancelled-by-mentor", also under a mentor's name; a review's verdict before its note), its
 * text in the console's language.
 * @param {string} reason
 */
function reasonText(reason) {
  // A review's move: "homework-passed: <the note>" reads "Passed: <the note>".
  const review = /^homework-(passed|again): ([\s\S]*)$/.exec(reason);
  if (review) return `${t(`journey.homework.verdict.${review[1]}`)}: ${review[2]}`;
  if (!/^[a-z]+(-[a-z]+)*$/.test(reason)) return reason;
  const key = `journey.botReasons.${reason}`;
  const text = t(key);
  return text === key ? reason : text;
}

/**
 * The person's booked talk and intake interview beside the journey: what, when, with whom, the link.
 * @param {import('../../consoleApi').JourneyView} view
 */
function bookingsPart(view) {
  const bookings = view.bookings || [];
  if (bookings.length === 0) return [];
  return [
    el('h3', { class: 'sub-title' }, t('interviewSlots.bookings')),
    el(
      'ul',
      { class: 'journey-bookings', 'data-testid': 'journey-bookings' },
      bookings.map((b) =>
        el(
          'li',
          { 'data-testid': 'journey-booking', 'data-kind': b.kind },
          chip(t(`interviewSlots.kinds.${b.kind}`), b.kind === 'interview' ? 'chip-outcome' : ''),
          ' ',
          el('time', { datetime: b.start }, formatDateTime(b.start, { dateStyle: 'full', timeStyle: 'short' })),
          ' · ',
          t('interviewSlots.with', { name: isolate(b.host) }),
          b.outcome ? [' · ', t(`slots.recorded.${b.outcome}`)] : [],
          ' · ',
          el('a', { href: b.link, target: '_blank', rel: 'noopener noreferrer', dir: 'ltr' }, isolate(b.link)),
        ),
      ),
    ),
  ];
}

/** @param {HTMLElement} container @param {PanelState} panel */
function draw(container, panel) {
  panel.drawnLang = state.lang;
  const view = panel.view;
  const id = `journey-${Math.abs(hash(panel.path))}`;
  const parts = [];
  if (!view && !panel.error) parts.push(el('p', { class: 'muted' }, t('app.loading')));
  if (panel.error) parts.push(el('p', { class: 'form-error', role: 'alert', 'data-testid': 'journey-error' }, t(panel.error)));
  if (view && !view.journey) parts.push(el('p', { class: 'muted', 'data-testid': 'journey-none' }, t('journey.none')));
  if (view && view.journey) {
    const journey = view.journey;
    parts.push(
      el(
        'p',
        { class: 'journey-now card-line', 'data-testid': 'journey-stage', 'data-stage': journey.stage },
        chip(stageName(journey.stage), 'chip-outcome'),
        view.daysInStage !== null ? chip(t('journey.daysInStage', { count: view.daysInStage })) : null,
        view.overdue ? chip(t(`journey.overdue.${view.overdue}`), 'chip-warn') : null,
        view.due && !view.overdue ? chip(t('journey.due', { date: formatDateTime(view.due, { dateStyle: 'medium' }) })) : null,
        journey.mentor ? chip(t('journey.mentor', { name: isolate(journey.mentor.firstName) })) : null,
      ),
      ...homeworkPart(id, panel, container),
      ...bookingsPart(view),
      el('h3', { class: 'sub-title' }, t('journey.timeline')),
      el('ol', { class: 'journey-moves', 'data-testid': 'journey-moves' }, [...journey.moves].reverse().map(moveItem)),
    );
    if (view.allowed.length === 0) {
      parts.push(el('p', { class: 'muted', 'data-testid': 'journey-no-moves' }, t('journey.noMoves')));
    } else {
      const select = el(
        'select',
        { id: `${id}-to`, name: 'to', 'data-testid': 'journey-to' },
        view.allowed.map((stage) => el('option', { value: stage, selected: panel.draftTo === stage }, stageName(stage))),
      );
      const reason = /** @type {HTMLTextAreaElement} */ (el('textarea', { id: `${id}-reason`, name: 'reason', rows: '2', maxlength: '500', dir: 'auto', 'data-testid': 'journey-reason' }));
      reason.value = panel.draftReason || '';
      const form = el(
        'form',
        { class: 'journey-form', 'data-testid': 'journey-form', novalidate: true },
        el('label', { for: `${id}-to` }, t('journey.moveTo')),
        select,
        el('label', { for: `${id}-reason` }, t('journey.reason')),
        reason,
        el('button', { type: 'submit', class: 'button primary', 'data-testid': 'journey-move-submit', disabled: panel.busy }, t('journey.move')),
      );
      form.addEventListener('submit', (event) => submitMove(container, panel, /** @type {SubmitEvent} */ (event)));
      parts.push(form);
    }
  }
  const refusal = el('p', { class: 'form-error', role: 'alert', 'data-testid': 'journey-refused' }, panel.refusal ? refusalText(panel.refusal) : '');
  show(refusal, !!panel.refusal);
  const done = el('p', { class: 'done-box', role: 'status', 'data-testid': 'journey-done' }, panel.done ? t('journey.moved', { stage: isolate(stageName(panel.done)) }) : '');
  show(done, !!panel.done);
  // Whether the person got the homework, the note or the decision (a WhatsApp window closed, no chat known, no homework set).
  const delivery = el('p', { class: panel.delivery === 'sent' ? 'muted' : 'form-error', role: 'status', 'data-testid': 'journey-delivery', 'data-delivery': panel.delivery || '' }, panel.delivery ? t(`journey.delivery.${panel.delivery}`) : '');
  show(delivery, !!panel.delivery);
  // A selected person: the partner (referral with consent, the partner's steps), for staff and admins.
  /** @type {HTMLElement[]} */
  const partner = [];
  if (view && view.journey && view.journey.stage === 'selected' && mayReferToPartners()) {
    const host = partnerHosts.get(container) || el('section', { class: 'partner-panel', 'data-testid': 'partner-panel' });
    partnerHosts.set(container, host);
    showPartnerPanel(host, panel.path.replace(/\/journey$/, '/partner'));
    partner.push(host);
  }
  container.replaceChildren(...parts, refusal, done, delivery, ...partner);
}

/** A small stable number for element ids from a path. @param {string} text */
function hash(text) {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}
