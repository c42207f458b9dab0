// @ts-check

/*
 * Two-way translation in an open conversation: the person's messages in the language the console is
 * read in (the original one click away), and the mentor's reply previewed in the person's language
 * before it goes out. A translation that failed or took too long is said so; nothing is sent that the
 * mentor did not see and choose.
 */

import { api, ApiError, handoffPath, postMessage } from '../api.js';
import { el, languageChip, show } from '../dom.js';
import { ui } from '../elements.js';
import { reportError } from '../errors.js';
import { state } from '../state.js';
import { t } from '../texts.js';
import { canWrite, deliver } from './actions.js';
import { renderTimeline } from './conversation.js';
import { LatestLoad } from '../latestLoad.js';

/**
 * @typedef {import('../../../consoleApi').TranslationsResponse} TranslationsResponse
 * @typedef {import('../../../consoleApi').ReplyTranslationResponse} ReplyTranslationResponse
 * @typedef {import('../../../consoleApi').MessageTranslationView} MessageTranslationView
 * @typedef {import('../../../consoleApi').TranslationFailureReason} TranslationFailureReason
 * @typedef {import('../../../consoleApi').TimelineEntry} TimelineEntry
 * @typedef {{ id: string, text: string } & ({ kind: 'loading' } | { kind: 'ready', translated: string, to: string, lowerQuality: boolean } | { kind: 'failed', reason: TranslationFailureReason })} Preview
 */

const tr = {
  /** @type {boolean | null} whether the server translates at all (null: not asked yet) */
  on: null,
  /** the conversation and console language the translations are for */
  key: '',
  /** @type {Map<string, MessageTranslationView>} by messageKey */
  items: new Map(),
  /** @type {Set<string>} messages asked for under this key */
  asked: new Set(),
  /** @type {Set<string>} messages whose original is shown */
  originals: new Set(),
  /** @type {TranslationFailureReason | null} */
  failure: null,
  loading: false,
  loads: new LatestLoad(),
  /** @type {Map<string, boolean>} handoff id → the mentor's choice to translate replies */
  translateReplies: new Map(),
  /** @type {Preview | null} */
  preview: null,
};

let originalIds = 0;

/** @param {TimelineEntry} message */
const messageKey = (message) => `${message.at}\n${message.text}`;

/** @param {TimelineEntry} message */
const isPersonText = (message) => message.from === 'person' && (!message.kind || message.kind === 'text') && !!message.text;

/** What the row key of a message adds for its translation, so a translation arriving redraws it. */
/** @param {TimelineEntry} message */
export function translationKey(message) {
  const item = isPersonText(message) ? tr.items.get(messageKey(message)) : undefined;
  return item && item.status === 'translated' ? 'translated' : '';
}

/**
 * Called whenever the open conversation is drawn: asks for translations of the person's messages
 * not yet asked for (once per conversation and console language), and keeps the notes in step.
 */
export function syncTranslations() {
  if (!state.detail || !state.user) return;
  const { handoff, timeline } = state.detail;
  const key = `${handoff.id}|${state.lang}`;
  if (tr.key !== key) {
    tr.key = key;
    tr.items = new Map();
    tr.asked = new Set();
    tr.originals = new Set();
    tr.failure = null;
    tr.loading = false;
    tr.loads.drop();
  }
  if (tr.preview && tr.preview.id !== handoff.id) hidePreview();
  renderStatus();
  renderReplyToggle();
  // The person writes the console's language: nothing to translate (and nothing to ask Azure for).
  if (handoff.language === state.lang || tr.on === false || tr.loading || tr.failure) return;
  const unasked = timeline.filter((m) => isPersonText(m) && !tr.asked.has(messageKey(m)));
  if (tr.on === null || unasked.length > 0) fetchTranslations();
}

