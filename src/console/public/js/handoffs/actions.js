// @ts-check

import { api, ApiError, fetchHandoff, fetchHandoffs, handoffPath, postClaim, postMessage, postRelease, asApiError } from '../api.js';
import { clearBanner, showBanner } from '../banner.js';
import { ACTING_ROLES } from '../constants.js';
import { show } from '../dom.js';
import { ui } from '../elements.js';
import { reportError } from '../errors.js';
import { hideCloseForm } from './closeForm.js';
import { renderConversation, renderPaneLoading, renderTimeline } from './conversation.js';
import { markOpenCards, renderLists } from './lists.js';
import { offerNext } from './nextOffer.js';
import { markSeen, noticeChanges } from './notice.js';
import { renderOtherUnread } from './otherUnread.js';
import { previewReply, translatesReply } from './translation.js';
import { routeHash } from '../navigation.js';
import { closeCanned, confirmTake } from '../handover/index.js';
import { state } from '../state.js';

/** @typedef {import('../api.js').HandoffSummary} HandoffSummary */

export const canAct = () => !!state.user && ACTING_ROLES.has(state.user.role);

/** @param {{ mentor?: { id: string } | null }} handoff */
export const isMine = (handoff) => !!(handoff.mentor && state.user && handoff.mentor.id === state.user.id);

/** @param {{ status: string }} handoff */
export const canClaim = (handoff) => canAct() && handoff.status === 'waiting';

// Only the mentor talking writes, releases and closes (the server refuses anyone else); admins read along.
/** @param {{ status: string, mentor?: { id: string } | null }} handoff */
export const canWrite = (handoff) => canAct() && handoff.status === 'active' && isMine(handoff);

export async function refreshLists() {
  if (!state.user) return;
  const current = state.listLoads.start();
  try {
    const data = await fetchHandoffs();
    if (!current() || !state.user) return;
    state.waiting = Array.isArray(data && data.waiting) ? data.waiting : [];
    state.active = Array.isArray(data && data.active) ? data.active : [];
    state.listsLoaded = true;
    if (state.banner && state.banner.key === 'errors.network') clearBanner();
    renderLists();
    noticeChanges();
    // The open person was taken by another mentor (no longer asked for) and is waiting again (given
    // back): the preview is asked for once more, and follows the person as before from then on.
    const gone = state.goneId;
    if (gone && gone === state.openId && state.waiting.some((h) => h.id === gone)) {
      state.goneId = null;
      refreshConversation();
    }
  } catch (error) {
    if (current()) reportError(error);
  }
}

export async function refreshConversation() {
  const id = state.openId;
  // A person this mentor may no longer read (taken by another, left the line): asking again changes nothing.
  if (!id || !state.user || state.goneId === id) return;
  const current = state.convLoads.start();
  try {
    const data = await fetchHandoff(id);
    if (!current() || id !== state.openId) return;
    if (!data || !data.handoff) throw new ApiError(500, 'bad-handoff');
    state.detail = { handoff: data.handoff, timeline: Array.isArray(data.timeline) ? data.timeline : [] };
    renderConversation();
    void markSeen().then((changed) => changed && renderLists());
  } catch (caught) {
    const error = asApiError(caught);
    if (!current() || id !== state.openId) return;
    if (error.status === 404) {
      showBanner('errors.notFound');
      closeConversation();
    } else if (error.status === 403 && error.code === 'not-yours') {
      showGone(id, error.body);
    } else {
      reportError(caught, 'errors.generic', { refresh: false });
    }
  }
}

/**
 * The open conversation is no longer this mentor's to read: say what became of the person (another
 * mentor took them, they left the line, it was closed) from the server's answer, and stop asking.
 * @param {string} id
 * @param {{ status?: unknown, by?: unknown }} body
 */
export function showGone(id, body) {
  const status = body.status === 'active' || body.status === 'closed' || body.status === 'abandoned' ? body.status : 'closed';
  const by = typeof body.by === 'string' && body.by ? body.by : null;
  const known = (state.detail && state.detail.handoff.id === id && state.detail.handoff) || state.waiting.find((h) => h.id === id);
  if (!known) {
    // Opened from a link, never shown: say it in the banner and go back to the lists.
    if (status === 'active' && by) showBanner('conversation.takenBy', { name: by });
    else showBanner(status === 'abandoned' ? 'closed.abandoned' : status === 'active' ? 'errors.notYours' : 'closed.title');
    closeConversation();
    refreshLists();
    return;
  }
  state.goneId = id;
  state.detail = {
    handoff: { ...known, status, mentor: status === 'active' ? { id: '', firstName: by || '' } : known.mentor, takenBy: status === 'active' ? by : null },
    timeline: state.detail && state.detail.handoff.id === id ? state.detail.timeline : [],
  };
  if (state.banner && (state.banner.key === 'errors.notYours' || state.banner.key === 'errors.changed')) clearBanner();
  renderConversation();
  refreshLists();
}

/** @param {string} id */
export async function openConversation(id) {
  if (state.openId !== id) {
    saveDraft();
    state.openId = id;
    state.goneId = null;
    state.detail = null;
    hideReleaseConfirm();
    state.renderedKeys = [];
    ui.timeline.replaceChildren();
    ui.messageInput.value = state.drafts.get(id) || '';
    closeCanned();
    hideCloseForm();
  }
  followInAddress(id);
  ui.console.classList.add('conv-open');
  renderPaneLoading();
  markOpenCards();
  renderOtherUnread();
  await refreshConversation();
  if (state.openId === id) ui.convTitle.focus({ preventScroll: true });
}

