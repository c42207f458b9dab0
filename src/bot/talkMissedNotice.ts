import { formatSlotTime, slotKind } from '../domain/mentorSlots';
import type { PersonRecord } from '../domain/person';
import type { PersonMessenger } from '../handoff/personMessenger';
import type { Translator } from '../i18n/translator';
import type { Logger } from '../logger';
import type { MentorTalks } from '../people/mentorTalks';
import type { SlotPerson, StoredSlot } from '../people/slotStore';

/** Free slots named in the message. */
const NEXT_SHOWN = 3;

/**
 * A mentor recorded that the person did not come to the talk: the person hears it kindly in their
 * language, with the next free talk times that fit them and how to choose one ("plan a talk"), so
 * the way on is not a question they have to think of. False when the message could not go out.
 */
export function talkMissedNotice(deps: {
  messenger: PersonMessenger;
  translator: Translator;
  talks: MentorTalks;
  record(person: SlotPerson): Promise<PersonRecord | undefined>;
  logger: Logger;
  now: () => Date;
}): (slot: StoredSlot) => Promise<boolean> {
  return async (slot) => {
    const booking = slot.booking;
    if (!booking || slotKind(slot) !== 'talk') return false;
    const lng = booking.language;
    const t = (key: string, vars?: Record<string, unknown>) => deps.translator.t(lng, key, vars);
    const answers = (await deps.record(booking.person))?.intake?.answers ?? {};
    const next = await deps.talks.offer({ language: lng, dutchLevel: answers.dutchLevel as string | undefined, englishLevel: answers.englishLevel as string | undefined }, deps.now(), NEXT_SHOWN, 'talk');
    const lines = [t('talk:missed', { mentor: slot.mentorFirstName, time: formatSlotTime(slot.start, lng) })];
    if (next.length > 0) lines.push(t('talk:nextFree'), ...next.map((s) => `• ${formatSlotTime(s.start, lng)}`), t('talk:howToBook'));
    try {
      await deps.messenger.send(booking.conversation, [lines.join('\n')]);
      return true;
    } catch (error) {
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error), channel: booking.person.channelId }, 'talk missed: the person could not be told');
      return false;
    }
  };
}
