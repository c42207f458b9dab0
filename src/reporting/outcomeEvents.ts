import { isLanguage, type Language } from '../domain/language';

/**
 * The outcome funnel funders ask for, in the order a person goes through it: first contact, the intake
 * with a result, selected for VIT, referred to a partner, the partner's training started, a work
 * contract signed.
 */
export const OUTCOME_STEPS = ['started', 'intake', 'selected', 'referred', 'training-started', 'contract-signed'] as const;
export type OutcomeStep = (typeof OUTCOME_STEPS)[number];

/**
 * One person reaching one step, with no person in it: the numbers outlive the person's erasure.
 * Each caller records a step once per person (the store that knows the step knows whether it was
 * reached before: the journey, the referral).
 */
export interface OutcomeStepEvent {
  step: OutcomeStep;
  /** When the step was reached (ISO 8601). */
  at: string;
  /** The cohort: the month of the person's first contact, `YYYY-MM` (UTC). */
  cohort: string;
  language: Language;
  /** The province from the intake's municipality (domain/municipalities), or null when not known. */
  region: string | null;
  /** Whole days from the first contact to this step. */
  daysSinceFirstContact: number;
}

/** A change in the talent pool, with no person in it: someone joined or left it, or a level changed at a follow-up. */
export interface PoolEvent {
  kind: 'joined' | 'left' | 'level-changed';
  /** ISO 8601. */
  at: string;
  language: Language;
  region: string | null;
  /** For level-changed: the CEFR level before and after (e.g. 'A2' → 'B1'), per language tested. */
  dutch?: { from: string | null; to: string | null };
  english?: { from: string | null; to: string | null };
}

/**
 * Where the outcome funnel and the pool's movement are counted (memory here; Redis beside it).
 * Port: the talent pool, the partner referrals and the journey record into it; the console reads it.
 */
export interface OutcomeEvents {
  recordStep(event: OutcomeStepEvent): Promise<void>;
  recordPool(event: PoolEvent): Promise<void>;
  /** Step events reached from `fromDay` to `toDay` (UTC dates, inclusive), oldest first. */
  steps(fromDay: string, toDay: string): Promise<OutcomeStepEvent[]>;
  /** Pool events from `fromDay` to `toDay` (UTC dates, inclusive), oldest first. */
  pool(fromDay: string, toDay: string): Promise<PoolEvent[]>;
}

const inDays = (at: string, fromDay: string, toDay: string) => at.slice(0, 10) >= fromDay && at.slice(0, 10) <= toDay;

/** The longest region name kept (the longest province is "Noord-Holland"; anything longer is not one). */
const MAX_REGION_LENGTH = 40;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const POOL_KINDS: ReadonlyArray<PoolEvent['kind']> = ['joined', 'left', 'level-changed'];

/** Thrown for an event that is not one (unknown step, no time, a field that could carry a person); nothing is recorded. */
export class OutcomeEventError extends Error {}

function checkedAt(at: unknown, where: string): string {
  if (typeof at !== 'string' || !ISO_TIME.test(at) || Number.isNaN(Date.parse(at))) throw new OutcomeEventError(`${where}: "at" must be an ISO 8601 UTC time, not ${JSON.stringify(String(at).slice(0, 40))}`);
  return at;
}

function checkedRegion(region: unknown, where: string): string | null {
  if (region === null || region === undefined) return null;
  if (typeof region !== 'string' || !region.trim() || region.length > MAX_REGION_LENGTH) throw new OutcomeEventError(`${where}: "region" must be a province name or null`);
  return region;
}

function checkedLanguage(language: unknown, where: string): Language {
  if (!isLanguage(language)) throw new OutcomeEventError(`${where}: "language" must be one of the six languages`);
  return language;
}

const LEVEL = /^[A-Za-z0-9]{1,8}$/;
function checkedChange(change: unknown, where: string): { from: string | null; to: string | null } | undefined {
  if (change === undefined) return undefined;
  const c = change as { from?: unknown; to?: unknown } | null;
  const level = (v: unknown) => v === null || v === undefined ? null : typeof v === 'string' && LEVEL.test(v) ? v : undefined;
  const from = level(c?.from);
  const to = level(c?.to);
  if (!c || typeof c !== 'object' || from === undefined || to === undefined) throw new OutcomeEventError(`${where}: a level change is {from, to} with CEFR levels or null`);
  return { from, to };
}