/**
 * The open conversation is in the address (#/handoffs/<id>), as a step of its own when it was opened
 * from the list: a phone's Back (button or gesture) then goes back to the lists, not out of the console.
 * @param {string} id
 */
function followInAddress(id) {
  if (!state.route || state.route.page !== 'handoffs' || state.route.id === id) return;
  const from = state.route.id;
  state.route = { page: 'handoffs', id };
  if (from) history.replaceState({ conversation: id }, '', routeHash(state.route));
  else history.pushState({ conversation: id }, '', routeHash(state.route));
}

export function closeConversation() {
  const id = state.openId;
  // Opened from a link (#/handoffs/<id>): the address goes back to the list, so the same link opens it again.
  if (state.route && state.route.page === 'handoffs' && state.route.id) {
    state.route = { page: 'handoffs', id: null };
    // Its own step in the history (opened from the list): leave it, so one Back later leaves the lists.
    if (history.state && history.state.conversation === id) history.back();
    else history.replaceState(history.state, '', routeHash(state.route));
  }
  saveDraft();
  state.openId = null;
  state.goneId = null;
  state.detail = null;
  state.renderedKeys = [];
  state.convLoads.drop();
  hideCloseForm();
  ui.console.classList.remove('conv-open');
  ui.timeline.replaceChildren();
  show(ui.conversation, false);
  show(ui.placeholder, true);
  markOpenCards();
  const card = id && /** @type {HTMLElement | null} */ (document.querySelector(`[data-handoff-id="${CSS.escape(id)}"] .card-open`));
  if (card) card.focus();
  else ui.waitingTitle.focus();
}

export function saveDraft() {
  if (!state.openId) return;
  const text = ui.messageInput.value;
  if (text) state.drafts.set(state.openId, text);
  else state.drafts.delete(state.openId);
}

/** @param {string} id @param {HTMLButtonElement | null} [button] */
export async function claim(id, button) {
  // Someone whose language this mentor does not speak: a warning first (they may still take them).
  if (!(await confirmTake(id))) return;
  if (button) button.disabled = true;
  try {
    await postClaim(id);
    clearBanner();
    refreshLists();
    await openConversation(id);
  } catch (caught) {
    const error = asApiError(caught);
    if (error.status === 409 && error.code === 'at-capacity') {
      showBanner('handover.atCapacity', { count: Number(error.body.capacity) || 0 });
    } else if (error.status === 409) {
      const by = typeof error.body.by === 'string' && error.body.by ? error.body.by : null;
      if (by) showBanner('errors.alreadyTaken', { name: by });
      else showBanner('errors.alreadyTakenUnknown');
      refreshLists();
      if (state.openId === id) refreshConversation();
    } else {
      reportError(caught);
    }
  } finally {
    if (button && button.isConnected) button.disabled = false;
  }
}

/** "Back to line" first asks: the person waits again, and another mentor may take them. */
export function askRelease() {
  show(ui.releaseConfirm, true);
  ui.release.setAttribute('aria-expanded', 'true');
  ui.releaseYes.focus();
}

/** @param {boolean} [refocus] put the focus back on "Back to line" (the mentor said no) */
export function hideReleaseConfirm(refocus = false) {
  if (ui.releaseConfirm.hidden) return;
  show(ui.releaseConfirm, false);
  ui.release.setAttribute('aria-expanded', 'false');
  if (refocus && !ui.release.hidden) ui.release.focus();
}

export async function release() {
  const id = state.openId;
  if (!id) return;
  ui.release.disabled = true;
  ui.releaseYes.disabled = true;
  try {
    const data = await postRelease(id);
    clearBanner();
    hideReleaseConfirm();
    offerNext(data && data.next);
    mergeHandoff(id, data && data.handoff);
    // The buttons that had the focus are gone: it goes to the conversation's name, now shown as waiting.
    if (state.openId === id) ui.convTitle.focus({ preventScroll: true });
    refreshLists();
    refreshConversation();
  } catch (error) {
    reportError(error);
  } finally {
    ui.release.disabled = false;
    ui.releaseYes.disabled = false;
  }
}

/** @param {Event} [event] */
export async function send(event) {
  if (event) event.preventDefault();
  const id = state.openId;
  const text = ui.messageInput.value.trim();
  if (!id || !text || state.sending) return;
  // Translation on and the person writes another language: first a preview, the mentor sends from there.
  if (translatesReply()) return previewReply(id, text);
  await deliver(id, () => postMessage(id, { text }));
}

/**
 * Sends a mentor's message through `post` and puts it in the open conversation; says whether it went.
 * @param {string} id
 * @param {() => Promise<import('../api.js').MessageResponse>} post
 * @param {(error: unknown) => void} [onError]
 */
export async function deliver(id, post, onError = (error) => reportError(error, 'errors.sendFailed')) {
  if (state.sending) return false;
  state.sending = true;
  ui.send.disabled = true;
  try {
    const data = await post();
    state.drafts.delete(id);
    if (state.openId === id) {
      ui.messageInput.value = '';
      if (data && data.message && state.detail) {
        state.detail.timeline.push(data.message);
        renderTimeline();
      }
    }
    refreshLists();
    return true;
  } catch (error) {
    onError(error);
    return false;
  } finally {
    state.sending = false;
    ui.send.disabled = false;
  }
}

/** Puts a handoff from a POST answer into the open conversation and redraws it. */
/** @param {string} id @param {Partial<import('../state.js').OpenHandoff> | null | undefined} handoff */
export function mergeHandoff(id, handoff) {
  if (!handoff || !state.detail || state.openId !== id) return;
  state.detail.handoff = { ...state.detail.handoff, ...handoff };
  renderConversation();
}
