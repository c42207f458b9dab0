/**
 * The selection journey of one person (programme rules for the selection, version 1): the stages
 * VIT's selection goes through — motivation, a talk with a mentor, homework, an intake interview —
 * and who may move a person from one stage to the next. Pure: the stores keep a Journey, the console
 * and the bot ask `move` for the next one.
 */

/** Raise when the stages or the table of allowed moves change in substance; every journey says which version it follows. */
export const JOURNEY_VERSION = 2;

/** The stages, stable ids (DESIGN.md "Journey stages"), in the order of the selection. */
export const JOURNEY_STAGES = [
  'intake-done',
  'motivation',
  'mentor-talk-booked',
  'mentor-talk-held',
  'mentor-talk-missed',
  'homework-given',
  'homework-submitted',
  'homework-reviewed',
  'selection-intake',
  'selected',
  'not-selected',
  'talent-pool',
] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

export function isJourneyStage(value: unknown): value is JourneyStage {
  return typeof value === 'string' && (JOURNEY_STAGES as readonly string[]).includes(value);
}

/** Who moves a person: the bot (what it sees happen: a booking, a submission), a mentor, or staff (admins count as staff). */
export const JOURNEY_ACTORS = ['bot', 'mentor', 'staff'] as const;
export type JourneyActorKind = (typeof JOURNEY_ACTORS)[number];

export interface JourneyActor {
  kind: JourneyActorKind;
  /** The console account's id (absent for the bot). */
  id?: string;
  /** The console account's first name (absent for the bot). */
  firstName?: string;
}

/** One move: from where to where, who made it, when, and why (a person's words, or the bot's reason code). */
export interface JourneyMove {
  from: JourneyStage | null;
  to: JourneyStage;
  at: string;
  by: JourneyActor;
  reason: string;
}

export interface Journey {
  /** The version of these rules the journey was last moved under. */
  version: number;
  stage: JourneyStage;
  /** When the person reached the current stage. */
  since: string;
  startedAt: string;
  /** The mentor who works with the person: the last mentor who moved them. */
  mentor?: { id: string; firstName: string };
  /** Every move, oldest first; never rewritten (its length is the journey's revision). */
  moves: JourneyMove[];
  /** The homework: what was sent, what the person handed in, the reviews (see domain/homework). */
  homework?: JourneyHomework;
  /** The free interview times the invitation to the interview named, in the order of its numbered list (slot ids). */
  invitation?: { at: string; slots: string[] };
}

const B = 'bot' as const;
const M = 'mentor' as const;
const S = 'staff' as const;

/**
 * The allowed moves, in one place: from each stage, the stages a person may go to and who may move
 * them there. The bot moves only what it sees happen; mentors move what happens in their talks and
 * homework; the decision (selected, not selected, talent pool) is staff's.
 */
export const JOURNEY_MOVES: Record<JourneyStage, Partial<Record<JourneyStage, readonly JourneyActorKind[]>>> = {
  // A person whose result fits (eligible, or a partner directly) may book the mentor talk from the chat.
  'intake-done': { motivation: [B, M, S], 'mentor-talk-booked': [B, M, S], 'talent-pool': [S], 'not-selected': [S] },
  motivation: { 'mentor-talk-booked': [B, M, S], 'talent-pool': [S], 'not-selected': [S] },
  // Back to motivation: the talk was cancelled (by the person in the chat, or by the mentor).
  'mentor-talk-booked': { 'mentor-talk-held': [M, S], 'mentor-talk-missed': [M, S], motivation: [B, M, S] },
  'mentor-talk-missed': { 'mentor-talk-booked': [B, M, S], 'talent-pool': [S], 'not-selected': [S] },
  'mentor-talk-held': { 'homework-given': [M, S], 'talent-pool': [S], 'not-selected': [S] },
  'homework-given': { 'homework-submitted': [B, M, S], 'talent-pool': [S], 'not-selected': [S] },
  'homework-submitted': { 'homework-reviewed': [M, S], 'homework-given': [M, S] },
  'homework-reviewed': { 'selection-intake': [M, S], 'homework-given': [M, S], 'talent-pool': [S], 'not-selected': [S] },
  'selection-intake': { selected: [S], 'not-selected': [S], 'talent-pool': [S] },
  selected: {},
  'not-selected': { 'talent-pool': [S] },
  // Back in: staff decide, or the person books the talk from the chat once a check-in of the talent pool finds a route fits.
  'talent-pool': { motivation: [S], 'mentor-talk-booked': [B, S] },
};

