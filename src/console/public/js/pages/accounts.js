// @ts-check
/*
 * The accounts page (admins): the accounts, a new one with its one-time set-password link, and per
 * account: change first name, role and languages, turn off/on, a new sign-in link, link/unlink Teams.
 * The server checks every rule again (last admin, roles, duplicate names) and audits every change.
 */

import { api, asApiError } from '../api.js';
import { LANGUAGES } from '../constants.js';
import { chip, el, languageChip, replaceKeepingFocus } from '../dom.js';
import { ui } from '../elements.js';
import { formatDateTime, valueText } from '../format.js';
import { state } from '../state.js';
import { t } from '../texts.js';

/**
 * @typedef {import('../../../consoleApi').AccountView} AccountView
 * @typedef {import('../../../consoleApi').AccountList} AccountList
 * @typedef {import('../../../consoleApi').AccountChange} AccountChange
 * @typedef {import('../../../consoleApi').InvitationView} InvitationView
 */

const ERRORS = /** @type {Record<string, string>} */ ({
  'username-taken': 'accounts.errors.usernameTaken',
  'bad-username': 'accounts.errors.badUsername',
  'bad-role': 'accounts.errors.badRole',
  'last-admin': 'accounts.errors.lastAdmin',
  'teams-taken': 'accounts.errors.teamsTaken',
  'not-linked': 'accounts.errors.notLinked',
  'bad-capacity': 'accounts.errors.badCapacity',
  busy: 'accounts.errors.busy',
  forbidden: 'errors.forbidden',
});

const page = {
  /** @type {AccountList | null} */ list: null,
  loading: false,
  /** @type {{ name: string, invitation: InvitationView } | null} */ invitation: null,
  /** The account whose change form is open. @type {string | null} */ editing: null,
  /** The account whose reset waits for a yes. @type {string | null} */ confirming: null,
  /** @type {string | null} */ error: null,
  /** @type {string | null} */ info: null,
  busy: false,
  /** What the admin typed in the new-account form: kept while the page draws again (an error, a save elsewhere). */
  draft: emptyDraft(),
};

/** @returns {{ username: string, firstName: string, role: string, capacity: string, languages: string[] }} */
function emptyDraft() {
  return { username: '', firstName: '', role: 'mentor', capacity: '', languages: [] };
}

function section() {
  const node = document.getElementById('page-accounts');
  if (!node) throw new Error('accounts.js: index.html has no #page-accounts');
  return node;
}

async function load() {
  page.loading = true;
  render();
  try {
    page.list = await api('GET', '/accounts');
  } catch (error) {
    page.error = errorKey(error);
  }
  page.loading = false;
  render();
}

/** @param {unknown} caught */
function errorKey(caught) {
  const error = asApiError(caught);
  if (error.code === 'bad-request' && /aadObjectId/.test(String(error.body && error.body.message))) return 'accounts.errors.badTeamsId';
  return ERRORS[error.code] || (error.status === 0 ? 'errors.network' : 'errors.generic');
}

/**
 * Runs a change; the account list is drawn again with the answer, and the focus goes to `focusId`.
 * @param {() => Promise<AccountChange>} call
 * @param {string | null} focusId
 */
async function change(call, focusId) {
  page.busy = true;
  page.error = null;
  page.info = null;
  try {
    const answer = await call();
    if (page.list) {
      const items = page.list.items.filter((a) => a.id !== answer.account.id);
      page.list.items = [...items, answer.account].sort((a, b) => a.username.localeCompare(b.username));
    }
    page.invitation = answer.invitation ? { name: answer.account.firstName, invitation: answer.invitation } : null;
    page.editing = null;
    page.confirming = null;
    page.info = answer.invitation ? null : 'accounts.saved';
  } catch (error) {
    page.error = errorKey(error);
  }
  page.busy = false;
  render();
  const target = document.getElementById(page.error ? 'accounts-error' : page.invitation ? 'invitation-title' : focusId || 'accounts-status');
  if (target) target.focus();
}

const maxCapacity = () => (page.list ? page.list.maxCapacity : 50);

/**
 * The cap typed in a form: null when empty (no cap), undefined when it is no whole number in range.
 * @param {HTMLFormElement} form @returns {number | null | undefined}
 */
