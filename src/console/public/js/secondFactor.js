// @ts-check
/*
 * The second step of a sign-in: a code from the authenticator app (or a recovery code), or, the first
 * time, setting the app up (QR code, then a code from it, then the recovery codes, shown once).
 * The half-done session only opens these calls; the full one comes with the right code.
 */

import { api, asApiError } from './api.js';
import { showBanner } from './banner.js';
import { showView } from './views.js';
import { el } from './dom.js';
import { state } from './state.js';
import { formatNumber } from './format.js';
import { t } from './texts.js';

/**
 * @typedef {import('../../consoleApi').SessionResponse} SessionResponse
 * @typedef {import('../../consoleApi').EnrolmentStart} EnrolmentStart
 * @typedef {import('../../consoleApi').EnrolmentDone} EnrolmentDone
 * @typedef {import('../../consoleApi').SecondFactorDone} SecondFactorDone
 */

const ERRORS = /** @type {Record<string, string>} */ ({
  'code-wrong': 'secondFactor.errors.wrong',
  'code-reused': 'secondFactor.errors.reused',
  'too-many-attempts': 'secondFactor.errors.tooMany',
});

const flow = {
  /** @type {'second-factor' | 'enrol' | 'recovery'} */ step: 'second-factor',
  /** @type {EnrolmentStart | null} */ enrolment: null,
  /** @type {EnrolmentDone | null} */ done: null,
  /** @type {string | null} */ error: null,
  busy: false,
  /** @type {(data: SessionResponse) => void} */ onDone: () => {},
  /** @type {() => void} */ onCancel: () => {},
};

function section() {
  const node = document.getElementById('view-second-factor');
  if (!node) throw new Error('secondFactor.js: index.html has no #view-second-factor');
  return node;
}

/**
 * Continues a sign-in that needs a second factor (`data.stage` of POST /login): `onDone` gets the full
 * session; `onCancel` goes back to the login form.
 * @param {SessionResponse} data
 * @param {(data: SessionResponse) => void} onDone
 * @param {() => void} onCancel
 */
export async function startSecondFactor(data, onDone, onCancel) {
  // The half-done session's CSRF token, for the calls below; no user yet, so nothing else is open.
  state.csrfToken = data.csrfToken;
  Object.assign(flow, { step: data.stage === 'enrol' ? 'enrol' : 'second-factor', enrolment: null, done: null, error: null, busy: false, onDone, onCancel });
  showView('view-second-factor');
  render();
  if (flow.step === 'enrol') {
    try {
      flow.enrolment = await api('POST', '/second-factor/start', {}, { authRedirect: false });
    } catch (caught) {
      const error = asApiError(caught);
      flow.error = error.status === 0 ? 'errors.network' : 'errors.generic';
    }
    render();
  }
  focusHeading();
}

/**
 * A signed-in person turns two-step sign-in on (optional for roles that do not need it): the same
 * set-up, on the full session; `onDone` after the recovery codes, `onCancel` without a change.
 * @param {() => void} onDone
 * @param {() => void} onCancel
 */
export async function enrolSignedIn(onDone, onCancel) {
  if (!state.user) return; // only a signed-in person gets here
  await startSecondFactor({ user: state.user, csrfToken: state.csrfToken || '', stage: 'enrol' }, () => onDone(), onCancel);
}

export function renderSecondFactor() {
  if (!section().hidden) render();
}

function focusHeading() {
  const heading = document.getElementById('sf-title');
  if (heading) heading.focus();
}

/** The QR code the server drew (an SVG of paths, no scripts or styles), as an element with a name. */
/** @param {string} svgText */
function qrImage(svgText) {
  const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
  const svg = document.importNode(parsed, true);
  if (svg.nodeName.toLowerCase() !== 'svg' || svg.querySelector('script, foreignObject')) return null;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('secondFactor.qrLabel'));
  svg.setAttribute('class', 'qr-code');
  svg.setAttribute('data-testid', 'sf-qr');
  return svg;
}

