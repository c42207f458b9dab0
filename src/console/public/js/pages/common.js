// @ts-check

import { api } from '../api.js';
import { show } from '../dom.js';
import { pageError } from '../errors.js';
import { state } from '../state.js';
import { t } from '../texts.js';

/** A form's error line, kept as a key so a language change translates it. */
/** @param {HTMLElement} node @param {string | null | undefined} key */
export function renderFormError(node, key) {
  show(node, !!key);
  node.textContent = key ? t(key) : '';
}

/** @param {HTMLInputElement} fromInput @param {HTMLInputElement} toInput @returns {import('../state.js').DayRange} */
export function readRange(fromInput, toInput) {
  return { from: fromInput.value, to: toInput.value };
}

/** @param {HTMLInputElement} fromInput @param {HTMLInputElement} toInput @param {import('../state.js').DayRange | null} range */
export function writeRange(fromInput, toInput, range) {
  fromInput.value = (range && range.from) || '';
  toInput.value = (range && range.to) || '';
}

/** A date range whose start comes after its end. */
/** @param {import('../state.js').DayRange} range */
export function badRange(range) {
  return !!(range.from && range.to && range.from > range.to);
}

/**
 * Loads a staff page's data: only the newest request counts (an older answer arriving late is
 * dropped), the page's buttons are off while it loads, and errors go to `onError`.
 */
/**
 * @template [T=unknown] the answer's type (from src/console/consoleApi.ts); null when the server sent no body
 * @param {{ loads: import('../latestLoad.js').LatestLoad, loading: boolean }} page
 * @param {{ path: string, buttons: HTMLButtonElement[], renderStatus: () => void, onData: (data: T | null) => void, onError?: (error: unknown) => void }} options
 */
export async function loadPage(page, { path, buttons, renderStatus, onData, onError = pageError }) {
  const current = page.loads.start();
  page.loading = true;
  renderStatus();
  for (const button of buttons) button.disabled = true;
  try {
    /** @type {T | null} */
    const data = await api('GET', path);
    if (!current() || !state.user) return;
    page.loading = false;
    onData(data);
  } catch (error) {
    if (!current()) return;
    page.loading = false;
    onError(error);
  } finally {
    if (current()) {
      for (const button of buttons) button.disabled = false;
      renderStatus();
    }
  }
}
