import { z } from 'zod';
import { CLOSE_OUTCOMES, type CloseOutcome, type HandoffDelivery, type HandoffStatus } from '../domain/handoff';
import type { Language } from '../domain/language';
import type { MentorReason } from '../domain/person';

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
  /** POST /login: the password was right, and a second factor is still to be given or set up first. */
  stage?: 'second-factor' | 'enrol';
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

// --- accounts (admins), invitations, second factor ------------------------------

const LANGUAGE_CODES = ['nl', 'en', 'ar', 'tr', 'fa', 'ti'] as const;
const ROLE_NAMES = ['mentor', 'staff', 'admin'] as const;

/** POST /accounts: a new account and its invitation. The role is checked by the service (a clear "no such role"). */
export const CreateAccountRequest = z.object({
  username: z.string().trim().min(1).max(40),
  firstName: z.string().trim().max(60).optional(),
  role: z.string().max(20),
  languages: z.array(z.enum(LANGUAGE_CODES)).max(6).default([]),
});
export type CreateAccountRequest = z.input<typeof CreateAccountRequest>;

/** POST /accounts/:id: any of first name, role, languages, disabled. */
export const ChangeAccountRequest = z.object({
  firstName: z.string().trim().max(60).optional(),
  role: z.string().max(20).optional(),
  languages: z.array(z.enum(LANGUAGE_CODES)).max(6).optional(),
  disabled: z.boolean().optional(),
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
  require2fa: readonly ConsoleRole[];
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
