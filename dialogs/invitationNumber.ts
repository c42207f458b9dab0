import type { TurnContext } from 'botbuilder';
import { INTERVIEW_STAGE } from '../src/domain/mentorSlots';
import { normalizeText } from '../src/domain/normalizeText';
import { hasConsent } from '../src/domain/person';
import type { DialogDeps } from './dialogDeps';

/**
 * The interview time a bare number ("2", "۲", "٢") names: at the interview stage, the invitation lists
 * the free times numbered, with one button ("Plan the interview"; WhatsApp shows at most three), so the
 * number means the time of that number as the person read it there, not the menu's second button.
 * Undefined when the message is no such number, or no invitation with that many times waits.
 */
export async function invitedTime(deps: DialogDeps, context: TurnContext, text: string | undefined): Promise<string | undefined> {
  const typed = normalizeText(text ?? '');
  if (!/^\d{1,2}$/.test(typed) || !deps.journeys || !deps.talks) return undefined;
  if (!hasConsent(await deps.person.get(context, {}))) return undefined;
  const journey = await deps.journeys.of({ channelId: context.activity.channelId, userId: context.activity.from.id });
  if (journey?.stage !== INTERVIEW_STAGE || !journey.invitation) return undefined;
  return journey.invitation.slots[Number(typed) - 1];
}
