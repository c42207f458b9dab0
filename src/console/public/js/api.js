// @ts-check

import { API } from './constants.js';
import { state } from './state.js';

/** @typedef {import('../../consoleApi').ErrorBody} ErrorBody */

/** An answer other than 2xx (status 0: no answer at all), with the error body the server sent. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {unknown} [body]
   */
  constructor(status, code, body) {
    super(`${status} ${code}`);
    this.status = status; // 0 = no answer from the server
    this.code = code;
    /** @type {Partial<ErrorBody>} */
    this.body = body && typeof body === 'object' ? body : {};
  }
}

/** The body as JSON; null when there is none or it is not JSON. @param {Response} response @returns {Promise<unknown>} */
export async function readJson(response) {
  if (response.status === 204) return null;
  let text = '';
  try {
    text = await response.text();
  } catch {
    return null;
  }
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The error code of an error body ({ error: 'not-yours', … }), if it has one. @param {unknown} data */
function errorCode(data) {
  return data && typeof data === 'object' && 'error' in data && typeof data.error === 'string' ? data.error : '';
}

/**
 * Every call to the server goes through here: JSON in and out, the CSRF header on every POST,
 * errors as ApiError({status, code, body}); a 401 ends the session and shows the login form
 * (unless authRedirect is false, as for login itself and the first /me).
 */
/** What a 401 does (show the login form): set by main.js, so this module needs none of the pages. */
let whenSessionEnds = () => {};

/** @param {() => void} handler */
export function onSessionEnd(handler) {
  whenSessionEnds = handler;
}

/**
 * @template [T=unknown]
 * @param {'GET' | 'POST'} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {{ authRedirect?: boolean, retried?: boolean }} [options]
 * @returns {Promise<T>}
 */
export async function api(method, path, body, { authRedirect = true, retried = false } = {}) {
  /** @type {RequestInit & { headers: Record<string, string> }} */
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET') {
    init.headers['Content-Type'] = 'application/json';
    if (state.csrfToken) init.headers['X-CSRF-Token'] = state.csrfToken;
    init.body = JSON.stringify(body === undefined ? {} : body);
  }

  let response;
  try {
    response = await fetch(API + path, init);
  } catch {
    throw new ApiError(0, 'network');
  }
  const data = await readJson(response);
  if (response.ok) return /** @type {T} */ (data);

  const error = new ApiError(response.status, errorCode(data) || `http-${response.status}`, data);
  if (response.status === 429 && error.body.retryAfterSeconds === undefined) {
    const header = Number(response.headers.get('Retry-After'));
    if (Number.isFinite(header) && header > 0) error.body.retryAfterSeconds = header;
  }
  if (response.status === 403 && /csrf/i.test(error.code) && !retried && state.user) {
    // The token went stale (e.g. the server restarted): fetch a fresh one and try once more.
    /** @type {SessionResponse | null} */
    const me = await api('GET', '/me');
    if (me && me.csrfToken) state.csrfToken = me.csrfToken;
    return api(method, path, body, { authRedirect, retried: true });
  }
  if (response.status === 401 && authRedirect) whenSessionEnds();
  throw error;
}

/**
 * What a failed call threw, as an ApiError; anything else (a bug on this page) as status -1, which no
 * answer of the server has, so no branch meant for one is taken.
 * @param {unknown} error
 * @returns {ApiError}
 */
export function asApiError(error) {
  return error instanceof ApiError ? error : new ApiError(-1, 'page-error');
}

/** @param {string} id @param {string} [action] */
export const handoffPath = (id, action = '') => `/handoffs/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

// The mentor page's calls, typed by the server's own answer types (src/console/consoleApi.ts).
/**
 * @typedef {import('../../consoleApi').SessionResponse} SessionResponse
 * @typedef {import('../../consoleApi').TextsResponse} TextsResponse
 * @typedef {import('../../consoleApi').HandoffList} HandoffList
 * @typedef {import('../../consoleApi').HandoffSummary} HandoffSummary
 * @typedef {import('../../consoleApi').HandoffDetail} HandoffDetail
 * @typedef {import('../../consoleApi').TimelineEntry} TimelineEntry
 * @typedef {import('../../consoleApi').ClaimResponse} ClaimResponse
 * @typedef {import('../../consoleApi').ChangeResponse} ChangeResponse
 * @typedef {import('../../consoleApi').MessageResponse} MessageResponse
 * @typedef {import('../../consoleApi').LoginRequest} LoginRequest
 * @typedef {import('../../consoleApi').CloseRequest} CloseRequest
 * @typedef {import('../../consoleApi').MessageRequest} MessageRequest
 * @typedef {import('../../consoleApi').PublicUser} PublicUser
 * @typedef {import('../../consoleApi').TranscriptListItem} TranscriptListItem
 * @typedef {import('../../consoleApi').PersonListItem} PersonListItem
 * @typedef {import('../../consoleApi').AuditEntryView} AuditEntryView
 * @typedef {import('../../consoleApi').StatsResponse} StatsResponse
 * @typedef {import('../../consoleApi').UnansweredGroup} UnansweredGroup
 * @typedef {import('../../consoleApi').TranscriptView} TranscriptView
 */

/** @returns {Promise<SessionResponse>} */
export const fetchMe = (authRedirect = true) => api('GET', '/me', undefined, { authRedirect });
/** @param {LoginRequest} body @returns {Promise<SessionResponse>} */
export const postLogin = (body) => api('POST', '/login', body, { authRedirect: false });
/** @param {string} lang @returns {Promise<TextsResponse>} */
export const fetchTexts = (lang) => api('GET', `/texts?lang=${encodeURIComponent(lang)}`, undefined, { authRedirect: false });
/** @returns {Promise<HandoffList>} */
export const fetchHandoffs = () => api('GET', '/handoffs');
/** @param {string} id @returns {Promise<HandoffDetail>} */
export const fetchHandoff = (id) => api('GET', handoffPath(id));
/** @param {string} id @returns {Promise<ClaimResponse>} */
export const postClaim = (id) => api('POST', handoffPath(id, 'claim'));
/** @param {string} id @returns {Promise<ChangeResponse>} */
export const postRelease = (id) => api('POST', handoffPath(id, 'release'));
/** @param {string} id @param {CloseRequest} body @returns {Promise<ChangeResponse>} */
export const postClose = (id, body) => api('POST', handoffPath(id, 'close'), body);
/** @param {string} id @param {MessageRequest} body @returns {Promise<MessageResponse>} */
export const postMessage = (id, body) => api('POST', handoffPath(id, 'messages'), body);
