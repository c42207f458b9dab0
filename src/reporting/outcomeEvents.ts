import type { Language } from '../domain/language';

/**
 * The outcome funnel funders ask for, in the order a person goes through it: first contact, the intake
 * with a result, selected for VIT, referred to a partner, the partner's training started, a work
 * contract signed.
 */
export const OUTCOME_STEPS = ['started', 'intake', 'selected', 'referred', 'training-started', 'contract-signed'] as const;
export type OutcomeStep = (typeof OUTCOME_STEPS)[number];

/**
 * One person reaching one step, with no person in it: the numbers outlive the person's erasure.
 * Each caller records a step once per person (the store that knows the step knows whether it was
 * reached before: the journey, the referral).
 */
export interface OutcomeStepEvent {
  step: OutcomeStep;
  /** When the step was reached (ISO 8601). */
  at: string;
  /** The cohort: the month of the person's first contact, `YYYY-MM` (UTC). */
  cohort: string;
  language: Language;
  /** The province from the intake's municipality (domain/municipalities), or null when not known. */
  region: string | null;
  /** Whole days from the first contact to this step. */
  daysSinceFirstContact: number;
}

/** A change in the talent pool, with no person in it: someone joined or left it, or a level changed at a follow-up. */
export interface PoolEvent {
  kind: 'joined' | 'left' | 'level-changed';
  /** ISO 8601. */
  at: string;
  language: Language;
  region: string | null;
  /** For level-changed: the CEFR level before and after (e.g. 'A2' → 'B1'), per language tested. */
  dutch?: { from: string | null; to: string | null };
  english?: { from: string | null; to: string | null };
}

/**
 * Where the outcome funnel and the pool's movement are counted (memory here; Redis beside it).
 * Port: the talent pool, the partner referrals and the journey record into it; the console reads it.
 */
export interface OutcomeEvents {
  recordStep(event: OutcomeStepEvent): Promise<void>;
  recordPool(event: PoolEvent): Promise<void>;
  /** Step events reached from `fromDay` to `toDay` (UTC dates, inclusive), oldest first. */
  steps(fromDay: string, toDay: string): Promise<OutcomeStepEvent[]>;
  /** Pool events from `fromDay` to `toDay` (UTC dates, inclusive), oldest first. */
  pool(fromDay: string, toDay: string): Promise<PoolEvent[]>;
}

const inDays = (at: string, fromDay: string, toDay: string) => at.slice(0, 10) >= fromDay && at.slice(0, 10) <= toDay;

/** In memory: one process, lost on restart (for trying the bot out and for tests). */
export class MemoryOutcomeEvents implements OutcomeEvents {
  private readonly stepEvents: OutcomeStepEvent[] = [];
  private readonly poolEvents: PoolEvent[] = [];

  async recordStep(event: OutcomeStepEvent): Promise<void> {
    this.stepEvents.push({ ...event });
  }

  async recordPool(event: PoolEvent): Promise<void> {
    this.poolEvents.push({ ...event });
  }

  async steps(fromDay: string, toDay: string): Promise<OutcomeStepEvent[]> {
    return this.stepEvents.filter((e) => inDays(e.at, fromDay, toDay)).sort((a, b) => a.at.localeCompare(b.at));
  }

  async pool(fromDay: string, toDay: string): Promise<PoolEvent[]> {
    return this.poolEvents.filter((e) => inDays(e.at, fromDay, toDay)).sort((a, b) => a.at.localeCompare(b.at));
  }
}
