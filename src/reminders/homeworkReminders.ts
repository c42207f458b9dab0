import type { ConversationRef } from '../domain/handoff';
import type { Language } from '../i18n/languages';
import type { JourneyListener } from '../people/journeys';
import type { JourneyPerson } from '../people/journeyStore';
import type { Reminders } from './reminders';

export interface HomeworkRemindersDeps {
  reminders: Reminders;
  /** The conversation the person last wrote in (the journey keeps it). */
  reach(person: JourneyPerson): Promise<ConversationRef | undefined>;
  /** The person's language (their record), when known. */
  language(person: JourneyPerson): Promise<Language | undefined>;
  defaultLanguage: Language;
}

/**
 * The homework's deadline reminders follow the journey: planned when the person is given homework
 * (again: a "try again" review sets a new date and moves them), cancelled when they leave that stage
 * (handed in, or moved on by staff). Erasure takes them with the rest of the person's reminders.
 */
export function homeworkReminders(deps: HomeworkRemindersDeps): JourneyListener {
  return {
    onChanged: async ({ person, before, after }) => {
      const wasGiven = before.stage === 'homework-given';
      const due = after.stage === 'homework-given' ? after.homework?.due : undefined;
      if (!due) {
        if (wasGiven) await deps.reminders.cancelHomework(person);
        return;
      }
      if (wasGiven && before.homework?.due === due) return;
      const conversation = await deps.reach(person);
      if (!conversation) return; // no conversation known: nothing to remind through (the console says so when it is given)
      const language = (await deps.language(person)) ?? deps.defaultLanguage;
      await deps.reminders.forHomework({ person: { ...person, conversation, language }, due: new Date(due), link: after.homework?.link });
    },
  };
}
