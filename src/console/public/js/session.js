// @ts-check

import { pageNamed } from './pageList.js';
import { api, ApiError, postLogin, asApiError } from './api.js';
import { clearBanner } from './banner.js';
import { renderHeader, setLive, showView } from './views.js';
import { show } from './dom.js';
import { ui } from './elements.js';
import { formatNumber } from './format.js';
import { refreshLists } from './handoffs/actions.js';
import { hideCloseForm } from './handoffs/closeForm.js';
import { renderLists } from './handoffs/lists.js';
import { renderNextOffer } from './handoffs/nextOffer.js';
import { connectEvents, disconnectEvents, startClock, stopClock } from './live.js';
import { clearPages, route } from './router.js';
import { startHandover, stopHandover } from './handover/index.js';
import { emptyPages, state } from './state.js';
import { t } from './texts.js';
import { forgetNotice } from './handoffs/notice.js';
import { startSecondFactor } from './secondFactor.js';

/** @param {Event} event */
export async function login(event) {
  event.preventDefault();
  setLoginError(null);
  setLoginInfo(null);
  const username = ui.loginUsername.value.trim();
  const password = ui.loginPassword.value;
  if (!username || !password) {
    setLoginError('login.missing');
    (username ? ui.loginPassword : ui.loginUsername).focus();
    return;
  }
  ui.loginSubmit.disabled = true;
  ui.loginSubmit.textContent = t('login.busy');
  try {
    const data = await postLogin({ username, password });
    ui.loginPassword.value = '';
    if (data.stage) {
      // The password was right; the second factor comes next (or is set up, the first time).
      startSecondFactor(data, signedIn, backToLogin);
      return;
    }
    signedIn(data);
  } catch (caught) {
    const error = asApiError(caught);
    if (error.status === 429 || error.code === 'too-many-attempts') {
      const seconds = Number(error.body.retryAfterSeconds);
      const minutes = Math.max(1, Math.ceil((Number.isFinite(seconds) && seconds > 0 ? seconds : 60) / 60));
      if (minutes === 1) setLoginError('login.tooManyOne');
      else setLoginError('login.tooMany', { minutes: formatNumber(minutes) });
    } else if (error.status === 401 || error.code === 'invalid-login') {
      setLoginError('login.invalid');
      ui.loginPassword.select();
    } else {
      setLoginError(error.status === 0 ? 'errors.network' : 'errors.generic');
    }
  } finally {
    ui.loginSubmit.disabled = false;
    ui.loginSubmit.textContent = t('login.submit');
  }
}

/** From the second step back to the login form (cancelled, or the half-done session ended). */
export function backToLogin() {
  state.csrfToken = null;
  showView('login');
  ui.loginUsername.focus();
}

/** @param {import('./api.js').SessionResponse | null | undefined} data */
export function signedIn(data) {
  if (!data || !data.user) throw new ApiError(500, 'bad-login');
  state.user = data.user;
  state.csrfToken = data.csrfToken || null;
  clearBanner();
  setLoginError(null);
  setLoginInfo(null);
  renderHeader();
  showView('console');
  renderLists();
  refreshLists();
  connectEvents();
  startClock();
  startHandover();
  route({ initial: true });
  // The login form that had the focus is gone: it goes to the heading of the page on show (a
  // conversation opened from a link takes it to its own heading once loaded).
  const current = state.route;
  const shown = current && pageNamed(current.page);
  if (current && shown && !(current.page === 'handoffs' && current.id)) shown.heading().focus({ preventScroll: true });
}

export async function logout() {
  ui.logout.disabled = true;
  try {
    await api('POST', '/logout', undefined, { authRedirect: false });
  } catch {
    // Whatever the server says, this page forgets the session.
  } finally {
    ui.logout.disabled = false;
  }
  signedOut(null);
}

/** A call answered 401: the session is gone. */
export function sessionEnded() {
  if (!state.user) return;
  signedOut('login.sessionEnded');
}

/** @param {string | null} [infoKey] */
export function signedOut(infoKey) {
  disconnectEvents();
  stopClock();
  forgetNotice();
  stopHandover();
  if (state.pendingRefresh) clearTimeout(state.pendingRefresh.timer ?? undefined);
  Object.assign(state, {
    user: null,
    csrfToken: null,
    waiting: [],
    active: [],
    listsLoaded: false,
    openId: null,
    goneId: null,
    detail: null,
    renderedKeys: [],
    drafts: new Map(),
    pendingRefresh: null,
    sending: false,
    next: null,
    route: null,
    pages: emptyPages(),
  });
  renderNextOffer();
  clearPages();
  state.listLoads.drop();
  state.convLoads.drop();
  ui.waitingList.replaceChildren();
  ui.mineList.replaceChildren();
  ui.timeline.replaceChildren();
  ui.messageInput.value = '';
  ui.console.classList.remove('conv-open');
  show(ui.conversation, false);
  hideCloseForm();
  clearBanner();
  setLive('off');
  renderHeader();
  setLoginInfo(infoKey);
  showView('login');
  ui.loginUsername.focus();
}

/** @param {string | null} key @param {Record<string, unknown>} [vars] */
export function setLoginError(key, vars) {
  state.loginError = key ? { key, vars } : null;
  renderLoginMessages();
}

/** @param {string | null | undefined} key */
export function setLoginInfo(key) {
  state.loginInfo = key ? { key } : null;
  renderLoginMessages();
}

export function renderLoginMessages() {
  show(ui.loginError, !!state.loginError);
  ui.loginError.textContent = state.loginError ? t(state.loginError.key, state.loginError.vars) : '';
  show(ui.loginInfo, !!state.loginInfo);
  ui.loginInfo.textContent = state.loginInfo ? t(state.loginInfo.key) : '';
  // A refused Microsoft sign-in is no fault of the name and password fields.
  const invalid = state.loginError && !state.loginError.key.startsWith('login.microsoftErrors.') ? 'true' : 'false';
  ui.loginUsername.setAttribute('aria-invalid', invalid);
  ui.loginPassword.setAttribute('aria-invalid', invalid);
}
