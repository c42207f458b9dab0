import { z } from 'zod';
import { CLOSE_OUTCOMES, type CloseOutcome, type HandoffDelivery, type HandoffStatus, type TranslatedFrom } from '../domain/handoff';
import { SUPPORTED_LANGUAGES, type Language } from '../domain/language';
import type { ConsentRecord, MentorReason } from '../domain/person';
import type { Assessment } from '../domain/eligibility';
import type { OutcomeFunnel, PoolQuarter } from '../reporting/outcomeFunnel';
import type { IntakeAnswers } from '../domain/intake';
import { JOURNEY_STAGES, MAX_REASON_LENGTH, type Journey, type JourneyOverdue, type JourneyRefusalCode, type JourneyStage, type JourneyActorKind } from '../domain/journey';
import { MENTOR_STATUSES, MAX_CAPACITY, type MentorStatus } from '../domain/mentorStatus';
import { CANNED_TEXT_MAX, CANNED_TITLE_MAX, type CannedReply } from '../domain/cannedReply';

export type { CannedReply } from '../domain/cannedReply';
export type { MentorStatus } from '../domain/mentorStatus';
import { PRIVATE_NOTE_MAX_LENGTH, type FollowUpState } from '../domain/followUp';
import { MAX_LINK_LENGTH, MAX_SLOT_MINUTES, MAX_WEEKS, MIN_SLOT_MINUTES, type SlotProblem } from '../domain/mentorSlots';
import { MAX_HOMEWORK_DAYS, MAX_HOMEWORK_LINK, MAX_HOMEWORK_TEXT, MAX_REVIEW_NOTE, type HomeworkDefinition } from '../domain/homework';
import type { FunnelRow } from '../reporting/funnelReport';

/*
 * The console's JSON API as both sides see it: the server routes parse request bodies with these zod
 * schemas and build their answers as these types; the browser modules (src/console/public/js, checked
 * with // @ts-check) name the same types in JSDoc: @type {import('../../consoleApi').HandoffList}.
 * Only the domain is imported here, so the browser's type check needs nothing of Node.
 */

// --- requests ------------------------------------------------------------------

export const LoginRequest = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });
export type LoginRequest = z.infer<typeof LoginRequest>;

/** `followUp`: the day to get back to the person (YYYY-MM-DD), with the outcome "follow-up" only; checked against today at the route. */
export const CloseRequest = z.object({ outcome: z.enum(CLOSE_OUTCOMES), note: z.string().max(2000).optional(), followUp: z.string().max(10).optional() });
export type CloseRequest = z.infer<typeof CloseRequest>;

export const MessageRequest = z.object({ text: z.string().max(4000).refine((text) => text.trim().length > 0) });
export type MessageRequest = z.infer<typeof MessageRequest>;

/** POST /handoffs/:id/read: the mentor has seen the first `count` messages of the conversation. */
export const ReadRequest = z.object({ count: z.number().int().min(0).max(100_000) });
export type ReadRequest = z.infer<typeof ReadRequest>;

export const EraseRequest = z.object({ confirm: z.literal(true), confirmActive: z.boolean().optional() });
export type EraseRequest = z.infer<typeof EraseRequest>;

/** POST …/journey/moves: a stage of the table and why (an empty reason reaches the rules, which refuse it with their own message). */
export const JourneyMoveRequest = z.object({ to: z.enum(JOURNEY_STAGES), reason: z.string().max(MAX_REASON_LENGTH) });
export type JourneyMoveRequest = z.infer<typeof JourneyMoveRequest>;

/** GET /journeys: the board's filters, each optional and bounded. */
export const JourneyBoardQuery = z.object({
  language: z.string().max(5).optional(),
  province: z.string().max(40).optional(),
  track: z.string().max(40).optional(),
  mentor: z.string().max(100).optional(),
});
export type JourneyBoardQuery = z.infer<typeof JourneyBoardQuery>;

/** POST /handoffs/:id/notes: a private note, never sent to the person. */
export const NoteRequest = z.object({ text: z.string().max(PRIVATE_NOTE_MAX_LENGTH).refine((text) => text.trim().length > 0) });
export type NoteRequest = z.infer<typeof NoteRequest>;

// --- answers -------------------------------------------------------------------

