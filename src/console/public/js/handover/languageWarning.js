// @ts-check
/*
 * Before a mentor takes a person whose language they do not speak: a warning to confirm, not a block
 * (a mentor may still help, with a translator or in another language the person knows).
 */

import { LANGUAGE_NAMES } from '../constants.js';
import { state } from '../state.js';
import { t } from '../texts.js';

const dialog = () => /** @type {HTMLDialogElement} */ (document.getElementById('language-warning'));

/** The summary of a handoff this page knows: in the lists, offered next, or open. */
/** @param {string} id */
function known(id) {
  if (state.detail && state.detail.handoff.id === id) return state.detail.handoff;
  return state.waiting.find((h) => h.id === id) || (state.next && state.next.id === id ? state.next : null);
}

/**
 * Resolves true when the mentor may go on: they speak the person's language, or they said "take anyway".
 * @param {string} id
 * @returns {Promise<boolean>}
 */
export function confirmTake(id) {
  const handoff = known(id);
  if (!handoff || handoff.speaksLanguage !== false) return Promise.resolve(true);
  const node = dialog();
  const language = LANGUAGE_NAMES.get(handoff.language) || String(handoff.language || '');
  const text = /** @type {HTMLElement} */ (document.getElementById('language-warning-text'));
  text.textContent = t('handover.languageWarning', { language });
  const opener = /** @type {HTMLElement | null} */ (document.activeElement instanceof HTMLElement ? document.activeElement : null);
  return new Promise((resolve) => {
    node.returnValue = '';
    node.addEventListener(
      'close',
      () => {
        resolve(node.returnValue === 'take');
        if (opener && opener.isConnected) opener.focus();
      },
      { once: true },
    );
    node.showModal();
    /** @type {HTMLElement} */ (document.getElementById('language-warning-cancel')).focus();
  });
}
