// @ts-check

import { fillFilterSelects } from './pages/transcripts.js';
import { reportError } from './errors.js';
import { elements } from './dom.js';
import { ui } from './elements.js';
import { renderHeader, setLive, showView } from './views.js';
import { clearBanner, renderBanner, showBanner } from './banner.js';
import { fillCloseOutcomes, renderCloseError } from './handoffs/closeForm.js';
import { renderConversation, renderPaneLoading } from './handoffs/conversation.js';
import { renderLists } from './handoffs/lists.js';
import { renderPages } from './router.js';
import { renderHandover } from './handover/index.js';
import { renderLoginMessages } from './session.js';
import { renderSetPassword } from './setPassword.js';
import { renderSecondFactor } from './secondFactor.js';
import { state } from './state.js';
import { isSupported, loadTexts, rememberLanguage, t } from './texts.js';


/** Redraws everything in the current language (after a language change). */
export function renderAll() {
  applyStaticTexts();
  renderHeader();
  renderBanner();
  renderLoginMessages();
  renderSetPassword();
  renderSecondFactor();
  renderCloseError();
  setLive(state.live);
  renderHandover();
  if (state.user) renderLists();
  if (state.user) renderPages();
  if (state.detail) {
    state.renderedKeys = [];
    renderConversation();
  } else if (state.openId) {
    renderPaneLoading();
  }
}



// The banner lives in banner.js (below the pages); here for the modules that show it from above.
export { clearBanner, renderBanner, showBanner };
// The views, the header and the live sign are in views.js (below the pages); re-exported for main.js.
export { renderHeader, setLive, showView };

/** Fills every element of index.html that carries data-i18n / data-i18n-placeholder / data-i18n-aria-label. */
export function applyStaticTexts() {
  for (const node of elements('[data-i18n]')) node.textContent = t(node.dataset.i18n ?? '');
  for (const node of elements('[data-i18n-placeholder]')) {
    node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder ?? ''));
  }
  for (const node of elements('[data-i18n-aria-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel ?? ''));
  }
  ui.skipLink.hidden = false;
  fillCloseOutcomes();
  fillFilterSelects();
}

export async function changeLanguage() {
  const lang = ui.langSelect.value;
  if (!isSupported(lang) || lang === state.lang) return;
  rememberLanguage(lang);
  try {
    await loadTexts(lang);
  } catch (error) {
    ui.langSelect.value = state.lang;
    reportError(error);
    return;
  }
  renderAll();
}