export type ConsoleRole = 'mentor' | 'staff' | 'admin';

/** A console account as the browser sees it (never the password hash). */
export interface PublicUser {
  id: string;
  username: string;
  firstName: string;
  role: ConsoleRole;
  languages: Language[];
}

/** GET /me and POST /login. */
export interface SessionResponse {
  user: PublicUser;
  csrfToken: string;
  /** POST /login: the password was right, and a second factor is still to be given or set up first. */
  stage?: 'second-factor' | 'enrol';
}

/** GET /login-options: the ways to sign in besides a password (Microsoft when configured). */
export interface LoginOptionsResponse {
  microsoft: boolean;
}

/** The query of GET /console/auth/oidc/callback as the OpenID provider sends it, each part bounded. */
export const OidcCallbackQuery = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1).max(200),
  error: z.string().max(100).optional(),
  error_description: z.string().max(2000).optional(),
  session_state: z.string().max(200).optional(),
  iss: z.string().max(500).optional(),
});

/** GET /texts?lang=: the console's texts in one language. */
export interface TextsResponse {
  lang: Language;
  dir: 'ltr' | 'rtl';
  languages: readonly Language[];
  texts: Record<string, unknown>;
}

/** A handoff as the lists show it: no user id (it may be a phone number). */
export interface HandoffSummary {
  id: string;
  firstName?: string;
  /** A short stable name for a person who gave no first name ("4F2"), from a keyed digest of who they are. */
  pseudonym?: string;
  language: Language;
  reason: MentorReason;
  outcome?: string;
  status: HandoffStatus;
  createdAt: string;
  claimedAt?: string;
  closedAt?: string;
  mentor?: { id: string; firstName: string };
  messageCount: number;
  speaksLanguage: boolean;
  /** For the mentor talking: the person's messages they have not seen yet (their conversations only). */
  unread?: number;
  /** When the person spoke last: since when they wait for an answer (their first message since the mentor's last). */
  needsReplySince?: string;
  /** While waiting: when the wait passes HANDOFF_MAX_WAIT_MINUTES (the console alerts and highlights then). */
  waitLimitAt?: string;
}

/** GET /handoffs: who waits (the mentor's languages first) and the conversations going on (a mentor's own). */
export interface HandoffList {
  waiting: HandoffSummary[];
  active: HandoffSummary[];
}

/** One line of a conversation: the bot conversation before the handoff (from the transcript), then the handoff's messages. */
export interface TimelineEntry {
  at: string;
  from: 'person' | 'bot' | 'mentor';
  text: string;
  mentorName?: string;
  kind?: 'text' | 'attachment' | 'voice' | 'transcribed';
  voice?: { mediaId: string; contentType: string };
  delivery?: HandoffDelivery;
  /** A mentor's message sent machine-translated: `text` went out, this is what the mentor wrote. */
  translatedFrom?: TranslatedFrom;
}

/** GET /handoffs/:id. A mentor previewing a waiting person gets no close outcome, note or rating. */
export interface HandoffDetail {
  handoff: HandoffSummary & { intake?: Record<string, unknown>; closeOutcome?: CloseOutcome; note?: string; rating?: number };
  timeline: TimelineEntry[];
}

/** POST /handoffs/:id/claim. */
export interface ClaimResponse {
  handoff: HandoffSummary;
}

/** POST /handoffs/:id/release and /close: the handoff, and the person offered next (null when nobody waits). */
export interface ChangeResponse {
  handoff: HandoffSummary;
  next: HandoffSummary | null;
}

/** POST /handoffs/:id/read: the marker now (a lower count than before leaves it where it was). */
export interface ReadResponse {
  count: number;
}

/** POST /handoffs/:id/messages. */
export interface MessageResponse {
  message: TimelineEntry;
}

/** Every error answer: a code, a text for developers, and what the code needs ("by", "status", …). */
/** journey-refused: why the rules refused a move (the console shows it in words). */
export interface JourneyRefusalView {
  code: JourneyRefusalCode;
  from: JourneyStage;
  to: JourneyStage;
  actor: JourneyActorKind;
  allowedFor?: JourneyActorKind[];
}

