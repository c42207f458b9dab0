import { MemoryTimedJobs } from '../../src/jobs/timedJobs';
import type { Language } from '../../src/i18n/languages';
import { FakeGraph, whatsAppEnv, WhatsAppPerson } from './fakeGraph';
import { startTestApp } from './testApp';
import { translator } from './chatDriver';

const WEEK = 7 * 86_400_000;

export interface PoolAppOnClock {
  graph: FakeGraph;
  clock: { now: number };
  jobs: MemoryTimedJobs;
  started: Awaited<ReturnType<typeof startTestApp>>;
  /** Moves the clock `weeks` on and runs the timed jobs then due (the check-ins). */
  due(weeks: number): Promise<void>;
  /**
   * A WhatsApp newcomer who greets with `hello`, picks `lng`, agrees and does the intake to
   * `language-first` (see answerLanguageFirstIntake); `last` is what the last answer got back.
   */
  languageFirst(lng: Language, hello: string): Promise<{ person: WhatsAppPerson; userId: string; last: Array<Record<string, any>> }>;
}

/**
 * The intake's answers typed in `lng` to a result of `language-first` (Dutch A1, no English, in
 * Groningen, IT as a hobby, 40 hours): the talent pool's consent question waits after the last one.
 * Returns what the last answer got back.
 */
export async function answerLanguageFirstIntake(person: WhatsAppPerson, lng: Language): Promise<Array<Record<string, any>>> {
  const t = (key: string) => translator().t(lng, key);
  let last: Array<Record<string, any>> = [];
  for (const answer of ['Amina', t('intake:fields.residenceStatus.options.statushouder'), 'Groningen', 'A1', t('intake:levels.none'), t('intake:fields.education.options.secondary'), t('common:buttons.no'), t('intake:fields.itExperience.options.hobby'), t('common:buttons.yes'), t('common:buttons.skip'), '40']) {
    last = await person.say(answer);
  }
  return last;
}

/**
 * For a describe block: the real app (memory mode) with WhatsApp newcomers over signed webhooks and a
 * fake Graph API, a check-in every 8 weeks; the timed jobs are the memory ones and the pool's clock is
 * theirs, a clock the test moves (no timers). Started before each test and stopped after it; the
 * fields are set from the first beforeEach on.
 */
export function poolAppOnClock(): PoolAppOnClock {
  const world = {
    due: async (weeks: number) => {
      world.clock.now += weeks * WEEK;
      await world.jobs.runDue();
    },
    languageFirst: async (lng: Language, hello: string) => {
      const t = (key: string) => translator().t(lng, key);
      const person = new WhatsAppPerson(world.started.url, world.graph);
      await person.say(hello);
      await person.tap(t(`language:names.${lng}`));
      await person.tap(t('consent:agree'));
      await person.tap(t('common:menu.intake'));
      const last = await answerLanguageFirstIntake(person, lng);
      return { person, userId: `NL.${person.phone}`, last };
    },
  } as PoolAppOnClock;
  beforeEach(async () => {
    world.graph = await new FakeGraph().start();
    world.clock = { now: Date.now() };
    world.jobs = new MemoryTimedJobs({ now: () => new Date(world.clock.now) });
    // The pool's clock is the jobs' clock: a check-in planned 8 weeks on is due when the test says so.
    world.started = await startTestApp({ ...whatsAppEnv(world.graph), FOLLOWUP_WEEKS: '8' }, { timedJobs: world.jobs, poolClock: () => new Date(world.clock.now) });
  });
  afterEach(async () => {
    await world.started?.stop();
    await world.graph?.stop();
  });
  return world;
}
