import type { Activity } from 'botbuilder';

/**
 * Marks an outgoing activity as part of a handoff (a mentor's message, the "a mentor is here" notice):
 * the only kind the bot may send while a mentor owns the conversation. A symbol, so it never reaches
 * the wire (JSON ignores it) but survives the shallow copies botbuilder makes.
 */
const RELAY = Symbol.for('vit.handoffRelay');

export function markRelay<T extends Partial<Activity>>(activity: T): T {
  (activity as Record<symbol, unknown>)[RELAY] = true;
  return activity;
}

/**
 * Marks a notice about the bot itself ("something went wrong, try again"): it goes out even while a
 * mentor owns the conversation, and without asking the queue, which may be what is down.
 */
const NOTICE = Symbol.for('vit.serviceNotice');

export function markNotice<T extends Partial<Activity>>(activity: T): T {
  (activity as Record<symbol, unknown>)[NOTICE] = true;
  return activity;
}

export function isNotice(activity: Partial<Activity>): boolean {
  return (activity as Record<symbol, unknown>)[NOTICE] === true;
}

export function isRelay(activity: Partial<Activity>): boolean {
  return (activity as Record<symbol, unknown>)[RELAY] === true;
}