export interface ErrorBody {
  error: string;
  message?: string;
  /** already-taken / not-yours: the first name of the mentor who has the person. */
  by?: string;
  /** not-yours: what became of the person (taken: active; left the line: abandoned; closed). */
  status?: HandoffStatus;
  retryAfterSeconds?: number;
  /** journey-refused: why the rules refused the move (the console shows it in words). */
  refusal?: JourneyRefusalView | SlotRefusal;
  /** at-capacity: the mentor's cap. */
  capacity?: number;
}

// --- what mentors remember: private notes, a person's history, follow-ups ------

/** A private note as the console shows it (to mentors and staff who may read the handoff). */
export interface PrivateNoteView {
  id: string;
  at: string;
  mentorName: string;
  text: string;
}

/** GET /handoffs/:id/notes. */
export interface NotesResponse {
  notes: PrivateNoteView[];
}

/** POST /handoffs/:id/notes. */
export interface NoteResponse {
  note: PrivateNoteView;
}

/** One handoff of a person as their history shows it: when, with whom, how it ended, what the mentor noted. */
export interface HistoryItem {
  id: string;
  createdAt: string;
  claimedAt?: string;
  closedAt?: string;
  status: HandoffStatus;
  /** The first name of the mentor who had it last. */
  mentor?: string;
  closeOutcome?: CloseOutcome;
  note?: string;
  rating?: number;
  /** The follow-up day set at the close, while it is not done. */
  followUp?: string;
  notes: PrivateNoteView[];
  /** Opens the conversation in the Transcripts page. */
  transcriptId: string;
}

/** GET /handoffs/:id/history: the person's earlier handoffs, newest first. */
export interface HistoryResponse {
  items: HistoryItem[];
}

/** One follow-up in "My follow-ups" (no user id). */
export interface FollowUpItem {
  handoffId: string;
  due: string;
  state: FollowUpState;
  mentor: { id: string; firstName: string };
  firstName?: string;
  pseudonym?: string;
  language: Language;
  closeOutcome?: CloseOutcome;
  note?: string;
  closedAt?: string;
  transcriptId: string;
}

/** GET /follow-ups (?everyone=1 for staff and admins): the earliest day first. */
export interface FollowUpList {
  today: string;
  everyone: boolean;
  items: FollowUpItem[];
}

/** How one handoff of a conversation ended, in the Transcripts list. */
export interface TranscriptClose {
  status: HandoffStatus;
  closeOutcome: CloseOutcome | null;
  rating: number | null;
}

// --- staff pages ---------------------------------------------------------------

/** GET /transcripts: one conversation in the list (no user id; `id` opens it). */
export interface TranscriptListItem {
  id: string;
  channelId: string;
  language: string | null;
  firstAt: string;
  lastAt: string;
  messageCount: number;
  person: string | null;
  /** For a person without a first name: the short code the mentor lists show ("FD1"). */
  pseudonym?: string;
  outcome: string | null;
  mentors: string[];
  /** How the conversation's handoffs (those this account may read) ended: outcome and rating. */
  closes: TranscriptClose[];
  snippet: string | null;
}

export interface TranscriptList {
  items: TranscriptListItem[];
  nextCursor: string | null;
}

/** GET /people: a person found (the key stands for channel and user id, which may be a phone number). */
export interface PersonListItem {
  key: string;
  channelId: string;
  label: string;
  language: string | null;
  lastAt: string;
  consent: boolean | null;
  outcome: string | null;
  conversations: number;
  openHandoff: boolean;
}

export interface PeopleList {
  items: PersonListItem[];
}

/** GET /audit: who read, exported or erased what (the target a pseudonym). */
export interface AuditEntryView {
  at: string;
  actor: string;
  role: string;
  action: string;
  target: string;
}

export interface AuditList {
  items: AuditEntryView[];
}

/** One message of a transcript (src/storage/transcriptMessages.ts reads them from the logged activities). */
export interface TranscriptMessage {
  at: string;
  from: 'person' | 'bot' | 'mentor';
  mentorName?: string;
  text: string;
  kind: 'text' | 'attachment' | 'transcribed';
  translatedFrom?: { text: string; language?: string };
}

