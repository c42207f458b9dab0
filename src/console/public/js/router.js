// @ts-check

import { clearBanner, showView } from './chrome.js';
import { AUDIT_DEFAULT_DAYS, NAV_TABS, NUMBERS_DEFAULT_DAYS, PAGE_ROLES } from './constants.js';
import { el, isWideLayout, show } from './dom.js';
import { ui } from './elements.js';
import { dayBefore, formatNumber } from './format.js';
import { openConversation, refreshLists } from './handoffs/actions.js';
import { loadAudit, renderAudit } from './pages/audit.js';
import { writeRange } from './pages/common.js';
import { loadNumbers, renderNumbers } from './pages/numbers.js';
import { loadPeople, renderPeople } from './pages/people.js';
import { loadQuestions, renderQuestions } from './pages/questions.js';
import { loadTranscript, renderTranscript } from './pages/transcript.js';
import { loadTranscripts, renderTranscriptsPage } from './pages/transcripts.js';
import { state } from './state.js';
import { t } from './texts.js';

export const canSee = (page) => !!state.user && (PAGE_ROLES[page] || []).includes(state.user.role);

export function defaultRoute() {
  return { page: state.user && state.user.role === 'staff' ? 'transcripts' : 'handoffs', id: null };
}

/**
 * '#/transcripts/abc' → { page: 'transcript', id: 'abc' }; '#/handoffs/abc' → the handoffs page with
 * that conversation open (the link a mentor in Teams gets); null for anything unknown.
 */
export function parseRoute(hash) {
  const match = /^#\/([a-z]+)(?:\/(.+))?$/.exec(hash || '');
  if (!match) return null;
  const [, name, rest] = match;
  if ((name === 'transcripts' || name === 'handoffs') && rest) {
    try {
      return { page: name === 'transcripts' ? 'transcript' : 'handoffs', id: decodeURIComponent(rest) };
    } catch {
      return null;
    }
  }
  if (rest || !NAV_TABS.includes(name)) return null;
  return { page: name, id: null };
}

export function routeHash(target) {
  if (target.page === 'transcript') return `#/transcripts/${encodeURIComponent(target.id)}`;
  if (target.page === 'handoffs' && target.id) return `#/handoffs/${encodeURIComponent(target.id)}`;
  return `#/${target.page}`;
}

/** Shows the page of location.hash (or the default page of the role, put in the address without a new history entry). */
export function route({ initial = false } = {}) {
  if (!state.user) return;
  let target = parseRoute(window.location.hash);
  if (!target || !canSee(target.page)) {
    target = defaultRoute();
    history.replaceState(history.state, '', routeHash(target));
  }
  const previous = state.route;
  if (previous && previous.page === 'transcripts') rememberListScroll();
  if (!initial && previous && (previous.page !== target.page || previous.id !== target.id) && state.banner && state.banner.key !== 'errors.network') {
    clearBanner();
  }
  state.route = target;
  renderNav();
  showView('console');
  enterPage(target, previous, initial);
}

export function enterPage(target, previous, initial) {
  const samePage = previous && previous.page === target.page && previous.id === target.id;
  switch (target.page) {
    case 'handoffs':
      if (!samePage && !initial) refreshLists();
      if (target.id && !samePage) openConversation(target.id);
      break;
    case 'transcripts': {
      const page = state.pages.transcripts;
      renderTranscriptsPage();
      if (!page.loaded && !page.loading) loadTranscripts();
      else if (previous && previous.page === 'transcript') {
        restoreListScroll(previous.id);
        return; // focus went back to the item that was open
      }
      break;
    }
    case 'transcript':
      state.pages.transcript.fromList = !!(previous && previous.page === 'transcripts');
      if (!samePage || !state.pages.transcript.data) loadTranscript(target.id);
      break;
    case 'numbers':
      if (!state.pages.numbers.range) {
        state.pages.numbers.range = { from: dayBefore(NUMBERS_DEFAULT_DAYS - 1), to: dayBefore(0) };
        writeRange(ui.numbersFrom, ui.numbersTo, state.pages.numbers.range);
        loadNumbers();
      }
      renderNumbers();
      break;
    case 'people':
      if (!state.pages.people.loaded && !state.pages.people.loading) loadPeople();
      renderPeople();
      break;
    case 'questions':
      if (!state.pages.questions.loaded && !state.pages.questions.loading) loadQuestions();
      renderQuestions();
      break;
    case 'audit':
      if (!state.pages.audit.range) {
        state.pages.audit.range = { from: dayBefore(AUDIT_DEFAULT_DAYS - 1), to: dayBefore(0) };
        writeRange(ui.auditFrom, ui.auditTo, state.pages.audit.range);
        loadAudit();
      }
      renderAudit();
      break;
    default:
      break;
  }
  if (!samePage && !initial) {
    scrollPageToTop();
    const heading = pageHeading(target.page);
    if (heading) heading.focus({ preventScroll: true });
  }
}

