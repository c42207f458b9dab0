import type { Assessment } from '../domain/eligibility';
import type { Language } from './languages';
import type { Translator } from './translator';

export interface AssessmentText {
  /** What the outcome means for the person, then one sentence per flag: the reasons in plain words. */
  reasons: string[];
  nextStep: string;
  routes: string[];
}

/** Puts an assessment into the person's language, as the bot and the CLI show it. */
export function describeAssessment(assessment: Assessment, translator: Translator, lng: Language): AssessmentText {
  const [outcomeReason, ...flagReasons] = assessment.reasons;
  return {
    reasons: [
      translator.t(lng, `eligibility:outcomes.${assessment.outcome}.text`, outcomeReason.vars),
      ...flagReasons.map((r) => translator.t(lng, `eligibility:flags.${r.code}`, r.vars)),
    ],
    nextStep: translator.t(lng, `eligibility:outcomes.${assessment.outcome}.next`),
    routes: assessment.routes.map((route) => translator.t(lng, `eligibility:routes.${route}`)),
  };
}
