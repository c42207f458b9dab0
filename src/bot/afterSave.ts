import { AsyncLocalStorage } from 'node:async_hooks';
import type { FunnelRecorder } from '../reporting/funnel';
import type { OutcomeRecorder } from '../reporting/outcomeSteps';

type Effect = () => Promise<void>;

/** The effects deferred by the turn now running (ConditionalTurn collects them per run). */
const deferred = new AsyncLocalStorage<Effect[]>();

/**
 * Runs one attempt of a turn and collects the effects its steps deferred: they are to happen only
 * once the attempt's write succeeded (an attempt that loses its save is run again and would count twice).
 */
export async function collectDeferred<T>(body: () => Promise<T>): Promise<{ value: T; effects: Effect[] }> {
  const effects: Effect[] = [];
  const value = await deferred.run(effects, body);
  return { value, effects };
}

/** Inside a turn: kept until the turn's write succeeded (and dropped if it never does); outside one: done now. */
export async function deferUntilSaved(effect: Effect): Promise<void> {
  const effects = deferred.getStore();
  if (effects) effects.push(effect);
  else await effect();
}

/**
 * The funnel as the dialog steps see it: a step's count happens after the turn's write, so a turn run
 * again after a lost save, or a saved turn delivered again, counts once. A process that dies between
 * the write and the count loses that one count: a count is at most once, never twice.
 */
export class AfterSaveFunnel implements FunnelRecorder {
  constructor(private readonly funnel: FunnelRecorder) {}

  record(...args: Parameters<FunnelRecorder['record']>) {
    return deferUntilSaved(() => this.funnel.record(...args));
  }

  waited(...args: Parameters<FunnelRecorder['waited']>) {
    return deferUntilSaved(() => this.funnel.waited(...args));
  }

  rated(...args: Parameters<FunnelRecorder['rated']>) {
    return deferUntilSaved(() => this.funnel.rated(...args));
  }
}

/** The outcome funnel's steps as the dialog steps see them: counted once the turn's write succeeded (as AfterSaveFunnel). */
export class AfterSaveOutcomes implements OutcomeRecorder {
  constructor(private readonly outcomes: OutcomeRecorder) {}

  reached(...args: Parameters<OutcomeRecorder['reached']>) {
    return deferUntilSaved(() => this.outcomes.reached(...args));
  }
}
