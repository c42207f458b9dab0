import { z } from 'zod';
import { CLOSE_OUTCOMES, type CloseOutcome, type HandoffDelivery, type HandoffStatus } from '../domain/handoff';
import type { Language } from '../domain/language';
import type { MentorReason } from '../domain/person';
import { SUPPORTED_LANGUAGES } from '../domain/language';
import { MENTOR_STATUSES, MAX_CAPACITY, type MentorStatus } from '../domain/mentorStatus';
import { CANNED_TEXT_MAX, CANNED_TITLE_MAX, type CannedReply } from '../domain/cannedReply';

export type { CannedReply } from '../domain/cannedReply';
export type { MentorStatus } from '../domain/mentorStatus';

/*
 * The console's JSON API as both sides see it: the server routes parse request bodies with these zod
 * schemas and build their answers as these types; the browser modules (src/console/public/js, checked
 * with // @ts-check) name the same types in JSDoc: @type {import('../../consoleApi').HandoffList}.
 * Only the domain is imported here, so the browser's type check needs nothing of Node.
 */

// --- requests ------------------------------------------------------------------

export const LoginRequest = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const CloseRequest = z.object({ outcome: z.enum(CLOSE_OUTCOMES), note: z.string().max(2000).optional() });
export type CloseRequest = z.infer<typeof CloseRequest>;

export const MessageRequest = z.object({ text: z.string().max(4000).refine((text) => text.trim().length > 0) });
export type MessageRequest = z.infer<typeof MessageRequest>;

export const EraseRequest = z.object({ confirm: z.literal(true), confirmActive: z.boolean().optional() });
export type EraseRequest = z.infer<typeof EraseRequest>;

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
}

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

/** POST /handoffs/:id/messages. */
export interface MessageResponse {
  message: TimelineEntry;
}

/** Every error answer: a code, a text for developers, and what the code needs ("by", "status", …). */
export interface ErrorBody {
  error: string;
  message?: string;
  /** already-taken / not-yours: the first name of the mentor who has the person. */
  by?: string;
  /** not-yours: what became of the person (taken: active; left the line: abandoned; closed). */
  status?: HandoffStatus;
  retryAfterSeconds?: number;
  /** at-capacity: the mentor's cap. */
  capacity?: number;
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