export function pageHeading(page) {
  return {
    handoffs: ui.waitingTitle,
    transcripts: ui.transcriptsTitle,
    transcript: ui.tvTitle,
    numbers: ui.numbersTitle,
    people: ui.peopleTitle,
    questions: ui.questionsTitle,
    audit: ui.auditTitle,
  }[page];
}

/** On a laptop each page scrolls by itself; on a phone the document does. */
export function scrollingBox(page) {
  return isWideLayout() ? ui.pages[page] : null;
}

export function scrollPageToTop() {
  const box = state.route && scrollingBox(state.route.page);
  if (box) box.scrollTop = 0;
  else window.scrollTo(0, 0);
}

export function rememberListScroll() {
  const box = scrollingBox('transcripts');
  state.pages.transcripts.scroll = box ? box.scrollTop : window.scrollY;
}

export function restoreListScroll(openedId) {
  const y = state.pages.transcripts.scroll || 0;
  const box = scrollingBox('transcripts');
  if (box) box.scrollTop = y;
  else window.scrollTo(0, y);
  const link = openedId && /** @type {HTMLElement | null} */ (ui.transcriptList.querySelector(`[data-id="${CSS.escape(openedId)}"] a`));
  if (link) link.focus({ preventScroll: true });
  else ui.transcriptsTitle.focus({ preventScroll: true });
}

export function renderNav() {
  const tabs = NAV_TABS.filter(canSee).map((tab) => {
    const current =
      !!state.route && (state.route.page === tab || (tab === 'transcripts' && state.route.page === 'transcript'));
    return el(
      'li',
      {},
      el(
        'a',
        {
          class: 'tab',
          href: `#/${tab}`,
          id: `nav-${tab}`,
          'data-testid': `nav-${tab}`,
          'aria-current': current ? 'page' : null,
        },
        el('span', {}, t(`nav.${tab}`)),
        tab === 'handoffs' ? el('span', { class: 'count nav-count', id: 'nav-waiting-count', hidden: true }) : null,
      ),
    );
  });
  ui.navList.replaceChildren(...tabs);
  renderNavCount();
}

/** The number of people waiting, on the Conversations tab, so it is seen from the other pages. */
export function renderNavCount() {
  const badge = document.getElementById('nav-waiting-count');
  if (!badge) return;
  const waiting = state.waiting.length;
  badge.textContent = formatNumber(waiting);
  badge.setAttribute('aria-label', t('nav.waitingCount', { count: formatNumber(waiting) }));
  show(badge, waiting > 0);
}

/** Redraws the staff pages in the current language (after a language change). */
export function renderPages() {
  renderNav();
  renderTranscriptsPage();
  if (state.route && state.route.page === 'transcript') renderTranscript();
  renderNumbers();
  renderPeople();
  renderAudit();
}

/** Empties every page, so nothing of one user is left on the screen for the next. */
export function clearPages() {
  for (const form of [ui.transcriptFilter, ui.numbersForm, ui.auditForm, ui.peopleForm, ui.questionsForm]) form.reset();
  ui.questionsList.replaceChildren();
  ui.navList.replaceChildren();
  ui.transcriptList.replaceChildren();
  ui.tvTimeline.replaceChildren();
  ui.tvIntake.replaceChildren();
  ui.tvResultContent.replaceChildren();
  ui.tvMeta.replaceChildren();
  ui.tvTitle.replaceChildren();
  ui.funnel.replaceChildren();
  ui.waitBuckets.replaceChildren();
  ui.byWeek.replaceChildren();
  ui.byLanguage.replaceChildren();
  ui.faqFeedback.replaceChildren();
  ui.funnelByLanguage.replaceChildren();
  ui.waitByWeek.replaceChildren();
  ui.waitByLanguage.replaceChildren();
  ui.numbersKpis.replaceChildren();
  ui.peopleList.replaceChildren();
  ui.auditRows.replaceChildren();
  ui.eraseInput.value = '';
  if (ui.eraseDialog.open) ui.eraseDialog.close();
  renderPages();
  ui.navList.replaceChildren();
}
