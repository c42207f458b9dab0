// @ts-check
/*
 * VIT Wegwijzer – mentor console, browser side: the entry module.
 *
 * ES modules, no framework, no build step; served from /console/js/ under a Content-Security-Policy
 * of default-src 'self' (module scripts from the same origin; no inline code, no inline styles).
 * Every module is checked by `npm run typecheck` (src/console/public/tsconfig.json, checkJs).
 *
 *   constants, state, elements   what the page knows and the elements of index.html
 *   dom, format, texts, api      building elements (text only, never innerHTML), formatting, t(), the
 *                                fetch wrapper: these import none of the modules below (checked)
 *   live, errors                 live updates (EventSource), error banners
 *   session, chrome, router      sign-in/out, header, banner and language, location.hash pages
 *   handoffs/                    the mentor page: lists, conversation, close form, next offer
 *   pages/                       the list of pages (index.js) and one module per staff page
 */

import { api, fetchMe, onSessionEnd, asApiError } from './api.js';
import { applyStaticTexts, changeLanguage, clearBanner, setLive, showBanner, showView } from './chrome.js';
import { LANGUAGES, RTL_LANGUAGES } from './constants.js';
import { el } from './dom.js';
import { ui } from './elements.js';
import { errorKey, onConflict } from './errors.js';
import './pages/index.js'; // registers the pages (pageList.js) before anything shows one
import { askRelease, claim, closeConversation, hideReleaseConfirm, openConversation, refreshConversation, refreshLists, release, send } from './handoffs/actions.js';
import { hideCloseForm, openCloseForm, setCloseError, submitClose, updateFollowUpField } from './handoffs/closeForm.js';
import { bindMemory } from './handoffs/memory.js';
import { offerNext, takeNext } from './handoffs/nextOffer.js';
import { bindNotice } from './handoffs/notice.js';
import { onComposeInput } from './handoffs/typing.js';
import { renderLists, updateTimes } from './handoffs/lists.js';
import { connectEvents } from './live.js';
import { initHandover } from './handover/index.js';
import { submitAudit } from './pages/audit.js';
import { closeErase, confirmErase, onEraseClosed, updateEraseButton } from './pages/erase.js';
import { submitNumbers, updateExportLink } from './pages/numbers.js';
import { onPeopleClick, submitPeopleSearch } from './pages/people.js';
import { submitQuestions } from './pages/questions.js';
import { transcriptBack } from './pages/transcript.js';
import { clearTranscriptFilter, loadTranscripts, submitTranscriptFilter } from './pages/transcripts.js';
import { route } from './router.js';
import { login, logout, sessionEnded, signedIn, backToLogin } from './session.js';
import { initMicrosoftSignIn } from './microsoftSignIn.js';
import { openSetPassword, setPasswordToken } from './setPassword.js';
import { startSecondFactor } from './secondFactor.js';
import { state } from './state.js';
import { initialLanguage, loadTextsUntilLoaded } from './texts.js';
import { refreshSlotsCount } from './talkNotices.js';

export function fillLanguageSelect() {
  ui.langSelect.replaceChildren(
    ...LANGUAGES.map(([code, name]) => el('option', { value: code, lang: code, dir: RTL_LANGUAGES.has(code) ? 'rtl' : 'ltr' }, name)),
  );
  ui.langSelect.value = state.lang;
}

/** One click handler per list: "Take" claims, anything else on a card opens the conversation. */
/** @param {MouseEvent} event */
export function onListClick(event) {
  const target = /** @type {Element} */ (event.target);
  const card = /** @type {HTMLElement | null} */ (target.closest('[data-handoff-id]'));
  if (!card || !(/** @type {Element} */ (event.currentTarget).contains(card))) return;
  const id = card.dataset.handoffId || '';
  const claimButton = /** @type {HTMLButtonElement | null} */ (target.closest('[data-role="claim"]'));
  if (claimButton) claim(id, claimButton);
  else openConversation(id);
}

/** Enter sends, Shift+Enter makes a new line (and Enter while composing with an IME does nothing). */
/** @param {KeyboardEvent} event */
export function onMessageKeydown(event) {
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
  event.preventDefault();
  send();
}

/** @param {KeyboardEvent} event */
export function onDocumentKeydown(event) {
  if (event.key === 'Escape' && !ui.releaseConfirm.hidden) hideReleaseConfirm(true);
  if (event.key === 'Escape' && !ui.closeForm.hidden) {
    hideCloseForm();
    ui.closeOpen.focus();
  }
}

export function onVisibilityChange() {
  if (document.visibilityState !== 'visible' || !state.user) return;
  updateTimes();
  refreshLists();
  void refreshSlotsCount();
  if (state.openId) refreshConversation();
  if (!state.events || state.events.readyState === EventSource.CLOSED) connectEvents();
}