/** GET /transcripts/:id: the conversation, the person's intake and result (reasons in words), the messages, how its handoffs ended. */
export interface TranscriptView {
  conversation: { id: string; channelId: string; language: string | null; firstAt?: string; lastAt?: string };
  pseudonym?: string;
  person: {
    firstName?: unknown;
    language?: Language;
    consent?: ConsentRecord;
    intake?: { answers: IntakeAnswers; estimated: string[]; completed: boolean };
    assessment?: Omit<Assessment, 'reasons'> & { at: string; reasons: string[] };
  } | null;
  messages: TranscriptMessage[];
  handoffs: HistoryItem[];
}

/** POST /people/:key/erase: how much was erased (counts, never what). */
export interface EraseResponse {
  erased: { stateKeys: number; transcripts: number; handoffs: number };
}

/** One week and language of GET /stats, as src/reporting/funnelReport.ts counts them. */
export type StatsRow = FunnelRow;

/** GET /stats: the funnel of the days from…to, by week and language and in total. */
export interface StatsResponse {
  from: string;
  to: string;
  weeks: string[];
  languages: string[];
  rows: StatsRow[];
  totals: Omit<StatsRow, 'week' | 'language'>;
}

/** One question the bot could not answer well, as staff see it (never its author). */
export interface UnansweredItemView {
  id: string;
  text: string;
  lang: Language;
  at: string;
  reason: 'unsure' | 'notHelpful';
  guess: { intent: string | null; confidence: number };
  status: 'open' | 'example' | 'out-of-scope' | 'new-answer';
  topic?: string;
  decidedAt?: string;
  decidedBy?: string;
}

/** Questions with the same words (after masking and normalising) as one group. */
export interface UnansweredGroup {
  key: string;
  /** The newest question's text, as the group's title. */
  text: string;
  count: number;
  lastAt: string;
  languages: string[];
  items: UnansweredItemView[];
}

/** GET /unanswered: the groups, the topics an entry can become an example of, and their titles in the asked language. */
export interface UnansweredList {
  groups: UnansweredGroup[];
  total: number;
  topics: readonly string[];
  titles: Record<string, string>;
}

// --- translation -----------------------------------------------------------------

export const TranslationsQuery = z.object({ to: z.enum(SUPPORTED_LANGUAGES) });

export const ReplyTranslationRequest = z.object({ text: z.string().max(4000).refine((text) => text.trim().length > 0) });
export type ReplyTranslationRequest = z.infer<typeof ReplyTranslationRequest>;

/** Why a text was not translated: 'off' (not configured), 'timeout', 'failed'. */
export type TranslationFailureReason = 'off' | 'timeout' | 'failed';

/** One of the person's messages in the mentor's language; `source` is the text it was made from. */
export interface MessageTranslationView {
  at: string;
  source: string;
  status: 'translated' | 'same-language';
  text?: string;
  from?: string;
  lowerQuality: boolean;
}

/** GET /handoffs/:id/translations?to=: the person's messages in the console's language. */
export type TranslationsResponse =
  | { on: false }
  | { on: true; to: Language; ok: true; items: MessageTranslationView[] }
  | { on: true; to: Language; ok: false; reason: TranslationFailureReason };

/** POST /handoffs/:id/reply-translation: the mentor's reply as the person would get it. */
export type ReplyTranslationResponse =
  | { on: false }
  | { on: true; to: Language; ok: true; text: string; from?: string; sameLanguage: boolean; lowerQuality: boolean }
  | { on: true; to: Language; ok: false; reason: TranslationFailureReason };
// --- journeys ------------------------------------------------------------------

/** GET …/journey and POST …/journey/moves: a person's journey, and what this account may do with it. */
export interface JourneyView {
  /** Null: the person has no journey (no intake result yet, or it was erased). */
  journey: Journey | null;
  /** The stages this account may move the person to now, in the order of the selection. */
  allowed: JourneyStage[];
  daysInStage: number | null;
  /** The homework's due date, when the person is at homework-given. */
  due: string | null;
  overdue: JourneyOverdue | null;
  /** After a move or a review from this console: whether the person got the message (homework, note, decision). */
  delivery?: JourneyDeliveryView | null;
  /** The person's booked talks and intake interviews (past and to come), soonest first. */
  bookings?: JourneyBookingView[];
  /** A review note's way to the person: `on` when it can be translated (after a preview) into `to`, their language; otherwise it goes as written. */
  noteTranslation?: { on: boolean; to: Language };
}

