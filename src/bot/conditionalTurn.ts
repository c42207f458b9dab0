import { randomUUID } from 'node:crypto';
import type { ConversationState, Storage, StoreItems, TurnContext, UserState } from 'botbuilder';
import { StorageConflictError } from '../storage/redisStorage';
import { TurnOutbox } from './turnOutbox';
import { MemoryTurnJournal, TurnJournal, TurnRecord, turnKeysOf } from '../storage/turnJournal';
import { crashText, CrashPoints, NO_CRASH_POINTS } from './crashPoints';
import type { ShutdownGate } from './shutdownGate';
import { collectDeferred } from './afterSave';
import { mergeLimitsFor } from './replyMerging';
import { leaseHeld } from './turnLockMiddleware';

export interface ConditionalTurnDeps {
  storage: Storage;
  /** Where the turn's handled mark and outbox are written with its states; by default one in memory over `storage`. */
  journal?: TurnJournal;
  /** The states a turn loads and saves, written together in one batch. */
  states: Array<ConversationState | UserState>;
  /** How often a turn is run in all (the first run and retries after a lost save). */
  maxAttempts?: number;
  /** Called for every retry (for the metrics). */
  onRetry?: (context: TurnContext) => void;
  /** Called when replies of a saved turn could not all be delivered now (they stay in the outbox). */
  onUndelivered?: (context: TurnContext, error?: Error) => void;
  /** Closed at shutdown: turns not yet written are abandoned there. */
  gate?: ShutdownGate;
  crashPoints?: CrashPoints;
  /** How often each send of the outbox is tried right after the write before it is left for later. */
  deliveryAttempts?: number;
}

/**
 * Runs a turn so that it takes effect exactly once: state is saved with the eTags it was read with
 * (botbuilder's own `saveChanges` writes with "*", last writer wins), all states in one all-or-nothing
 * write together with the activity's handled mark and the turn's replies (the outbox, see TurnJournal).
 * What the turn says is held until that write succeeded; on an eTag conflict the turn is run again on
 * freshly read state and what the lost run said is dropped. After the write nothing can fail the turn:
 * the replies go out, each send confirmed to the journal, and what could not go out stays in the
 * outbox for the next delivery (a resend of the activity, the person's next message, the WhatsApp
 * inbox's retry). Checks that need the shared store run before the write (TurnOutbox.beforeSave);
 * counts the steps asked for (AfterSaveFunnel) happen after it, once.
 */
export class ConditionalTurn {
  private readonly maxAttempts: number;
  private readonly journal: TurnJournal;
  private readonly crash: CrashPoints;

  constructor(private readonly deps: ConditionalTurnDeps) {
    this.maxAttempts = deps.maxAttempts ?? 3;
    this.journal = deps.journal ?? new MemoryTurnJournal(deps.storage);
    this.crash = deps.crashPoints ?? NO_CRASH_POINTS;
  }

  /** `body` runs the turn and says whether its state is to be saved (false: e.g. the person was just erased). */
  async run(context: TurnContext, body: () => Promise<boolean>): Promise<void> {
    const outbox = TurnOutbox.of(context);
    for (let attempt = 1; ; attempt++) {
      outbox?.hold();
      let record: TurnRecord | undefined;
      let effects: Array<() => Promise<void>> = [];
      try {
        const run = await collectDeferred(body);
        effects = run.effects;
        outbox?.placeLead(context);
        // Fewer, fuller messages where each one buzzes a phone (WhatsApp, Teams), saved as merged.
        const limits = mergeLimitsFor(context.activity.channelId);
        if (limits) outbox?.merge(limits);
        if (run.value) {
          this.crash.reach('before-write', crashText(context));
          this.deps.gate?.pass();
          // The checks' reads leave with the write (one round trip) and are answered just before it.
          const checks = outbox?.runChecks();
          checks?.catch(() => undefined);
          record = await this.save(context, outbox);
          await checks?.catch(() => undefined); // unanswered: the handoff guard asks again when it sends
        }
      } catch (error) {
        outbox?.drop();
        await outbox?.release(); // stops holding: the error handler's reply goes straight out
        if (!isETagConflict(error) || attempt >= this.maxAttempts) throw error;
        this.deps.onRetry?.(context);
        for (const state of this.deps.states) await state.load(context, true);
        continue;
      }
      this.crash.reach('after-write', crashText(context));
      const written = this.deps.gate?.pastWrite();
      try {
        if (!record || !outbox) {
          await outbox?.release(); // nothing saved (erasure): its replies go straight out as before
        } else {
          await this.deliver(context, outbox, record);
        }
        // Counted once the write stands (and after the replies, which matter more); a count never fails the turn.
        for (const effect of effects) await effect().catch(() => undefined);
      } finally {
        written?.done();
      }
      return;
    }
  }

  private async deliver(context: TurnContext, outbox: TurnOutbox, record: TurnRecord): Promise<void> {
    const total = record.replies.length;
    let confirmFailure: Error | undefined;
    const delivered = await outbox.release({
      attempts: this.deps.deliveryAttempts ?? 3,
      sent: async (count) => {
        // A lost confirmation only means the reply may be sent once more (with the same id). Without the
        // lease another turn may own the outbox by now: left unconfirmed (see RedisTurnJournal.confirm).
        const confirmed = leaseHeld(context) ? this.journal.confirm(record.conversation, record.activity, count, total) : Promise.resolve();
        if (count < total) {
          await confirmed.catch((error: Error) => (confirmFailure ??= error));
          this.crash.reach('during-delivery', crashText(context));
          return;
        }
        // The last one is not waited for: it leaves with the turn's last commands (the transcript, the
        // lease's release), on the same connection, so Redis applies it before the lease is free.
        confirmed.catch((error: Error) => this.deps.onUndelivered?.(context, error));
      },
    });
    if (!delivered) outbox.undelivered = true;
    if (!delivered || confirmFailure) this.deps.onUndelivered?.(context, confirmFailure);
  }

  private async save(context: TurnContext, outbox: TurnOutbox | undefined): Promise<TurnRecord | undefined> {
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
    const keys = turnKeysOf(context, this.journal);
    let record: TurnRecord | undefined;
    if (keys) {
      const activity = keys.activity ?? randomUUID();
      record = { conversation: keys.conversation, activity, replies: outbox?.stored(activity) ?? [] };
      await this.journal.commit(changes, record);
      if (outbox) outbox.committed = true;
    } else {
      await this.deps.storage.write(changes);
    }
    // The write gave the items new eTags (RedisStorage reports them): keep them for a later save.
    for (const { current, written } of loaded) current.eTag = written.eTag;
    return record;
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
