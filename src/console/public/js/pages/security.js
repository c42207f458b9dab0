// @ts-check
/*
 * "My sign-in": whether two-step sign-in is on for the signed-in person, and a button to turn it on
 * (for everyone; roles in CONSOLE_REQUIRE_2FA set it up at their first sign-in anyway).
 */

import { api, asApiError } from '../api.js';
import { el } from '../dom.js';
import { ui } from '../elements.js';
import { route } from '../router.js';
import { enrolSignedIn } from '../secondFactor.js';
import { state } from '../state.js';
import { t } from '../texts.js';

/** @typedef {import('../../../consoleApi').SecondFactorStatus} SecondFactorStatus */

const page = {
  /** @type {SecondFactorStatus | null} */ status: null,
  /** @type {string | null} */ error: null,
};

function section() {
  const node = document.getElementById('page-security');
  if (!node) throw new Error('security.js: index.html has no #page-security');
  return node;
}

async function load() {
  try {
    page.status = await api('GET', '/second-factor');
    page.error = null;
  } catch (caught) {
    const error = asApiError(caught);
    page.error = error.status === 0 ? 'errors.network' : 'errors.generic';
  }
  render();
}

function render() {
  const status = page.status;
  const button = status && !status.enabled ? el('button', { type: 'button', class: 'button primary', 'data-testid': 'security-turn-on' }, t('mySignIn.turnOn')) : null;
  if (button) {
    button.addEventListener('click', () =>
      enrolSignedIn(
        () => {
          page.status = null;
          route();
          load();
        },
        () => route(),
      ),
    );
  }
  section().replaceChildren(
    el(
      'div',
      { class: 'page-inner' },
      el('div', { class: 'page-head' }, el('h1', { class: 'page-title', id: 'security-title', tabindex: '-1' }, t('mySignIn.title')), el('p', { class: 'muted' }, t('mySignIn.intro'))),
      page.error ? el('p', { class: 'form-error', role: 'alert' }, t(page.error)) : null,
      status ? el('p', { 'data-testid': 'security-status' }, t(status.enabled ? 'mySignIn.on' : 'mySignIn.off'), status.required ? ` ${t('mySignIn.required')}` : '') : el('p', { class: 'muted' }, t('app.loading')),
      button,
      status && status.enabled ? el('p', { class: 'muted' }, t('mySignIn.lost')) : null,
    ),
  );
}

/** @type {import('./index.js').Page} */
export const securityPage = {
  name: 'security',
  roles: ['mentor', 'staff', 'admin'],
  tab: true,
  section,
  heading: () => /** @type {HTMLElement} */ (document.getElementById('security-title') || ui.main),
  scrollsItself: true,
  enter() {
    render();
    load();
  },
  render() {
    if (state.route && state.route.page === 'security') render();
  },
  clear() {
    page.status = null;
    section().replaceChildren();
  },
};
