import path from 'node:path';
import { readLocaleResources } from '../../src/i18n/localeResources';
import { createTranslator } from '../../src/i18n/translator';
import { PROJECT_ROOT } from '../../src/projectRoot';

const resources = readLocaleResources(path.join(PROJECT_ROOT, 'locales'));
const translator = createTranslator(resources);

/** Every key of a namespace that holds a text (not a list), as "ns:a.b.c". */
function textKeys(ns: string, node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [`${ns}:${prefix}`];
  if (Array.isArray(node) || typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => textKeys(ns, v, prefix ? `${prefix}.${k}` : k));
}

/** The text with every isolated part (FSI … PDI) taken out. */
const outsideIsolates = (text: string) => text.replace(/\u2068[^\u2069]*\u2069/g, '');

describe.each(['ar', 'fa'] as const)('right-to-left texts in %s', (lng) => {
  const keys = Object.entries(resources[lng]).flatMap(([ns, tree]) => textKeys(ns, tree));
  /** The {{variables}} the source text of a key names. */
  const variables = (key: string) => {
    const [ns, path] = key.split(':');
    const source = path.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], resources[lng][ns]) as string;
    return [...source.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
  };

  it('isolates every Latin word and every inserted value', () => {
    const bad: string[] = [];
    for (const key of keys) {
      const names = variables(key);
      const vars = Object.fromEntries(names.map((n) => [n, 'Latin Value 32']));
      const text = translator.t(lng, key, names.length > 0 ? vars : undefined);
      if (!/[\u0600-\u06FF]/.test(text)) continue; // all Latin (a button "B1", "English"): no right-to-left text to guard
      if (/[A-Za-z]/.test(outsideIsolates(text))) bad.push(`${key}: ${text}`);
      for (const n of names) if (!text.includes('\u2068Latin Value 32\u2069')) bad.push(`${key}: {{${n}}} not isolated`);
    }
    expect(bad).toEqual([]);
    expect(keys.length).toBeGreaterThan(100);
  });

  it('isolates every inserted value exactly once, also where the text isolates its {{variable}} itself', () => {
    const twice: string[] = [];
    for (const key of keys) {
      const names = variables(key);
      if (names.length === 0) continue;
      const text = translator.t(lng, key, Object.fromEntries(names.map((n) => [n, 'Latin Value 32'])));
      if (/[\u2066-\u2068]{2}|\u2069{2}/.test(text)) twice.push(`${key}: ${JSON.stringify(text)}`);
    }
    expect(twice).toEqual([]);
    expect(translator.t(lng, 'journey:due', { date: '9 Dec' })).toContain('\u20689 Dec\u2069');
  });

  it('keeps a value a caller isolated already as it is (FSI or LRI … PDI), and isolates one that only starts and ends with an isolate', () => {
    expect(translator.t(lng, 'common:commandOffer', { command: '\u2068menu\u2069' })).not.toMatch(/\u2068\u2068|\u2069\u2069/);
    expect(translator.t(lng, 'talk:hasBooking', { time: '\u2066Fri 10:00\u2069' })).toContain(' \u2066Fri 10:00\u2069');
    expect(translator.t(lng, 'talk:hasBooking', { time: '\u2068A\u2069 \u2068B\u2069' })).toContain('\u2068\u2068A\u2069 \u2068B\u2069\u2069');
  });

  it('keeps the full stop outside the isolate ("… B1.")', () => {
    expect(translator.t(lng, 'eligibility:outcomes.eligible.text', { level: 'B1' })).toMatch(/\u2068B1\u2069[.。]?/);
  });
});
