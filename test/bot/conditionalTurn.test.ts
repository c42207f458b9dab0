import { Activity, BotAdapter, ConversationReference, ConversationState, MemoryStorage, MessageFactory, ResourceResponse, Storage, TurnContext } from 'botbuilder';
import type { Redis } from 'ioredis';
import { ConditionalTurn } from '../../src/bot/conditionalTurn';
import { SavedTurnMiddleware } from '../../src/bot/savedTurnMiddleware';
import type { CrashPoints } from '../../src/bot/crashPoints';
import { TurnOutbox } from '../../src/bot/turnOutbox';
import { AfterSaveFunnel } from '../../src/bot/afterSave';
import { ShutdownGate, TurnAbandonedError } from '../../src/bot/shutdownGate';
import { MemoryTurnJournal, turnKey } from '../../src/storage/turnJournal';
import { RedisStorage } from '../../src/storage/redisStorage';
import { connectTestRedis, uniquePrefix, testDigest } from '../support/testRedis';
import { leaseHeld, TurnLockMiddleware } from '../../src/bot/turnLockMiddleware';
import { RedisConversationLocks } from '../../src/storage/redisConversationLocks';
import { waitFor } from '../support/consoleClient';

/** An adapter that keeps what the bot sends, with the turn's outbox installed as the lock middleware does. */
class CapturingAdapter extends BotAdapter {
  readonly sent: string[] = [];
  /** Refuses every send (a channel that is down). */
  failing = false;
  constructor() {
    super();
    this.use(async (context, next) => {
      TurnOutbox.install(context);
      await next();
    });
  }
  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    if (this.failing) throw new Error('CapturingAdapter: the channel refused');
    this.sent.push(...activities.map((a) => a.text ?? ''));
    return activities.map((_, i) => ({ id: `r${this.sent.length + i}` }));
  }
  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(_reference: Partial<ConversationReference>, _logic: (c: TurnContext) => Promise<void>): Promise<void> {}
  turn(text: string, logic: (context: TurnContext) => Promise<void>, channelId = 'test', id?: string) {
    const activity = { type: 'message', text, id, channelId, conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: 'bot' } } as Activity;
    return this.runMiddleware(new TurnContext(this, activity), logic);
  }
}

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe.each<[string, () => Storage]>([
  ['RedisStorage', () => new RedisStorage(redis, { prefix: uniquePrefix(), digest: testDigest })],
  ['MemoryStorage', () => new MemoryStorage()],
])('a turn whose save loses to another turn of the same conversation (a lost lease), on %s', (_name, makeStorage) => {
  /** Two turns that both read the counter before either saves: the classic lost update. */
  async function raceTwoTurns(save: (state: ConversationState, context: TurnContext, body: () => Promise<boolean>) => Promise<void>) {
    const storage = makeStorage();
    const state = new ConversationState(storage);
    const counter = state.createProperty<{ n: number }>('counter');
    const adapter = new CapturingAdapter();
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let arrivedAtGate!: () => void;
    const atGate = new Promise<void>((resolve) => (arrivedAtGate = resolve));
    let firstRunOfA = true;
    const turn = (name: string, waitAtGate: boolean) =>
      adapter.turn(name, (context) =>
        save(state, context, async () => {
          const value = await counter.get(context, { n: 0 });
          value.n += 1;
          await counter.set(context, value);
          await context.sendActivity(`${name} counted ${value.n}`);
          if (waitAtGate && firstRunOfA) {
            firstRunOfA = false;
            arrivedAtGate();
            await gate;
          }
          return true;
        }),
      );
    const a = turn('A', true);
    await atGate; // A has read and is waiting
    await turn('B', false);
    openGate();
    await a;
    const key = `test/conversations/c1/`;
    const stored = (await storage.read([key]))[key] as { counter: { n: number } };
    return { stored: stored.counter.n, sent: adapter.sent };
  }

  it('botbuilder\'s own saveChanges (eTag "*") loses an update', async () => {
    const { stored } = await raceTwoTurns(async (state, context, body) => {
      await body();
      await state.saveChanges(context);
    });
    expect(stored).toBe(1); // B's count was overwritten: what the conditional save prevents
  });

  it('runs the losing turn again on fresh state, keeps both updates, and never sends what the lost run said', async () => {
    let retries = 0;
    const { stored, sent } = await raceTwoTurns((state, context, body) =>
      new ConditionalTurn({ storage: (state as unknown as { storage: Storage }).storage, states: [state], onRetry: () => retries++ }).run(context, body),
    );
    expect(stored).toBe(2);
    expect(retries).toBe(1);
    expect(sent).toEqual(['B counted 1', 'A counted 2']);
  });

  it('counts what a step counted once, though the losing turn ran twice', async () => {
    const counted: string[] = [];
    const funnel = new AfterSaveFunnel({ record: async (step) => void counted.push(step), waited: async () => undefined, rated: async () => undefined });
    await raceTwoTurns((state, context, body) =>
      new ConditionalTurn({ storage: (state as unknown as { storage: Storage }).storage, states: [state] }).run(context, async () => {
        await funnel.record('started', 'nl');
        return body();
      }),
    );
    expect(counted).toEqual(['started', 'started']); // A, B: not three
  });

  it('abandons a turn at its write once the shutdown gate is closed: nothing saved, nothing sent', async () => {
    const storage = makeStorage();
    const state = new ConversationState(storage);
    const counter = state.createProperty<number>('counter');
    const adapter = new CapturingAdapter();
    const gate = new ShutdownGate();
    const turns = new ConditionalTurn({ storage, states: [state], gate });
    gate.close();
    await expect(
      adapter.turn('x', (context) =>
        turns.run(context, async () => {
          await counter.set(context, 1);
          await context.sendActivity('an answer');
          return true;
        }),
      ),
    ).rejects.toBeInstanceOf(TurnAbandonedError);
    expect(gate.abandoned).toBe(1);
    expect(adapter.sent).toEqual([]);
    expect(await storage.read(['test/conversations/c1/'])).toEqual({});
  });

  it('does not fail a saved turn whose replies cannot be sent: they stay in the outbox, reported once', async () => {
    const storage = makeStorage();
    const state = new ConversationState(storage);
    const adapter = new CapturingAdapter();
    adapter.failing = true;
    const undelivered: string[] = [];
    const journal = new MemoryTurnJournal(storage);
    const turns = new ConditionalTurn({ storage, journal, states: [state], deliveryAttempts: 2, onUndelivered: (c) => void undelivered.push(c.activity.text ?? '') });
    await adapter.turn('x', (context) =>
      turns.run(context, async () => {
        await context.sendActivity('first');
        await context.sendActivity('second');
        return true;
      }),
    );
    expect(undelivered).toEqual(['x']);
    const { pending } = await journal.lookup(turnKey('test', 'c1'), 'anything');
    expect(pending?.replies.map((r) => r.activity.text)).toEqual(['first', 'second']);
    expect(pending?.sent).toBe(0);
  });

  it('sends nothing of a turn that failed, and lets the error through', async () => {
    const storage = makeStorage();
    const state = new ConversationState(storage);
    const adapter = new CapturingAdapter();
    const turns = new ConditionalTurn({ storage, states: [state] });
    await expect(
      adapter.turn('x', (context) =>
        turns.run(context, async () => {
          await context.sendActivity('half an answer');
          throw new Error('dialog broke');
        }),
      ),
    ).rejects.toThrow('dialog broke');
    expect(adapter.sent).toEqual([]);
  });
});

