import { distance } from 'fastest-levenshtein';
import data from './data/municipalities.json';
import { normalizeText } from './normalizeText';
import { typoAllowance } from './matchChoice';
import { Province, PROVINCES } from './profile';

export interface Municipality {
  name: string;
  province: Province;
  aliases: string[];
}

export type MunicipalityMatch =
  | { kind: 'found'; municipality: Municipality }
  | { kind: 'suggest'; candidates: Municipality[] }
  | { kind: 'unknown' };

/** All Dutch municipalities on 1 January 2025 with their province (CBS list). */
export const MUNICIPALITIES: readonly Municipality[] = (data as Municipality[]).map((m) => {
  if (!(PROVINCES as readonly string[]).includes(m.province)) throw new Error(`municipalities.json: unknown province "${m.province}" for ${m.name}`);
  return m;
});

/** "'s-Hertogenbosch" → "s hertogenbosch", "Súdwest-Fryslân" → "sudwest fryslan", "gemeente Ede" → "ede". */
function key(name: string): string {
  return normalizeText(name).replace(/^gemeente /, '').replace(/^(?:de|het) gemeente /, '');
}

interface Entry {
  key: string;
  municipality: Municipality;
}

const ENTRIES: Entry[] = MUNICIPALITIES.flatMap((m) => [m.name, ...m.aliases].map((n) => ({ key: key(n), municipality: m })));
const BY_KEY = new Map(ENTRIES.map((e) => [e.key, e.municipality]));

const MIN_SUGGEST_LENGTH = 4;
const MAX_SUGGEST_DISTANCE_RATIO = 0.4;

/**
 * Finds the municipality someone typed: the name or a known other name, also inside a sentence
 * ("ik woon in Zwolle"); else the names it is the start of; else the one name within a small typo
 * distance; else up to three close names to choose from; else unknown.
 */
export function findMunicipality(answer: string): MunicipalityMatch {
  const text = key(answer);
  if (!text) return { kind: 'unknown' };
  const exact = BY_KEY.get(text);
  if (exact) return { kind: 'found', municipality: exact };

  const padded = ` ${text} `;
  const inside = ENTRIES.filter((e) => e.key.length >= 3 && padded.includes(` ${e.key} `));
  if (inside.length > 0) {
    const longest = Math.max(...inside.map((e) => e.key.length));
    const best = distinct(inside.filter((e) => e.key.length === longest).map((e) => e.municipality));
    return best.length === 1 ? { kind: 'found', municipality: best[0] } : { kind: 'suggest', candidates: best.slice(0, 3) };
  }

  // "Bergen" starts "Bergen (NH)", "Bergen (L)" and "Bergen op Zoom": let the person pick.
  const starting = distinct(ENTRIES.filter((e) => e.key.startsWith(`${text} `)).map((e) => e.municipality));
  if (starting.length === 1) return { kind: 'found', municipality: starting[0] };
  if (starting.length > 1) return { kind: 'suggest', candidates: starting.slice(0, 3) };

  const scored = ENTRIES.map((e) => ({ ...e, d: distance(text, e.key) })).sort((a, b) => a.d - b.d);
  const allowed = typoAllowance(text.length);
  const closest = distinct(scored.filter((e) => e.d === scored[0].d).map((e) => e.municipality));
  if (scored[0].d <= allowed && closest.length === 1) return { kind: 'found', municipality: closest[0] };
  // A few letters are close to many short names ("nee" to Beek, Ede, Epe): suggest only for longer
  // text, and only names that share most of their letters with it.
  if (text.length < MIN_SUGGEST_LENGTH) return { kind: 'unknown' };
  const close = (e: { key: string; d: number }) => e.d <= Math.max(allowed + 1, 3) && e.d / Math.max(text.length, e.key.length) <= MAX_SUGGEST_DISTANCE_RATIO;
  const near = distinct(scored.filter(close).map((e) => e.municipality)).slice(0, 3);
  return near.length > 0 ? { kind: 'suggest', candidates: near } : { kind: 'unknown' };
}

/** The municipality by its exact official name, as stored in a profile. */
export function municipalityByName(name: string): Municipality | undefined {
  return MUNICIPALITIES.find((m) => m.name === name);
}

function distinct(list: Municipality[]): Municipality[] {
  return [...new Set(list)];
}