/** A booked slot beside the journey: what, when, with whom, where, and the talk's outcome. */
export interface JourneyBookingView {
  kind: 'talk' | 'interview';
  start: string;
  durationMinutes: number;
  host: string;
  link: string;
  outcome: 'held' | 'missed' | null;
}

/** One person on the board: no user id (the key stands for it, as on the People page). */
export interface JourneyBoardItem {
  key: string;
  /** The first name they gave, else null (then `pseudonym` names them). */
  firstName: string | null;
  pseudonym?: string;
  language: string | null;
  province: string | null;
  /** The intake's outcome: the track the person is on. */
  track: string | null;
  mentor: string | null;
  stage: JourneyStage;
  since: string;
  daysInStage: number;
  overdue: JourneyOverdue | null;
  /** Their newest conversation's transcript, to read beside the journey. */
  transcriptId: string | null;
}

// --- homework, the decision, the journey funnel ---------------------------------------

/** POST /homework/:track: staff's homework for one track (an intake result); the link http(s) only. */
export const HomeworkDefinitionRequest = z
  .object({
    texts: z.object(Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, z.string().max(MAX_HOMEWORK_TEXT).optional()])) as Record<Language, z.ZodOptional<z.ZodString>>).strict(),
    link: z.string().max(MAX_HOMEWORK_LINK).optional(),
    days: z.number().int().min(1).max(MAX_HOMEWORK_DAYS),
  })
  .strict();
export type HomeworkDefinitionRequest = z.infer<typeof HomeworkDefinitionRequest>;

/** GET /homework: the tracks (intake results) and the homework staff set for them. */
export interface HomeworkList {
  tracks: string[];
  definitions: HomeworkDefinition[];
  defaultDays: number;
}

/** POST …/journey/homework/review: passed or try again, with a note the person receives. */
/** `translated: true`: the person gets the translation a preview (…/homework/review-translation) made of exactly this note; without one, 409 `not-translated` and nothing happens. */
export const HomeworkReviewRequest = z.object({ verdict: z.enum(['passed', 'again']), note: z.string().trim().min(1).max(MAX_REVIEW_NOTE), translated: z.boolean().optional() }).strict();
export type HomeworkReviewRequest = z.infer<typeof HomeworkReviewRequest>;
/** POST …/journey/homework/review-translation: a review note previewed in the person's language (answered as a ReplyTranslationResponse). */
export const HomeworkNoteTranslationRequest = z.object({ note: z.string().trim().min(1).max(MAX_REVIEW_NOTE) }).strict();
export type HomeworkNoteTranslationRequest = z.infer<typeof HomeworkNoteTranslationRequest>;

/** What became of the message to the person after a move or a review (see JourneyMessages). */
export type JourneyDeliveryView = 'sent' | 'held' | 'failed' | 'no-conversation' | 'no-homework';

/** GET /journey-funnel: people reaching each stage per week and language; median days between steps. No person in it. */
export interface JourneyFunnelResponse {
  from: string;
  to: string;
  rows: Array<{ week: string; language: string; reached: Record<JourneyStage, number> }>;
  steps: Array<{ from: string; to: string; language: string; people: number; medianDays: number | null }>;
}

/** GET /outcomes: the outcome funnel of the cohorts from…to (months of first contact) and the talent pool per quarter; no person in it. */
export interface OutcomeReportResponse {
  from: string;
  to: string;
  language?: string;
  region?: string;
  generatedAt: string;
  /** The regions one can ask for: the provinces, and "unknown". */
  regions: string[];
  funnel: OutcomeFunnel;
  pool: PoolQuarter[];
}

/** GET /journeys: counts per stage and the people, after the filters; the filters' choices from everyone. */
export interface JourneyBoard {
  counts: Record<JourneyStage, number>;
  items: JourneyBoardItem[];
  choices: { languages: string[]; provinces: string[]; tracks: string[]; mentors: string[] };
  /** The days homework may take before it counts as late, over the tracks (each track's own, else JOURNEY_HOMEWORK_DAYS). */
  homeworkDays: { least: number; most: number };
}