async function fetchTranslations() {
  if (!state.detail) return;
  const current = tr.loads.start();
  const key = tr.key;
  const id = state.detail.handoff.id;
  const asking = state.detail.timeline.filter(isPersonText).map(messageKey);
  tr.loading = true;
  renderStatus();
  try {
    /** @type {TranslationsResponse} */
    const data = await api('GET', `${handoffPath(id, 'translations')}?to=${encodeURIComponent(state.lang)}`);
    if (!current() || key !== tr.key) return;
    tr.loading = false;
    tr.on = !!(data && data.on);
    if (data && data.on && data.ok) {
      for (const item of data.items) tr.items.set(`${item.at}\n${item.source}`, item);
      for (const asked of asking) tr.asked.add(asked);
    } else if (data && data.on && !data.ok) {
      tr.failure = data.reason;
    }
  } catch (error) {
    if (!current() || key !== tr.key) return;
    tr.loading = false;
    // Not allowed or gone: the conversation's own refresh says so. Anything else: not translated.
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) return;
    tr.failure = 'failed';
  }
  renderStatus();
  renderReplyToggle();
  renderTimeline({ scroll: false });
}

/** The line above the timeline: off, translating, or not translated (with "try again"). */
function renderStatus() {
  /** @type {HTMLElement} */
  const node = document.getElementById('translation-status') || el('div', { class: 'note translation-status', id: 'translation-status', 'data-testid': 'translation-status', role: 'status', hidden: true });
  if (!node.isConnected) ui.timeline.before(node);
  const handoff = state.detail && state.detail.handoff;
  // Only where it matters: a person who writes in another language than the console's.
  const differs = !!handoff && handoff.language !== state.lang;
  if (tr.on === false && differs) {
    node.replaceChildren(el('span', {}, t('translation.off')));
  } else if (tr.failure && tr.on !== false) {
    const again = el('button', { type: 'button', class: 'button secondary', 'data-testid': 'translation-retry' }, t('translation.tryAgain'));
    again.addEventListener('click', () => {
      tr.failure = null;
      syncTranslations();
    });
    node.replaceChildren(el('span', {}, t(tr.failure === 'timeout' ? 'translation.timeout' : 'translation.failed')), ' ', again);
  } else if (tr.loading && tr.on && differs) {
    node.replaceChildren(el('span', {}, t('translation.loading')));
  } else {
    node.replaceChildren();
  }
  node.dataset.state = tr.on === false ? 'off' : tr.failure || (tr.loading ? 'loading' : 'on');
  show(node, node.childNodes.length > 0);
}

/**
 * A person's message shown in the console's language, with the original one click away (isolated
 * in its own direction); null when there is no translation to show (the text is shown as written).
 * @param {TimelineEntry} message
 * @param {{ id?: string, language?: string | null }} handoff
 */
export function translatedBody(message, handoff) {
  if (!handoff || !handoff.id || tr.key !== `${handoff.id}|${state.lang}` || !isPersonText(message)) return null;
  const key = messageKey(message);
  const item = tr.items.get(key);
  if (!item || item.status !== 'translated' || !item.text) return null;
  const lang = item.from || handoff.language || '';
  const shown = tr.originals.has(key);
  const id = `original-${++originalIds}`;
  const original = el('p', { class: 'bubble-text bubble-original', id, lang, dir: 'auto', 'data-testid': 'original-text', hidden: !shown }, message.text);
  const toggle = el('button', { type: 'button', class: 'link-button', 'aria-expanded': String(shown), 'aria-controls': id, 'data-testid': 'show-original' }, t(shown ? 'translation.hideOriginal' : 'translation.showOriginal'));
  toggle.addEventListener('click', () => {
    const open = !tr.originals.has(key);
    if (open) tr.originals.add(key);
    else tr.originals.delete(key);
    show(original, open);
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = t(open ? 'translation.hideOriginal' : 'translation.showOriginal');
  });
  return el(
    'div',
    { class: 'bubble-translation' },
    el('p', { class: 'bubble-text', lang: state.lang, 'data-testid': 'translated-text' }, item.text),
    // The notes are in the console's language, whatever the direction of the bubble (a transcript of an Arabic conversation is right to left).
    el('p', { class: 'bubble-note', dir: 'auto' }, t('translation.translatedFrom'), ' ', languageChip(lang), ' ', toggle),
    item.lowerQuality ? el('p', { class: 'bubble-note', dir: 'auto', 'data-testid': 'lower-quality' }, t('translation.lowerQuality')) : null,
    original,
  );
}

