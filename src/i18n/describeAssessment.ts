import type { Assessment } from '../domain/eligibility';
import type { RouteLinks } from '../domain/routeLinks';
import type { Language } from './languages';
import type { Translator } from './translator';

export interface AssessmentText {
  /** What the outcome means for the person, then one sentence per flag: the reasons in plain words. */
  reasons: string[];
  nextStep: string;
  /** The routes' names, marked "estimated level" where the level that decided them was an estimate. */
  routes: string[];
  /** For each route, in the same order, a first concrete step. */
  firstSteps: string[];
  /** For each route, in the same order, the line with its web address; undefined where it has none (ROUTE_LINKS). */
  links: Array<string | undefined>;
}

export interface DescribeOptions {
  /** The languages ('dutch', 'english') whose level was estimated from can-do statements, not chosen. */
  estimatedLanguages?: readonly string[];
  /** The routes' web addresses the operator configured. */
  links?: RouteLinks;
}

/** Puts an assessment into the person's language, as the bot and the CLI show it. */
export function describeAssessment(assessment: Assessment, translator: Translator, lng: Language, options: DescribeOptions = {}): AssessmentText {
  const [outcomeReason, ...flagReasons] = assessment.reasons;
  const vars = { ...outcomeReason.vars };
  // The outcome rests on one language's level (outcomeReason.vars.language): an estimate of it makes every route an estimate.
  const estimated = typeof vars.language === 'string' && (options.estimatedLanguages ?? []).includes(vars.language);
  if (typeof vars.language === 'string') vars.language = translator.t(lng, `intake:canDo.languages.${vars.language}`);
  // The flags about Make IT Work speak of it only where it is among the routes (not for an IT degree, an asylum seeker, …).
  const makeItWork = assessment.routes.some((r) => r === 'make-it-work' || r === 'make-it-work-north');
  const shown = flagReasons.filter((r) => makeItWork || (r.code !== 'higher-education' && r.code !== 'region-north'));
  return {
    reasons: [
      translator.t(lng, `eligibility:outcomes.${assessment.outcome}.text`, vars),
      ...shown.map((r) => translator.t(lng, `eligibility:flags.${r.code}`, r.vars)),
    ],
    nextStep: translator.t(lng, `eligibility:outcomes.${assessment.outcome}.next`),
    routes: assessment.routes.map((route) => {
      const name = translator.t(lng, `eligibility:routes.${route}`);
      return estimated ? translator.t(lng, 'eligibility:routeEstimated', { route: name }) : name;
    }),
    firstSteps: assessment.routes.map((route) => translator.t(lng, `eligibility:routeSteps.${route}`)),
    // The address is an inserted value: in Arabic and Persian the translator isolates it like any other.
    links: assessment.routes.map((route) => {
      const url = options.links?.[route];
      return url === undefined ? undefined : translator.t(lng, 'eligibility:routeLink', { url });
    }),
  };
}
