import type { Activity } from 'botbuilder';

/**
 * Marks an outgoing activity as a reminder, with the values its approved template takes (the time,
 * the link): a channel that cannot send free text now (WhatsApp outside its 24-hour window) sends
 * the reminder template with them instead of holding the text. A symbol: never on the wire.
 */
const REMINDER = Symbol.for('vit.reminder');
const TEMPLATE = Symbol.for('vit.reminder.template');

/** Which approved template stands in for the message: a reminder (WHATSAPP_TEMPLATE_REMINDER) or a talent-pool check-in (WHATSAPP_TEMPLATE_FOLLOWUP). */
export type ReminderTemplate = 'reminder' | 'followup';

export function markReminder<T extends Partial<Activity>>(activity: T, templateValues: string[], template: ReminderTemplate = 'reminder'): T {
  (activity as Record<symbol, unknown>)[REMINDER] = [...templateValues];
  (activity as Record<symbol, unknown>)[TEMPLATE] = template;
  return activity;
}

/** The template a marked activity stands for ('reminder' when not said). */
export function reminderTemplateOf(activity: Partial<Activity>): ReminderTemplate {
  return (activity as Record<symbol, unknown>)[TEMPLATE] === 'followup' ? 'followup' : 'reminder';
}

/** The template's values when the activity is a reminder. */
export function reminderValuesOf(activity: Partial<Activity>): string[] | undefined {
  const values = (activity as Record<symbol, unknown>)[REMINDER];
  return Array.isArray(values) ? (values as string[]) : undefined;
}
