/**
 * Set in a turn's state by a channel adapter when a message could not be delivered as is and went out
 * another way (WhatsApp outside its 24-hour window: an approved template, the text held until the
 * person writes again). The handoff records it, so the console can show it; nothing fails silently.
 */
export const DELIVERY_NOTE = Symbol.for('vit.deliveryNote');
export type DeliveryNote = 'template';

/**
 * Which handoff message an outgoing activity carries: the handoff and the message's time. A channel
 * that learns only later that a message did not arrive (WhatsApp's delivery statuses) keeps this
 * with what it sent, so the very message can be marked. A symbol, so it never reaches the wire.
 */
const HANDOFF_MESSAGE = Symbol.for('vit.handoffMessage');

export interface HandoffMessageRef {
  handoffId: string;
  /** The message's `at`, as recorded with the handoff. */
  at: string;
}

export function markHandoffMessage<T extends object>(activity: T, ref: HandoffMessageRef): T {
  (activity as Record<symbol, unknown>)[HANDOFF_MESSAGE] = { ...ref };
  return activity;
}

export function handoffMessageOf(activity: object): HandoffMessageRef | undefined {
  const ref = (activity as Record<symbol, unknown>)[HANDOFF_MESSAGE] as HandoffMessageRef | undefined;
  return ref && typeof ref.handoffId === 'string' && typeof ref.at === 'string' ? ref : undefined;
}
