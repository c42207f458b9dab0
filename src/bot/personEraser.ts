import type { Storage, TurnContext } from 'botbuilder';
import type { PersonRecord } from '../domain/person';
import type { ErasureRequest } from '../../dialogs/dialogDeps';
import { ConversationLocks, conversationLockKey, Lease } from './conversationLock';
import { TurnOutbox } from './turnOutbox';

const ERASE = Symbol('vit.eraseAtEndOfTurn');

/** Who a person is on a channel: enough to find everything held on them. */
export interface PersonRef {
  channelId: string;
  userId: string;
  conversationIds: string[];
}

/** A place other than bot state that holds data on people (transcripts, the mentor queue, …). */
export interface PersonDataHolder {
  erase(person: PersonRef): Promise<void>;
}

/**
 * Erases everything the bot holds on a person: their user state, the state of every conversation
 * they had, and whatever the registered holders keep. Requested by a dialog during the turn, done
 * after the turn so nothing is written back afterwards. With `locks`, it first takes the lease of each
 * of the person's conversations (as a turn does), so a turn running elsewhere finishes and saves
 * before the erasure, and none can write the person's state back after it.
 */
export class PersonEraser implements ErasureRequest {
  constructor(
    private readonly storage: Storage,
    private readonly holders: PersonDataHolder[] = [],
    private readonly locks?: ConversationLocks,
  ) {}

  request(context: TurnContext): void {
    context.turnState.set(ERASE, true);
  }

  isRequested(context: TurnContext): boolean {
    return context.turnState.get(ERASE) === true;
  }

  /**
   * `heldConversation`: the conversation whose turn asks, which holds that lease already. `context`:
   * that turn; its replies (the confirmation) are sent once the state is gone and before the other
   * holders are erased, because a channel needs the person's address (kept by such a holder, e.g.
   * WhatsApp's) to send them. Without the state nothing of the replies is logged to a transcript.
   */
  async erase(person: PersonRef, heldConversation?: string, context?: TurnContext): Promise<void> {
    const conversations = [...new Set(person.conversationIds)].sort(); // one order for everyone: no deadlock
    const leases: Lease[] = [];
    try {
      for (const id of conversations.filter((c) => c !== heldConversation)) {
        if (this.locks) leases.push(await this.locks.acquire(conversationLockKey(person.channelId, id), Date.now()));
      }
      await this.storage.delete([
        userStateKey(person.channelId, person.userId),
        ...conversations.map((id) => conversationStateKey(person.channelId, id)),
      ]);
      try {
        if (context) await TurnOutbox.of(context)?.release();
      } finally {
        for (const holder of this.holders) await holder.erase({ ...person, conversationIds: conversations });
      }
    } finally {
      for (const lease of leases) await lease.release().catch(() => undefined);
    }
  }

  /** The person of this turn, with the conversations their record lists. */
  static personOf(context: TurnContext, record: PersonRecord | undefined): PersonRef {
    const { channelId, from, conversation } = context.activity;
    return { channelId, userId: from.id, conversationIds: [conversation.id, ...(record?.conversations ?? [])] };
  }
}

/** The storage keys botbuilder's UserState and ConversationState use (empty namespace); a test holds them to botbuilder's own. */
export function userStateKey(channelId: string, userId: string): string {
  return `${channelId}/users/${userId}/`;
}

export function conversationStateKey(channelId: string, conversationId: string): string {
  return `${channelId}/conversations/${conversationId}/`;
}
