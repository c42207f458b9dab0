import type { ConversationRef } from '../src/domain/handoff';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Translator } from '../src/i18n/translator';
import { Language, languageFromLocale } from '../src/i18n/languages';
import type { MentorReason, PersonRecord } from '../src/domain/person';
import type { Lexicon } from './lexicon';
import type { Recognizer } from '../src/nlu/recognizer';
import type { FunnelRecorder } from '../src/reporting/funnel';
import type { OutcomeRecorder } from '../src/reporting/outcomeSteps';
import type { FaqTopic } from '../src/domain/faqTopics';
import type { RouteLinks } from '../src/domain/routeLinks';
import type { Journey, JourneyRules } from '../src/domain/journey';
import type { Slot, SlotKind, SlotSeeker } from '../src/domain/mentorSlots';
import type { SubmissionProblem } from '../src/domain/homework';
import type { LevelCheck, PoolMember, PoolReason, PoolSnapshot } from '../src/domain/talentPool';

/** Conversation-scoped flags (conversation state), not about the person. */
export interface SessionState {
  /** The intake was worked on, or its resumption offered, in this conversation. */
  intakeTouched?: boolean;
  /** The can-do statements answered so far for a level: a language change or "back" keeps them. */
  canDo?: { field: string; answers: boolean[] };
  /** The bot's last reply said it was not sure: a mentor asked for right after is asked for that reason. */
  botUnsure?: boolean;
  /** The language the first messages were written in, before a language was chosen: greet in it. */
  seenLanguage?: Language;
  /** A second language those messages may be in ("سلام": Arabic or Persian): greeted in too, offered second. */
  seenAlso?: Language;
  /**
   * A yes/no question the bot asked instead of acting on a message that could mean two things (a
   * language's name where it could be the answer, a long message that reads as a command); `text` is
   * that message, taken as the answer after a "no".
   */
  offer?: { kind: 'language'; language: Language; text: string } | { kind: 'command'; command: string; text: string } | { kind: 'homework'; text: string };
  /** The last answer given at the menu or in the intake, which its helpful / not helpful buttons are about. */
  faqAnswered?: { topic: FaqTopic; text: string; confidence: number };
}

/** Marks the person for erasure at the end of the turn (after the dialogs have finished writing). */
export interface ErasureRequest {
  request(context: TurnContext): void;
}

/** What asking for a mentor did: the person is in line (or already talking with a mentor). */
export interface MentorRequestResult {
  created: boolean;
  active: boolean;
  place?: number;
  /** When mentors are back, in the person's words, when they are not around now. */
  backAt?: string;
}

/** Puts the person of this turn in the mentor queue. */
export interface MentorRequester {
  request(context: TurnContext, reason: MentorReason): Promise<MentorRequestResult>;
}

/**
 * The two retention periods the privacy texts name, as their {{variables}}: the answers (state, kept
 * until this many days after the last message) and the chat (each message kept this many days).
 */
export type RetentionDays = { answerDays: number; chatDays: number };

/** A question the FAQ could not answer well, for staff to look at. */
export interface QuestionForStaff {
  text: string;
  lng: Language;
  /** The bot was not sure, or the person marked the answer not helpful. */
  reason: 'unsure' | 'notHelpful';
  /** The recognizer's best guess (topic, command or "none") and its confidence. */
  guess: string | null;
  confidence: number;
}

/** Keeps such questions without the person attached (and only when they consented to their chat being kept). */
export interface UnansweredRecorder {
  record(context: TurnContext, question: QuestionForStaff): Promise<void>;
}

/** Each person's selection journey, as the dialogs use it: started at the intake's result, read for "where am I?". */
export interface JourneyKeeper {
  rules: JourneyRules;
  of(person: { channelId: string; userId: string }): Promise<Journey | undefined>;
  /** Starts the journey when the person has none (safe to repeat: a turn may run again). */
  begin(person: { channelId: string; userId: string }, outcome: string, motivation: unknown, now: Date, record?: PersonRecord): Promise<Journey>;
  /** The person handed in their homework: moved to homework-submitted with it, or why not. */
  submitHomework?(person: { channelId: string; userId: string }, text: string, now: Date): Promise<{ ok: true } | { ok: false; problem?: SubmissionProblem }>;
}

/** The person's answer to "may VIT share your summary with <partner>?": undefined when no question waits. */
export interface PartnerConsentKeeper {
  answer(person: { channelId: string; userId: string }, answer: 'yes' | 'no', now: Date, message?: string): Promise<{ partnerName: string } | undefined>;
  /** The question that waits for the person's yes or no, with the partner's name. */
  pending(person: { channelId: string; userId: string }, now: Date): Promise<{ ask: { partner: string }; partnerName: string } | undefined>;
  /** The partners (PARTNERS): their ids and names. */
  readonly partners: readonly { id: string; name: string }[];
}

