/**
 * A selected person's way to a work contract through a partner (ITPH Academy, Make IT Work, …): the
 * person's consent to share their summary with one partner, the referral, and the partner's steps,
 * in order, up to a signed contract and the employer paying. Pure: the stores keep a PartnerFile, the
 * console and the bot ask these functions for the next one.
 */
import type { Language } from './language';
import type { JourneyStage } from './journey';

/** Raise when the steps or their rules change in substance; every file says which version it follows. */
export const PARTNER_RULES_VERSION = 1;

/**
 * The partner's steps in their order (ITPH's nine; the other partners' steps are named the same way):
 * signed up, screened, test and assessment, proposed to employers, a match with a letter of intent,
 * training started (a decision after four weeks), certificates and a practical assignment, the work
 * contract signed, and the employer paying.
 */
export const PARTNER_STEPS = [
  'signed-up',
  'screened',
  'assessment',
  'proposed',
  'matched',
  'training-started',
  'certificates',
  'contract-signed',
  'employer-pays',
] as const;
export type PartnerStep = (typeof PARTNER_STEPS)[number];

export function isPartnerStep(value: unknown): value is PartnerStep {
  return typeof value === 'string' && (PARTNER_STEPS as readonly string[]).includes(value);
}

/** The contract that counts as a signed contract: at least 6 months, at least 32 hours a week, no benefits any more. */
export const MIN_CONTRACT_MONTHS = 6;
export const MIN_CONTRACT_HOURS = 32;
/** The training's first decision comes this many days after it started. */
export const TRAINING_DECISION_DAYS = 28;
/** The longest note kept with a step. */
export const MAX_STEP_NOTE = 500;
/** A consent question left unanswered this long no longer takes a yes or a no from the chat. */
export const CONSENT_QUESTION_DAYS = 14;

/** Staff who asked, referred or recorded (the console account). */
export interface PartnerActor {
  id: string;
  firstName: string;
}

/** The question "may VIT share your summary with <partner>?", asked in the chat, and the person's answer. */
export interface PartnerConsentAsk {
  partner: string;
  askedAt: string;
  askedBy: PartnerActor;
  /** The language the question was asked in. */
  language: Language;
  answer?: 'yes' | 'no';
  answeredAt?: string;
  /** The chat message that answered (its activity id), so a turn run again gives the same answer. */
  answeredBy?: string;
}

export interface PartnerContract {
  months: number;
  hoursPerWeek: number;
  /** The person no longer lives on benefits (bijstand) with this contract. */
  offBenefits: boolean;
}

export interface PartnerStepRecord {
  step: PartnerStep;
  /** The day the step happened (YYYY-MM-DD), as staff heard from the partner. */
  date: string;
  /** When it was recorded. */
  at: string;
  by: PartnerActor;
  note: string;
  /** contract-signed only. */
  contract?: PartnerContract;
}

export interface PartnerReferral {
  partner: string;
  referredAt: string;
  by: PartnerActor;
  steps: PartnerStepRecord[];
}

/** Everything about one person and the partners: personal data, kept and erased with the person. */
export interface PartnerFile {
  version: number;
  /** Every consent question, oldest first. */
  asks: PartnerConsentAsk[];
  /** The referral, once made (one partner at a time). */
  referral?: PartnerReferral;
}

export type PartnerRefusalCode =
  | 'not-selected'
  | 'already-referred'
  | 'consent-pending'
  | 'consent-refused'
  | 'no-consent'
  | 'not-referred'
  | 'out-of-order'
  | 'all-done'
  | 'date-invalid'
  | 'date-in-future'
  | 'date-before-previous'
  | 'note-too-long'
  | 'contract-missing'
  | 'contract-too-short'
  | 'contract-too-few-hours'
  | 'still-on-benefits'
  | 'nothing-asked';

export interface PartnerRefusal {
  code: PartnerRefusalCode;
  /** The step that comes next (out-of-order), or the step refused. */
  expected?: PartnerStep;
  step?: PartnerStep;
  /** For developers and logs; people see the translated code. */
  message: string;
}

export type PartnerResult = { ok: true; file: PartnerFile } | { ok: false; refusal: PartnerRefusal };

const refuse = (code: PartnerRefusalCode, message: string, extra: Partial<PartnerRefusal> = {}): PartnerResult => ({ ok: false, refusal: { code, message, ...extra } });

