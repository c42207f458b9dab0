import type { ConversationState, Storage, StoreItems, TurnContext, UserState } from 'botbuilder';
import { StorageConflictError } from '../storage/redisStorage';
import { TurnOutbox } from './turnOutbox';

export interface ConditionalTurnDeps {
  storage: Storage;
  /** The states a turn loads and saves, written together in one batch. */
  states: Array<ConversationState | UserState>;
  /** How often a turn is run in all (the first run and retries after a lost save). */
  maxAttempts?: number;
  /** Called for every retry (for the metrics). */
  onRetry?: (context: TurnContext) => void;
}

/**
 * Runs a turn so that two turns can never overwrite each other's state, even when the conversation
 * lease was lost (a stalled process): state is saved with the eTags it was read with (botbuilder's own
 * `saveChanges` writes with "*", last writer wins), all states in one all-or-nothing batch; what the
 * turn says is held in the outbox until that save succeeded. On an eTag conflict the turn is run again
 * on freshly read state and what the lost run said is dropped. Side effects outside bot state (queue,
 * counters) are idempotent or happen again in the rerun.
 */
export class ConditionalTurn {
  private readonly maxAttempts: number;

  constructor(private readonly deps: ConditionalTurnDeps) {
    this.maxAttempts = deps.maxAttempts ?? 3;
  }

  /** `body` runs the turn and says whether its state is to be saved (false: e.g. the person was just erased). */
  async run(context: TurnContext, body: () => Promise<boolean>): Promise<void> {
    const outbox = TurnOutbox.of(context);
    for (let attempt = 1; ; attempt++) {
      outbox?.hold();
      try {
        if (await body()) await this.save(context);
      } catch (error) {
        outbox?.drop();
        await outbox?.release(); // stops holding: the error handler's reply goes straight out
        if (!isETagConflict(error) || attempt >= this.maxAttempts) throw error;
        this.deps.onRetry?.(context);
        for (const state of this.deps.states) await state.load(context, true);
        continue;
      }
      await outbox?.release();
      return;
    }
  }

  private async save(context: TurnContext): Promise<void> {
    const changes: StoreItems = {};
    const loaded: Array<{ current: { eTag?: string }; written: { eTag?: string } }> = [];
    for (const state of this.deps.states) {
      const key = state.getStorageKey(context);
      const current = state.get(context) as { eTag?: string } | undefined;
      if (!key || !current) continue; // not read in this turn: nothing to save
      const written = { ...current, eTag: current.eTag ?? NOT_STORED_YET };
      changes[key] = written;
      loaded.push({ current, written });
    }
    await this.deps.storage.write(changes);
    // The write gave the items new eTags (RedisStorage reports them): keep them for a later save.
    for (const { current, written } of loaded) current.eTag = written.eTag;
  }

}

/**
 * The eTag a turn writes a state with that did not exist when it was read: no stored item has it, so
 * the write succeeds only while the item is still absent (RedisStorage and botbuilder's MemoryStorage
 * both treat a specific eTag on a missing item as "create", on an existing one as "must match").
 */
export const NOT_STORED_YET = '@not-stored-yet';

export function isETagConflict(error: unknown): boolean {
  return error instanceof StorageConflictError || (error instanceof Error && /eTag conflict/i.test(error.message));
}
