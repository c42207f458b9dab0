import { z } from 'zod';
import { CLOSE_OUTCOMES, type CloseOutcome, type HandoffDelivery, type HandoffStatus } from '../domain/handoff';
import type { Language } from '../domain/language';
import type { MentorReason } from '../domain/person';
import { PRIVATE_NOTE_MAX_LENGTH, type FollowUpState } from '../domain/followUp';

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

export const EraseRequest = z.object({ confirm: z.literal(true), confirmActive: z.boolean().optional() });
export type EraseRequest = z.infer<typeof EraseRequest>;

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