export function emptyPartnerFile(): PartnerFile {
  return { version: PARTNER_RULES_VERSION, asks: [] };
}

/** The last question asked for `partner` (or for any partner), if any. */
export function lastAsk(file: PartnerFile | undefined, partner?: string): PartnerConsentAsk | undefined {
  const asks = (file?.asks ?? []).filter((a) => partner === undefined || a.partner === partner);
  return asks[asks.length - 1];
}

/** The question the chat's next yes or no answers: the last one, unanswered, asked less than CONSENT_QUESTION_DAYS ago. */
export function pendingAsk(file: PartnerFile | undefined, now: Date): PartnerConsentAsk | undefined {
  const ask = lastAsk(file);
  if (!ask || ask.answer || file?.referral) return undefined;
  return now.getTime() - Date.parse(ask.askedAt) <= CONSENT_QUESTION_DAYS * 86400000 ? ask : undefined;
}

/** Staff ask the person, in the chat, whether VIT may share their summary with `partner`. Only after `selected`, before a referral. */
export function askConsent(file: PartnerFile | undefined, partner: string, stage: JourneyStage | undefined, actor: PartnerActor, language: Language, now: Date): PartnerResult {
  if (stage !== 'selected') return refuse('not-selected', 'only a person at "selected" is referred to a partner');
  const current = file ?? emptyPartnerFile();
  if (current.referral) return refuse('already-referred', `this person is already referred to ${current.referral.partner}`);
  const ask: PartnerConsentAsk = { partner, askedAt: now.toISOString(), askedBy: { ...actor }, language };
  return { ok: true, file: { ...current, version: PARTNER_RULES_VERSION, asks: [...current.asks, ask] } };
}

/** The person's yes or no in the chat, to the pending question. */
export function answerConsent(file: PartnerFile | undefined, answer: 'yes' | 'no', now: Date, message?: string): PartnerResult {
  const ask = pendingAsk(file, now);
  if (!file || !ask) return refuse('nothing-asked', 'no consent question is waiting for an answer');
  const asks = file.asks.map((a) => (a === ask ? { ...a, answer, answeredAt: now.toISOString(), ...(message ? { answeredBy: message.slice(0, 200) } : {}) } : a));
  return { ok: true, file: { ...file, asks } };
}

/** The referral: only after `selected`, and only to a partner the person said yes to (their last answer for that partner). */
export function refer(file: PartnerFile | undefined, partner: string, stage: JourneyStage | undefined, actor: PartnerActor, now: Date): PartnerResult {
  if (stage !== 'selected') return refuse('not-selected', 'only a person at "selected" is referred to a partner');
  if (file?.referral) return refuse('already-referred', `this person is already referred to ${file.referral.partner}`);
  const ask = lastAsk(file, partner);
  if (!file || !ask) return refuse('no-consent', 'ask the person first whether VIT may share their summary with this partner');
  if (!ask.answer) return refuse('consent-pending', 'the person has not answered the question about sharing yet');
  if (ask.answer !== 'yes') return refuse('consent-refused', 'the person said no to sharing their summary with this partner');
  return { ok: true, file: { ...file, referral: { partner, referredAt: now.toISOString(), by: { ...actor }, steps: [] } } };
}

/** The step that comes next, or undefined when all nine are recorded (or there is no referral). */
export function nextStep(file: PartnerFile | undefined): PartnerStep | undefined {
  if (!file?.referral) return undefined;
  return PARTNER_STEPS[file.referral.steps.length];
}

