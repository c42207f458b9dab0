// @ts-check

import { ApiError } from './api.js';
import { showBanner } from './banner.js';

/** What a conflict reloads (the lists and the open conversation): set by main.js, so this module needs none of the views. */
let refreshAfterConflict = () => {};

/** @param {() => void} handler */
export function onConflict(handler) {
  refreshAfterConflict = handler;
}

/** The text key for what went wrong; fallbackKey for anything that is not an answer of the server. @param {unknown} error @param {string} fallbackKey */
export function errorKey(error, fallbackKey) {
  if (!(error instanceof ApiError)) return fallbackKey;
  if (error.status === 0) return 'errors.network';
  if (error.code === 'not-yours') return 'errors.notYours';
  if (error.code === 'not-delivered') return 'errors.notDelivered';
  if (error.code === 'not-found' || error.status === 404) return 'errors.notFound';
  if (error.status === 403) return 'errors.forbidden';
  if (error.status === 409) return 'errors.changed';
  return fallbackKey;
}

/**
 * Shows an API error in the banner; after a conflict, reloads what changed under our feet (not when
 * the error came from reloading the conversation itself: that would ask again and again).
 * @param {unknown} error
 * @param {string} [fallbackKey]
 * @param {{ refresh?: boolean }} [options]
 */
export function reportError(error, fallbackKey = 'errors.generic', { refresh = true } = {}) {
  if (!(error instanceof ApiError)) {
    console.error(error); // a bug on this page, not an answer of the server
    showBanner(fallbackKey);
    return;
  }
  if (error.status === 401) return; // the login form is already showing
  showBanner(errorKey(error, fallbackKey));
  if (refresh && (error.status === 403 || error.status === 409)) {
    refreshAfterConflict();
  }
}

/** An API error on one of these pages: a message in the banner (a 401 already shows the login form). */
/** @param {unknown} error @param {string | null} [notFoundKey] */
export function pageError(error, notFoundKey = null) {
  if (!(error instanceof ApiError)) {
    console.error(error); // a bug on this page
    showBanner('errors.generic');
    return;
  }
  if (error.status === 401) return;
  if (error.status === 404 && notFoundKey) showBanner(notFoundKey);
  else if (error.status === 0) showBanner('errors.network');
  else if (error.status === 403) showBanner('errors.forbidden');
  else showBanner('errors.generic');
}
