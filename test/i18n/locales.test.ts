import path from 'node:path';
import { readdirSync } from 'node:fs';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/languages';
import { flattenKeys, interpolationVariables, readLocaleResources } from '../../src/i18n/localeResources';
import { createTranslator } from '../../src/i18n/translator';
import { PROJECT_ROOT } from '../../src/projectRoot';

const resources = readLocaleResources(path.join(PROJECT_ROOT, 'locales'));
const reference = resources.en;

describe('locales', () => {
  it('has a folder for each of the six languages and nothing else', () => {
    const folders = readdirSync(path.join(PROJECT_ROOT, 'locales'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual([...SUPPORTED_LANGUAGES].sort());
  });

  describe.each(SUPPORTED_LANGUAGES.filter((l) => l !== 'en'))('%s', (lng) => {
    it('has the same namespaces as English', () => {
      expect(Object.keys(resources[lng]).sort()).toEqual(Object.keys(reference).sort());
    });

    it.each(Object.keys(reference))('has every key of namespace %s, none empty, with the same variables', (ns) => {
      const theirs = flattenKeys(resources[lng][ns] ?? {});
      const ours = flattenKeys(reference[ns]);
      const problems: string[] = [];
      for (const [key, value] of ours) {
        const other = theirs.get(key);
        if (other === undefined) problems.push(`${ns}:${key} is missing`);
        else if (typeof value === 'string') {
          if (typeof other !== 'string' || other.trim() === '') problems.push(`${ns}:${key} is empty`);
          else if (interpolationVariables(other).join() !== interpolationVariables(value).join()) {
            problems.push(`${ns}:${key} uses {{${interpolationVariables(other)}}} instead of {{${interpolationVariables(value)}}}`);
          }
        } else if (Array.isArray(value)) {
          if (!Array.isArray(other) || other.length === 0 || other.some((x) => typeof x !== 'string' || x.trim() === '')) {
            problems.push(`${ns}:${key} must be a list of texts`);
          }
        }
      }
      // Plural forms (i18next's key_one, key_few, …): each language has exactly the forms its plural rules name.
      const forms = new Intl.PluralRules(lng).resolvedOptions().pluralCategories as string[];
      const plural = /^(.*)_(zero|one|two|few|many|other)$/;
      for (const key of theirs.keys()) {
        const [, base, form] = plural.exec(key) ?? [];
        if (base !== undefined && ours.has(`${base}_other`)) {
          if (!forms.includes(form)) problems.push(`${ns}:${key}: ${lng} has no plural form "${form}"`);
        } else if (!ours.has(key)) problems.push(`${ns}:${key} is not in English`);
      }
      for (const key of ours.keys()) {
        const [, base, form] = plural.exec(key) ?? [];
        if (form !== 'other') continue;
        for (const needed of forms) if (!theirs.has(`${base}_${needed}`)) problems.push(`${ns}:${base}_${needed} is missing (a plural form of ${lng})`);
      }
      expect(problems).toEqual([]);
    });
  });

  it('English has no empty texts', () => {
    const empty = Object.entries(reference).flatMap(([ns, tree]) =>
      [...flattenKeys(tree)].filter(([, v]) => typeof v === 'string' && v.trim() === '').map(([k]) => `${ns}:${k}`),
    );
    expect(empty).toEqual([]);
  });

  it('takes the plural form of a number as count, also in right-to-left languages (where the number is isolated)', () => {
    const translator = createTranslator(resources);
    expect(translator.t('nl', 'console:nav.waitingCount', { count: 1 })).toBe('1 persoon wacht');
    expect(translator.t('nl', 'console:nav.waitingCount', { count: 3 })).toBe('3 personen wachten');
    expect(translator.t('ar', 'console:nav.waitingCount', { count: 2 })).toBe('شخصان ينتظران');
    expect(translator.t('ar', 'console:nav.waitingCount', { count: 5 })).toBe('\u20685\u2069 أشخاص ينتظرون');
    expect(translator.t('ar', 'console:nav.waitingCount', { count: 11 })).toBe('\u206811\u2069 شخصًا ينتظرون');
  });

  it('finds interpolation variables', () => {
    expect(interpolationVariables('Hoi {{name}}, plek {{ position }} van {{total, number}}')).toEqual(['name', 'position', 'total']);
  });

  it('translates with variables and refuses unknown keys loudly', () => {
    const translator = createTranslator({
      ...resources,
      en: { ...resources.en, test: { hello: 'Hi {{name}} & co' } },
    });
    expect(translator.t('en', 'test:hello', { name: 'Sara' })).toBe('Hi Sara & co');
    expect(() => translator.t('ar', 'test:hello')).toThrow('Translator.t(): no text for "test:hello" in "ar"');
  });
});