// --- hand over: status, cap, transfer; canned replies ------------------------------

export const PresenceRequest = z.object({ status: z.enum(MENTOR_STATUSES).optional() }).strict();
export type PresenceRequest = z.infer<typeof PresenceRequest>;

/** GET and POST /presence: the status the mentor chose, and the one colleagues see now (away after a while idle). */
export interface PresenceResponse {
  chosen: MentorStatus;
  shown: MentorStatus;
  awayAfterMinutes: number;
}

/** GET /colleagues?language=: the other mentors one may hand a person to, with what colleagues see of them. */
export interface Colleague {
  id: string;
  firstName: string;
  languages: Language[];
  status: MentorStatus;
  active: number;
  capacity?: number;
  atCapacity: boolean;
}

export interface ColleagueList {
  items: Colleague[];
}

export const TransferRequest = z.object({ to: z.string().min(1).max(100) }).strict();
export type TransferRequest = z.infer<typeof TransferRequest>;

/** POST /handoffs/:id/transfer. */
export interface TransferResponse {
  handoff: HandoffSummary;
}

export const CapacityRequest = z.object({ capacity: z.number().int().min(1).max(MAX_CAPACITY).nullable() }).strict();
export type CapacityRequest = z.infer<typeof CapacityRequest>;

/** GET /me/load: how many conversations this mentor has, and their cap (none: no cap). */
export interface LoadResponse {
  active: number;
  capacity: number | null;
  atCapacity: boolean;
}

const cannedText = z.object({ title: z.string().trim().min(1).max(CANNED_TITLE_MAX), text: z.string().trim().min(1).max(CANNED_TEXT_MAX) }).strict();

/** A canned reply as staff write it: a title and a text per language, at least one language. */
export const CannedReplyRequest = z
  .object({
    texts: z.object(Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, cannedText.optional()])) as Record<Language, z.ZodOptional<typeof cannedText>>).strict(),
    version: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((body) => Object.values(body.texts).some(Boolean), { message: 'at least one language' });
export type CannedReplyRequest = z.infer<typeof CannedReplyRequest>;

/** GET /canned-replies. */
export interface CannedReplyList {
  items: CannedReply[];
  limits: { title: number; text: number; replies: number };
}

/** POST /canned-replies and /canned-replies/:id. */
export interface CannedReplyResponse {
  reply: CannedReply;
}

// --- accounts (admins), invitations, second factor ------------------------------

const LANGUAGE_CODES = ['nl', 'en', 'ar', 'tr', 'fa', 'ti'] as const;
const ROLE_NAMES = ['mentor', 'staff', 'admin'] as const;

/** POST /accounts: a new account and its invitation. The role is checked by the service (a clear "no such role"). */
export const CreateAccountRequest = z.object({
  username: z.string().trim().min(1).max(40),
  firstName: z.string().trim().max(60).optional(),
  role: z.string().max(20),
  languages: z.array(z.enum(LANGUAGE_CODES)).max(6).default([]),
  /** How many conversations at once (mentors); null or left out: no cap. */
  capacity: z.number().int().min(1).max(MAX_CAPACITY).nullable().optional(),
});
export type CreateAccountRequest = z.input<typeof CreateAccountRequest>;

/** POST /accounts/:id: any of first name, role, languages, disabled. */
export const ChangeAccountRequest = z.object({
  firstName: z.string().trim().max(60).optional(),
  role: z.string().max(20).optional(),
  languages: z.array(z.enum(LANGUAGE_CODES)).max(6).optional(),
  disabled: z.boolean().optional(),
  /** A new cap (1–MAX_CAPACITY), or null to remove it. */
  capacity: z.number().int().min(1).max(MAX_CAPACITY).nullable().optional(),
});
export type ChangeAccountRequest = z.infer<typeof ChangeAccountRequest>;

/** POST /accounts/:id/teams: link the account to a Teams user by Microsoft Entra object id (a GUID). */
export const LinkTeamsRequest = z.object({ aadObjectId: z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i) });
export type LinkTeamsRequest = z.infer<typeof LinkTeamsRequest>;

/** POST /invitations/check and /invitations/accept. */
export const InvitationRequest = z.object({ token: z.string().min(20).max(100) });
export const AcceptInvitationRequest = InvitationRequest.extend({ password: z.string().min(1).max(1000) });
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

