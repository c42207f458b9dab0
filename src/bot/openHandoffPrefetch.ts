import type { TurnContext } from 'botbuilder';
import type { HandoffQueue } from '../handoff/handoffQueue';
import type { HandoffRecord } from '../domain/handoff';

const PREFETCHED = Symbol.for('vit.openHandoffPrefetched');

/**
 * Reads the person's open handoff at the start of the turn, with the turn's other first reads (one
 * round trip), for the first reader in the turn to take (the handoff relay). Taken once: a rerun of
 * the turn reads again. The handoff guard reads for itself just before the write.
 */
export function prefetchOpenHandoff(context: TurnContext, queue: HandoffQueue): Promise<unknown> {
  const from = context.activity.from?.id;
  if (!from) return Promise.resolve();
  const read = queue.openFor(context.activity.channelId, from);
  read.catch(() => undefined); // a failed read is the reader's to see
  context.turnState.set(PREFETCHED, read);
  return read.catch(() => undefined);
}

/** The person's open handoff: what was read at the start of this turn (once), else read now. */
export function openHandoffOf(context: TurnContext, queue: HandoffQueue): Promise<HandoffRecord | undefined> {
  const prefetched = context.turnState.get(PREFETCHED) as Promise<HandoffRecord | undefined> | undefined;
  if (prefetched) {
    context.turnState.delete(PREFETCHED);
    return prefetched;
  }
  return queue.openFor(context.activity.channelId, context.activity.from.id);
}
