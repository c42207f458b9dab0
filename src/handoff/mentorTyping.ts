import type { HandoffQueue } from './handoffQueue';
import type { PersonMessenger } from './personMessenger';
import type { Logger } from '../logger';

/** At most one typing signal per conversation in this time: WhatsApp and Teams show it for some seconds. */
export const TYPING_INTERVAL_MS = 6_000;
/** Conversations whose last signal this instance remembers; the oldest is forgotten first. */
const MAX_REMEMBERED = 2_000;

export type TypingResult = 'sent' | 'throttled' | 'not-found' | 'not-yours' | 'not-active' | 'failed';

/**
 * "The mentor is typing", shown to the person on their channel while the mentor writes in the console:
 * a `typing` activity through the messenger (Teams: the Bot Connector; WhatsApp: the read receipt with a
 * typing indicator for the person's last message). Only the handoff's mentor, only while it is active,
 * and at most once per conversation every `intervalMs` on this instance (a browser asks more often).
 */
export class MentorTyping {
  private readonly lastSent = new Map<string, number>();

  constructor(
    private readonly deps: { queue: Pick<HandoffQueue, 'get'>; messenger: PersonMessenger; now: () => Date; logger: Logger; intervalMs?: number },
  ) {}

  async typing(handoffId: string, mentorId: string): Promise<TypingResult> {
    const handoff = await this.deps.queue.get(handoffId);
    if (!handoff) return 'not-found';
    if (handoff.status !== 'active') return 'not-active';
    if (handoff.mentor?.id !== mentorId) return 'not-yours';
    const now = this.deps.now().getTime();
    const last = this.lastSent.get(handoffId);
    if (last !== undefined && now - last < (this.deps.intervalMs ?? TYPING_INTERVAL_MS)) return 'throttled';
    this.remember(handoffId, now);
    // WhatsApp shows typing with the read receipt of a message: the person's last one on their channel
    // (in channelData: sending fills replyToId from the conversation reference).
    const replyTo = [...handoff.messages].reverse().find((m) => m.from === 'person' && m.channelMessageId)?.channelMessageId;
    try {
      await this.deps.messenger.send(handoff.conversation, [{ type: 'typing', ...(replyTo ? { channelData: { readMessageId: replyTo } } : {}) }], { relay: true });
      return 'sent';
    } catch (error) {
      // Nothing the mentor must act on: the message itself will tell if the channel is really gone.
      this.deps.logger.warn({ handoff: handoffId, channel: handoff.conversation.channelId, err: { message: (error as Error).message } }, 'could not show the person that the mentor is typing');
      return 'failed';
    }
  }

  private remember(handoffId: string, at: number): void {
    this.lastSent.delete(handoffId);
    this.lastSent.set(handoffId, at);
    if (this.lastSent.size > MAX_REMEMBERED) this.lastSent.delete(this.lastSent.keys().next().value!);
  }
}
