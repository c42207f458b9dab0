// @ts-check
/*
 * The page where staff write canned replies for mentors: a title and a text per language, made,
 * changed and removed here. Mentors insert them in the reply box ("/"), in the person's language.
 */

import { api } from '../api.js';
import { LANGUAGES, RTL_LANGUAGES } from '../constants.js';
import { el, replaceKeepingFocus, show } from '../dom.js';
import { state as app } from '../state.js';
import { t } from '../texts.js';
import { LatestLoad } from '../latestLoad.js';

/**
 * @typedef {import('../../../consoleApi').CannedReply} CannedReply
 * @typedef {import('../../../consoleApi').CannedReplyList} CannedReplyList
 * @typedef {Record<string, { title: string, text: string }>} Draft
 */

const page = {
  /** @type {CannedReply[]} */ replies: [],
  limits: { title: 80, text: 1000, replies: 200 },
  /** The reply being changed (null: a new one). @type {CannedReply | null} */ editing: null,
  /** The reply asked about before removing it. @type {string | null} */ deleting: null,
  /** What is in the form, kept while the page is drawn again. @type {Draft} */ draft: {},
  /** @type {{ key: string, vars?: Record<string, unknown> } | null} */ done: null,
  /** @type {{ key: string, vars?: Record<string, unknown> } | null} */ error: null,
  loaded: false,
  busy: false,
  loads: new LatestLoad(),
};

const section = () => /** @type {HTMLElement} */ (document.getElementById('page-replies'));

/** @param {CannedReply} reply */
function titleOf(reply) {
  const texts = /** @type {Record<string, { title: string } | undefined>} */ (reply.texts);
  const own = texts[app.lang] || Object.values(texts).find(Boolean);
  return own ? own.title : '';
}

/** What the form holds now, read from its fields. */
function readForm() {
  /** @type {Draft} */
  const draft = {};
  for (const [lang] of LANGUAGES) {
    const title = /** @type {HTMLInputElement | null} */ (document.getElementById(`reply-title-${lang}`));
    const text = /** @type {HTMLTextAreaElement | null} */ (document.getElementById(`reply-text-${lang}`));
    if (title && text) draft[lang] = { title: title.value, text: text.value };
  }
  return draft;
}

function languageFields() {
  return LANGUAGES.map(([lang, name]) => {
    const dir = RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
    const kept = page.draft[lang] || { title: '', text: '' };
    const title = /** @type {HTMLInputElement} */ (
      el('input', { id: `reply-title-${lang}`, 'data-testid': `reply-title-${lang}`, type: 'text', lang, dir, maxlength: String(page.limits.title), autocomplete: 'off' })
    );
    title.value = kept.title;
    const text = /** @type {HTMLTextAreaElement} */ (
      el('textarea', { id: `reply-text-${lang}`, 'data-testid': `reply-text-${lang}`, rows: '3', lang, dir, maxlength: String(page.limits.text) })
    );
    text.value = kept.text;
    return el(
      'fieldset',
      { class: 'reply-lang' },
      el('legend', {}, el('span', { lang, dir: 'auto' }, name)),
      el('div', { class: 'field' }, el('label', { for: `reply-title-${lang}` }, t('replies.titleLabel')), title),
      el('div', { class: 'field' }, el('label', { for: `reply-text-${lang}` }, t('replies.textLabel')), text),
    );
  });
}

