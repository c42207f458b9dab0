import type { TurnContext } from 'botbuilder';

/**
 * The points of a turn where a process may die with lasting effects: before the turn's one write,
 * after it and before any reply went out, between two replies, after the replies and before the
 * WhatsApp inbox entry is acknowledged. Tests kill the process exactly there (see crashPointsFromEnv).
 */
export type CrashPoint = 'before-write' | 'after-write' | 'during-delivery' | 'before-inbox-ack' | 'reminder-taken' | 'reminder-sent';

/** The reminder points name a reminder's id instead of an incoming text: after its job was taken, after it went out. */
export const CRASH_POINTS: readonly CrashPoint[] = ['before-write', 'after-write', 'during-delivery', 'before-inbox-ack', 'reminder-taken', 'reminder-sent'];

export interface CrashPoints {
  /** The turn of `text` (the incoming message) has reached `point`. */
  reach(point: CrashPoint, text: string | undefined): void;
}

export const NO_CRASH_POINTS: CrashPoints = { reach: () => undefined };

/** The incoming text of a turn, as crash points name it. */
export function crashText(context: TurnContext): string | undefined {
  return context.activity.text;
}

/**
 * Test-only: with NODE_ENV=test, VIT_TEST_CRASH_AT=<point> and VIT_TEST_CRASH_ON=<incoming text>,
 * the process kills itself (SIGKILL: no handler, no flush, as a dying machine) when the turn of that
 * text reaches that point, so a test can stop it at an exact point instead of guessing a moment.
 * Ignored entirely outside tests.
 */
export function crashPointsFromEnv(env: NodeJS.ProcessEnv): CrashPoints {
  const point = env.VIT_TEST_CRASH_AT as CrashPoint | undefined;
  const text = env.VIT_TEST_CRASH_ON;
  if (env.NODE_ENV !== 'test' || !point || !CRASH_POINTS.includes(point) || text === undefined) return NO_CRASH_POINTS;
  return {
    reach: (reached, turnText) => {
      if (reached === point && turnText === text) process.kill(process.pid, 'SIGKILL');
    },
  };
}
