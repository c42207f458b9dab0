// @ts-check

import { API } from './constants.js';
import { sessionEnded } from './session.js';
import { state } from './state.js';

export class ApiError extends Error {
  constructor(status, code, body) {
    super(`${status} ${code}`);
    this.status = status; // 0 = no answer from the server
    this.code = code;
    this.body = body && typeof body === 'object' ? body : {};
  }
}

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

/**
 * Every call to the server goes through here: JSON in and out, the CSRF header on every POST,
 * errors as ApiError({status, code, body}); a 401 ends the session and shows the login form
 * (unless authRedirect is false, as for login itself and the first /me).
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
  if (response.ok) return data;

  const error = new ApiError(response.status, (data && data.error) || `http-${response.status}`, data);
  if (response.status === 429 && error.body.retryAfterSeconds === undefined) {
    const header = Number(response.headers.get('Retry-After'));
    if (Number.isFinite(header) && header > 0) error.body.retryAfterSeconds = header;
  }
  if (response.status === 403 && /csrf/i.test(error.code) && !retried && state.user) {
    // The token went stale (e.g. the server restarted): fetch a fresh one and try once more.
    const me = await api('GET', '/me');
    if (me && me.csrfToken) state.csrfToken = me.csrfToken;
    return api(method, path, body, { authRedirect, retried: true });
  }
  if (response.status === 401 && authRedirect) sessionEnded();
  throw error;
}

export const handoffPath = (id, action = '') => `/handoffs/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