/** @param {CannedReply} reply */
function replyCard(reply) {
  const languages = LANGUAGES.filter(([lang]) => /** @type {Record<string, unknown>} */ (reply.texts)[lang]);
  const asking = page.deleting === reply.id;
  return el(
    'li',
    { class: 'card', 'data-testid': 'reply-item', 'data-reply-id': reply.id },
    el('h3', { class: 'reply-card-title' }, el('bdi', {}, titleOf(reply))),
    el('p', { class: 'card-line' }, ...languages.map(([lang, name]) => el('span', { class: 'chip chip-lang', lang, dir: 'auto' }, name))),
    asking
      ? el(
          'div',
          { class: 'confirm-box', role: 'group', 'aria-label': t('replies.deleteQuestion') },
          el('p', {}, t('replies.deleteQuestion')),
          el(
            'div',
            { class: 'form-buttons' },
            el('button', { type: 'button', class: 'button danger', 'data-action': 'delete-yes', 'data-testid': 'reply-delete-yes' }, t('replies.deleteYes')),
            el('button', { type: 'button', class: 'button secondary', 'data-action': 'delete-no' }, t('replies.deleteNo')),
          ),
        )
      : el(
          'div',
          { class: 'form-buttons' },
          el('button', { type: 'button', class: 'button secondary', 'data-action': 'edit', 'data-testid': 'reply-edit' }, t('replies.edit')),
          el('button', { type: 'button', class: 'button secondary', 'data-action': 'delete', 'data-testid': 'reply-delete' }, t('replies.delete')),
        ),
  );
}

