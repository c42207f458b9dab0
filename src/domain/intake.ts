import { CEFR_LEVELS, CefrLevel, EDUCATION_LEVELS, Profile, ProfileSchema, RESIDENCE_STATUSES } from './profile';
import { municipalityByName } from './municipalities';

export const IT_EXPERIENCE = ['none', 'hobby', 'course', 'work'] as const;
export type ItExperience = (typeof IT_EXPERIENCE)[number];

export type FieldKind = 'name' | 'choice' | 'municipality' | 'level' | 'yesno' | 'text' | 'hours';

export interface IntakeField {
  id: string;
  kind: FieldKind;
  /** May be answered with "skip". */
  optional: boolean;
  /** For choice fields: the stored values, in button order. */
  options?: readonly string[];
  /** For level fields: which language the level is about. */
  language?: 'dutch' | 'english';
  /** Quick answers offered as buttons for typed fields (hours). */
  quickAnswers?: readonly string[];
  /** Asked only when this holds for the answers so far. */
  askWhen?: (answers: IntakeAnswers) => boolean;
}

/** An answer per field id; null means skipped, absent means not asked yet. */
export type IntakeAnswers = Record<string, string | number | boolean | null | undefined>;

/** The intake as the brief orders it. */
export const INTAKE_FIELDS: readonly IntakeField[] = [
  { id: 'firstName', kind: 'name', optional: true },
  { id: 'residenceStatus', kind: 'choice', optional: false, options: RESIDENCE_STATUSES },
  { id: 'municipality', kind: 'municipality', optional: true },
  { id: 'dutchLevel', kind: 'level', optional: false, language: 'dutch' },
  { id: 'englishLevel', kind: 'level', optional: false, language: 'english' },
  { id: 'education', kind: 'choice', optional: false, options: EDUCATION_LEVELS },
  {
    id: 'itEducation',
    kind: 'yesno',
    optional: false,
    askWhen: (a) => typeof a.education === 'string' && a.education !== 'none' && a.education !== 'primary',
  },
  { id: 'itExperience', kind: 'choice', optional: true, options: IT_EXPERIENCE },
  { id: 'motivatedForIT', kind: 'yesno', optional: false },
  { id: 'motivation', kind: 'text', optional: true, askWhen: (a) => a.motivatedForIT === true },
  { id: 'hoursPerWeek', kind: 'hours', optional: false, quickAnswers: ['16', '24', '32', '40'] },
];

export function intakeField(id: string): IntakeField {
  const field = INTAKE_FIELDS.find((f) => f.id === id);
  if (!field) throw new Error(`intakeField(): no field "${id}"`);
  return field;
}

function applies(field: IntakeField, answers: IntakeAnswers): boolean {
  return field.askWhen ? field.askWhen(answers) : true;
}

/** The first field that applies and has no answer yet (a skip counts as an answer); undefined when done. */
export function nextOpenField(answers: IntakeAnswers): IntakeField | undefined {
  return INTAKE_FIELDS.find((f) => applies(f, answers) && answers[f.id] === undefined);
}

/** The field asked before `current`, for "back"; undefined at the first question. */
export function previousField(answers: IntakeAnswers, current: string): IntakeField | undefined {
  const index = INTAKE_FIELDS.findIndex((f) => f.id === current);
  return INTAKE_FIELDS.slice(0, Math.max(index, 0))
    .filter((f) => applies(f, answers))
    .at(-1);
}

/** What the finished intake makes of a profile: valid, or the fields to ask again. */
export type ProfileFromAnswers = { ok: true; profile: Profile } | { ok: false; fields: string[] };

/**
 * The profile the eligibility rules read, validated by the profile schema once every required field
 * is answered. Stored answers are not trusted to be well-formed (an older record, a hand-edited one):
 * what does not validate names the intake field to ask again, and gives no profile.
 */
export function profileFromAnswers(answers: IntakeAnswers): ProfileFromAnswers {
  const open = nextOpenField(answers);
  if (open) return { ok: false, fields: [open.id] };
  const municipality = typeof answers.municipality === 'string' ? municipalityByName(answers.municipality) : undefined;
  const parsed = ProfileSchema.safeParse({
    residenceStatus: answers.residenceStatus,
    dutchLevel: answers.dutchLevel,
    englishLevel: answers.englishLevel,
    motivatedForIT: answers.motivatedForIT,
    hoursPerWeek: answers.hoursPerWeek,
    education: answers.education,
    itEducation: applies(intakeField('itEducation'), answers) ? answers.itEducation : false,
    province: municipality?.province ?? null,
  });
  if (parsed.success) return { ok: true, profile: parsed.data };
  const fields = parsed.error.issues.map((issue) => FIELD_OF_PROFILE_KEY[String(issue.path[0])] ?? String(issue.path[0]));
  return { ok: false, fields: [...new Set(fields)] };
}

/** The intake field a profile key comes from, where the names differ. */
const FIELD_OF_PROFILE_KEY: Record<string, string> = { province: 'municipality' };

/** Can-do statements asked when someone does not know their level, lowest first. */
export const CAN_DO_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1'] as const satisfies readonly CefrLevel[];

/**
 * Estimates a CEFR level from yes/no answers to the can-do statements (lowest first): one level per
 * "yes", so a single misread statement moves the estimate one step, not to the bottom.
 */
export function estimateLevel(answers: boolean[]): CefrLevel {
  const yes = answers.filter(Boolean).length;
  return yes === 0 ? 'none' : CAN_DO_LEVELS[Math.min(yes, CAN_DO_LEVELS.length) - 1];
}

export const LEVEL_CHOICES = [...CEFR_LEVELS, 'dontKnow'] as const;
