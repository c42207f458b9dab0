// @ts-check
/*
 * Which view shows (loading, sign-in, set password, second factor, the console), the header with who
 * is signed in, and the live sign: below the pages and the session, so those use them without a cycle.
 */

import { show } from './dom.js';
import { ui } from './elements.js';
import { valueText } from './format.js';
import { allPages } from './pageList.js';
import { state } from './state.js';
import { t } from './texts.js';

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
  for (const shown of allPages()) show(shown.section(), page === shown.name);
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
