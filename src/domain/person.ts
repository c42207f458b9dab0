import type { Language } from './language';
import type { Assessment } from './eligibility';
import type { IntakeAnswers } from './intake';

/** The version of the privacy text a consent refers to; raise it when the consent texts in locales change in substance. */
export const PRIVACY_TEXT_VERSION = '2026-12-03';

export interface ConsentRecord {
  given: boolean;
  at: string;
  language: Language;
  privacyVersion: string;
}

export interface IntakeRecord {
  answers: IntakeAnswers;
  /** Fields whose level was estimated from can-do statements. */
  estimated: string[];
  current?: string;
  startedAt: string;
  updatedAt: string;
  completedAt?: string;
  /** When "welcome back, continue?" was last asked. */
  resumeOfferedAt?: string;
}

export type MentorReason = 'asked' | 'eligibility-follow-up' | 'bot-unsure';

/** Everything the bot keeps about one person (user state); erased as a whole on request. */
export interface PersonRecord {
  /** The first message: counted once as "started" in the numbers. */
  startedAt?: string;
  language?: Language;
  consent?: ConsentRecord;
  intake?: IntakeRecord;
  assessment?: Assessment & { at: string };
  mentorRequests?: Array<{ at: string; reason: MentorReason }>;
  /** Conversation ids this person used, so erasure can find their conversation state. */
  conversations?: string[];
  /** The person agreed to follow-up once (the talent pool): the bot looks up their place in the pool in their turns. */
  talentPool?: boolean;
}

export function hasConsent(person: PersonRecord): boolean {
  return person.consent?.given === true;
}

export function intakeUnfinished(person: PersonRecord): boolean {
  return !!person.intake && !person.intake.completedAt;
}

/** After this long without an answer, a person coming back is asked whether to continue. */
export const RESUME_AFTER_MS = 30 * 60 * 1000;

/**
 * Whether to ask "welcome back — continue?": the intake is unfinished (and consented), and either
 * this conversation has not touched it yet (a new chat in Teams or the Emulator) or the last answer
 * is old (WhatsApp has one endless conversation) — and the question was not asked since that answer.
 */
export function shouldOfferResume(person: PersonRecord, touchedInThisConversation: boolean, now: Date): boolean {
  const intake = person.intake;
  if (!hasConsent(person) || !intake || intake.completedAt) return false;
  if (intake.resumeOfferedAt && intake.resumeOfferedAt >= intake.updatedAt) return false;
  return !touchedInThisConversation || now.getTime() - Date.parse(intake.updatedAt) > RESUME_AFTER_MS;
}