function typedCapacity(form) {
  const typed = field(form, 'capacity').trim();
  if (typed === '') return null;
  const n = Number(typed);
  return Number.isInteger(n) && n >= 1 && n <= maxCapacity() ? n : undefined;
}

/** Refuses a cap out of range before asking the server; the focus goes to the field. @param {string} inputId */
function badCapacity(inputId) {
  page.error = 'accounts.errors.badCapacity';
  render();
  const input = document.getElementById(inputId);
  if (input) input.focus();
}

/**
 * How many conversations the person may have at once: empty is no cap.
 * @param {string} id @param {number | string | null} value
 */
function capacityField(id, value) {
  return el(
    'div',
    { class: 'field' },
    el('label', { for: id }, t('accounts.capacity')),
    el('input', { id, name: 'capacity', 'data-testid': id, type: 'number', inputmode: 'numeric', min: '1', max: String(maxCapacity()), step: '1', value: value === null ? '' : String(value), 'aria-describedby': `${id}-hint` }),
    el('span', { class: 'muted hint', id: `${id}-hint` }, t('accounts.capacityHint', { max: maxCapacity() })),
  );
}

/** @param {HTMLFormElement} form @returns {string[]} */
const checkedLanguages = (form) => [...form.querySelectorAll('input[name="languages"]:checked')].map((box) => /** @type {HTMLInputElement} */ (box).value);
/** @param {HTMLFormElement} form @param {string} name */
const field = (form, name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;

/** @param {string} id @param {string} value */
function roleSelect(id, value) {
  const roles = page.list ? page.list.roles : ['mentor', 'staff', 'admin'];
  return el('select', { id, name: 'role', 'data-testid': id }, ...roles.map((role) => el('option', { value: role, selected: role === value }, valueText(`roles.${role}`, role))));
}

/** @param {string} idPrefix @param {readonly string[]} chosen */
function languageBoxes(idPrefix, chosen) {
  return el(
    'fieldset',
    { class: 'field language-boxes' },
    el('legend', {}, t('accounts.languages')),
    ...LANGUAGES.map(([code, name]) =>
      el(
        'label',
        { class: 'check', for: `${idPrefix}-${code}` },
        el('input', { type: 'checkbox', id: `${idPrefix}-${code}`, name: 'languages', value: code, checked: chosen.includes(code) }),
        el('span', { lang: code, dir: 'auto' }, name),
      ),
    ),
  );
}

function newForm() {
  const form = el(
    'form',
    { class: 'filters account-new', id: 'account-new', 'aria-labelledby': 'account-new-title', novalidate: true },
    el('h2', { class: 'field-wide', id: 'account-new-title' }, t('accounts.newTitle')),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'account-username' }, t('accounts.username')),
      el('input', { id: 'account-username', 'data-testid': 'account-username', name: 'username', value: page.draft.username, type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: '40', 'aria-describedby': 'account-username-hint', required: true }),
      el('span', { class: 'muted hint', id: 'account-username-hint' }, t('accounts.usernameHint')),
    ),
    el('div', { class: 'field' }, el('label', { for: 'account-first-name' }, t('accounts.firstName')), el('input', { id: 'account-first-name', 'data-testid': 'account-first-name', name: 'firstName', value: page.draft.firstName, type: 'text', autocomplete: 'off', maxlength: '60' })),
    el('div', { class: 'field' }, el('label', { for: 'account-role' }, t('accounts.role')), roleSelect('account-role', page.draft.role)),
    capacityField('account-capacity', page.draft.capacity),
    languageBoxes('account-lang', page.draft.languages),
    el('div', { class: 'form-buttons' }, el('button', { type: 'submit', class: 'button primary', 'data-testid': 'account-create', disabled: page.busy }, t('accounts.create'))),
  );
  const keep = () => {
    page.draft = { username: field(form, 'username'), firstName: field(form, 'firstName'), role: field(form, 'role'), capacity: field(form, 'capacity'), languages: checkedLanguages(form) };
  };
  form.addEventListener('input', keep);
  form.addEventListener('change', keep);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    keep();
    const capacity = typedCapacity(form);
    const body = { username: field(form, 'username').trim(), firstName: field(form, 'firstName').trim() || undefined, role: field(form, 'role'), languages: checkedLanguages(form), capacity };
    if (capacity === undefined) return badCapacity('account-capacity');
    if (!body.username) {
      page.error = 'accounts.errors.badUsername';
      render();
      const input = document.getElementById('account-username');
      if (input) input.focus();
      return;
    }
    change(async () => {
      /** @type {AccountChange} */
      const answer = await api('POST', '/accounts', body);
      page.draft = emptyDraft(); // made: the form starts empty again
      return answer;
    }, null);
  });
  return form;
}