/** The longest reason kept with a move. */
export const MAX_REASON_LENGTH = 500;

export type JourneyRefusalCode = 'same-stage' | 'not-allowed' | 'not-for-actor' | 'reason-missing';

/** Why a move was refused; the console and the logs turn the code into words. */
export interface JourneyRefusal {
  code: JourneyRefusalCode;
  from: JourneyStage;
  to: JourneyStage;
  actor: JourneyActorKind;
  /** Who may make this move, when someone may (not-for-actor). */
  allowedFor?: JourneyActorKind[];
  /** For developers and logs; people see the translated code. */
  message: string;
}

export type MoveResult = { ok: true; journey: Journey } | { ok: false; refusal: JourneyRefusal };

/** A new journey: the intake finished with a result. */
export function startJourney(now: Date, reason = 'intake-finished'): Journey {
  const at = now.toISOString();
  return { version: JOURNEY_VERSION, stage: 'intake-done', since: at, startedAt: at, moves: [{ from: null, to: 'intake-done', at, by: { kind: 'bot' }, reason }] };
}

/** The stages this actor may move a person to from `stage`, in the order of the selection. */
export function allowedMoves(stage: JourneyStage, actor: JourneyActorKind): JourneyStage[] {
  const table = JOURNEY_MOVES[stage];
  return JOURNEY_STAGES.filter((to) => table[to]?.includes(actor));
}

/** Moves the person to `to` when the table allows it for this actor; a person (mentor, staff) says why. The journey given is not changed. */
export function move(journey: Journey, to: JourneyStage, actor: JourneyActor, reason: string, now: Date): MoveResult {
  const from = journey.stage;
  const refuse = (code: JourneyRefusalCode, message: string, allowedFor?: JourneyActorKind[]): MoveResult => ({
    ok: false,
    refusal: { code, from, to, actor: actor.kind, message, ...(allowedFor ? { allowedFor } : {}) },
  });
  if (from === to) return refuse('same-stage', `move(): the person is at "${from}" already`);
  const who = JOURNEY_MOVES[from][to];
  if (!who) return refuse('not-allowed', `move(): no move from "${from}" to "${to}"`);
  if (!who.includes(actor.kind)) return refuse('not-for-actor', `move(): a ${actor.kind} may not move from "${from}" to "${to}" (only ${who.join(', ')})`, [...who]);
  const why = reason.trim().slice(0, MAX_REASON_LENGTH);
  if (!why) return refuse('reason-missing', 'move(): a move needs a reason');
  const at = now.toISOString();
  const by: JourneyActor = actor.kind === 'bot' ? { kind: 'bot' } : { kind: actor.kind, id: actor.id, firstName: actor.firstName };
  const mentor = actor.kind === 'mentor' && actor.id && actor.firstName ? { id: actor.id, firstName: actor.firstName } : journey.mentor;
  return {
    ok: true,
    journey: { ...journey, version: JOURNEY_VERSION, stage: to, since: at, ...(mentor ? { mentor } : {}), moves: [...journey.moves, { from, to, at, by, reason: why }] },
  };
}

/** Settings the journey's deadlines come from (JOURNEY_HOMEWORK_DAYS). */
export interface JourneyRules {
  /** Days a person has for the homework before it counts as late. */
  homeworkDays: number;
}