export interface StepInput {
  step: PartnerStep;
  /** YYYY-MM-DD. */
  date: string;
  note: string;
  contract?: PartnerContract;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
function validDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/**
 * Records the partner's next step. Steps come in their order (a step out of order is refused, naming
 * the one expected); a date is a real day, not after today and not before the step before it (or the
 * referral); "contract signed" needs a contract of at least 6 months and 32 hours a week that ends the
 * benefits, anything less is refused: it is not the contract this step counts.
 */
export function recordStep(file: PartnerFile | undefined, input: StepInput, actor: PartnerActor, now: Date): PartnerResult {
  if (!file?.referral) return refuse('not-referred', 'refer the person to a partner first');
  const expected = nextStep(file);
  if (!expected) return refuse('all-done', 'every step is recorded already', { step: input.step });
  if (input.step !== expected) return refuse('out-of-order', `the next step is "${expected}", not "${input.step}"`, { expected, step: input.step });
  if (!validDay(input.date)) return refuse('date-invalid', 'the date must be a day as YYYY-MM-DD', { step: input.step });
  if (input.date > now.toISOString().slice(0, 10)) return refuse('date-in-future', 'a step is recorded once it happened: the date may not be after today', { step: input.step });
  const steps = file.referral.steps;
  const previous = steps.length > 0 ? steps[steps.length - 1].date : file.referral.referredAt.slice(0, 10);
  if (input.date < previous) return refuse('date-before-previous', `the date may not be before ${previous} (the step before it)`, { step: input.step });
  const note = input.note.trim();
  if (note.length > MAX_STEP_NOTE) return refuse('note-too-long', `a note has at most ${MAX_STEP_NOTE} characters`, { step: input.step });
  let contract: PartnerContract | undefined;
  if (input.step === 'contract-signed') {
    const c = input.contract;
    if (!c) return refuse('contract-missing', 'say how many months and hours a week the contract has, and whether the benefits end', { step: input.step });
    if (!(c.months >= MIN_CONTRACT_MONTHS)) return refuse('contract-too-short', `a contract of ${c.months} months is shorter than ${MIN_CONTRACT_MONTHS}`, { step: input.step });
    if (!(c.hoursPerWeek >= MIN_CONTRACT_HOURS)) return refuse('contract-too-few-hours', `${c.hoursPerWeek} hours a week is under ${MIN_CONTRACT_HOURS}`, { step: input.step });
    if (!c.offBenefits) return refuse('still-on-benefits', 'with this contract the person still lives on benefits', { step: input.step });
    contract = { months: c.months, hoursPerWeek: c.hoursPerWeek, offBenefits: true };
  }
  const record: PartnerStepRecord = { step: input.step, date: input.date, at: now.toISOString(), by: { ...actor }, note, ...(contract ? { contract } : {}) };
  return { ok: true, file: { ...file, referral: { ...file.referral, steps: [...steps, record] } } };
}

/** The day of the training's first decision (four weeks after it started), once the training started. */
export function trainingDecisionDay(file: PartnerFile | undefined): string | undefined {
  const started = file?.referral?.steps.find((s) => s.step === 'training-started');
  if (!started) return undefined;
  return new Date(Date.parse(`${started.date}T00:00:00Z`) + TRAINING_DECISION_DAYS * 86400000).toISOString().slice(0, 10);
}

/** A revision number for writes made at the same moment: every ask, answer, referral and step adds one. */
export function partnerRevision(file: PartnerFile | undefined): number {
  if (!file) return 0;
  return file.asks.length + file.asks.filter((a) => a.answer).length + (file.referral ? 1 + file.referral.steps.length : 0);
}

// --- partners (the PARTNERS setting) ---

export interface Partner {
  /** A short stable id: lower-case letters, digits and "-". */
  id: string;
  /** The name people and staff read. */
  name: string;
}

export const DEFAULT_PARTNERS =
  'itph-academy=ITPH Academy,make-it-work=Make IT Work,capgemini-academy=Capgemini Academy,hackyourfuture=HackYourFuture,motopp=Motopp,do-good-only=Do Good Only';

/** Parses `id=Name` pairs separated by commas; says what is wrong in words. */
export function parsePartners(value: string): { ok: true; partners: Partner[] } | { ok: false; problem: string } {
  const partners: Partner[] = [];
  const pairs = value.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  if (pairs.length === 0) return { ok: false, problem: 'name at least one partner as id=Name' };
  if (pairs.length > 30) return { ok: false, problem: 'at most 30 partners' };
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const id = eq > 0 ? pair.slice(0, eq).trim() : '';
    const name = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(id)) return { ok: false, problem: `"${pair.slice(0, 60)}": the id before "=" is lower-case letters, digits and "-" (at most 40)` };
    // eslint-disable-next-line no-control-regex
    if (name.length < 1 || name.length > 60 || /[\u0000-\u001f<>]/.test(name)) return { ok: false, problem: `"${id}": the name after "=" has 1 to 60 characters, without < or >` };
    if (partners.some((p) => p.id === id)) return { ok: false, problem: `"${id}" is named twice` };
    partners.push({ id, name });
  }
  return { ok: true, partners };
}
