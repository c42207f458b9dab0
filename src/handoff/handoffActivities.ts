import { Activity, ConversationAccount, ConversationReference, EventFactory, HandoffEventNames, TurnContext } from 'botbuilder';
import type { HandoffRecord } from '../domain/handoff';

/** Bot Framework's handoff states: a mentor took it, it ended, or it never reached a mentor. */
export type HandoffState = 'accepted' | 'completed' | 'failed';

/** How many earlier messages the handoff.initiate event carries as its transcript. */
const TRANSCRIPT_MESSAGES = 50;

/**
 * The handoff as Bot Framework's own `handoff.initiate` event (EventFactory), so transcripts and agent
 * hubs read it: the handoff's id, language, reason, intake outcome and answers, with the conversation
 * so far as its transcript attachment.
 */
export function handoffInitiation(handoff: HandoffRecord, history: Activity[] = []): Partial<Activity> {
  // The event is built from the person's side of the conversation, as from their own turn.
  const activity = TurnContext.applyConversationReference({ type: 'message' }, handoff.conversation as unknown as Partial<ConversationReference>, true);
  const messages = history.filter((a) => a.type === 'message').slice(-TRANSCRIPT_MESSAGES);
  return EventFactory.createHandoffInitiation(
    { activity } as TurnContext,
    { handoffId: handoff.id, language: handoff.language, reason: handoff.reason, outcome: handoff.outcome ?? null, intake: handoff.intake ?? null },
    messages.length > 0 ? { activities: messages } : undefined,
  );
}

/** A `handoff.status` event: accepted (a mentor took it), completed (it ended) or failed (it never reached a mentor). */
export function handoffStatus(handoff: HandoffRecord, state: HandoffState, message?: string): Partial<Activity> {
  return EventFactory.createHandoffStatus(handoff.conversation.conversation as unknown as ConversationAccount, state, message);
}

const HANDOFF_EVENTS: readonly string[] = [HandoffEventNames.InitiateHandoff, HandoffEventNames.HandoffStatus];

export function isHandoffEvent(activity: Partial<Activity>): boolean {
  return activity.type === 'event' && HANDOFF_EVENTS.includes(activity.name ?? '');
}
