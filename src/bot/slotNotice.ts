import { formatSlotTime, slotKind } from '../domain/mentorSlots';
import type { PersonRecord } from '../domain/person';
import type { PersonMessenger } from '../handoff/personMessenger';
import type { Translator } from '../i18n/translator';
import type { Logger } from '../logger';
import type { MentorTalks } from '../people/mentorTalks';
import type { SlotPerson, StoredSlot } from '../people/slotStore';

/** Free slots named in the message. */
const NEXT_SHOWN = 3;

export interface SlotNoticeDeps {
  messenger: PersonMessenger;
  translator: Translator;
  talks: MentorTalks;
  record(person: SlotPerson): Promise<PersonRecord | undefined>;
  logger: Logger;
  now: () => Date;
}

/**
 * A booked slot did not happen, and the person hears it in their language with the next free times
 * that fit them and how to choose one ("plan a talk"), so the way on is not a question they have to
 * think of: `cancelled`, the mentor (or staff, for an interview) cancelled it; `missed`, a mentor
 * recorded that the person did not come to the talk. False when the message could not go out (the
 * console says so; the mentor can reach the person another way).
 */
export function slotNotice(deps: SlotNoticeDeps, what: 'cancelled' | 'missed'): (slot: StoredSlot) => Promise<boolean> {
  return async (slot) => {
    const booking = slot.booking;
    const kind = slotKind(slot);
    if (!booking || (what === 'missed' && kind !== 'talk')) return false;
    const lng = booking.language;
    const t = (key: string, vars?: Record<string, unknown>) => deps.translator.t(lng, key, vars);
    const answers = (await deps.record(booking.person))?.intake?.answers ?? {};
    const ns = kind === 'interview' ? 'interview' : 'talk';
    const next = await deps.talks.offer({ language: lng, dutchLevel: answers.dutchLevel as string | undefined, englishLevel: answers.englishLevel as string | undefined }, deps.now(), NEXT_SHOWN, kind);
    const lines = [t(what === 'missed' ? 'talk:missed' : `${ns}:mentorCancelled`, { mentor: slot.mentorFirstName, time: formatSlotTime(slot.start, lng) })];
    if (next.length > 0) lines.push(t(`${ns}:nextFree`), ...next.map((s) => `• ${formatSlotTime(s.start, lng)}`), t(`${ns}:howToBook`));
    try {
      await deps.messenger.send(booking.conversation, [lines.join('\n')]);
      return true;
    } catch (error) {
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error), channel: booking.person.channelId, what }, 'slot notice: the person could not be told');
      return false;
    }
  };
}
