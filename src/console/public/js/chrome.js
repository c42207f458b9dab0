// @ts-check

import { show } from './dom.js';
import { ui } from './elements.js';
import { PAGES } from './pages/index.js';
import { valueText } from './format.js';
import { renderCloseError } from './handoffs/closeForm.js';
import { renderConversation, renderPaneLoading } from './handoffs/conversation.js';
import { renderLists } from './handoffs/lists.js';
import { renderPages } from './router.js';
import { renderLoginMessages } from './session.js';
import { state } from './state.js';
import { applyStaticTexts, t } from './texts.js';

/** 'loading', 'login' or 'console' (signed in: the navigation and the page of the route). */
export function showView(name) {
  show(ui.viewLoading, name === 'loading');
  show(ui.viewLogin, name === 'login');
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
  renderCloseError();
  setLive(state.live);
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

export function setLive(status) {
  state.live = status;
  ui.live.dataset.state = status;
  ui.liveText.textContent = t(status === 'on' ? 'live.on' : status === 'connecting' ? 'live.connecting' : 'live.off');
}

// Messages that are kept as {key, vars}, so a language change translates them too.

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