export function bindEvents() {
  ui.langSelect.addEventListener('change', changeLanguage);
  ui.loginForm.addEventListener('submit', login);
  ui.logout.addEventListener('click', logout);
  ui.bannerDismiss.addEventListener('click', clearBanner);
  ui.waitingList.addEventListener('click', onListClick);
  ui.mineList.addEventListener('click', onListClick);
  ui.back.addEventListener('click', closeConversation);
  ui.convClaim.addEventListener('click', () => state.openId && claim(state.openId, ui.convClaim));
  ui.release.addEventListener('click', askRelease);
  ui.releaseYes.addEventListener('click', release);
  ui.releaseNo.addEventListener('click', () => hideReleaseConfirm(true));
  ui.nextTake.addEventListener('click', takeNext);
  ui.nextDismiss.addEventListener('click', () => offerNext(null));
  ui.closeOpen.addEventListener('click', openCloseForm);
  ui.closeCancel.addEventListener('click', () => {
    hideCloseForm();
    ui.closeOpen.focus();
  });
  ui.closeForm.addEventListener('submit', submitClose);
  ui.closeOutcome.addEventListener('change', () => {
    if (ui.closeOutcome.value) setCloseError(null);
    updateFollowUpField();
  });
  bindMemory();
  ui.compose.addEventListener('submit', send);
  // Status, hand-over, the language warning and canned replies (handover/); after a hand-over the person is another mentor's.
  initHandover({
    afterTransfer: () => {
      refreshLists();
      refreshConversation();
      ui.convTitle.focus({ preventScroll: true });
    },
  });
  ui.messageInput.addEventListener('keydown', onMessageKeydown);
  ui.messageInput.addEventListener('input', () => onComposeInput(ui.messageInput));
  bindNotice(renderLists);
  document.addEventListener('keydown', onDocumentKeydown);
  document.addEventListener('visibilitychange', onVisibilityChange);

  // The pages for programme staff.
  window.addEventListener('hashchange', () => route());
  ui.skipLink.addEventListener('click', (event) => {
    // "#main" would be taken for a route: move the focus without touching the address.
    event.preventDefault();
    ui.main.focus();
  });
  ui.transcriptFilter.addEventListener('submit', submitTranscriptFilter);
  ui.tfClear.addEventListener('click', clearTranscriptFilter);
  ui.transcriptMore.addEventListener('click', () => loadTranscripts({ more: true }));
  ui.tvBack.addEventListener('click', transcriptBack);
  ui.numbersForm.addEventListener('submit', submitNumbers);
  ui.numbersForm.addEventListener('input', updateExportLink);
  ui.numbersForm.addEventListener('change', updateExportLink);
  ui.peopleForm.addEventListener('submit', submitPeopleSearch);
  ui.peopleList.addEventListener('click', onPeopleClick);
  ui.eraseForm.addEventListener('submit', confirmErase);
  ui.eraseInput.addEventListener('input', updateEraseButton);
  ui.eraseCancel.addEventListener('click', closeErase);
  ui.eraseDialog.addEventListener('cancel', (event) => {
    if (state.pages.people.busy) event.preventDefault(); // Escape while erasing: wait for the answer
  });
  ui.eraseDialog.addEventListener('close', onEraseClosed);
  ui.auditForm.addEventListener('submit', submitAudit);
  ui.questionsForm.addEventListener('submit', submitQuestions);
}

export async function start() {
  onSessionEnd(sessionEnded);
  onConflict(() => {
    refreshLists();
    refreshConversation();
  });
  state.lang = initialLanguage();
  fillLanguageSelect();
  bindEvents();
  showView('loading');

  await loadTextsUntilLoaded(state.lang);
  applyStaticTexts();
  setLive('off');

  void initMicrosoftSignIn(); // its button shows when the server answers; a refused sign-in's reason at once
  // An invitation link: the set-password page, whoever is signed in on this browser.
  const invitation = setPasswordToken();
  if (invitation) {
    openSetPassword(invitation);
    return;
  }

  let me = null;
  try {
    me = await fetchMe(false);
  } catch (caught) {
    const error = asApiError(caught);
    if (error.status !== 401) showBanner(errorKey(error, 'errors.generic'));
  }
  // A sign-in that stopped at its second step (a reload, or a redirect back from another sign-in method).
  const staged = me ? null : await /** @type {Promise<import('../../consoleApi').SessionResponse | null>} */ (api('GET', '/login/stage', undefined, { authRedirect: false })).catch(() => null);
  if (me && me.user) {
    signedIn(me);
  } else if (staged && staged.stage) {
    startSecondFactor(staged, signedIn, backToLogin);
  } else {
    showView('login');
    ui.loginUsername.focus();
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
