/**
 * Set in a turn's state by a channel adapter when a message could not be delivered as is and went out
 * another way (WhatsApp outside its 24-hour window: an approved template, the text held until the
 * person writes again). The handoff records it, so the console can show it; nothing fails silently.
 */
export const DELIVERY_NOTE = Symbol.for('vit.deliveryNote');
export type DeliveryNote = 'template';
