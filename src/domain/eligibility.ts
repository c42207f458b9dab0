import { bestLevel, levelRank, Profile } from './profile';

export const RULES_VERSION = 1;

export const OUTCOMES = ['not-yet', 'not-target-group', 'other-orientation', 'language-first', 'direct-route', 'eligible'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const FLAGS = ['part-time', 'english-below-a2', 'it-education', 'higher-education', 'region-north'] as const;
export type Flag = (typeof FLAGS)[number];

export const ROUTES = [
  'vluchtelingenwerk',
  'general-it-routes',
  'career-orientation',
  'language-course',
  'vit',
  'itph-academy',
  'capgemini-academy',
  'hackyourfuture',
  'motopp',
  'do-good-only',
  'make-it-work',
  'make-it-work-north',
] as const;
export type Route = (typeof ROUTES)[number];

/** Why an outcome or flag applies; each has a translated sentence in locales (eligibility:reasons.<code>). */
export interface Reason {
  code: Outcome | Flag;
  /** Values the sentence mentions, e.g. the best language level or the hours. */
  vars: Record<string, string | number>;
}

export interface Assessment {
  outcome: Outcome;
  flags: Flag[];
  reasons: Reason[];
  routes: Route[];
  rulesVersion: number;
}

const NORTH = new Set(['Groningen', 'Friesland', 'Drenthe']);
const FULL_TIME_HOURS = 32;

/** Programme rules, version 1: the first outcome rule that applies, then every flag that applies, in order. */
export function assessEligibility(profile: Profile): Assessment {
  const best = bestLevel(profile.dutchLevel, profile.englishLevel);
  const outcome = decideOutcome(profile);
  const flags = FLAGS.filter((flag) => flagApplies(flag, profile, outcome));
  // The level is named with its language: "B1" alone does not say whether it is Dutch or English.
  const language = levelRank(profile.englishLevel) > levelRank(profile.dutchLevel) ? 'english' : 'dutch';
  const outcomeVars: Record<string, string | number> =
    outcome === 'language-first' || outcome === 'direct-route' || outcome === 'eligible' ? { level: best, language } : {};
  const partTime = { hours: profile.hoursPerWeek, minimum: FULL_TIME_HOURS, missing: FULL_TIME_HOURS - profile.hoursPerWeek };
  const reasons: Reason[] = [
    { code: outcome, vars: outcomeVars },
    ...flags.map((flag): Reason => ({ code: flag, vars: flag === 'part-time' ? partTime : {} })),
  ];
  return { outcome, flags, reasons, routes: routesFor(outcome, flags), rulesVersion: RULES_VERSION };
}

function decideOutcome(p: Profile): Outcome {
  if (p.residenceStatus === 'asylum-seeker') return 'not-yet';
  if (p.residenceStatus !== 'statushouder') return 'not-target-group';
  if (!p.motivatedForIT) return 'other-orientation';
  const best = levelRank(bestLevel(p.dutchLevel, p.englishLevel));
  if (best < levelRank('A2')) return 'language-first';
  if (best >= levelRank('B2')) return 'direct-route';
  return 'eligible';
}

function flagApplies(flag: Flag, p: Profile, outcome: Outcome): boolean {
  switch (flag) {
    case 'part-time':
      return p.hoursPerWeek < FULL_TIME_HOURS;
    case 'english-below-a2':
      return levelRank(p.englishLevel) < levelRank('A2') && (outcome === 'eligible' || outcome === 'direct-route');
    case 'it-education':
      return p.itEducation;
    case 'higher-education':
      return p.education === 'bachelor' || p.education === 'master-or-higher';
    case 'region-north':
      return p.province !== null && NORTH.has(p.province);
  }
}

const OUTCOME_ROUTES: Record<Outcome, Route[]> = {
  'not-yet': ['vluchtelingenwerk'],
  'not-target-group': ['general-it-routes'],
  'other-orientation': ['career-orientation'],
  'language-first': ['language-course'],
  'direct-route': ['itph-academy', 'capgemini-academy', 'hackyourfuture', 'motopp', 'do-good-only'],
  eligible: ['vit'],
};

function routesFor(outcome: Outcome, flags: Flag[]): Route[] {
  const routes = [...OUTCOME_ROUTES[outcome]];
  // Make IT Work retrains higher-educated people without an IT background; it fits only those ready
  // for an IT trajectory, and not someone whose degree is in IT already.
  if (flags.includes('higher-education') && !flags.includes('it-education') && (outcome === 'eligible' || outcome === 'direct-route')) {
    routes.push(flags.includes('region-north') ? 'make-it-work-north' : 'make-it-work');
  }
  return routes;
}

/**
 * The outcome an unfinished intake already has for certain, whatever the later answers are: a status
 * other than statushouder (rules 1 and 2), or no wish to work in IT (rule 3). Undefined while open.
 */
export function settledOutcome(answers: { residenceStatus?: unknown; motivatedForIT?: unknown }): Outcome | undefined {
  if (answers.residenceStatus === 'asylum-seeker') return 'not-yet';
  if (typeof answers.residenceStatus === 'string' && answers.residenceStatus !== 'statushouder') return 'not-target-group';
  if (answers.residenceStatus === 'statushouder' && answers.motivatedForIT === false) return 'other-orientation';
  return undefined;
}

/** The assessment of an intake stopped early because its outcome was settled: no flags, the outcome's routes. */
export function settledAssessment(outcome: Outcome): Assessment {
  return { outcome, flags: [], reasons: [{ code: outcome, vars: {} }], routes: [...OUTCOME_ROUTES[outcome]], rulesVersion: RULES_VERSION };
}