describe('a WhatsApp turn whose replies are merged, the process dying between its two messages', () => {
  /** Stands for the process dying: nothing of the turn runs on after it. */
  class Died extends Error {}
  const dieDuringDelivery: CrashPoints = {
    reach: (point) => {
      if (point === 'during-delivery') throw new Died('killed');
    },
  };
  const long = (word: string) => `${word} `.repeat(120).trim(); // two of these do not fit a message with choices

  it('saves the merged messages, confirms the first, and the redelivery sends only the second: none twice, none lost', async () => {
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const journal = new MemoryTurnJournal(storage);
    const body = async (context: TurnContext) => {
      await context.sendActivity(long('eerst'));
      await context.sendActivity(long('dan'));
      await context.sendActivity(MessageFactory.suggestedActions(['Ja', 'Nee'], 'Wil je een mentor?'));
      return true;
    };
    const first = new CapturingAdapter();
    await expect(
      first.turn('23', (context) => new ConditionalTurn({ storage, journal, states: [state], crashPoints: dieDuringDelivery }).run(context, () => body(context)), 'whatsapp', 'wamid.23'),
    ).rejects.toBeInstanceOf(Died);
    expect(first.sent).toEqual([`${long('eerst')}\n\n${long('dan')}`]);

    // A fresh process takes the kept message over: the saved turn is not run again, its unsent message goes out.
    const next = new CapturingAdapter();
    next.use(new SavedTurnMiddleware(journal));
    let ranAgain = false;
    await next.turn('23', async () => void (ranAgain = true), 'whatsapp', 'wamid.23');
    expect(ranAgain).toBe(false);
    expect(next.sent).toEqual(['Wil je een mentor?']);
    expect((await journal.lookup(turnKey('whatsapp', 'c1'), turnKey('whatsapp', 'c1', 'wamid.23'))).pending).toBeUndefined();
  });
});

describe('a turn that lost its lease before its replies went out', () => {
  it('sends them but confirms none: another turn may own the outbox by then, and an unconfirmed reply is only sent again, never lost', async () => {
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const journal = new MemoryTurnJournal(storage);
    const prefix = uniquePrefix();
    const adapter = new CapturingAdapter();
    adapter.use(new TurnLockMiddleware(new RedisConversationLocks(redis, prefix, { ttlMs: 300, waitMs: 1000 }, testDigest)));
    await adapter.turn(
      'x',
      (context) =>
        new ConditionalTurn({ storage, journal, states: [state] }).run(context, async () => {
          await context.sendActivity('first');
          await context.sendActivity('second');
          expect(leaseHeld(context)).toBe(true);
          // The lease is taken from under the turn (it stalled past its TTL, another instance took over).
          for (const key of await redis.keys(`${prefix}lock:*`)) await redis.del(key);
          await waitFor(() => !leaseHeld(context), 'the turn to notice its lease is gone');
          return true;
        }),
      'test',
      'a1',
    );
    expect(adapter.sent).toEqual(['first', 'second']);
    const { handled, pending } = await journal.lookup(turnKey('test', 'c1'), turnKey('test', 'c1', 'a1'));
    expect(handled).toBe(true);
    expect(pending?.replies.map((r) => r.activity.text)).toEqual(['first', 'second']);
    expect(pending?.sent).toBe(0);
  });
});