/** What is overdue: a missed talk (to book again), or homework given longer ago than the days allowed. */
export type JourneyOverdue = 'talk-missed' | 'homework-late';

const DAY_MS = 86_400_000;

/** When the current stage's step is due, if it has a deadline (only the homework has one for now). */
export function dueAt(journey: Journey, rules: JourneyRules): string | undefined {
  if (journey.stage !== 'homework-given') return undefined;
  // The track's own days, set when the homework was sent (or sent back to do again).
  if (journey.homework?.due && journey.homework.givenAt === journey.since) return journey.homework.due;
  return new Date(Date.parse(journey.since) + rules.homeworkDays * DAY_MS).toISOString();
}

export function overdue(journey: Journey, rules: JourneyRules, now: Date): JourneyOverdue | undefined {
  if (journey.stage === 'mentor-talk-missed') return 'talk-missed';
  const due = dueAt(journey, rules);
  return due && now.toISOString() > due ? 'homework-late' : undefined;
}

/** Whole days the person has been at the current stage. */
export function daysInStage(journey: Journey, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(journey.since)) / DAY_MS));
}

/** Who acts next at a stage, for the "where am I?" answer: the person themself, a mentor, staff, or nobody (it has ended). */
export const NEXT_BY: Record<JourneyStage, 'person' | 'mentor' | 'staff' | 'none'> = {
  'intake-done': 'mentor',
  motivation: 'mentor',
  'mentor-talk-booked': 'person',
  'mentor-talk-held': 'mentor',
  'mentor-talk-missed': 'person',
  'homework-given': 'person',
  'homework-submitted': 'mentor',
  'homework-reviewed': 'staff',
  'selection-intake': 'staff',
  selected: 'none',
  'not-selected': 'none',
  'talent-pool': 'none',
};

/** What the person is told about where they are: the stage, who acts next, by when (if known), who to ask. */
export interface JourneyStatus {
  stage: JourneyStage;
  since: string;
  nextBy: (typeof NEXT_BY)[JourneyStage];
  due?: string;
  overdue?: JourneyOverdue;
  /** Their mentor's first name, when a mentor works with them. */
  mentor?: string;
}

export function journeyStatus(journey: Journey, rules: JourneyRules, now: Date): JourneyStatus {
  const due = dueAt(journey, rules);
  const late = overdue(journey, rules, now);
  return {
    stage: journey.stage,
    since: journey.since,
    nextBy: NEXT_BY[journey.stage],
    ...(due ? { due } : {}),
    ...(late ? { overdue: late } : {}),
    ...(journey.mentor ? { mentor: journey.mentor.firstName } : {}),
  };
}

/**
 * Whether the intake's motivation answer is the selection's first step done: the outcome is VIT's
 * own (`eligible`: VIT selects people at A2–B1) and the person wrote in their own words why they
 * want to work in IT. A "yes" to "do you want to work in IT?" alone is not a motivation to read.
 */
export function motivationGiven(outcome: string, motivation: unknown): boolean {
  return outcome === 'eligible' && typeof motivation === 'string' && motivation.trim().length >= 3;
}

// --- the homework kept with a journey (the rules about homework are in homework.ts) ---

export type HomeworkVerdict = 'passed' | 'again';

export interface HomeworkSubmission {
  at: string;
  text: string;
}

export interface HomeworkReview {
  at: string;
  by: JourneyActor;
  verdict: HomeworkVerdict;
  /** What the mentor wrote. */
  note: string;
  /** The note translated by computer into the person's language (`to`), which is what the person got; absent: they got the note as written. */
  translated?: { text: string; to: string; from?: string };
}

/** Kept with the journey: the homework sent, what came in, what the mentors said. */
export interface JourneyHomework {
  track?: string;
  givenAt?: string;
  due?: string;
  /** The link sent, so the mentor sees what the person got. */
  link?: string;
  submissions: HomeworkSubmission[];
  reviews: HomeworkReview[];
}
