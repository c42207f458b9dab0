import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SUPPORTED_LANGUAGES, Language } from './languages';

/** language → namespace → nested key/value JSON, exactly as it sits in locales/<lng>/<ns>.json. */
export type LocaleResources = Record<Language, Record<string, Record<string, unknown>>>;

/** Reads every locales/<lng>/<namespace>.json; a file that is not valid JSON stops with its path. */
export function readLocaleResources(localesDir: string): LocaleResources {
  const resources = {} as LocaleResources;
  for (const lng of SUPPORTED_LANGUAGES) {
    const dir = path.join(localesDir, lng);
    resources[lng] = {};
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const full = path.join(dir, file);
      try {
        resources[lng][file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(full, 'utf8'));
      } catch (error) {
        throw new Error(`readLocaleResources(): ${full} is not valid JSON: ${(error as Error).message}`);
      }
    }
  }
  return resources;
}

/** Flattens nested keys to "a.b.c" → string, the shape the completeness check compares. */
export function flattenKeys(tree: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flattenKeys(value as Record<string, unknown>, full)) out.set(k, v);
    } else {
      out.set(full, value);
    }
  }
  return out;
}

/** The {{variables}} a translation interpolates, sorted, so locales can be compared. */
export function interpolationVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/{{\s*([\w.]+)\s*(?:,[^}]*)?}}/g)].map((m) => m[1]))].sort();
}
