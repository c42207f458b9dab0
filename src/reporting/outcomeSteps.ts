import type { Language } from '../domain/language';
import type { PersonRecord } from '../domain/person';
import { municipalityByName } from '../domain/municipalities';
import type { Logger } from '../logger';
import type { OutcomeEvents, OutcomeStep, OutcomeStepEvent } from './outcomeEvents';

/** What a step event is made of, as the person's record has it; the event keeps none of it but the month, the language and the province. */
export interface OutcomeFacts {
  /** The person's first message (PersonRecord.startedAt): the cohort and the days since. */
  firstContactAt?: string;
  language?: Language;
  /** The intake's municipality answer, for the province. */
  municipality?: unknown;
}

const DAY_MS = 86_400_000;

/** The facts of a person's record: the first message, the chosen language, the intake's municipality. */
export function outcomeFactsOf(record: PersonRecord | undefined): OutcomeFacts {
  return { firstContactAt: record?.startedAt, language: record?.language, municipality: record?.intake?.answers.municipality };
}

/**
 * The step event for a person reaching `step` at `at`, with no person in it: the cohort is the month of
 * their first message (UTC), the region the province of their municipality, the days whole days since
 * the first message. Without a first message known (a record from before it was kept) the step's own
 * month counts as the cohort; without a language there is no event (the funnel counts per language).
 */
export function outcomeStepEvent(step: OutcomeStep, facts: OutcomeFacts, at: Date): OutcomeStepEvent | undefined {
  if (!facts.language) return undefined;
  const first = facts.firstContactAt && !Number.isNaN(Date.parse(facts.firstContactAt)) ? new Date(facts.firstContactAt) : at;
  const since = Math.max(0, Math.floor((at.getTime() - first.getTime()) / DAY_MS));
  const municipality = typeof facts.municipality === 'string' ? municipalityByName(facts.municipality) : undefined;
  return { step, at: at.toISOString(), cohort: first.toISOString().slice(0, 7), language: facts.language, region: municipality?.province ?? null, daysSinceFirstContact: since };
}

/** Records that a person reached a step of the outcome funnel. Losing one never breaks a conversation or a move. */
export interface OutcomeRecorder {
  /** `at`: when the step was reached, if not now (a partner's step recorded by staff afterwards). */
  reached(step: OutcomeStep, facts: OutcomeFacts, at?: Date): Promise<void>;
}

export class OutcomeSteps implements OutcomeRecorder {
  constructor(
    private readonly events: OutcomeEvents,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async reached(step: OutcomeStep, facts: OutcomeFacts, at: Date = this.now()): Promise<void> {
    const event = outcomeStepEvent(step, facts, at);
    if (!event) {
      this.logger.warn({ step }, 'outcome step not counted: the person has no language');
      return;
    }
    try {
      await this.events.recordStep(event);
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message }, step }, 'could not record an outcome step');
    }
  }
}
