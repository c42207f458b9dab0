import type { Activity } from 'botbuilder';
import type { ConversationRef } from '../../src/domain/handoff';
import type { PersonMessenger } from '../../src/handoff/personMessenger';

/**
 * Receives the proactive messages a handoff sends to the person in dialog tests, where botbuilder's
 * TestAdapter cannot continue a conversation; the HTTP tests use the real ProactiveMessenger.
 */
export class RecordingMessenger implements PersonMessenger {
  readonly sent: Array<{ conversationId: string; activity: Partial<Activity>; relay: boolean }> = [];

  async send(ref: ConversationRef, activities: Array<Partial<Activity> | string>, options: { relay?: boolean } = {}) {
    for (const a of activities) {
      this.sent.push({ conversationId: ref.conversation.id, activity: typeof a === 'string' ? { type: 'message', text: a } : a, relay: !!options.relay });
    }
    return {};
  }

  texts(): string[] {
    return this.sent.map((s) => s.activity.text ?? '');
  }
}
