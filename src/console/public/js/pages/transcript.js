// @ts-check

import { intakeNodes } from '../intake.js';
import { ApiError, api, asApiError } from '../api.js';
import { RTL_LANGUAGES } from '../constants.js';
import { chip, el, languageChip, present, show } from '../dom.js';
import { ui } from '../elements.js';
import { channelName, formatDateTime, personName, valueText } from '../format.js';
import { messageBubble } from '../handoffs/conversation.js';
import { showJourneyPanel } from '../journeyPanel.js';
import { renderFormError } from './common.js';
import { historyNodes } from '../history.js';
import { state } from '../state.js';
import { t } from '../texts.js';

/**
 * @typedef {import('../../../consoleApi').TranscriptView} TranscriptView
 * @typedef {NonNullable<TranscriptView['person']>} TranscriptPerson
 */

/** @param {string} id */
export async function loadTranscript(id) {
  const page = state.pages.transcript;
  const current = page.loads.start();
  page.id = id;
  page.data = null;
  page.error = null;
  renderTranscript();
  try {
    /** @type {TranscriptView | null} */
    const data = await api('GET', `/transcripts/${encodeURIComponent(id)}`);
    if (!current() || !state.user) return;
    if (!data || typeof data.conversation !== 'object' || data.conversation === null) throw new ApiError(500, 'bad-transcript');
    page.data = data;
  } catch (caught) {
    const error = asApiError(caught);
    if (!current()) return;
    if (error.status === 401) return;
    if (!(error instanceof ApiError)) console.error(error);
    page.error =
      error.status === 403
        ? 'transcript.forbidden'
        : error.status === 404
          ? 'transcript.notFound'
          : error.status === 0
            ? 'errors.network'
            : 'errors.generic';
  }
  renderTranscript();
}

export function renderTranscript() {
  const page = state.pages.transcript;
  const data = page.data;
  ui.pages.transcript.dataset.id = page.id || '';
  renderFormError(ui.tvError, page.error);
  show(ui.tvBody, !!data);
  if (!data) {
    ui.tvTitle.textContent = page.error ? t('transcript.title') : t('conversation.loading');
    ui.tvMeta.replaceChildren();
    ui.tvTimeline.replaceChildren();
    ui.tvIntake.replaceChildren();
    ui.tvResultContent.replaceChildren();
    handoffsContent().replaceChildren();
    return;
  }
  const conversation = data.conversation;
  const person = data.person && typeof data.person === 'object' ? data.person : null;
  const who = { firstName: person && typeof person.firstName === 'string' ? person.firstName : '', pseudonym: data.pseudonym };
  const messages = Array.isArray(data.messages) ? data.messages.filter((m) => m && typeof m === 'object') : [];

  ui.tvTitle.replaceChildren(el('bdi', { dir: 'auto' }, personName(who)));
  ui.tvMeta.replaceChildren(
    ...[
      conversation.language ? languageChip(conversation.language) : null,
      conversation.channelId ? chip(channelName(conversation.channelId), 'chip-channel') : null,
      conversation.firstAt ? chip(t('transcript.started', { date: formatDateTime(conversation.firstAt) })) : null,
      conversation.lastAt ? chip(t('transcript.last', { date: formatDateTime(conversation.lastAt) })) : null,
    ].filter(present),
  );
  // A conversation in Arabic or Farsi reads right to left, also where a message starts with a Latin word ("Zwolle").
  const rtl = !!conversation.language && RTL_LANGUAGES.has(conversation.language);
  ui.tvTimeline.replaceChildren(
    ...messages.map((message) => {
      const bubble = messageBubble(message, who);
      if (rtl) bubble.setAttribute('dir', 'rtl');
      return bubble;
    }),
  );
  show(ui.tvEmpty, messages.length === 0);
  ui.tvIntake.replaceChildren(...profileNodes(person));
  ui.tvResultContent.replaceChildren(...resultNodes(person));
  const journey = document.getElementById('tv-journey-content');
  if (journey && page.id) showJourneyPanel(journey, `/transcripts/${encodeURIComponent(page.id)}/journey`);
  // How each handoff of this conversation ended, with the mentors' private notes.
  handoffsContent().replaceChildren(...historyNodes(Array.isArray(data.handoffs) ? data.handoffs : [], 'history.noneInTranscript'));
}

function handoffsContent() {
  const node = document.getElementById('tv-handoffs-content');
  if (!(node instanceof HTMLElement)) throw new Error('transcript.js: index.html has no #tv-handoffs-content');
  return node;
}

/** @param {string} label @param {import('../dom.js').Child} value @param {Record<string, unknown>} [extra] */
export function fact(label, value, extra = {}) {
  return el('div', { class: 'fact', ...extra }, el('dt', {}, label), el('dd', {}, value));
}

