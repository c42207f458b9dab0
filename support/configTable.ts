/**
 * Writes the configuration table of docs/configuration.md from the schema and its descriptions
 * (npm run docs:config). The table lives between two markers so the prose around it stays hand-written;
 * test/docs/configTable.test.ts fails when the file differs from what this renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EnvSchema, loadConfig } from '../src/config';
import { CONFIG_DESCRIPTIONS } from '../src/configDescriptions';
import { PROJECT_ROOT } from '../src/projectRoot';

export const CONFIG_DOC = path.join(PROJECT_ROOT, 'docs', 'configuration.md');
export const TABLE_START = '<!-- config-table:start (npm run docs:config writes this table from src/config.ts) -->';
export const TABLE_END = '<!-- config-table:end -->';

/** The defaults the schema applies to an empty environment. */
export function schemaDefaults(): Record<string, unknown> {
  const result = loadConfig({});
  if (!result.ok) throw new Error(`configTable: the schema refuses an empty environment:\n${result.problems.join('\n')}`);
  return result.config as Record<string, unknown>;
}

/** One row per setting, in the order of the descriptions (grouped for readers, not as the schema lists them). */
export function renderConfigTable(): string {
  const defaults = schemaDefaults();
  const described = Object.keys(CONFIG_DESCRIPTIONS);
  const missing = Object.keys(EnvSchema.shape).filter((name) => !described.includes(name));
  if (missing.length > 0) throw new Error(`configTable: no description for ${missing.join(', ')} in src/configDescriptions.ts`);
  const rows = Object.entries(CONFIG_DESCRIPTIONS).map(([name, description]) => {
    const value = defaults[name];
    const fallback = 'defaultInWords' in description ? description.defaultInWords : value === undefined ? '—' : `\`${String(value)}\``;
    return `| \`${name}\` | ${fallback} | ${description.meaning} |`;
  });
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The document with the part between the markers replaced by the current table. */
export function withConfigTable(document: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`configTable: ${CONFIG_DOC} lacks the markers ${TABLE_START} … ${TABLE_END}`);
  return `${document.slice(0, start + TABLE_START.length)}\n${renderConfigTable()}\n${document.slice(end)}`;
}

if (require.main === module) {
  const before = readFileSync(CONFIG_DOC, 'utf8');
  const after = withConfigTable(before);
  writeFileSync(CONFIG_DOC, after);
  process.stdout.write(after === before ? `${CONFIG_DOC} was already up to date\n` : `${CONFIG_DOC} written\n`);
}