function invitationBox() {
  if (!page.invitation) return null;
  const link = `${window.location.origin}${page.invitation.invitation.path}`;
  const copy = el('button', { type: 'button', class: 'button secondary', 'data-testid': 'invitation-copy' }, t('accounts.copy'));
  const note = el('p', { class: 'muted', role: 'status' });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(link);
      note.textContent = t('accounts.copied');
    } catch {
      const input = /** @type {HTMLInputElement | null} */ (document.getElementById('invitation-link'));
      if (input) input.select();
    }
  });
  return el(
    'section',
    { class: 'panel invitation', 'aria-labelledby': 'invitation-title', 'data-testid': 'invitation' },
    el('h2', { id: 'invitation-title', tabindex: '-1' }, el('bdi', {}, t('accounts.linkTitle', { name: page.invitation.name }))),
    el('p', {}, t('accounts.linkText', { time: formatDateTime(page.invitation.invitation.expiresAt, { dateStyle: 'medium', timeStyle: 'short' }) })),
    el('label', { for: 'invitation-link', class: 'sr-only' }, t('accounts.linkLabel')),
    el('input', { id: 'invitation-link', 'data-testid': 'invitation-link', type: 'text', readonly: true, value: link, dir: 'ltr' }),
    el('div', { class: 'form-buttons' }, copy),
    note,
  );
}

/**
 * Linking a Teams user: pick one of the mentors who typed "link me" to the bot, or paste an object id;
 * the name Teams gave is shown back for the id (or that it is not known).
 * @param {string} id
 */
function teamsLinkFields(id) {
  const requests = page.list ? page.list.teamsRequests : [];
  const input = /** @type {HTMLInputElement} */ (
    el('input', { id: `${id}-teams`, name: 'aadObjectId', type: 'text', dir: 'ltr', autocomplete: 'off', spellcheck: 'false', maxlength: '36', placeholder: '00000000-0000-0000-0000-000000000000', 'aria-describedby': `${id}-teams-who`, 'data-testid': 'account-teams-id' })
  );
  const who = el('p', { class: 'muted', id: `${id}-teams-who`, 'aria-live': 'polite', 'data-testid': 'account-teams-who' });
  const showWho = () => {
    const typed = input.value.trim().toLowerCase();
    const known = requests.find((r) => r.aadObjectId === typed);
    who.replaceChildren();
    if (known) who.append(el('bdi', {}, t('accounts.teamsNameKnown', { name: known.name })));
    else if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(typed)) who.append(t('accounts.teamsNameUnknown'));
  };
  input.addEventListener('input', showWho);
  let pick = null;
  if (requests.length > 0) {
    const select = /** @type {HTMLSelectElement} */ (
      el(
        'select',
        { id: `${id}-teams-pick`, 'data-testid': 'account-teams-pick' },
        el('option', { value: '' }, '—'),
        ...requests.map((r) => el('option', { value: r.aadObjectId }, `${r.name} (${r.aadObjectId.slice(0, 8)}…)`)),
      )
    );
    select.addEventListener('change', () => {
      input.value = select.value;
      showWho();
    });
    pick = el('div', { class: 'field' }, el('label', { for: `${id}-teams-pick` }, t('accounts.teamsRequests')), select);
  }
  return el(
    'div',
    { class: 'teams-link' },
    pick || el('p', { class: 'muted' }, t('accounts.teamsHowTo')),
    el('div', { class: 'field' }, el('label', { for: `${id}-teams` }, t('accounts.teamsId')), input, who),
    el('div', { class: 'form-buttons' }, el('button', { type: 'button', class: 'button secondary', 'data-action': 'link-teams', 'data-testid': 'account-link-teams' }, t('accounts.teamsLink'))),
  );
}