/** What is known of the person: language, then the intake answers. */
/** @param {TranscriptPerson | null} person */
export function profileNodes(person) {
  if (!person) return [el('p', { class: 'muted' }, t('transcript.noPerson'))];
  const facts = [];
  if (person.firstName) facts.push(fact(t('transcript.firstName'), el('bdi', { dir: 'auto' }, String(person.firstName)), { 'data-field': 'firstName' }));
  if (person.language) facts.push(fact(t('language.label'), languageChip(person.language), { 'data-field': 'language' }));
  return [facts.length ? el('dl', { class: 'facts' }, facts) : null, el('h3', { class: 'sub-title' }, t('intake.title')), ...intakeNodes(person.intake)].filter(present);
}

/** The eligibility result and the consent. */
/** @param {TranscriptPerson | null} person */
export function resultNodes(person) {
  const assessment = person && person.assessment && typeof person.assessment === 'object' ? person.assessment : null;
  const parts = [];
  if (assessment && assessment.outcome) {
    const flags = Array.isArray(assessment.flags) ? assessment.flags.filter((/** @type {unknown} */ f) => typeof f === 'string') : [];
    const reasons = Array.isArray(assessment.reasons) ? assessment.reasons.filter((/** @type {unknown} */ r) => typeof r === 'string' && r.trim()) : [];
    const routes = Array.isArray(assessment.routes) ? assessment.routes.filter((/** @type {unknown} */ r) => typeof r === 'string') : [];
    const facts = [
      fact(t('transcript.outcome'), chip(valueText(`outcomes.${assessment.outcome}`, assessment.outcome), 'chip-outcome'), {
        'data-field': 'outcome',
        'data-outcome': assessment.outcome,
      }),
      fact(
        t('transcript.flags'),
        flags.length ? el('ul', { class: 'chips' }, flags.map((flag) => el('li', { class: 'chip', 'data-flag': flag }, valueText(`flags.${flag}`, flag)))) : t('transcript.none'),
        { 'data-field': 'flags' },
      ),
      fact(
        t('transcript.reasons'),
        reasons.length ? el('ul', { class: 'plain-list' }, reasons.map((reason) => el('li', { dir: 'auto' }, reason))) : t('transcript.none'),
        { 'data-field': 'reasons' },
      ),
      fact(
        t('transcript.routes'),
        routes.length ? el('ul', { class: 'chips' }, routes.map((id) => el('li', { class: 'chip chip-route' }, el('code', { dir: 'ltr' }, id)))) : t('transcript.none'),
        { 'data-field': 'routes' },
      ),
    ];
    const checked = [
      assessment.at ? formatDateTime(assessment.at) : null,
      assessment.rulesVersion !== undefined && assessment.rulesVersion !== null
        ? t('transcript.rulesVersion', { version: String(assessment.rulesVersion) })
        : null,
    ].filter(Boolean);
    if (checked.length) facts.push(fact(t('transcript.checkedAt'), checked.join(' · '), { 'data-field': 'checkedAt' }));
    parts.push(el('dl', { class: 'facts facts-narrow' }, facts));
  } else {
    parts.push(el('p', { class: 'muted' }, t(person ? 'transcript.noResult' : 'transcript.noPerson')));
  }
  parts.push(el('h3', { class: 'sub-title' }, t('transcript.consent')), consentNodes(person && person.consent));
  return parts;
}

/** @param {TranscriptPerson['consent'] | null | undefined} consent */
export function consentNodes(consent) {
  if (!consent || typeof consent !== 'object') return el('p', { class: 'muted', 'data-consent': 'none' }, t('transcript.consentNone'));
  if (consent.given !== true) return el('p', { 'data-consent': 'no' }, t('transcript.consentNot'));
  const facts = [fact(t('transcript.consentGiven'), consent.at ? formatDateTime(consent.at) : t('intake.yes'), { 'data-field': 'consentAt' })];
  if (consent.language) facts.push(fact(t('language.label'), languageChip(consent.language), { 'data-field': 'consentLanguage' }));
  if (consent.privacyVersion) {
    facts.push(fact(t('transcript.privacyVersion'), el('span', { dir: 'ltr' }, String(consent.privacyVersion)), { 'data-field': 'privacyVersion' }));
  }
  return el('dl', { class: 'facts facts-narrow', 'data-consent': 'yes' }, facts);
}

/** "Back": to the list the reader came from (keeping its place in history), else to the list. */
/** @param {Event} event */
export function transcriptBack(event) {
  if (state.pages.transcript.fromList && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
}
