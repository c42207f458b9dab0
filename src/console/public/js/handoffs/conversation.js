// @ts-check

import { intakeNodes } from '../intake.js';
import { showJourneyPanel } from '../journeyPanel.js';
import { api } from '../api.js';
import { MESSAGE_SENDERS } from '../constants.js';
import { chip, el, isWideLayout, languageChip, show } from '../dom.js';
import { ui } from '../elements.js';
import { formatMessageTime, formatNumber, personName, valueText } from '../format.js';
import { canAct, canClaim, canWrite, hideReleaseConfirm, isMine } from './actions.js';
import { hideCloseForm } from './closeForm.js';
import { renderTransferAction } from '../handover/index.js';
import { hideMemory, renderMemory } from './memory.js';
import { sinceLabel } from './lists.js';
import { state } from '../state.js';
import { t } from '../texts.js';
import { sentOriginal, syncTranslations, translatedBody, translationKey } from './translation.js';

export function renderPaneLoading() {
  show(ui.placeholder, false);
  show(ui.conversation, true);
  if (state.detail) return;
  ui.conversation.dataset.handoffId = state.openId || '';
  ui.conversation.dataset.status = '';
  ui.convTitle.textContent = t('conversation.loading');
  ui.convMeta.replaceChildren();
  ui.intakeContent.replaceChildren();
  show(ui.timelineEmpty, false);
  show(ui.statusClosed, false);
  hideMemory();
  show(ui.readOnlyNote, false);
  for (const node of [ui.convClaim, ui.release, ui.closeOpen, ui.compose]) show(node, false);
}

/** On a phone the keyboard takes half the screen: the newest message stays in view above the box. */
let followsKeyboard = false;
function keepNewestInView() {
  if (followsKeyboard) return;
  followsKeyboard = true;
  const follow = () => {
    if (document.activeElement === ui.messageInput && !isWideLayout()) scrollToBottom();
  };
  ui.messageInput.addEventListener('focus', () => requestAnimationFrame(follow));
  if (window.visualViewport) window.visualViewport.addEventListener('resize', follow);
}

export function renderConversation() {
  if (!state.detail) return;
  keepNewestInView();
  const { handoff } = state.detail;
  show(ui.placeholder, false);
  show(ui.conversation, true);
  ui.conversation.dataset.handoffId = handoff.id;
  ui.conversation.dataset.status = handoff.status || '';

  ui.convTitle.replaceChildren(el('bdi', {}, personName(handoff)));
  ui.convMeta.replaceChildren(...conversationMeta(handoff));
  renderIntake(handoff.intake);
  renderJourney(handoff);
  renderMemory(handoff);
  const scroll = renderTimeline({ scroll: false });
  renderClosedStatus(handoff);
  renderConversationActions(handoff);
  if (scroll) scrollToBottom(); // last, once everything that changes the height is in place
  syncTranslations();
}

/**
 * @typedef {import('../state.js').OpenHandoff} OpenHandoff
 * @typedef {import('../api.js').TimelineEntry} TimelineEntry
 * @typedef {{ key: string, message: TimelineEntry, divider?: undefined } | { key: string, divider: true, message?: undefined }} TimelineRow
 */

/** @param {OpenHandoff} handoff */
export function conversationMeta(handoff) {
  const meta = [languageChip(handoff.language)];
  // "Talking" and "with you" say what the box to write in already shows: left out on a narrow screen.
  const said = canWrite(handoff) ? ' chip-said' : '';
  if (handoff.status) meta.push(chip(valueText(`status.${handoff.status}`, handoff.status), `chip-status status-${handoff.status}${said}`));
  if (handoff.status === 'active' && handoff.mentor) {
    meta.push(chip(isMine(handoff) ? t('card.you') : t('card.mentor', { name: handoff.mentor.firstName || '' }), `chip-mentor${said}`));
  }
  if (handoff.reason) {
    meta.push(chip(t('conversation.reason', { reason: valueText(`reasons.${handoff.reason}`, handoff.reason) })));
  }
  if (handoff.outcome) {
    meta.push(chip(t('conversation.outcome', { outcome: valueText(`outcomes.${handoff.outcome}`, handoff.outcome) })));
  }
  if (handoff.status === 'waiting') meta.push(el('span', { class: 'chip' }, sinceLabel(handoff.createdAt, 'card.waiting')));
  return meta;
}

/** @param {OpenHandoff} handoff */
export function renderConversationActions(handoff) {
  const writable = canWrite(handoff);
  show(ui.convClaim, canClaim(handoff));
  show(ui.release, writable);
  show(ui.closeOpen, writable);
  show(ui.compose, writable);
  renderTransferAction(handoff, writable);
  if (!writable) {
    hideCloseForm();
    hideReleaseConfirm();
  }

  let note = null;
  if (state.user && state.user.role === 'staff') note = t('conversation.readOnly');
  else if (handoff.status === 'waiting' && canAct()) note = t('conversation.takeFirst');
  else if (handoff.status === 'active' && handoff.takenBy) note = t('conversation.takenBy', { name: handoff.takenBy });
  else if (handoff.status === 'active' && !writable && handoff.mentor) {
    note = t('conversation.otherMentor', { name: handoff.mentor.firstName || '' });
  }
  ui.readOnlyNote.textContent = note || '';
  show(ui.readOnlyNote, !!note && handoff.status !== 'closed' && handoff.status !== 'abandoned');
}

