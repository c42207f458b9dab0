// @ts-check

import { api } from './api.js';
import { show } from './dom.js';
import { setLoginError } from './session.js';

/** @typedef {import('../../consoleApi').LoginOptionsResponse} LoginOptionsResponse */

/** The reasons the server gives for a refused Microsoft sign-in (?signin=…), by their text in login.microsoftErrors. */
const REASONS = new Map([
  ['unlinked', 'unlinked'],
  ['disabled', 'disabled'],
  ['failed', 'failed'],
  ['expired', 'expired'],
  ['cancelled', 'cancelled'],
  ['unavailable', 'unavailable'],
  ['too-many', 'tooMany'],
]);

/** @returns {HTMLElement} */
function box() {
  const node = document.getElementById('login-microsoft-box');
  if (!(node instanceof HTMLElement)) throw new Error('index.html has no #login-microsoft-box');
  return node;
}

/**
 * The login page's "Sign in with Microsoft": shown only when the server offers it. A Microsoft sign-in
 * that was refused comes back as /console?signin=<reason>: the reason shows as the login error (in the
 * console's language, again after a change of language), and leaves the address so a reload does not
 * show it again.
 */
export async function initMicrosoftSignIn() {
  const params = new URLSearchParams(location.search);
  const reason = params.get('signin');
  if (reason !== null) {
    params.delete('signin');
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
    setLoginError(`login.microsoftErrors.${REASONS.get(reason) ?? 'failed'}`);
  }
  try {
    /** @type {LoginOptionsResponse} */
    const options = await api('GET', '/login-options', undefined, { authRedirect: false });
    show(box(), options.microsoft === true);
  } catch {
    show(box(), false); // the password form is there in any case
  }
}
