import { findMunicipality, MUNICIPALITIES } from '../../src/domain/municipalities';
import { normalizeText } from '../../src/domain/normalizeText';

describe('town names in Arabic, Persian, Tigrinya and Turkish spellings', () => {
  it.each([
    ['أمستردام', 'Amsterdam'],
    ['آمستردام', 'Amsterdam'],
    ['ኣምስተርዳም', 'Amsterdam'],
    ['روتردام', 'Rotterdam'],
    ['لاهاي', "'s-Gravenhage"],
    ['Lahey', "'s-Gravenhage"],
    ['انا ساكن في اوترخت', 'Utrecht'],
    ['تير أبل', 'Westerwolde'],
    ['خرونينغن', 'Groningen'],
    ['زفوله', 'Zwolle'],
    ['من در آیندهوون زندگی می‌کنم', 'Eindhoven'],
  ])('finds %s as %s', (typed, name) => {
    const match = findMunicipality(typed);
    expect(match.kind === 'found' && match.municipality.name).toBe(name);
  });

  it('names no two municipalities with the same other name', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const m of MUNICIPALITIES) {
      for (const alias of [m.name, ...m.aliases]) {
        const key = normalizeText(alias);
        const other = seen.get(key);
        if (other && other !== m.name) clashes.push(`${alias}: ${other} / ${m.name}`);
        seen.set(key, m.name);
      }
    }
    expect(clashes).toEqual([]);
  });
});
