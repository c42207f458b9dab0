import type { Storage, TurnContext } from 'botbuilder';
import type { PersonRecord } from '../domain/person';
import type { ErasureRequest } from '../../dialogs/dialogDeps';
import { ConversationLocks, conversationLockKey, Lease } from '../storage/conversationLocks';
import { conversationStateKey, userStateKey } from '../storage/botStateKeys';
import type { PersonDataHolder, PersonRef } from '../domain/personData';
import type { AppendOnlyFilePlan } from '../storage/appendOnlyFileRewrite';
import { TurnOutbox } from './turnOutbox';

const ERASE = Symbol('vit.eraseAtEndOfTurn');

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
    /** Run after every erasure: Redis's append-only file still holds what was erased until it is rewritten. */
    private readonly afterErasure?: () => Promise<AppendOnlyFilePlan>,
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
   * Says what happens to Redis's append-only file (nothing when there is no Redis).
   */
  async erase(person: PersonRef, heldConversation?: string, context?: TurnContext): Promise<AppendOnlyFilePlan | undefined> {
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
    return this.afterErasure?.();
  }

  /** The person of this turn, with the conversations their record lists. */
  static personOf(context: TurnContext, record: PersonRecord | undefined): PersonRef {
    const { channelId, from, conversation } = context.activity;
    return { channelId, userId: from.id, conversationIds: [conversation.id, ...(record?.conversations ?? [])] };
  }
}