function codeForm() {
  const error = flow.error ? el('p', { class: 'form-error', role: 'alert', 'data-testid': 'sf-error' }, t(flow.error)) : null;
  const form = el(
    'form',
    { class: 'sf-code', novalidate: true },
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'sf-code' }, t('secondFactor.code')),
      el('input', { id: 'sf-code', 'data-testid': 'sf-code', type: 'text', inputmode: flow.step === 'enrol' ? 'numeric' : 'text', autocomplete: 'one-time-code', autocapitalize: 'none', spellcheck: 'false', maxlength: '30', 'aria-invalid': flow.error ? 'true' : 'false', required: true }),
    ),
    error,
    el(
      'div',
      { class: 'form-buttons' },
      el('button', { type: 'submit', class: 'button primary', 'data-testid': 'sf-submit', disabled: flow.busy }, t('secondFactor.submit')),
      el('button', { type: 'button', class: 'button secondary', 'data-testid': 'sf-cancel', 'data-action': 'cancel' }, t('secondFactor.cancel')),
    ),
  );
  form.addEventListener('submit', submitCode);
  form.addEventListener('click', (event) => {
    if (/** @type {HTMLElement} */ (event.target).closest('[data-action="cancel"]')) flow.onCancel();
  });
  return form;
}

function render() {
  const box = el('div', { class: 'login-form sf' });
  if (flow.step === 'recovery' && flow.done) {
    box.append(
      el('h1', { id: 'sf-title', tabindex: '-1' }, t('secondFactor.recoveryTitle')),
      el('p', {}, t('secondFactor.recoveryIntro')),
      el('ul', { class: 'recovery-codes', 'data-testid': 'sf-recovery-codes' }, ...flow.done.recoveryCodes.map((code) => el('li', {}, el('code', { dir: 'ltr' }, code)))),
      el('button', { type: 'button', class: 'button primary wide', 'data-testid': 'sf-continue', 'data-action': 'continue' }, t('secondFactor.continue')),
    );
    box.addEventListener('click', (event) => {
      if (flow.done && /** @type {HTMLElement} */ (event.target).closest('[data-action="continue"]')) flow.onDone(flow.done);
    });
  } else if (flow.step === 'enrol') {
    const enrolment = flow.enrolment;
    box.append(el('h1', { id: 'sf-title', tabindex: '-1' }, t('secondFactor.enrolTitle')), el('p', {}, t('secondFactor.enrolIntro')));
    if (enrolment) {
      box.append(
        el('div', { class: 'qr-box' }, qrImage(enrolment.qrSvg)),
        el('p', { class: 'muted' }, t('secondFactor.secretLabel')),
        el('p', {}, el('code', { class: 'totp-secret', 'data-testid': 'sf-secret', dir: 'ltr' }, enrolment.secret.replace(/(.{4})/g, '$1 ').trim())),
        codeForm(),
      );
    } else if (flow.error) {
      box.append(el('p', { class: 'form-error', role: 'alert' }, t(flow.error)));
    } else {
      box.append(el('p', { class: 'muted' }, t('app.loading')));
    }
  } else {
    box.append(el('h1', { id: 'sf-title', tabindex: '-1' }, t('secondFactor.title')), el('p', {}, t('secondFactor.intro')), codeForm(), el('p', { class: 'muted' }, t('secondFactor.recoveryHint')));
  }
  section().replaceChildren(box);
}

/** @param {SubmitEvent} event */
async function submitCode(event) {
  event.preventDefault();
  const input = /** @type {HTMLInputElement} */ (document.getElementById('sf-code'));
  const code = input.value.trim();
  const fail = (/** @type {string} */ key) => {
    flow.error = key;
    flow.busy = false;
    render();
    const again = /** @type {HTMLInputElement} */ (document.getElementById('sf-code'));
    again.focus();
    again.select();
  };
  if (!code) return fail('secondFactor.errors.missing');
  flow.busy = true;
  try {
    if (flow.step === 'enrol') {
      /** @type {EnrolmentDone} */
      const done = await api('POST', '/second-factor/confirm', { code }, { authRedirect: false });
      Object.assign(flow, { done, step: 'recovery', error: null, busy: false });
      render();
      focusHeading();
    } else {
      /** @type {SecondFactorDone} */
      const done = await api('POST', '/login/second-factor', { code }, { authRedirect: false });
      flow.busy = false;
      flow.onDone(done);
      if (done.recoveryCodesLeft !== undefined) showBanner('secondFactor.recoveryLeft', { count: formatNumber(done.recoveryCodesLeft) });
    }
  } catch (caught) {
    const error = asApiError(caught);
    if (error.status === 401 && !ERRORS[error.code]) return flow.onCancel(); // the half-done session is gone
    fail(ERRORS[error.code] || (error.status === 0 ? 'errors.network' : 'errors.generic'));
  }
}
