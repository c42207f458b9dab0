import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EnvSchema, loadConfig } from '../src/config';
import { PROJECT_ROOT } from '../src/projectRoot';

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
