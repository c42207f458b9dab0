import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/projectRoot';

// The rules are .dependency-cruiser.js at the project root; these tests run the real tool over the
// real sources, and over a small tree of deliberately wrong imports to show each rule can fail.
const RULES = path.join(PROJECT_ROOT, '.dependency-cruiser.js');
const DEPCRUISE = path.join(PROJECT_ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

function cruise(cwd: string, folders: string[]): Promise<Violation[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [DEPCRUISE, '--config', RULES, '--output-type', 'json', ...folders],
      { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        // Exit code 0 when clean, the number of errors otherwise: the JSON report says which.
        if (!stdout) return reject(new Error(`depcruise printed nothing: ${stderr || error?.message}`));
        try {
          const report = JSON.parse(stdout) as { summary: { violations: Violation[]; totalCruised: number } };
          if (report.summary.totalCruised === 0) return reject(new Error('depcruise found no modules'));
          resolve(report.summary.violations);
        } catch (parseError) {
          reject(parseError instanceof Error ? parseError : new Error(String(parseError)));
        }
      },
    );
  });
}

const describeViolation = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.to}`;

describe('the layers of the code', () => {
  it('hold in the sources, the dialogs, the tests and the benchmarks', async () => {
    const violations = await cruise(PROJECT_ROOT, ['src', 'dialogs', 'test', 'bench', 'support']);
    expect(violations.map(describeViolation)).toEqual([]);
  });
});

describe('the layer rules (.dependency-cruiser.js)', () => {
  let tree: string;

  /** Writes a TypeScript file into the fixture tree; each import names another file of the tree. */
  function file(relative: string, imports: string[] = []): void {
    const full = path.join(tree, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    const lines = imports.map((target, i) => {
      let specifier = path.relative(path.dirname(full), path.join(tree, target)).replace(/\.ts$/, '');
      if (!specifier.startsWith('.')) specifier = `./${specifier}`;
      return `import * as m${i} from '${specifier}';\nexport const u${i} = m${i};`;
    });
    writeFileSync(full, `${lines.join('\n')}\nexport const name = '${relative}';\n`);
  }

  beforeAll(() => {
    tree = mkdtempSync(path.join(os.tmpdir(), 'vit-layers-'));
    writeFileSync(
      path.join(tree, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true } }),
    );
    // Targets.
    for (const target of [
      'src/config.ts',
      'src/app.ts',
      'src/i18n/languages.ts',
      'src/bot/createBot.ts',
      'src/channels/teams/teamsRendering.ts',
      'src/console/accountStore.ts',
      'src/domain/eligibility.ts',
      'src/handoff/handoffQueue.ts',
      'test/support/redisServer.ts',
      'support/redisServer.ts',
      'dialogs/mainDialog.ts',
      'src/composition/records.ts',
      'src/composition/handoffs.ts',
    ]) {
      file(target);
    }
    // Wrong imports, one per file.
    file('src/domain/wrong.ts', ['src/i18n/languages.ts']);
    file('dialogs/wrongConfig.ts', ['src/config.ts']);
    file('dialogs/wrongBot.ts', ['src/bot/createBot.ts']);
    file('src/bot/wrong.ts', ['src/channels/teams/teamsRendering.ts']);
    file('src/storage/wrong.ts', ['src/bot/createBot.ts']);
    file('src/handoff/wrong.ts', ['src/channels/teams/teamsRendering.ts']);
    file('src/people/wrong.ts', ['src/app.ts']);
    file('src/channels/teams/wrong.ts', ['src/console/accountStore.ts']);
    file('bench/wrong.ts', ['test/support/redisServer.ts']);
    file('src/reporting/wrong.ts', ['test/support/redisServer.ts']);
    file('src/composition/channels.ts', ['src/composition/records.ts', 'src/composition/handoffs.ts']); // a later step
    file('src/composition/http.ts', ['src/app.ts']);
    file('src/bot/wrongStep.ts', ['src/composition/records.ts']);
    file('src/nlu/cycleA.ts', ['src/nlu/cycleB.ts']); // a cycle is reported once
    file('src/nlu/cycleB.ts', ['src/nlu/cycleA.ts']);
    file('src/console/public/js/pages/cycleA.ts', ['src/console/public/js/pages/cycleB.ts']); // two console pages calling each other
    file('src/console/public/js/pages/cycleB.ts', ['src/console/public/js/pages/cycleA.ts']);
    // Right imports: the allowed direction.
    file('src/channels/teams/right.ts', ['src/bot/createBot.ts', 'src/handoff/handoffQueue.ts', 'src/domain/eligibility.ts']);
    file('src/bot/right.ts', ['dialogs/mainDialog.ts', 'src/handoff/handoffQueue.ts']);
    file('dialogs/right.ts', ['src/domain/eligibility.ts', 'src/i18n/languages.ts']);
    file('src/handoff/right.ts', ['src/domain/eligibility.ts']);
    file('bench/right.ts', ['support/redisServer.ts', 'src/app.ts']);
    file('test/right.ts', ['src/app.ts', 'test/support/redisServer.ts']);
    file('src/app.ts', ['src/composition/handoffs.ts']);
  });

  afterAll(() => rmSync(tree, { recursive: true, force: true }));

  it('fails each deliberately wrong import with the rule it breaks, and lets the right ones pass', async () => {
    const violations = await cruise(tree, ['src', 'dialogs', 'bench', 'test', 'support']);
    expect(violations.every((v) => v.rule.severity === 'error')).toBe(true);
    expect(violations.map(describeViolation).sort()).toEqual(
      [
        'domain-is-pure: src/domain/wrong.ts → src/i18n/languages.ts',
        'dialogs-below-bot: dialogs/wrongConfig.ts → src/config.ts',
        'dialogs-below-bot: dialogs/wrongBot.ts → src/bot/createBot.ts',
        'bot-below-channels: src/bot/wrong.ts → src/channels/teams/teamsRendering.ts',
        'storage-and-services-below-bot: src/storage/wrong.ts → src/bot/createBot.ts',
        'storage-and-services-below-bot: src/handoff/wrong.ts → src/channels/teams/teamsRendering.ts',
        'storage-and-services-below-bot: src/people/wrong.ts → src/app.ts',
        'channels-beside-console: src/channels/teams/wrong.ts → src/console/accountStore.ts',
        'bench-without-tests: bench/wrong.ts → test/support/redisServer.ts',
        'product-without-tests: src/reporting/wrong.ts → test/support/redisServer.ts',
        'no-circular: src/nlu/cycleA.ts → src/nlu/cycleB.ts',
        'no-circular: src/console/public/js/pages/cycleA.ts → src/console/public/js/pages/cycleB.ts',
        'composition-in-order: src/composition/channels.ts → src/composition/handoffs.ts',
        'composition-in-order: src/composition/http.ts → src/app.ts',
        'composition-only-from-the-root: src/bot/wrongStep.ts → src/composition/records.ts',
      ].sort(),
    );
  });
});
