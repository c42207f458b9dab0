// @ts-check
/*
 * The banner at the top of the console: a message kept as {key, vars}, so a language change
 * translates it too. Below every page and the mentor view, so any of them may show one.
 */

import { show } from './dom.js';
import { ui } from './elements.js';
import { state } from './state.js';
import { t } from './texts.js';

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
