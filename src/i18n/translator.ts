import i18next, { i18n as I18n } from 'i18next';
import path from 'node:path';
import { PROJECT_ROOT } from '../projectRoot';
import { Language, RIGHT_TO_LEFT, SUPPORTED_LANGUAGES } from './languages';
import { isolate, isolateLatinRuns, withoutIsolate } from './bidi';
import { LocaleResources, readLocaleResources } from './localeResources';

/** Looks up a user-facing string: "namespace:key", with {{variables}}, in one of the six languages. */
export interface Translator {
  t(lng: Language, key: string, vars?: Record<string, unknown>): string;
  /** A list-valued key (e.g. example phrases), [] when absent. */
  list(lng: Language, key: string): string[];
}

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
/** "⁨{{date}}⁩": a variable the text isolates itself (FSI, LRI or RLI … PDI). */
const ISOLATED_VARIABLE = /[\u2066-\u2068]\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}\u2069/g;

export function createTranslator(resources: LocaleResources = readLocaleResources(path.join(PROJECT_ROOT, 'locales'))): Translator {
  const instance: I18n = i18next.createInstance();
  void instance.init({
    resources,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    fallbackLng: false,
    defaultNS: 'common',
    ns: [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))],
    initAsync: false,
    returnNull: false,
    // Text goes to chat channels, not HTML: escaping would show "&amp;" to the person.
    interpolation: { escapeValue: false },
  });
  // The resources do not change after start-up, so a text without variables is looked up once.
  const texts = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const isolatedNames = new Map<string, ReadonlySet<string>>();
  /** The {{variables}} a text puts between FSI and PDI itself. */
  const isolatedVariables = (lng: Language, key: string): ReadonlySet<string> => {
    const cacheKey = `${lng}\u0000${key}`;
    let names = isolatedNames.get(cacheKey);
    if (!names) {
      const [ns, path] = key.includes(':') ? [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)] : ['common', key];
      const source = instance.getResource(lng, ns, path) as unknown;
      names = new Set(typeof source === 'string' ? [...source.matchAll(ISOLATED_VARIABLE)].map((m) => m[1]) : []);
      isolatedNames.set(cacheKey, names);
    }
    return names;
  };
  return {
    t: (lng, key, vars) => {
      const cached = vars ? undefined : texts.get(`${lng}\u0000${key}`);
      if (cached !== undefined) return cached;
      // A number as `count` picks the plural form (key_one, key_few, …), so such a key exists only with it.
      const count = typeof vars?.count === 'number' ? vars.count : undefined;
      if (!instance.exists(key, count === undefined ? { lng } : { lng, count })) throw new Error(`Translator.t(): no text for "${key}" in "${lng}"`);
      const plain = instance.t(key, { lng, ...vars }) as string;
      // Right-to-left texts: inserted values and Latin words are isolated (see bidi.ts). A text with no
      // right-to-left letters (a button "B1", the name "English") has nothing to be isolated from.
      const rtl = RIGHT_TO_LEFT.has(lng) && RTL_LETTER.test(plain);
      // An isolated count is text, of which i18next cannot tell the plural form: the form of the number is named here.
      const form = count === undefined ? key : [`${key}_${new Intl.PluralRules(lng).select(count)}`, `${key}_other`].find((k) => instance.exists(k, { lng })) ?? key;
      // A {{variable}} the text isolates itself ("⁨{{date}}⁩", as the console's texts do) is not isolated a second
      // time, nor a value a caller isolated: each value is isolated exactly once.
      const isolatedInText = rtl && vars ? isolatedVariables(lng, form) : undefined;
      const values = rtl && vars ? Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' || typeof v === 'number' ? (isolatedInText?.has(k) ? withoutIsolate : isolate)(String(v)) : v])) : vars;
      const text = rtl ? isolateLatinRuns(instance.t(form, { lng, ...values }) as string) : plain;
      if (!vars) texts.set(`${lng}\u0000${key}`, text);
      return text;
    },
    list: (lng, key) => {
      const cached = lists.get(`${lng}\u0000${key}`);
      if (cached) return cached;
      const value = instance.t(key, { lng, returnObjects: true }) as unknown;
      const list = Object.freeze(Array.isArray(value) ? [...(value as string[])] : []) as string[];
      lists.set(`${lng}\u0000${key}`, list);
      return list;
    },
  };
}
