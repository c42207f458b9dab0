import i18next, { i18n as I18n } from 'i18next';
import path from 'node:path';
import { PROJECT_ROOT } from '../projectRoot';
import { Language, SUPPORTED_LANGUAGES } from './languages';
import { LocaleResources, readLocaleResources } from './localeResources';

/** Looks up a user-facing string: "namespace:key", with {{variables}}, in one of the six languages. */
export interface Translator {
  t(lng: Language, key: string, vars?: Record<string, unknown>): string;
  /** A list-valued key (e.g. example phrases), [] when absent. */
  list(lng: Language, key: string): string[];
}

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
  return {
    t: (lng, key, vars) => {
      if (!instance.exists(key, { lng })) throw new Error(`Translator.t(): no text for "${key}" in "${lng}"`);
      return instance.t(key, { lng, ...vars }) as string;
    },
    list: (lng, key) => {
      const value = instance.t(key, { lng, returnObjects: true }) as unknown;
      return Array.isArray(value) ? (value as string[]) : [];
    },
  };
}
