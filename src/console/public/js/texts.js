// @ts-check

import { api, ApiError, fetchTexts } from './api.js';
import { DEFAULT_LANG, LANGUAGE_NAMES, LANG_STORAGE_KEY, RTL_LANGUAGES } from './constants.js';
import { ui } from './elements.js';
import { state } from './state.js';

/** @param {unknown} lang @returns {lang is string} */
export function isSupported(lang) {
  return typeof lang === 'string' && LANGUAGE_NAMES.has(lang);
}

/** localStorage, else the browser language (first two letters), else Dutch. */
export function initialLanguage() {
  let stored = null;
  try {
    stored = window.localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    stored = null;
  }
  if (stored && isSupported(stored)) return stored;
  const browser = String(navigator.language || '').slice(0, 2).toLowerCase();
  return isSupported(browser) ? browser : DEFAULT_LANG;
}

/** @param {string} lang */
export function rememberLanguage(lang) {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // private mode or storage disabled: the choice lasts for this page only
  }
}

/** @param {string} key @returns {unknown} */
export function lookup(key) {
  return key.split('.').reduce(
    (/** @type {unknown} */ node, part) => (node && typeof node === 'object' ? /** @type {Record<string, unknown>} */ (node)[part] : undefined),
    state.texts,
  );
}

/** @param {string} key */
export function hasText(key) {
  return typeof lookup(key) === 'string';
}

/** The text for key in the current language, with {{name}} replaced by vars.name. */
/**
 * With a number as vars.count, the plural form of the page language is taken as i18next names it
 * (key_one, key_few, key_other, …; CLDR categories by Intl.PluralRules), and the number is shown formatted.
 * @param {string} key
 * @param {Record<string, unknown>} [vars]
 */
export function t(key, vars = {}) {
  let text = lookup(key);
  if (typeof vars.count === 'number') {
    const n = vars.count;
    const form = lookup(`${key}_${pluralCategory(n)}`);
    const other = lookup(`${key}_other`);
    text = typeof form === 'string' ? form : typeof other === 'string' ? other : text;
    vars = { ...vars, count: numberText(n) };
  }
  if (typeof text !== 'string') return key;
  return text.replace(/{{\s*([\w.]+)\s*}}/g, (match, name) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match,
  );
}

/** @param {number} n */
function numberText(n) {
  try {
    return new Intl.NumberFormat(state.lang).format(n);
  } catch {
    return String(n);
  }
}

/** @param {number} n */
function pluralCategory(n) {
  try {
    return new Intl.PluralRules(state.lang).select(n);
  } catch {
    return n === 1 ? 'one' : 'other';
  }
}

/** @param {string} lang */
export async function loadTexts(lang) {
  const data = await fetchTexts(lang);
  if (!data || typeof data.texts !== 'object' || data.texts === null) throw new ApiError(500, 'bad-texts');
  state.texts = data.texts;
  state.lang = isSupported(data.lang) ? data.lang : lang;
  state.dir = data.dir === 'rtl' || data.dir === 'ltr' ? data.dir : RTL_LANGUAGES.has(state.lang) ? 'rtl' : 'ltr';
  document.documentElement.lang = state.lang;
  document.documentElement.dir = state.dir;
  ui.langSelect.value = state.lang;
}

/** At start there is nothing to show without texts: keep trying, a little slower each time. */
/** @param {string} lang */
export async function loadTextsUntilLoaded(lang) {
  for (let delay = 1000; ; delay = Math.min(delay * 2, 15000)) {
    try {
      await loadTexts(lang);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
