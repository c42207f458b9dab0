// @ts-check

import { fillFilterSelects } from './pages/transcripts.js';
import { reportError } from './errors.js';
import { elements, show } from './dom.js';
import { ui } from './elements.js';
import { PAGES } from './pages/index.js';
import { valueText } from './format.js';
import { fillCloseOutcomes, renderCloseError } from './handoffs/closeForm.js';
import { renderConversation, renderPaneLoading } from './handoffs/conversation.js';
import { renderLists } from './handoffs/lists.js';
import { renderPages } from './router.js';
import { renderHandover } from './handover/index.js';
import { renderLoginMessages } from './session.js';
import { renderSetPassword } from './setPassword.js';
import { renderSecondFactor } from './secondFactor.js';
import { state } from './state.js';
import { isSupported, loadTexts, rememberLanguage, t } from './texts.js';

/** 'loading', 'login', 'view-set-password', 'view-second-factor' or 'console' (signed in: the navigation and the page of the route). */
/** @param {string} name */
export function showView(name) {
  show(ui.viewLoading, name === 'loading');
  show(ui.viewLogin, name === 'login');
  for (const id of ['view-set-password', 'view-second-factor']) {
    const view = document.getElementById(id);
    if (view) show(view, name === id);
  }
  show(ui.nav, name === 'console');
  const page = name === 'console' && state.route ? state.route.page : name === 'console' ? 'handoffs' : null;
  for (const shown of PAGES) show(shown.section(), page === shown.name);
}

/** Redraws everything in the current language (after a language change). */
export function renderAll() {
  applyStaticTexts();
  renderHeader();
  renderBanner();
  renderLoginMessages();
  renderSetPassword();
  renderSecondFactor();
  renderCloseError();
  setLive(state.live);
  renderHandover();
  if (state.user) renderLists();
  if (state.user) renderPages();
  if (state.detail) {
    state.renderedKeys = [];
    renderConversation();
  } else if (state.openId) {
    renderPaneLoading();
  }
}

export function renderHeader() {
  const user = state.user;
  show(ui.userInfo, !!user);
  show(ui.logout, !!user);
  show(ui.live, !!user);
  if (!user) return;
  ui.userName.textContent = user.firstName || user.username || '';
  ui.userRole.textContent = valueText(`roles.${user.role}`, user.role);
}

/** @param {'connecting' | 'on' | 'off'} status */
export function setLive(status) {
  state.live = status;
  ui.live.dataset.state = status;
  ui.liveText.textContent = t(status === 'on' ? 'live.on' : status === 'connecting' ? 'live.connecting' : 'live.off');
}

// Messages that are kept as {key, vars}, so a language change translates them too.

/** @param {string} key @param {Record<string, unknown>} [vars] */
export function showBanner(key, vars) {
  state.banner = { key, vars };
  renderBanner();
}

export function clearBanner() {
  state.banner = null;
  renderBanner();
}

export function renderBanner() {
  show(ui.banner, !!state.banner);
  ui.bannerText.textContent = state.banner ? t(state.banner.key, state.banner.vars) : '';
}

/** Fills every element of index.html that carries data-i18n / data-i18n-placeholder / data-i18n-aria-label. */
export function applyStaticTexts() {
  for (const node of elements('[data-i18n]')) node.textContent = t(node.dataset.i18n ?? '');
  for (const node of elements('[data-i18n-placeholder]')) {
    node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder ?? ''));
  }
  for (const node of elements('[data-i18n-aria-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel ?? ''));
  }
  ui.skipLink.hidden = false;
  fillCloseOutcomes();
  fillFilterSelects();
}

export async function changeLanguage() {
  const lang = ui.langSelect.value;
  if (!isSupported(lang) || lang === state.lang) return;
  rememberLanguage(lang);
  try {
    await loadTexts(lang);
  } catch (error) {
    ui.langSelect.value = state.lang;
    reportError(error);
    return;
  }
  renderAll();
}
