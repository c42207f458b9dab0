import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { MentorReason, PersonRecord } from '../domain/person';
import type { ConversationRef } from '../domain/handoff';
import { Language, languageFromLocale } from '../i18n/languages';
import type { HandoffService } from '../handoff/handoffService';
import type { MentorRequestResult, MentorRequester } from '../../dialogs/dialogDeps';
import { HANDOFF_REQUESTED } from './handoffRelay';

/**
 * Puts the person of a turn in the mentor queue with what a mentor needs: language, the intake
 * answers and result, why they asked, and where to reach them (the conversation reference).
 */
export class MentorRequests implements MentorRequester {
  constructor(
    private readonly handoffs: HandoffService,
    private readonly person: StatePropertyAccessor<PersonRecord>,
    private readonly defaultLanguage: Language,
  ) {}

  async request(context: TurnContext, reason: MentorReason): Promise<MentorRequestResult> {
    const record = await this.person.get(context, {});
    const { activity } = context;
    const language = record.language ?? languageFromLocale(activity.locale) ?? this.defaultLanguage;
    const answers = record.intake?.answers ?? {};
    const result = await this.handoffs.request({
      person: { channelId: activity.channelId, userId: activity.from.id, firstName: typeof answers.firstName === 'string' ? answers.firstName : undefined },
      conversation: TurnContext.getConversationReference(activity) as unknown as ConversationRef,
      language,
      reason,
      intake: record.intake ? { answers, estimated: record.intake.estimated, completed: !!record.intake.completedAt } : undefined,
      outcome: record.assessment?.outcome,
    });
    context.turnState.set(HANDOFF_REQUESTED, result.handoff.id);
    return { created: result.created, active: result.handoff.status === 'active', place: result.place, backAt: result.backAt };
  }
}
