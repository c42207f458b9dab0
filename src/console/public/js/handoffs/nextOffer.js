// @ts-check

import { LANGUAGE_NAMES } from '../constants.js';
import { show } from '../dom.js';
import { ui } from '../elements.js';
import { formatDuration, personName } from '../format.js';
import { canAct, claim } from './actions.js';
import { state } from '../state.js';
import { t } from '../texts.js';

/** After a release or close: the person the server offers this mentor next, shown until taken or dismissed. */
/** @param {import('../api.js').HandoffSummary | null | undefined} next */
export function offerNext(next) {
  state.next = next && typeof next.id === 'string' && next.status === 'waiting' ? next : null;
  renderNextOffer();
}

export async function takeNext() {
  const next = state.next;
  if (!next) return;
  state.next = null;
  renderNextOffer();
  await claim(next.id, ui.nextTake);
}

/** "Next: Amina (العربية), waiting 12 min — Take", while that person still waits. */
export function renderNextOffer() {
  if (!ui.nextOffer) return;
  const next = state.next;
  const stillWaiting = next && (!state.listsLoaded || state.waiting.some((h) => h.id === next.id));
  if (next && !stillWaiting) state.next = null;
  const appears = ui.nextOffer.hidden && !!stillWaiting && canAct();
  show(ui.nextOffer, !!stillWaiting && canAct());
  // The offer takes room from the conversation: what was at its end stays in view.
  if (appears && !ui.statusClosed.hidden) requestAnimationFrame(() => ui.statusClosed.scrollIntoView({ block: 'nearest' }));
  if (!stillWaiting) return;
  const waiting = state.waiting.find((h) => h.id === next.id) || next;
  const name = personName(waiting);
  ui.nextOfferText.textContent = t('next.prompt', {
    name,
    language: LANGUAGE_NAMES.get(waiting.language) || String(waiting.language || ''),
    time: formatDuration(waiting.createdAt),
  });
  ui.nextTake.setAttribute('aria-label', t('next.takeLabel', { name }));
}