/**
 * Draws the intake; an intake that comes back the same after a refresh is left as it is, so a mentor
 * selecting or reading a line (the motivation, to copy it) does not see it drawn anew under them.
 * @param {Record<string, unknown> | undefined} intake
 */
export function renderIntake(intake) {
  const nodes = intakeNodes(intake);
  const shown = [...ui.intakeContent.childNodes];
  if (shown.length === nodes.length && nodes.every((node, i) => node.isEqualNode(shown[i]))) return;
  ui.intakeContent.replaceChildren(...nodes);
}

/**
 * The rows of the timeline: every message, and a divider where the handoff starts (after the
 * last message of the bot conversation). Each row has a key so new messages can be appended
 * without redrawing the rest (which keeps the scroll place and the screen reader quiet).
 */
/**
 * @param {OpenHandoff} handoff @param {TimelineEntry[]} timeline
 * @returns {TimelineRow[]}
 */
export function timelineRows(handoff, timeline) {
  /** @type {TimelineRow[]} */
  const rows = timeline.map((message, index) => ({
    // The delivery is part of the key: a message marked as not delivered later is drawn again.
    key: `${index}|${message.at}|${message.from}|${(message.text || '').length}|${message.delivery || ''}|${translationKey(message)}`,
    message,
  }));
  const startedAt = Date.parse(handoff.createdAt);
  let divider = rows.length;
  while (divider > 0) {
    const message = rows[divider - 1].message;
    if (!message || message.from === 'bot' || !(Date.parse(message.at) >= startedAt)) break;
    divider--;
  }
  if (divider > 0 && divider < rows.length) rows.splice(divider, 0, { key: `divider@${divider}`, divider: true });
  return rows;
}

/** Draws the timeline; returns whether the view should follow to the newest message. */
export function renderTimeline({ scroll = true } = {}) {
  if (!state.detail) return false;
  const { handoff, timeline } = state.detail;
  const rows = timelineRows(handoff, timeline);
  const keys = rows.map((row) => row.key);
  const old = state.renderedKeys;
  const appendOnly = old.length > 0 && old.length <= keys.length && old.every((key, i) => key === keys[i]);
  const stickToBottom = old.length === 0 || isNearBottom();

  if (appendOnly) {
    ui.timeline.append(...rows.slice(old.length).map((row) => timelineRow(row, handoff)));
  } else {
    ui.timeline.replaceChildren(...rows.map((row) => timelineRow(row, handoff)));
  }
  state.renderedKeys = keys;
  show(ui.timelineEmpty, rows.length === 0);
  const follow = stickToBottom && keys.length !== old.length;
  if (follow && scroll) scrollToBottom();
  return follow;
}

/** @param {TimelineRow} row @param {OpenHandoff} handoff */
export function timelineRow(row, handoff) {
  if (row.divider) {
    // A plain list item (a role on it would leave the list with an item that is not one, axe's `list` rule).
    return el('li', { class: 'divider' }, el('span', {}, t('conversation.handedOver')));
  }
  return messageBubble(/** @type {TimelineEntry} */ (row.message), handoff);
}

/**
 * One message as a bubble (the open conversation and the transcript view).
 * @param {TimelineEntry} message
 * @param {{ id?: string, firstName?: unknown, pseudonym?: unknown, language?: string | null }} handoff
 */
export function messageBubble(message, handoff) {
  const from = MESSAGE_SENDERS.has(message.from) ? message.from : 'bot';
  const sender =
    from === 'person' ? personName(handoff) : from === 'mentor' ? message.mentorName || t('from.mentor') : t('from.bot');
  const body =
    message.kind === 'voice' && from === 'person'
      ? voiceNote(message, handoff)
      : message.kind === 'attachment'
        ? el('p', { class: 'bubble-text attachment' }, attachmentText(message.text))
        : message.kind === 'transcribed'
          ? transcribedNote(message)
          : translatedBody(message, handoff) || el('p', { class: 'bubble-text' }, message.text || '');
  // dir="auto" on the bubble takes its direction from the first strong letter outside <bdi>
  // elements: the sender and the time are <bdi>, so the message text decides (Arabic → rtl).
  return el(
    'li',
    { class: `bubble from-${from}`, 'data-testid': 'message', 'data-from': from, dir: 'auto' },
    el('bdi', { class: 'bubble-sender' }, sender),
    body,
    // WhatsApp outside its 24-hour window: a template went out, the text follows when the person writes.
    message.delivery === 'template' ? el('p', { class: 'bubble-note', 'data-testid': 'delivery-template' }, t('timeline.heldTemplate')) : null,
    // WhatsApp took it, then reported that it never reached the person.
    message.delivery === 'failed'
      ? el('p', { class: 'bubble-note delivery-failed', 'data-testid': 'delivery-failed' }, t('timeline.notDelivered'))
      : null,
    sentOriginal(message),
    el('bdi', { class: 'bubble-time' }, el('time', { datetime: message.at || '' }, formatMessageTime(message.at))),
  );
}