/** POST /login/second-factor and /second-factor/confirm: six digits from the app, or a recovery code. */
export const CodeRequest = z.object({ code: z.string().trim().min(6).max(30) });
export type CodeRequest = z.infer<typeof CodeRequest>;

/** An account as the accounts page shows it (never the password hash or the second factor's secret). */
export interface AccountView extends PublicUser {
  disabled: boolean;
  createdAt: string;
  /** False until the person chose a password through their invitation. */
  passwordSet: boolean;
  secondFactor: boolean;
  teamsAadObjectId: string | null;
  /** How many conversations the person may have at once; null: no cap. */
  capacity: number | null;
}

/** A mentor who typed "link me" to the bot in Teams (the name as Teams gave it). */
export interface TeamsLinkRequestView {
  aadObjectId: string;
  name: string;
  at: string;
}

export interface AccountList {
  items: AccountView[];
  /** "link me" requests from Teams users no account has yet, newest first. */
  teamsRequests: TeamsLinkRequestView[];
  roles: readonly ConsoleRole[];
  /** Roles that must use a second factor (CONSOLE_REQUIRE_2FA). */
  require2fa: readonly ConsoleRole[];  /** The highest cap an admin can set (the lowest is 1). */
  maxCapacity: number;
}

/** A one-time set-password link, shown to the admin to pass on. */
export interface InvitationView {
  path: string;
  expiresAt: string;
}

/** POST /accounts and /accounts/:id/reset. */
export interface AccountChange {
  account: AccountView;
  invitation?: InvitationView;
}

/** POST /invitations/check: whom the link is for, and the password rules to show. */
export interface InvitationInfo {
  username: string;
  firstName: string;
  minLength: number;
  expiresAt: string;
}