/** A person on a channel, as the mentor talk's bookings name them. */
type ChatPerson = { channelId: string; userId: string };

/** The mentor talk (and the intake interview, `kind`) as the dialogs use it: slots that fit, booking one (atomic), cancelling it. */
export interface TalkBooker {
  offer(seeker: SlotSeeker, now: Date, limit: number, kind?: SlotKind): Promise<Slot[]>;
  upcomingOf(person: ChatPerson, now: Date, kind?: SlotKind): Promise<Slot | undefined>;
  book(
    slotId: string,
    booking: { person: ChatPerson; conversation: ConversationRef; language: Language; bookedAt: string },
    now: Date,
  ): Promise<{ ok: true; slot: Slot } | { ok: false; reason: 'taken' | 'gone' | 'past' | 'has-booking' }>;
  cancelByPerson(person: ChatPerson, now: Date, kind?: SlotKind): Promise<Slot | undefined>;
}

/** What every dialog is built from; the composition root provides it. */
export interface DialogDeps {
  translator: Translator;
  lexicon: Lexicon;
  /** Recognizes free-text questions (FAQ topics) and commands said in other words. */
  recognizer: Recognizer;
  person: StatePropertyAccessor<PersonRecord>;
  session: StatePropertyAccessor<SessionState>;
  erasure: ErasureRequest;
  mentors: MentorRequester;
  /** Counts the steps people take, for the numbers staff report (no person in them). */
  funnel: FunnelRecorder;
  /** The outcome funnel's steps (no person in them); the dialogs count the first one, "started". */
  outcomes?: OutcomeRecorder;
  /** Questions the FAQ was unsure of, or whose answer was not helpful; none kept when absent. */
  unanswered?: UnansweredRecorder;
  defaultLanguage: Language;
  /** How long personal data is kept; told in the privacy texts. */
  retention: RetentionDays;
  /** Who is responsible for the data and where to ask about it, named in the full privacy text when configured. */
  privacy?: { controller: string; contact: string };
  /** The routes' web addresses (ROUTE_LINKS), shown in the result; a route without one is reached through a mentor. */
  routeLinks?: RouteLinks;
  /** The selection journeys; without, no journey starts and "where am I?" knows none. */
  journeys?: JourneyKeeper;
  /** "stop reminders" / "start reminders"; without, the words are not commands. */
  reminders?: ReminderSwitch;
  /** The mentor talk's slots; without, the bot offers no talk to book. */
  talks?: TalkBooker;
  /** The question about sharing a summary with a partner, asked from the console; without, a yes or no is never its answer. */
  partners?: PartnerConsentKeeper;
  /** The talent pool (consent to follow-up, check-ins); without, nobody is asked. */
  pool?: PoolKeeper;
  now: () => Date;
}

/** The talent pool as the dialogs use it: the consent question and its answer, "stop follow-ups", the check-in. */
export interface PoolKeeper {
  /** FOLLOWUP_WEEKS, told in the texts. */
  weeks: number;
  of(person: ChatPerson): Promise<PoolMember | undefined>;
  ask(person: ChatPerson, contact: { conversation: ConversationRef; language: Language }, reason: PoolReason, snapshot: PoolSnapshot): Promise<boolean>;
  /** The person asked for follow-ups themselves: 'ask' when the consent question now waits for their answer. */
  request(person: ChatPerson, contact: { conversation: ConversationRef; language: Language }, reason: PoolReason, snapshot: PoolSnapshot): Promise<'ask' | 'already'>;
  answer(person: ChatPerson, contact: { conversation: ConversationRef; language: Language }, given: boolean): Promise<boolean>;
  withdraw(person: ChatPerson): Promise<boolean>;
  /** The person answered a check-in. */
  replied(person: ChatPerson): Promise<void>;
  checkedIn(person: ChatPerson, contact: { conversation: ConversationRef; language: Language }, check: Omit<LevelCheck, 'at'>, firstName: string | null): Promise<{ ready: boolean } | undefined>;
}

/** The person's choice to get reminders or not, kept with how to reach them (their conversation, their language). */
export interface ReminderSwitch {
  setStopped(person: { channelId: string; userId: string; conversation: ConversationRef; language: Language }, stopped: boolean): Promise<void>;
}

/** The person's language (chosen, else the one their messages are in, else the channel's locale, else the default) and a `t` bound to it. */
export async function speak(deps: DialogDeps, context: TurnContext) {
  const person = await deps.person.get(context, {});
  const seen = person.language ? undefined : (await deps.session.get(context, {})).seenLanguage;
  const lng: Language = person.language ?? seen ?? languageFromLocale(context.activity.locale) ?? deps.defaultLanguage;
  const t = (key: string, vars?: Record<string, unknown>) => deps.translator.t(lng, key, vars);
  return { lng, t, person };
}
