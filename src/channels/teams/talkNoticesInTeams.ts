import type { Account } from '../../accounts/accountStore';
import type { BookingEvent, BookingEvents } from '../../people/mentorTalks';
import type { SlotPerson } from '../../people/slotStore';
import { formatWhen } from '../../reminders/reminders';
import type { Logger } from '../../logger';
import type { Language } from '../../i18n/languages';
import type { MentorTexts } from './handoffCardContent';

export interface TalkNoticesInTeamsDeps {
  accounts: () => { byId(id: string): Promise<Account | undefined> };
  chats: { texts(account: Account): MentorTexts; notify(account: Account, text: string): Promise<boolean> };
  /** How the mentor knows the person: their first name, or the short code the console shows. */
  who(person: SlotPerson): Promise<string>;
  /** After a booking was told (the person's first name went to the mentor in Teams): for the audit log. */
  told(account: Account, person: SlotPerson): Promise<void>;
  /** The console's address (CONSOLE_PUBLIC_URL), for the link to "My slots". */
  consoleUrl?: string;
  logger: Logger;
}

/**
 * A mentor whose console account is linked to Teams hears of a booking of their slot in their
 * personal chat with the bot (in their language): who (first name or code), when (Dutch time), how
 * long, in which language, the meeting link, and where the intake is (the console's "My slots"; never
 * the intake's answers in Teams). And of a cancellation by the person, without a name, and of one by
 * staff (the staff member's first name; the person who had booked is not named).
 */
/** The person's language named in the mentor's language ("Arabisch"), else by its own name. */
function languageIn(texts: MentorTexts, language: Language): string {
  try {
    return new Intl.DisplayNames(texts.language, { type: 'language' }).of(language) ?? texts.languageName(language);
  } catch {
    return texts.languageName(language);
  }
}

export function talkNoticesInTeams(deps: TalkNoticesInTeamsDeps): BookingEvents {
  /** The slot's owner, when linked to Teams and not switched off. */
  async function linkedOwner(slot: { mentorId: string }): Promise<Account | undefined> {
    const account = await deps.accounts().byId(slot.mentorId);
    return account?.teamsAadObjectId && !account.disabled ? account : undefined;
  }

  async function send(account: Account, lines: string[], kind: string): Promise<boolean> {
    if (await deps.chats.notify(account, lines.join('\n'))) return true;
    deps.logger.info({ kind }, 'a mentor linked to Teams has no chat with the bot yet: the booking is shown in the console only');
    return false;
  }

  async function tell(event: BookingEvent, kind: 'booked' | 'cancelled') {
    const account = await linkedOwner(event.slot);
    if (!account) return;
    const texts = deps.chats.texts(account);
    const when = formatWhen(texts.language, new Date(event.slot.start));
    const lines =
      kind === 'booked'
        ? [
            texts.t('talk.booked', { name: await deps.who(event.booking.person), when, minutes: event.slot.durationMinutes, language: languageIn(texts, event.booking.language), link: event.slot.link }),
            deps.consoleUrl ? texts.t('talk.intakeAt', { url: `${deps.consoleUrl}#/slots` }) : texts.t('talk.intakeInConsole'),
          ]
        : [texts.t('talk.cancelled', { when })];
    if ((await send(account, lines, kind)) && kind === 'booked') await deps.told(account, event.booking.person);
  }
  return {
    onBooked: (event) => tell(event, 'booked'),
    onCancelled: async (event) => {
      if (event.by === 'person') await tell(event, 'cancelled');
    },
    onCancelledByStaff: async ({ slot, booking, by }) => {
      const account = await linkedOwner(slot);
      if (!account) return;
      const texts = deps.chats.texts(account);
      const when = formatWhen(texts.language, new Date(slot.start));
      await send(account, [texts.t(booking ? 'talk.cancelledByStaff' : 'talk.removedByStaff', { name: by.firstName, when })], 'cancelled-by-staff');
    },
  };
}