/** @param {AccountView} account */
function editForm(account) {
  const id = `edit-${account.id}`;
  const form = el(
    'form',
    { class: 'account-edit', 'data-testid': 'account-edit', novalidate: true },
    el('div', { class: 'field' }, el('label', { for: `${id}-first` }, t('accounts.firstName')), el('input', { id: `${id}-first`, name: 'firstName', type: 'text', value: account.firstName, maxlength: '60' })),
    el('div', { class: 'field' }, el('label', { for: `${id}-role` }, t('accounts.role')), roleSelect(`${id}-role`, account.role)),
    capacityField(`${id}-capacity`, account.capacity),
    languageBoxes(`${id}-lang`, account.languages),
    el('div', { class: 'form-buttons' }, el('button', { type: 'submit', class: 'button primary', 'data-testid': 'account-save', disabled: page.busy }, t('accounts.save')), el('button', { type: 'button', class: 'button secondary', 'data-action': 'cancel-edit' }, t('accounts.cancel'))),
    account.teamsAadObjectId
      ? el('div', { class: 'form-buttons' }, el('button', { type: 'button', class: 'button secondary', 'data-action': 'unlink-teams', 'data-testid': 'account-unlink-teams' }, t('accounts.teamsUnlink')))
      : teamsLinkFields(id),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const capacity = typedCapacity(form);
    if (capacity === undefined) return badCapacity(`${id}-capacity`);
    const body = { firstName: field(form, 'firstName'), role: field(form, 'role'), languages: checkedLanguages(form), capacity };
    change(() => api('POST', `/accounts/${encodeURIComponent(account.id)}`, body), `account-${account.id}`);
  });
  return form;
}

/** @param {AccountView} account */
function card(account) {
  const me = state.user && state.user.id === account.id;
  const statuses = [
    chip(t(account.disabled ? 'accounts.disabled' : 'accounts.active'), account.disabled ? 'status-closed' : 'status-active'),
    account.passwordSet ? null : chip(t('accounts.invited'), 'status-waiting'),
    account.secondFactor ? chip(t('accounts.twoStep')) : null,
    account.teamsAadObjectId ? chip(t('accounts.teamsLinked')) : null,
  ];
  return el(
    'li',
    { class: 'card account', 'data-testid': 'account-card', 'data-username': account.username, 'data-account-id': account.id },
    el(
      'div',
      { class: 'card-top' },
      el('h3', { class: 'card-name', id: `account-${account.id}`, tabindex: '-1' }, el('bdi', {}, account.firstName), ' ', el('span', { class: 'muted' }, el('bdi', {}, `(${account.username})`))),
      chip(valueText(`roles.${account.role}`, account.role)),
    ),
    el('div', { class: 'card-line' }, ...statuses, ...account.languages.map(languageChip)),
    account.teamsAadObjectId ? el('p', { class: 'muted' }, t('accounts.teamsCurrent', { id: account.teamsAadObjectId })) : null,
    account.capacity !== null ? el('p', { class: 'muted', 'data-testid': 'account-capacity' }, t('accounts.capacityChip', { max: account.capacity })) : null,
    page.confirming === account.id
      ? el(
          'div',
          { class: 'confirm-box', role: 'group', 'aria-labelledby': `reset-q-${account.id}` },
          el('p', { id: `reset-q-${account.id}` }, el('bdi', {}, t('accounts.resetConfirm', { name: account.firstName }))),
          el('div', { class: 'form-buttons' }, el('button', { type: 'button', class: 'button danger', 'data-action': 'reset-yes', 'data-testid': 'account-reset-yes' }, t('accounts.resetYes')), el('button', { type: 'button', class: 'button secondary', 'data-action': 'reset-no' }, t('accounts.cancel'))),
        )
      : null,
    page.editing === account.id ? editForm(account) : null,
    page.editing === account.id || page.confirming === account.id
      ? null
      : el(
          'div',
          { class: 'form-buttons' },
          el('button', { type: 'button', class: 'button secondary', 'data-action': 'edit', 'data-testid': 'account-change' }, t('accounts.change')),
          me ? null : el('button', { type: 'button', class: 'button secondary', 'data-action': account.disabled ? 'enable' : 'disable', 'data-testid': 'account-toggle' }, t(account.disabled ? 'accounts.enable' : 'accounts.disable')),
          me ? null : el('button', { type: 'button', class: 'button secondary', 'data-action': 'reset', 'data-testid': 'account-reset' }, t('accounts.reset')),
        ),
  );
}

