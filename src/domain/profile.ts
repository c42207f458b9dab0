import { z } from 'zod';

export const RESIDENCE_STATUSES = ['statushouder', 'asylum-seeker', 'eu-citizen', 'dutch-citizen', 'other'] as const;
export const CEFR_LEVELS = ['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const EDUCATION_LEVELS = ['none', 'primary', 'secondary', 'vocational', 'bachelor', 'master-or-higher'] as const;
export const PROVINCES = [
  'Groningen',
  'Friesland',
  'Drenthe',
  'Overijssel',
  'Flevoland',
  'Gelderland',
  'Utrecht',
  'Noord-Holland',
  'Zuid-Holland',
  'Zeeland',
  'Noord-Brabant',
  'Limburg',
] as const;

export type ResidenceStatus = (typeof RESIDENCE_STATUSES)[number];
export type CefrLevel = (typeof CEFR_LEVELS)[number];
export type Education = (typeof EDUCATION_LEVELS)[number];
export type Province = (typeof PROVINCES)[number];

/** Accepts a province in any letter case, and the Frisian name Fryslân. */
function canonicalProvince(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const wanted = value.trim().toLowerCase().replace('fryslân', 'friesland').replace('fryslan', 'friesland');
  return PROVINCES.find((p) => p.toLowerCase() === wanted) ?? value;
}

/** Accepts "b1" as well as "B1"; "none" stays lower case. */
function canonicalLevel(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const upper = value.trim().toUpperCase();
  return upper === 'NONE' ? 'none' : upper;
}

const level = (field: string) =>
  z.preprocess(canonicalLevel, z.enum(CEFR_LEVELS, { error: `${field} must be one of ${CEFR_LEVELS.join(', ')}` }));

/** The input of the eligibility rules (programme rules, version 1). */
export const ProfileSchema = z.object({
  residenceStatus: z.enum(RESIDENCE_STATUSES, { error: `residenceStatus must be one of ${RESIDENCE_STATUSES.join(', ')}` }),
  dutchLevel: level('dutchLevel'),
  englishLevel: level('englishLevel'),
  motivatedForIT: z.boolean({ error: 'motivatedForIT must be true or false' }),
  hoursPerWeek: z
    .number({ error: 'hoursPerWeek must be a number from 0 to 80' })
    .min(0, { error: 'hoursPerWeek must be a number from 0 to 80' })
    .max(80, { error: 'hoursPerWeek must be a number from 0 to 80' }),
  education: z.enum(EDUCATION_LEVELS, { error: `education must be one of ${EDUCATION_LEVELS.join(', ')}` }),
  itEducation: z.boolean({ error: 'itEducation must be true or false' }),
  province: z
    .preprocess(canonicalProvince, z.enum(PROVINCES, { error: `province must be one of ${PROVINCES.join(', ')}, or null` }).nullable())
    .optional()
    .transform((p) => p ?? null),
});

export type Profile = z.infer<typeof ProfileSchema>;

export type ProfileParse = { ok: true; profile: Profile } | { ok: false; problems: string[] };

/** Validates an unknown value as a profile; every problem is named, field first. */
export function parseProfile(input: unknown): ProfileParse {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, problems: ['a profile must be a JSON object'] };
  }
  const parsed = ProfileSchema.safeParse(input);
  if (parsed.success) return { ok: true, profile: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? '');
      return (input as Record<string, unknown>)[field] === undefined ? `${field} is missing` : issue.message;
    }),
  };
}

const LEVEL_RANK: Record<CefrLevel, number> = { none: 0, A1: 1, A2: 2, B1: 3, B2: 4, C1: 5, C2: 6 };

export function levelRank(level: CefrLevel): number {
  return LEVEL_RANK[level];
}

/** The higher of two CEFR levels. */
export function bestLevel(a: CefrLevel, b: CefrLevel): CefrLevel {
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}
