import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EnvSchema, loadConfig } from '../src/config';
import { PROJECT_ROOT } from '../src/projectRoot';
import { TABLE_END, TABLE_START } from '../support/configTable';

const lines = readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8').split('\n');
const entries = lines.map((line, i) => ({ line, i })).filter(({ line }) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(line));

describe('.env.example', () => {
  it('lists exactly the variables the configuration schema knows', () => {
    const listed = entries.map(({ line }) => line.split('=')[0]).sort();
    const known = Object.keys(EnvSchema.shape).sort();
    expect(listed).toEqual(known);
  });

  it('has a comment above every variable', () => {
    const uncommented = entries.filter(({ i }) => !lines[i - 1]?.startsWith('#')).map(({ line }) => line);
    expect(uncommented).toEqual([]);
  });

  it('is itself a valid configuration', () => {
    const env = Object.fromEntries(entries.map(({ line }) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]));
    expect(loadConfig(env)).toMatchObject({ ok: true });
  });
});

describe('the configuration table in docs/configuration.md', () => {
  const doc = readFileSync(path.join(PROJECT_ROOT, 'docs', 'configuration.md'), 'utf8');
  const section = doc.slice(doc.indexOf(TABLE_START), doc.indexOf(TABLE_END));
  const rows = section
    .split('\n')
    .map((line) => /^\| `([A-Za-z_][A-Za-z0-9_]*)` \| ([^|]+) \|/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, name, fallback]) => ({ name, fallback: fallback.trim() }));

  it('has a row for every variable the schema knows, and no other', () => {
    expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(EnvSchema.shape).sort());
  });

  it('gives the defaults the schema applies', () => {
    const defaults = loadConfig({});
    if (!defaults.ok) throw new Error(defaults.problems.join('\n'));
    const config = defaults.config as Record<string, unknown>;
    const stated = rows.filter((r) => /^`[^`]+`$/.test(r.fallback));
    expect(stated.length).toBeGreaterThan(20);
    for (const { name, fallback } of stated) expect(`${name}=${String(config[name])}`).toBe(`${name}=${fallback.slice(1, -1)}`);
    for (const { name } of rows.filter((r) => r.fallback === '—')) expect(`${name}=${String(config[name])}`).toBe(`${name}=undefined`);
  });
});