/** @param {MouseEvent} event */
function onClick(event) {
  const button = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('[data-action]'));
  const cardNode = button && /** @type {HTMLElement | null} */ (button.closest('[data-account-id]'));
  if (!button || !cardNode || page.busy) return;
  const id = cardNode.dataset.accountId || '';
  const path = `/accounts/${encodeURIComponent(id)}`;
  const focusCard = () => {
    const heading = document.getElementById(`account-${id}`);
    if (heading) heading.focus();
  };
  switch (button.dataset.action) {
    case 'edit':
      Object.assign(page, { editing: id, confirming: null, error: null, info: null });
      render();
      focusCard();
      break;
    case 'cancel-edit':
    case 'reset-no':
      Object.assign(page, { editing: null, confirming: null });
      render();
      focusCard();
      break;
    case 'disable':
    case 'enable':
      change(() => api('POST', path, { disabled: button.dataset.action === 'disable' }), `account-${id}`);
      break;
    case 'reset':
      Object.assign(page, { confirming: id, editing: null });
      render();
      focusCard();
      break;
    case 'reset-yes':
      change(() => api('POST', `${path}/reset`), `account-${id}`);
      break;
    case 'link-teams': {
      const input = /** @type {HTMLInputElement | null} */ (cardNode.querySelector('input[name="aadObjectId"]'));
      const aadObjectId = input ? input.value.trim().toLowerCase() : '';
      // Linked: the request is no longer waiting, so no card's picker offers it again (the server removed it too).
      change(async () => {
        /** @type {AccountChange} */
        const answer = await api('POST', `${path}/teams`, { aadObjectId });
        if (page.list) page.list.teamsRequests = page.list.teamsRequests.filter((r) => r.aadObjectId !== aadObjectId);
        return answer;
      }, `account-${id}`);
      break;
    }
    case 'unlink-teams':
      change(() => api('POST', `${path}/teams/unlink`), `account-${id}`);
      break;
  }
}

function render() {
  const list = page.list;
  const required = list && list.require2fa.length > 0 ? t('accounts.require2fa', { roles: list.require2fa.map((role) => valueText(`roles.${role}`, role)).join(', ') }) : null;
  const items = list ? list.items : [];
  const cards = el('ul', { class: 'cards account-list', 'data-testid': 'account-list' }, ...items.map(card));
  cards.addEventListener('click', onClick);
  replaceKeepingFocus(
    section(),
    el(
      'div',
      { class: 'page-inner' },
      el('div', { class: 'page-head' }, el('h1', { class: 'page-title', id: 'accounts-title', tabindex: '-1' }, t('accounts.title')), el('p', { class: 'muted' }, t('accounts.intro')), required ? el('p', { class: 'muted' }, required) : null),
      el('p', { class: 'form-error', id: 'accounts-error', role: 'alert', tabindex: '-1', 'data-testid': 'accounts-error', hidden: !page.error }, page.error ? t(page.error, { max: maxCapacity() }) : ''),
      el('p', { class: 'status-line', id: 'accounts-status', role: 'status', tabindex: '-1' }, page.loading ? t('accounts.loading') : page.info ? t(page.info) : ''),
      invitationBox(),
      newForm(),
      el('h2', { id: 'account-list-title' }, t('accounts.listTitle')),
      list && items.length === 0 ? el('p', { class: 'empty' }, t('accounts.empty')) : null,
      cards,
    ),
  );
}

/** @type {import('./index.js').Page} */
export const accountsPage = {
  name: 'accounts',
  roles: ['admin'],
  tab: true,
  section,
  heading: () => /** @type {HTMLElement} */ (document.getElementById('accounts-title') || ui.main),
  scrollsItself: true,
  enter({ samePage }) {
    if (!samePage) Object.assign(page, { error: null, info: null, invitation: null, editing: null, confirming: null, draft: emptyDraft() });
    render();
    if (!samePage || !page.list) load();
  },
  render() {
    if (state.route && state.route.page === 'accounts') render();
  },
  clear() {
    Object.assign(page, { list: null, invitation: null, editing: null, confirming: null, error: null, info: null, draft: emptyDraft() });
    section().replaceChildren();
  },
};