/** POST /second-factor/start: the secret to add to an authenticator app, as text and as a QR code (SVG). */
export interface EnrolmentStart {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** GET /second-factor: whether the signed-in account has two-step sign-in, and whether its role must. */
export interface SecondFactorStatus {
  enabled: boolean;
  required: boolean;
}

/** POST /second-factor/confirm: the recovery codes (shown once) and the full session. */
export interface EnrolmentDone extends SessionResponse {
  recoveryCodes: string[];
}

/** POST /login/second-factor: the full session; how many recovery codes are left when one was used. */
export interface SecondFactorDone extends SessionResponse {
  recoveryCodesLeft?: number;
}

// --- the mentor talk: slots, bookings, held / missed ---------------------------------

/** POST /talks/slots: a new slot (weeks 1: one-off; more: the same time every week). The rules check the rest. */
export const SlotRequest = z
  .object({
    start: z.string().max(40),
    durationMinutes: z.number().int().min(MIN_SLOT_MINUTES).max(MAX_SLOT_MINUTES),
    languages: z.array(z.enum(SUPPORTED_LANGUAGES)).min(1).max(SUPPORTED_LANGUAGES.length),
    link: z.string().max(MAX_LINK_LENGTH),
    weeks: z.number().int().min(1).max(MAX_WEEKS),
    /** 'interview': a time for the intake interview (staff and admins only); absent: a talk. */
    kind: z.enum(['talk', 'interview']).optional(),
  })
  .strict();
export type SlotRequest = z.infer<typeof SlotRequest>;

/** POST /talks/slots/:id/outcome: how the talk went, with a note. */
export const TalkOutcomeRequest = z.object({ kind: z.enum(['held', 'missed']), note: z.string().max(MAX_REASON_LENGTH) }).strict();
export type TalkOutcomeRequest = z.infer<typeof TalkOutcomeRequest>;

/** Who booked a slot, as the mentor sees them: a first name (or the short code), and the intake before the talk. */
export interface TalkPerson {
  firstName: string | null;
  pseudonym?: string;
  language: string;
  intake: { outcome: string | null; dutchLevel: string | null; englishLevel: string | null; hoursPerWeek: number | null; motivation: string | null } | null;
}

export interface SlotItem {
  id: string;
  kind: 'talk' | 'interview';
  start: string;
  durationMinutes: number;
  languages: Language[];
  link: string;
  booked: TalkPerson | null;
  outcome: { kind: 'held' | 'missed'; note: string; at: string } | null;
}

/** GET /talks/slots: the signed-in mentor's slots from two weeks ago on, soonest first. */
export interface SlotList {
  items: SlotItem[];
}

/**
 * A notice about one of the mentor's slots: someone booked it (who, while the booking stands: their
 * first name or code, language, intake on the slot's card), the person cancelled (no one named), or
 * staff cancelled it (`by`, their first name; `wasBooked`: someone had booked it and is told in the chat).
 */
export interface TalkNoticeItem {
  id: string;
  kind: 'booked' | 'cancelled' | 'cancelled-by-staff';
  by?: string;
  wasBooked?: boolean;
  at: string;
  slotId: string;
  start: string;
  durationMinutes: number;
  language: Language;
  link: string;
  /** Who booked, while the slot still holds that booking; null for a cancellation or a booking gone since. */
  person: { firstName: string | null; pseudonym?: string } | null;
  /** Whether it came after the mentor last looked. */
  unseen: boolean;
}

/** POST /talks/notices/seen: the newest notice the mentor saw (its `at`); notices after it stay new. */
export const TalkNoticesSeenRequest = z.object({ at: z.string().datetime() }).strict();
export type TalkNoticesSeenRequest = z.infer<typeof TalkNoticesSeenRequest>;

/** GET /talks/notices: the signed-in account's notices, newest first, and how many are new. */
export interface TalkNoticeList {
  items: TalkNoticeItem[];
  unseen: number;
}

/** A refused slot (409 slot-refused): which rule, and the clashing slot's start for an overlap. */
export interface SlotRefusal {
  problem: SlotProblem;
  at?: string;
}

// --- the talent pool ---------------------------------------------------------------

/** GET /pool filters: levels, province, the north, track (the result), interest in IT, status. */
export const PoolQuery = z.object({
  dutch: z.enum(['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']).optional(),
  english: z.enum(['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']).optional(),
  province: z.string().max(40).optional(),
  north: z.enum(['yes', 'no']).optional(),
  track: z.string().max(40).optional(),
  interest: z.enum(['yes', 'no', 'unknown']).optional(),
  status: z.enum(['active', 'ready', 'quiet']).optional(),
});
export type PoolQuery = z.infer<typeof PoolQuery>;

/** One person in the pool: staff see the first name; anyone else the pseudonym code only. */
export interface PoolItem {
  /** The People page's key (staff only). */
  key: string | null;
  /** The person's newest conversation, to open its transcript (staff only; null when none is known). */
  transcriptId: string | null;
  /** First name (staff) or the short code the other pages use. */
  name: string;
  pseudonymous: boolean;
  language: string | null;
  dutch: string | null;
  english: string | null;
  province: string | null;
  north: boolean;
  /** Still interested in IT at the last check. */
  interested: boolean | null;
  /** The result of the rules at the last check. */
  track: string;
  status: 'active' | 'ready' | 'quiet';
  reason: string;
  monthsInPool: number;
  lastContactAt: string;
  followUpsSent: number;
  trend: 'up' | 'down' | 'same';
  /** The levels at each check, oldest first. */
  levels: Array<{ at: string; dutch: string | null; english: string | null }>;
  readyAt: string | null;
  /** For someone ready: what happened since in the selection (null: nothing yet, the next step waits). */
  next: PoolNext | null;
}

/**
 * Where a ready person is now: the talk booked (when, with whom), the talk missed (to book again), or
 * further on in the selection (off the ready list: the journey board follows them).
 */
export interface PoolNext {
  step: 'talk-booked' | 'talk-missed' | 'moved-on';
  stage: JourneyStage;
  /** The talk's time (talk-booked), else when they reached the stage. */
  at: string;
  /** The mentor of the booked talk. */
  host: string | null;
}

export interface PoolView {
  items: PoolItem[];
  /** Ready: a rerun reached a route's threshold, and the selection has not gone past the talk since (newest first). */
  ready: PoolItem[];
  counts: { total: number; byDutch: Record<string, number>; byEnglish: Record<string, number> };
  choices: { provinces: string[]; tracks: string[] };
  weeks: number;
  /** Whether names are shown (staff) or pseudonym codes. */
  named: boolean;
}
