// @ts-check

import { api, handoffPath } from '../api.js';
import { state } from '../state.js';

/** At most one "typing" a few seconds (the server also keeps to this per conversation). */
const EVERY_MS = 5_000;
/** @type {{ id: string | null, at: number }} */
let last = { id: null, at: 0 };

/**
 * While the mentor writes in the reply box of their own conversation, the person sees "typing…" on
 * WhatsApp or Teams. A failure changes nothing for the mentor: the message itself is what counts.
 * @param {HTMLTextAreaElement | HTMLInputElement} input
 */
export function onComposeInput(input) {
  const detail = state.detail;
  if (!detail || !state.user || !input.value.trim()) return;
  const { handoff } = detail;
  if (handoff.status !== 'active' || !handoff.mentor || handoff.mentor.id !== state.user.id) return;
  const now = Date.now();
  if (last.id === handoff.id && now - last.at < EVERY_MS) return;
  last = { id: handoff.id, at: now };
  api('POST', handoffPath(handoff.id, 'typing')).catch(() => undefined);
}
