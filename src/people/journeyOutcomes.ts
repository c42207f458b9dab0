import type { Journey } from '../domain/journey';
import type { PersonRecord } from '../domain/person';
import type { Logger } from '../logger';
import { outcomeFactsOf, type OutcomeRecorder } from '../reporting/outcomeSteps';
import type { JourneyChange, JourneyListener } from './journeys';
import type { JourneyPerson } from './journeyStore';

/**
 * The outcome funnel's steps the journey knows: the intake with a result ("intake", when the journey
 * is created: once per person, as only the first save of a journey wins) and "selected" (the move to
 * selected: once, as it is the end of the journey and a move is saved only on the journey it was
 * judged on). No person goes into the numbers: only the month, the language and the province.
 */
export class JourneyOutcomes implements JourneyListener {
  constructor(
    private readonly outcomes: OutcomeRecorder,
    /** The person's record as last saved (user state); the turn's own record is given where there is one. */
    private readonly recordOf: (person: JourneyPerson) => Promise<PersonRecord | undefined>,
    private readonly logger: Logger,
  ) {}

  async onBegun(person: JourneyPerson, _journey: Journey, record?: PersonRecord): Promise<void> {
    await this.reached('intake', person, record);
  }

  async onChanged({ person, before, after }: JourneyChange): Promise<void> {
    if (after.stage === 'selected' && before.stage !== 'selected') await this.reached('selected', person);
  }

  private async reached(step: 'intake' | 'selected', person: JourneyPerson, record?: PersonRecord) {
    try {
      await this.outcomes.reached(step, outcomeFactsOf(record ?? (await this.recordOf(person))));
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message }, step }, 'could not record an outcome step of the journey');
    }
  }
}
