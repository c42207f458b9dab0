import type { Activity } from 'botbuilder';

/**
 * Marks an outgoing activity as a reminder, with the values its approved template takes (the time,
 * the link): a channel that cannot send free text now (WhatsApp outside its 24-hour window) sends
 * the reminder template with them instead of holding the text. A symbol: never on the wire.
 */
const REMINDER = Symbol.for('vit.reminder');

export function markReminder<T extends Partial<Activity>>(activity: T, templateValues: string[]): T {
  (activity as Record<symbol, unknown>)[REMINDER] = [...templateValues];
  return activity;
}

/** The template's values when the activity is a reminder. */
export function reminderValuesOf(activity: Partial<Activity>): string[] | undefined {
  const values = (activity as Record<symbol, unknown>)[REMINDER];
  return Array.isArray(values) ? (values as string[]) : undefined;
}
