// @ts-check
/*
 * The set-password page: opened from an invitation link (#/set-password?token=…), before any sign-in.
 * The token stays in the address's fragment (never sent in a URL) and goes to the server in a body.
 */

import { api, asApiError } from './api.js';
import { showView } from './views.js';
import { el } from './dom.js';
import { setLoginInfo } from './session.js';
import { t } from './texts.js';

/** @typedef {import('../../consoleApi').InvitationInfo} InvitationInfo */

const ERRORS = /** @type {Record<string, string>} */ ({
  'too-short': 'setPassword.errors.tooShort',
  'too-long': 'setPassword.errors.tooLong',
  common: 'setPassword.errors.common',
  'invitation-used': 'setPassword.errors.used',
  'invitation-expired': 'setPassword.errors.expired',
  'invitation-unknown': 'setPassword.errors.unknown',
});

const page = {
  token: '',
  /** @type {InvitationInfo | null} */ info: null,
  /** @type {string | null} */ error: null,
  /** The link gives nothing (used, expired, unknown): only the message is shown. */
  dead: false,
  busy: false,
};

/** The invitation token of an address like '#/set-password?token=…', or null. */
export function setPasswordToken(hash = window.location.hash) {
  const match = /^#\/set-password\?(.*)$/.exec(hash || '');
  if (!match) return null;
  return new URLSearchParams(match[1]).get('token');
}

function section() {
  const node = document.getElementById('view-set-password');
  if (!node) throw new Error('setPassword.js: index.html has no #view-set-password');
  return node;
}

/** Shows the page for the token: whom it is for and the rules, or why the link does not work. */
/** @param {string} token */
export async function openSetPassword(token) {
  Object.assign(page, { token, info: null, error: null, dead: false, busy: true });
  showView('view-set-password');
  render();
  try {
    page.info = await api('POST', '/invitations/check', { token }, { authRedirect: false });
  } catch (caught) {
    const error = asApiError(caught);
    page.dead = true;
    page.error = ERRORS[error.code] || (error.status === 0 ? 'errors.network' : 'errors.generic');
  }
  page.busy = false;
  render();
  const heading = document.getElementById('setpw-title');
  if (heading) heading.focus();
}

export function renderSetPassword() {
  if (!section().hidden) render();
}

function render() {
  const info = page.info;
  const error = page.error ? el('p', { class: 'form-error', role: 'alert', 'data-testid': 'setpw-error' }, t(page.error)) : null;
  if (!info) {
    section().replaceChildren(
      el('div', { class: 'login-form' }, el('h1', { id: 'setpw-title', tabindex: '-1' }, t('setPassword.title')), page.busy ? el('p', { class: 'muted' }, t('app.loading')) : null, error),
    );
    return;
  }
  const form = el(
    'form',
    { class: 'login-form', id: 'setpw-form', novalidate: true },
    el('h1', { id: 'setpw-title', tabindex: '-1' }, t('setPassword.title')),
    el('p', {}, t('setPassword.hello', { name: info.firstName, username: info.username })),
    el('p', { class: 'muted', id: 'setpw-rules' }, t('setPassword.rules', { min: info.minLength })),
    // A hidden username field lets a password manager file the new password under the right name.
    el('input', { type: 'text', name: 'username', autocomplete: 'username', value: info.username, hidden: true, readonly: true, tabindex: '-1', 'aria-hidden': 'true' }),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'setpw-password' }, t('setPassword.password')),
      el('input', { id: 'setpw-password', 'data-testid': 'setpw-password', type: 'password', autocomplete: 'new-password', 'aria-describedby': 'setpw-rules', required: true }),
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'setpw-repeat' }, t('setPassword.repeat')),
      el('input', { id: 'setpw-repeat', 'data-testid': 'setpw-repeat', type: 'password', autocomplete: 'new-password', required: true }),
    ),
    error,
    el('button', { type: 'submit', class: 'button primary wide', 'data-testid': 'setpw-submit', disabled: page.busy }, t('setPassword.submit')),
  );
  form.addEventListener('submit', submit);
  section().replaceChildren(form);
}

/** @param {SubmitEvent} event */
async function submit(event) {
  event.preventDefault();
  const password = /** @type {HTMLInputElement} */ (document.getElementById('setpw-password')).value;
  const repeat = /** @type {HTMLInputElement} */ (document.getElementById('setpw-repeat')).value;
  const fail = (/** @type {string} */ key) => {
    page.error = key;
    render();
    /** @type {HTMLInputElement} */ (document.getElementById('setpw-password')).focus();
  };
  if ([...password].length < (page.info ? page.info.minLength : 12)) return fail('setPassword.errors.tooShort');
  if (password !== repeat) return fail('setPassword.errors.mismatch');
  page.busy = true;
  try {
    await api('POST', '/invitations/accept', { token: page.token, password }, { authRedirect: false });
  } catch (caught) {
    const error = asApiError(caught);
    page.busy = false;
    if (['invitation-used', 'invitation-expired', 'invitation-unknown'].includes(error.code)) {
      page.info = null;
      page.dead = true;
    }
    return fail(ERRORS[error.code] || (error.status === 0 ? 'errors.network' : 'errors.generic'));
  }
  page.busy = false;
  // The token has done its work: it leaves the address (and the history entry) at once.
  history.replaceState(null, '', window.location.pathname);
  showView('login');
  setLoginInfo('setPassword.done');
  const username = /** @type {HTMLInputElement | null} */ (document.getElementById('login-username'));
  if (username && page.info) username.value = page.info.username;
  const password2 = /** @type {HTMLInputElement | null} */ (document.getElementById('login-password'));
  if (password2) password2.focus();
}