/**
 * Under a mentor's message that went out translated: what the mentor wrote (staff and the mentor see both).
 * @param {TimelineEntry} message
 */
export function sentOriginal(message) {
  if (message.from !== 'mentor' || !message.translatedFrom) return null;
  return el(
    'div',
    { class: 'bubble-sent-original', 'data-testid': 'sent-original' },
    el('p', { class: 'bubble-note', dir: 'auto' }, t('translation.sentTranslated')),
    el('p', { class: 'bubble-text bubble-original', lang: message.translatedFrom.language || null, dir: 'auto', 'data-testid': 'sent-original-text' }, message.translatedFrom.text),
  );
}

// ---- the mentor's reply --------------------------------------------------------------

/** Whether the reply in the compose box is to be translated before it goes out. */
export function translatesReply() {
  const handoff = state.detail && state.detail.handoff;
  if (!handoff || tr.on !== true || handoff.language === state.lang) return false;
  return tr.translateReplies.get(handoff.id) !== false;
}

function replyToggle() {
  let toggle = /** @type {HTMLLabelElement | null} */ (document.getElementById('translate-reply-toggle'));
  if (!toggle) {
    const box = el('input', { type: 'checkbox', id: 'translate-reply', 'data-testid': 'translate-reply' });
    box.addEventListener('change', () => {
      const handoff = state.detail && state.detail.handoff;
      if (handoff) tr.translateReplies.set(handoff.id, /** @type {HTMLInputElement} */ (box).checked);
      hidePreview();
    });
    toggle = /** @type {HTMLLabelElement} */ (el('label', { class: 'translate-toggle', id: 'translate-reply-toggle', hidden: true }, box, el('span', {})));
    ui.compose.prepend(toggle);
    // A changed text no longer matches its preview: the preview goes, the mentor asks again.
    ui.messageInput.addEventListener('input', () => {
      if (tr.preview && tr.preview.kind !== 'loading') hidePreview();
    });
  }
  return toggle;
}

function renderReplyToggle() {
  const toggle = replyToggle();
  const handoff = state.detail && state.detail.handoff;
  const visible = !!handoff && tr.on === true && handoff.language !== state.lang && canWrite(handoff);
  show(toggle, visible);
  if (!visible || !handoff) return;
  const box = /** @type {HTMLInputElement} */ (toggle.querySelector('input'));
  box.checked = tr.translateReplies.get(handoff.id) !== false;
  /** @type {HTMLElement} */ (toggle.querySelector('span')).replaceChildren(t('translation.replyToggle'), ' ', languageChip(handoff.language));
}

/** @returns {HTMLElement} */
function previewPanel() {
  /** @type {HTMLElement} */
  const panel = document.getElementById('reply-translation') || el('div', { class: 'reply-translation', id: 'reply-translation', 'data-testid': 'reply-translation', 'aria-live': 'polite', hidden: true });
  if (!panel.isConnected) ui.compose.append(panel);
  return panel;
}

function hidePreview() {
  tr.preview = null;
  const panel = document.getElementById('reply-translation');
  if (panel) {
    panel.replaceChildren();
    show(panel, false);
  }
}

/** @param {string} key @param {string} testId @param {() => void} onClick @param {string} [kind] */
function action(key, testId, onClick, kind = 'secondary') {
  const button = el('button', { type: 'button', class: `button ${kind}`, 'data-testid': testId }, t(key));
  button.addEventListener('click', onClick);
  return button;
}