/**
 * A voice note: a player that fetches the audio through the server only when played (the server
 * fetches it from the channel; nothing is kept), and the transcript beside it when there is one.
 */
/** @param {TimelineEntry} message @param {{ id?: string }} handoff */
export function voiceNote(message, handoff) {
  const src = `/console/api/handoffs/${encodeURIComponent(handoff.id || '')}/voice?at=${encodeURIComponent(message.at || '')}`;
  const unavailable = el('p', { class: 'bubble-note', 'data-testid': 'voice-unavailable', hidden: true }, t('voice.unavailable'));
  const audio = el('audio', { controls: true, preload: 'none', src, 'aria-label': t('voice.label'), 'data-testid': 'voice-note' });
  audio.addEventListener('error', () => show(unavailable, true));
  return el(
    'div',
    { class: 'bubble-voice' },
    el('p', { class: 'bubble-note' }, t('voice.label')),
    audio,
    unavailable,
    message.text
      ? el('p', { class: 'bubble-text', 'data-testid': 'voice-transcript' }, el('span', { class: 'voice-transcript-label' }, t('voice.transcript')), ' ', el('bdi', {}, message.text))
      : el('p', { class: 'bubble-note' }, t('voice.noTranscript')),
  );
}

/** A voice note the person sent the bot, as the transcript kept it: what the computer heard (no audio is kept). */
/** @param {TimelineEntry} message */
export function transcribedNote(message) {
  return el(
    'div',
    { class: 'bubble-voice' },
    el('p', { class: 'bubble-note' }, t('voice.label')),
    el('p', { class: 'bubble-text', 'data-testid': 'voice-transcript' }, el('span', { class: 'voice-transcript-label' }, t('voice.transcript')), ' ', el('bdi', {}, message.text || '')),
  );
}

/** "image/jpeg, audio/ogg" → the text for the first kind. */
/** @param {string | null | undefined} contentTypes */
export function attachmentText(contentTypes) {
  const first = String(contentTypes || '').split(',')[0].trim().toLowerCase();
  if (first.startsWith('audio/')) return t('attachment.voice');
  if (first.startsWith('image/')) return t('attachment.picture');
  if (first.startsWith('video/')) return t('attachment.video');
  return t('attachment.file');
}

/** @param {OpenHandoff} handoff */
export function renderClosedStatus(handoff) {
  const closed = handoff.status === 'closed' || handoff.status === 'abandoned';
  show(ui.statusClosed, closed);
  if (!closed) {
    ui.statusClosed.replaceChildren();
    return;
  }
  const lines = [el('strong', {}, t(handoff.status === 'abandoned' ? 'closed.abandoned' : 'closed.title'))];
  if (handoff.closeOutcome) {
    const outcome = valueText(`close.outcomes.${handoff.closeOutcome}`, handoff.closeOutcome);
    lines.push(el('p', {}, t('closed.outcome', { outcome })));
  }
  if (handoff.note) lines.push(el('p', { dir: 'auto' }, t('closed.note', { note: handoff.note })));
  if (typeof handoff.rating === 'number') {
    lines.push(el('p', {}, t('closed.rating', { rating: formatNumber(handoff.rating) })));
  }
  ui.statusClosed.setAttribute('tabindex', '-1');
  const shownBefore = ui.statusClosed.textContent;
  ui.statusClosed.replaceChildren(...lines);
  // Something new in it (the closing, the rating arriving live): brought into view, also above the next offer.
  if (ui.statusClosed.textContent !== shownBefore) requestAnimationFrame(() => ui.statusClosed.scrollIntoView({ block: 'nearest' }));
}

export function isNearBottom() {
  if (isWideLayout()) {
    const body = ui.convBody;
    return body.scrollHeight - body.scrollTop - body.clientHeight < 120;
  }
  const doc = document.documentElement;
  return doc.scrollHeight - window.scrollY - window.innerHeight < 200;
}

export function scrollToBottom() {
  if (isWideLayout()) ui.convBody.scrollTop = ui.convBody.scrollHeight;
  else window.scrollTo(0, document.documentElement.scrollHeight);
}

/** The person's selection journey, for whoever has had the conversation (not a mentor previewing a waiting person). */
/** @param {OpenHandoff} handoff */
export function renderJourney(handoff) {
  const details = document.getElementById('journey-summary');
  const content = document.getElementById('conv-journey-content');
  if (!details || !content) return;
  const visible = handoff.status !== 'waiting' || (!!state.user && state.user.role !== 'mentor');
  show(details, visible);
  if (visible) showJourneyPanel(content, `/handoffs/${encodeURIComponent(handoff.id)}/journey`);
}
