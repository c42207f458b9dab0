import { Journey, JourneyActor, JourneyRefusal, JourneyRules, JourneyStage, motivationGiven, move, MoveResult, startJourney } from '../domain/journey';
import type { ConversationRef } from '../domain/handoff';
import { reviewHomework, submitHomework, type HomeworkReview, type HomeworkVerdict, type SubmissionProblem } from '../domain/homework';
import type { PersonDataHolder } from '../domain/personData';
import type { PersonRecord } from '../domain/person';
import type { JourneyPerson, JourneyStore } from './journeyStore';

/** A move that could not be made: refused by the table, or the person has no journey (yet, or any more). */
export type JourneyMoveOutcome = { ok: true; journey: Journey } | { ok: false; refusal: JourneyRefusal } | { ok: false; missing: true };

/** A saved change of a journey (a move, the homework handed in, a review), for whoever listens (the homework's reminders). */
export interface JourneyChange {
  person: JourneyPerson;
  before: Journey;
  after: Journey;
  now: Date;
}

/** Told after each saved change; a listener's failure is logged, never the move's. */
export interface JourneyListener {
  /** The person's journey was created (once per person: only the first save of a journey wins); `record` is the turn's record of them, where there is one. */
  onBegun?(person: JourneyPerson, journey: Journey, record?: PersonRecord): Promise<void> | void;
  onChanged?(change: JourneyChange): Promise<void> | void;
}

/** Tries of a move that lost its save to another move made at the same moment. */
const TRIES = 3;

/**
 * The journeys over their store: start one when the intake has a result, move people by the table
 * (bot, mentor, staff), keep it as long as the person's state, erase it with them.
 */
export class Journeys {
  readonly holder: PersonDataHolder;
  private readonly listeners: Array<{ listener: JourneyListener; onError: (error: unknown) => void }> = [];

  constructor(
    readonly store: JourneyStore,
    readonly rules: JourneyRules,
  ) {
    this.holder = { erase: (p) => this.store.erase(p) };
  }

  /** Connects a listener to every saved change (after the save; its failure goes to `onError`). */
  listen(listener: JourneyListener, onError: (error: unknown) => void): void {
    this.listeners.push({ listener, onError });
  }

  private async tell(call: (listener: JourneyListener) => Promise<void> | void): Promise<void> {
    for (const { listener, onError } of this.listeners) {
      try {
        await call(listener);
      } catch (error) {
        onError(error);
      }
    }
  }

  of(person: JourneyPerson): Promise<Journey | undefined> {
    return this.store.get(person);
  }

  /**
   * The intake finished with a result: the journey starts at intake-done, and the bot moves on to
   * motivation when the intake's motivation is the selection's first step (see motivationGiven). A
   * person who has a journey keeps it as it is (a second intake, a turn run again): safe to repeat.
   * `record` is the person's record as the turn has it (for the numbers: language, first message, municipality).
   */
  async begin(person: JourneyPerson, outcome: string, motivation: unknown, now: Date, record?: PersonRecord): Promise<Journey> {
    for (let i = 0; i < TRIES; i++) {
      const existing = await this.store.get(person);
      if (existing) return existing;
      let journey = startJourney(now);
      if (motivationGiven(outcome, motivation)) {
        const moved = move(journey, 'motivation', { kind: 'bot' }, 'intake-motivation', now);
        if (moved.ok) journey = moved.journey;
      }
      if (await this.store.save(person, journey, 0, now)) {
        await this.tell((l) => l.onBegun?.(person, journey, record));
        return journey;
      }
    }
    return (await this.store.get(person))!;
  }

  /**
   * Moves the person when the table allows it for this actor; two moves at once: the second is judged
   * on the first's result. `then` adds to the moved journey in the same write (the homework's dates).
   */
  moveTo(person: JourneyPerson, to: JourneyStage, actor: JourneyActor, reason: string, now: Date, then?: (moved: Journey) => Journey): Promise<JourneyMoveOutcome> {
    return this.apply<never>(person, now, (current) => {
      const result = move(current, to, actor, reason, now);
      return result.ok && then ? { ok: true, journey: then(result.journey) } : result;
    });
  }

  /** The person handed in their homework in the chat: the bot moves them to homework-submitted with it. */
  submitHomework(person: JourneyPerson, text: string, now: Date): Promise<JourneyMoveOutcome | { ok: false; problem: SubmissionProblem }> {
    return this.apply(person, now, (current) => submitHomework(current, text, now));
  }

  /** A mentor's review: passed (on to homework-reviewed) or try again (back to homework-given, `days` more). */
  reviewHomework(person: JourneyPerson, verdict: HomeworkVerdict, note: string, actor: JourneyActor, days: number, now: Date, translated?: HomeworkReview['translated']): Promise<JourneyMoveOutcome> {
    return this.apply<never>(person, now, (current) => reviewHomework(current, verdict, note, actor, now, days, translated));
  }

  /** Reads, changes and saves the journey, again when another write came first (the change is judged on that write's result). */
  private async apply<R extends { ok: false } = never>(person: JourneyPerson, now: Date, change: (current: Journey) => MoveResult | R): Promise<JourneyMoveOutcome | R> {
    for (let i = 0; i < TRIES; i++) {
      const current = await this.store.get(person);
      if (!current) return { ok: false, missing: true };
      const result = change(current);
      if (!result.ok) return result;
      if (await this.store.save(person, result.journey, current.moves.length, now)) {
        await this.tell((l) => l.onChanged?.({ person, before: current, after: result.journey, now }));
        return result;
      }
    }
    throw new Error(`Journeys: the journey kept changing during ${TRIES} tries`);
  }

  /** The conversation the person last wrote in (for the homework, a review, the decision). */
  reach(person: JourneyPerson): Promise<ConversationRef | undefined> {
    return this.store.reach(person);
  }

  touch(person: JourneyPerson, now: Date, ref?: ConversationRef): Promise<void> {
    return this.store.touch(person, now, ref);
  }
}