function renderPreview() {
  const panel = previewPanel();
  const preview = tr.preview;
  if (!preview) return hidePreview();
  const edit = action('translation.edit', 'edit-reply', () => {
    hidePreview();
    ui.messageInput.focus();
  });
  if (preview.kind === 'loading') {
    panel.replaceChildren(el('p', { class: 'bubble-note' }, t('translation.loading')));
  } else if (preview.kind === 'ready') {
    const parts = [
      el('p', { class: 'reply-translation-title' }, t('translation.previewTitle'), ' ', languageChip(preview.to)),
      el('p', { class: 'reply-translation-text', lang: preview.to, dir: 'auto', 'data-testid': 'reply-preview-text' }, preview.translated),
    ];
    if (preview.lowerQuality) parts.push(el('p', { class: 'bubble-note', 'data-testid': 'lower-quality' }, t('translation.lowerQuality')));
    parts.push(el('div', { class: 'reply-translation-actions' }, action('translation.sendTranslation', 'send-translation', () => sendTranslation(preview.id, preview.text), 'primary'), edit));
    panel.replaceChildren(...parts);
  } else {
    const reason = preview.reason === 'timeout' ? 'replyTimeout' : preview.reason === 'off' ? 'replyOff' : 'replyFailed';
    panel.replaceChildren(
      el('p', { class: 'reply-translation-problem', 'data-testid': 'reply-not-translated', 'data-reason': preview.reason }, t(`translation.${reason}`)),
      el(
        'div',
        { class: 'reply-translation-actions' },
        action('translation.sendOriginal', 'send-original', () => sendAsWritten(preview.id, preview.text)),
        preview.reason === 'off' ? null : action('translation.tryAgain', 'retry-reply-translation', () => previewReply(preview.id, preview.text)),
        edit,
      ),
    );
  }
  show(panel, true);
  const first = /** @type {HTMLElement | null} */ (panel.querySelector('button'));
  if (first && preview.kind !== 'loading') first.focus({ preventScroll: true });
}

/**
 * Asks for the reply in the person's language and shows it; nothing is sent yet. Written in the
 * person's language already: sent as written at once.
 * @param {string} id @param {string} text
 */
export async function previewReply(id, text) {
  if (state.sending) return;
  tr.preview = { id, text, kind: 'loading' };
  renderPreview();
  state.sending = true;
  ui.send.disabled = true;
  /** @type {ReplyTranslationResponse} */
  let data;
  try {
    data = await api('POST', handoffPath(id, 'reply-translation'), { text });
  } catch (error) {
    hidePreview();
    reportError(error, 'errors.sendFailed');
    return;
  } finally {
    state.sending = false;
    ui.send.disabled = false;
  }
  // The mentor moved on or changed the text meanwhile: this answer is for nothing on show.
  if (!tr.preview || tr.preview.id !== id || tr.preview.text !== text || state.openId !== id) return;
  if (!data || !data.on) {
    tr.on = false;
    tr.preview = { id, text, kind: 'failed', reason: 'off' };
  } else if (!data.ok) {
    tr.preview = { id, text, kind: 'failed', reason: data.reason };
  } else if (data.sameLanguage) {
    hidePreview();
    await sendAsWritten(id, text);
    return;
  } else {
    tr.preview = { id, text, kind: 'ready', translated: data.text, to: data.to, lowerQuality: data.lowerQuality };
  }
  renderPreview();
}

/** @param {string} id @param {string} text */
async function sendTranslation(id, text) {
  const sent = await deliver(id, () => api('POST', handoffPath(id, 'messages/translated'), { text }), (error) => {
    // The kept translation is gone (expired, erased): nothing went out; the mentor chooses again.
    if (error instanceof ApiError && error.status === 409 && error.code === 'not-translated') {
      tr.preview = { id, text, kind: 'failed', reason: 'failed' };
      renderPreview();
    } else {
      reportError(error, 'errors.sendFailed');
    }
  });
  if (sent) hidePreview();
}

/** @param {string} id @param {string} text */
async function sendAsWritten(id, text) {
  const sent = await deliver(id, () => postMessage(id, { text }));
  if (sent) hidePreview();
}
