import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config';
import { CONFIG_DESCRIPTIONS } from '../../src/configDescriptions';
import { CONFIG_DOC, renderConfigTable, TABLE_END, TABLE_START, withConfigTable } from '../../support/configTable';

const doc = readFileSync(CONFIG_DOC, 'utf8');

describe('the generated configuration table', () => {
  it('is in docs/configuration.md as the schema gives it (else run npm run docs:config)', () => {
    expect(withConfigTable(doc)).toBe(doc);
  });

  it('tells a stale table apart: a changed meaning or default no longer matches', () => {
    const staleMeaning = doc.replace(/^(\| `PORT` \| [^|]+\| ).+ \|$/m, '$1a meaning the descriptions do not give |');
    const staleDefault = doc.replace(/^\| `PORT` \| `\d+` \|/m, '| `PORT` | `1` |');
    expect(staleMeaning).not.toBe(doc);
    expect(staleDefault).not.toBe(doc);
    expect(withConfigTable(staleMeaning)).toBe(doc);
    expect(withConfigTable(staleDefault)).toBe(doc);
  });

  it('keeps the hand-written text around the markers as it is', () => {
    const edited = doc.replace('# Configuration', '# Configuration (edited)');
    expect(withConfigTable(edited)).toBe(edited);
    expect(doc.indexOf(TABLE_START)).toBeLessThan(doc.indexOf(TABLE_END));
  });

  it('takes every default from the schema, words only where the schema itself has none', () => {
    const result = loadConfig({});
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const defaults = result.config as Record<string, unknown>;
    const inWords = Object.entries(CONFIG_DESCRIPTIONS).filter(([, d]) => 'defaultInWords' in d).map(([name]) => name);
    expect(inWords.sort()).toEqual(['HOST', 'LOG_PSEUDONYM_SECRET']);
    for (const name of inWords) expect(`${name}=${String(defaults[name])}`).toBe(`${name}=undefined`);
    expect(renderConfigTable()).toContain('| `CLU_MIN_CONFIDENCE` | `0.7` |');
  });

  it('refuses a document without the markers rather than losing its text', () => {
    expect(() => withConfigTable('# Configuration\n\nno table here\n')).toThrow(/lacks the markers/);
  });
});