/**
 * The step event as kept: only the fields of the type (anything else a caller passed along is dropped,
 * so nothing about a person slips in), each checked; throws OutcomeEventError for one that is not valid.
 */
export function keptStepEvent(event: OutcomeStepEvent): OutcomeStepEvent {
  const where = 'OutcomeEvents.recordStep()';
  if (!(OUTCOME_STEPS as readonly string[]).includes(event?.step)) throw new OutcomeEventError(`${where}: "step" must be one of ${OUTCOME_STEPS.join(', ')}`);
  if (typeof event.cohort !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(event.cohort)) throw new OutcomeEventError(`${where}: "cohort" must be a month like 2026-12`);
  const days = event.daysSinceFirstContact;
  if (!Number.isInteger(days) || days < 0 || days > 36_600) throw new OutcomeEventError(`${where}: "daysSinceFirstContact" must be a whole number of days, 0 or more`);
  return { step: event.step, at: checkedAt(event.at, where), cohort: event.cohort, language: checkedLanguage(event.language, where), region: checkedRegion(event.region, where), daysSinceFirstContact: days };
}

/** The pool event as kept: only its own fields, checked (see keptStepEvent). */
export function keptPoolEvent(event: PoolEvent): PoolEvent {
  const where = 'OutcomeEvents.recordPool()';
  if (!POOL_KINDS.includes(event?.kind)) throw new OutcomeEventError(`${where}: "kind" must be one of ${POOL_KINDS.join(', ')}`);
  const dutch = checkedChange(event.dutch, where);
  const english = checkedChange(event.english, where);
  return {
    kind: event.kind,
    at: checkedAt(event.at, where),
    language: checkedLanguage(event.language, where),
    region: checkedRegion(event.region, where),
    ...(dutch ? { dutch } : {}),
    ...(english ? { english } : {}),
  };
}

/** The longest span one read covers (months): the reads stay bounded, and ten years is more than any report asks. */
export const MAX_READ_MONTHS = 120;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The months (`YYYY-MM`) from one day to another, both included; refuses days that are not days, the wrong order, or too long a span. */
export function monthsOfRange(fromDay: string, toDay: string): string[] {
  const valid = (d: string) => typeof d === 'string' && DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
  if (!valid(fromDay) || !valid(toDay)) throw new OutcomeEventError(`OutcomeEvents: days must be like 2026-12-01, not ${JSON.stringify(String(fromDay).slice(0, 20))}..${JSON.stringify(String(toDay).slice(0, 20))}`);
  if (fromDay > toDay) throw new OutcomeEventError('OutcomeEvents: "from" is after "to"');
  const months: string[] = [];
  let [year, month] = fromDay.slice(0, 7).split('-').map(Number);
  for (let m = `${fromDay.slice(0, 7)}`; m <= toDay.slice(0, 7); m = `${year}-${String(month).padStart(2, '0')}`) {
    if (months.length === MAX_READ_MONTHS) throw new OutcomeEventError(`OutcomeEvents: at most ${MAX_READ_MONTHS} months at once`);
    months.push(m);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/** In memory: one process, lost on restart (for trying the bot out and for tests). */
export class MemoryOutcomeEvents implements OutcomeEvents {
  private readonly stepEvents: OutcomeStepEvent[] = [];
  private readonly poolEvents: PoolEvent[] = [];

  async recordStep(event: OutcomeStepEvent): Promise<void> {
    this.stepEvents.push(keptStepEvent(event));
  }

  async recordPool(event: PoolEvent): Promise<void> {
    this.poolEvents.push(keptPoolEvent(event));
  }

  async steps(fromDay: string, toDay: string): Promise<OutcomeStepEvent[]> {
    monthsOfRange(fromDay, toDay);
    return this.stepEvents.filter((e) => inDays(e.at, fromDay, toDay)).sort((a, b) => a.at.localeCompare(b.at)).map((e) => ({ ...e }));
  }

  async pool(fromDay: string, toDay: string): Promise<PoolEvent[]> {
    monthsOfRange(fromDay, toDay);
    return this.poolEvents.filter((e) => inDays(e.at, fromDay, toDay)).sort((a, b) => a.at.localeCompare(b.at)).map((e) => structuredClone(e));
  }
}
