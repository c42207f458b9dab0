// @ts-check

import { clearBanner } from './banner.js';
import { showView } from './views.js';
import { el, isWideLayout, show } from './dom.js';
import { ui } from './elements.js';
import { formatNumber } from './format.js';
import { allPages, pageNamed } from './pageList.js';
import { renderNavCount, routeHash } from './navigation.js';

export { renderNavCount, routeHash };
import { state } from './state.js';
import { t } from './texts.js';
import { renderSlotsCount } from './talkNotices.js';

/** @param {string} name */
export const canSee = (name) => {
  const page = pageNamed(name);
  return !!state.user && !!page && page.roles.includes(state.user.role);
};

export function defaultRoute() {
  return { page: state.user && state.user.role === 'staff' ? 'transcripts' : 'handoffs', id: null };
}

/**
 * '#/transcripts/abc' → { page: 'transcript', id: 'abc' }; '#/handoffs/abc' → the handoffs page with
 * that conversation open (the link a mentor in Teams gets); null for anything unknown.
 */
/** @param {string} hash @returns {import('./state.js').Route | null} */
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
  if (rest || !allPages().some((page) => page.tab && page.name === name)) return null;
  return { page: name, id: null };
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

/** @param {import('./state.js').Route} target @param {import('./state.js').Route | null} previous @param {boolean} initial */
export function enterPage(target, previous, initial) {
  const samePage = !!previous && previous.page === target.page && previous.id === target.id;
  const page = pageNamed(target.page);
  if (!page) return;
  const focused = page.enter({ id: target.id, previous, samePage, initial });
  if (!samePage && !initial && !focused) {
    scrollPageToTop();
    page.heading().focus({ preventScroll: true });
  }
}

/** On a laptop each page scrolls by itself; on a phone the document does. */
/** @param {string} page */
export function scrollingBox(page) {
  const shown = pageNamed(page);
  return isWideLayout() && shown && shown.scrollsItself ? shown.section() : null;
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

/** @param {string | null} openedId */
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
  const tabs = allPages().filter((page) => page.tab && canSee(page.name)).map(({ name: tab }) => {
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
        tab === 'slots' ? el('span', { class: 'count nav-count', id: 'nav-slots-count', 'data-testid': 'nav-slots-count', hidden: true }) : null,
      ),
    );
  });
  ui.navList.replaceChildren(...tabs);
  renderNavCount();
  renderSlotsCount();
}


/** Redraws the pages in the current language (after a language change). */
export function renderPages() {
  renderNav();
  for (const page of allPages()) if (page.render) page.render();
}

/** Empties every page, so nothing of one user is left on the screen for the next. */
export function clearPages() {
  ui.navList.replaceChildren();
  for (const page of allPages()) if (page.clear) page.clear();
  renderPages();
  ui.navList.replaceChildren();
}