export function renderReplies() {
  const node = section();
  if (node.childElementCount > 0) page.draft = readForm();
  const formTitle = page.editing ? t('replies.editTitle', { title: titleOf(page.editing) }) : t('replies.newTitle');
  const form = el(
    'form',
    { class: 'reply-form', id: 'reply-form', 'aria-labelledby': 'reply-form-title', novalidate: true },
    el('h2', { id: 'reply-form-title', class: 'panel-title' }, el('bdi', {}, formTitle)),
    el('p', { class: 'muted small' }, t('replies.formHint', { title: page.limits.title, text: page.limits.text })),
    ...languageFields(),
    page.error ? el('p', { class: 'form-error', role: 'alert', 'data-testid': 'reply-error' }, t(page.error.key, page.error.vars)) : null,
    el(
      'div',
      { class: 'form-buttons' },
      el('button', { type: 'submit', class: 'button primary', 'data-testid': 'reply-save', disabled: page.busy }, t('replies.save')),
      page.editing ? el('button', { type: 'button', class: 'button secondary', 'data-action': 'cancel-edit', 'data-testid': 'reply-cancel' }, t('replies.cancel')) : null,
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
  const list = el('ul', { class: 'cards results', 'data-testid': 'reply-list' }, ...page.replies.map(replyCard));
  list.addEventListener('click', onListClick);
  form.addEventListener('click', onListClick);
  replaceKeepingFocus(
    node,
    el(
      'div',
      { class: 'page-inner' },
      el('div', { class: 'page-head' }, el('h1', { class: 'page-title', id: 'replies-title', tabindex: '-1' }, t('replies.title')), el('p', { class: 'muted' }, t('replies.intro'))),
      el('div', { class: 'done-box', role: 'status', 'data-testid': 'reply-done', hidden: !page.done }, page.done ? t(page.done.key, page.done.vars) : ''),
      el('h2', { class: 'panel-title' }, t('replies.listTitle', { count: page.replies.length })),
      page.loaded && page.replies.length === 0 ? el('p', { class: 'empty' }, t('replies.none')) : null,
      list,
      form,
    ),
  );
}

async function load() {
  const current = page.loads.start();
  try {
    /** @type {CannedReplyList} */
    const data = await api('GET', '/canned-replies');
    if (!current()) return;
    page.replies = data && Array.isArray(data.items) ? data.items : [];
    if (data && data.limits) page.limits = data.limits;
  } catch {
    page.error = { key: 'errors.generic' };
  }
  page.loaded = true;
  renderReplies();
}

async function save() {
  const draft = readForm();
  /** @type {Record<string, { title: string, text: string }>} */
  const texts = {};
  for (const [lang, name] of LANGUAGES) {
    const entry = draft[lang];
    const title = entry ? entry.title.trim() : '';
    const text = entry ? entry.text.trim() : '';
    if (!title && !text) continue;
    if (!title || !text) {
      page.draft = draft;
      page.error = { key: 'replies.bothNeeded', vars: { language: name } };
      renderReplies();
      return;
    }
    texts[lang] = { title, text };
  }
  if (Object.keys(texts).length === 0) {
    page.draft = draft;
    page.error = { key: 'replies.oneNeeded' };
    renderReplies();
    return;
  }
  page.busy = true;
  page.error = null;
  try {
    const editing = page.editing;
    if (editing) await api('POST', `/canned-replies/${encodeURIComponent(editing.id)}`, { texts, version: editing.version });
    else await api('POST', '/canned-replies', { texts });
    page.done = { key: editing ? 'replies.changed' : 'replies.added', vars: { title: texts[app.lang] ? texts[app.lang].title : Object.values(texts)[0].title } };
    page.editing = null;
    page.draft = {};
    const node = section();
    node.replaceChildren(); // the form starts empty again
    await load();
  } catch (error) {
    const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
    page.draft = draft;
    page.error = { key: code === 'changed' ? 'replies.conflict' : code === 'full' ? 'replies.full' : code === 'bad-request' ? 'replies.tooLong' : 'errors.generic' };
    renderReplies();
  } finally {
    page.busy = false;
    renderReplies();
  }
}

/** @param {Event} event */
function onListClick(event) {
  const button = event.target instanceof Element ? /** @type {HTMLElement | null} */ (event.target.closest('[data-action]')) : null;
  if (!button) return;
  const card = /** @type {HTMLElement | null} */ (button.closest('[data-reply-id]'));
  const reply = card ? page.replies.find((r) => r.id === card.dataset.replyId) : undefined;
  const action = button.dataset.action;
  page.done = null;
  page.error = null;
  if (action === 'cancel-edit') {
    page.editing = null;
    section().replaceChildren();
    page.draft = {};
    renderReplies();
    return;
  }
  if (!reply) return;
  if (action === 'edit') {
    page.editing = reply;
    section().replaceChildren();
    page.draft = /** @type {Draft} */ (structuredClone(reply.texts));
    renderReplies();
    /** @type {HTMLElement} */ (document.getElementById('reply-form-title')).scrollIntoView({ block: 'nearest' });
    const first = /** @type {HTMLElement | null} */ (document.querySelector('#reply-form input'));
    if (first) first.focus();
  } else if (action === 'delete') {
    page.deleting = reply.id;
    renderReplies();
    const yes = /** @type {HTMLElement | null} */ (document.querySelector(`[data-reply-id="${CSS.escape(reply.id)}"] [data-action="delete-yes"]`));
    if (yes) yes.focus();
  } else if (action === 'delete-no') {
    page.deleting = null;
    renderReplies();
  } else if (action === 'delete-yes') {
    void remove(reply);
  }
}

/** @param {CannedReply} reply */
async function remove(reply) {
  try {
    await api('POST', `/canned-replies/${encodeURIComponent(reply.id)}/delete`);
    page.done = { key: 'replies.deleted', vars: { title: titleOf(reply) } };
    if (page.editing && page.editing.id === reply.id) {
      page.editing = null;
      page.draft = {};
    }
  } catch {
    page.error = { key: 'errors.generic' };
  }
  page.deleting = null;
  await load();
  const title = document.getElementById('replies-title');
  if (title) title.focus();
}

/** @type {import('./index.js').Page} */
export const repliesPage = {
  name: 'replies',
  roles: ['staff', 'admin'],
  tab: true,
  section,
  heading: () => /** @type {HTMLElement} */ (document.getElementById('replies-title') || section()),
  scrollsItself: true,
  enter() {
    renderReplies();
    void load();
  },
  render: renderReplies,
  clear() {
    Object.assign(page, { replies: [], editing: null, deleting: null, draft: {}, done: null, error: null, loaded: false, busy: false });
    section().replaceChildren();
  },
};
