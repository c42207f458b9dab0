/** The FAQ topics, with the stable ids other tools rely on (brief: "FAQ topics"). */
export const FAQ_TOPICS = [
  'what-is-vit',
  'who-can-join',
  'language-requirements',
  'no-it-background',
  'selection-steps',
  'mentors',
  'steps-to-job',
  'costs',
  'benefits',
  'partners',
  'make-it-work-north',
  'diploma-recognition',
  'it-jobs',
  'hours-and-contract',
  'improve-language',
  'government-traineeships',
  'bbl-learn-work',
  'application-tips',
  'work-culture',
  'privacy',
  'apply',
  // Version 2: the questions about daily life around the programme that newcomers ask most.
  'pay-during-training',
  'equipment',
  'travel-costs',
  'childcare-family',
  'age',
  'duration',
  'failing-and-retry',
  'training-language',
  'location-and-online',
  'schedule-and-inburgering',
  'salary-after',
  'other-help',
] as const;

export type FaqTopic = (typeof FAQ_TOPICS)[number];

export function isFaqTopic(value: unknown): value is FaqTopic {
  return typeof value === 'string' && (FAQ_TOPICS as readonly string[]).includes(value);
}

/** What the person is most likely to want next after an answer, offered as a button. */
export type FollowUp = 'intake' | 'mentor';

export const FOLLOW_UPS: Partial<Record<FaqTopic, FollowUp[]>> = {
  'what-is-vit': ['intake'],
  'who-can-join': ['intake'],
  'language-requirements': ['intake'],
  'selection-steps': ['intake'],
  'steps-to-job': ['intake'],
  apply: ['intake'],
  mentors: ['mentor'],
  'no-it-background': ['intake'],
  age: ['intake'],
  'failing-and-retry': ['intake'],
};

/**
 * Topics whose answer depends on the partner or the municipality: the answer says so, and the
 * mentor button comes with it wherever it is given (also at the menu or in the middle of the intake),
 * because an honest "ask a mentor" beats a confident answer that is wrong for this person.
 */
export const ANSWER_DEPENDS: ReadonlySet<FaqTopic> = new Set<FaqTopic>([
  'benefits',
  'pay-during-training',
  'equipment',
  'travel-costs',
  'childcare-family',
  'duration',
  'location-and-online',
  'schedule-and-inburgering',
  'salary-after',
]);
