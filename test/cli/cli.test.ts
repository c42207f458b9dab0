import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/projectRoot';

const CLI = path.join(PROJECT_ROOT, 'dist/src/cli/main.js');

/** Runs the built `vit-bot` command with the given stdin; resolves with its output and exit code. */
function vitBot(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const profile = {
  residenceStatus: 'statushouder',
  dutchLevel: 'B1',
  englishLevel: 'A2',
  motivatedForIT: true,
  hoursPerWeek: 36,
  education: 'secondary',
  itEducation: false,
  province: null,
};

describe('vit-bot assess', () => {
  it('assesses JSON Lines, reports a bad line with its number in its place, keeps going, exits 1', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vit-assess-'));
    const file = path.join(dir, 'profiles.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ ...profile, residenceStatus: 'asylum-seeker' }),
        JSON.stringify({ ...profile, hoursPerWeek: 120 }),
        '',
        '{"residenceStatus": "statushouder",',
        JSON.stringify({ ...profile, dutchLevel: 'c1', education: 'bachelor', province: 'Drenthe' }),
      ].join('\n'),
    );
    const { code, stdout, stderr } = await vitBot(['assess', '--json', file]);
    expect(code).toBe(1);
    const results = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(results).toEqual([
      {
        outcome: 'not-yet',
        flags: [],
        reasons: ['VIT is for people who have a residence permit (statushouders). You can join when you have your permit.'],
        routes: ['vluchtelingenwerk'],
        rulesVersion: 1,
      },
      { line: 2, error: 'hoursPerWeek must be a number from 0 to 80' },
      { line: 4, error: expect.stringMatching(/^not valid JSON/) },
      {
        outcome: 'direct-route',
        flags: ['higher-education', 'region-north'],
        reasons: [
          'Your language level (Dutch C1) is high enough to apply directly at our partners. They take people from level B2.',
          'You have a higher education. Make IT Work helps people like you learn a new job in IT.',
          'You live in the north of the Netherlands. Make IT Work also works there.',
        ],
        routes: ['itph-academy', 'capgemini-academy', 'hackyourfuture', 'motopp', 'do-good-only', 'make-it-work-north'],
        rulesVersion: 1,
      },
    ]);
    expect(stderr.trim().split('\n')).toEqual([
      'line 2: hoursPerWeek must be a number from 0 to 80',
      expect.stringMatching(/^line 4: not valid JSON/),
    ]);
  });

  it('reads one profile object from stdin, spread over lines, and gives the reasons in the asked language', async () => {
    const { code, stdout, stderr } = await vitBot(['assess', '--json', '--lang', 'ar', '-'], JSON.stringify(profile, null, 2));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const result = JSON.parse(stdout);
    expect(result.outcome).toBe('eligible');
    expect(result.reasons[0]).toMatch(/VIT/);
    expect(result.reasons[0]).toMatch(/[\u0600-\u06FF]/);
  });

  it('reports a broken object spread over lines once, not once per line', async () => {
    const broken = JSON.stringify(profile, null, 2).replace('"statushouder"', '"statushouder" "extra"');
    const { code, stdout, stderr } = await vitBot(['assess', '--json', '-'], broken);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^line 1: not valid JSON/)]);
    expect(stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([{ line: 1, error: expect.stringMatching(/^not valid JSON/) }]);
  });

  it('says what is wrong with the command line', async () => {
    expect(await vitBot(['assess'])).toMatchObject({ code: 2, stderr: expect.stringContaining('assess needs one FILE') });
    expect(await vitBot(['assess', '--lang', 'de', '-'], '{}')).toMatchObject({ code: 2, stderr: expect.stringContaining('--lang must be one of') });
    expect(await vitBot(['assess', '/no/such/file'])).toMatchObject({ code: 1, stderr: expect.stringContaining('ENOENT') });
    expect(await vitBot(['fly'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "fly"') });
    expect(await vitBot(['assess', '-'], '')).toMatchObject({ code: 1, stderr: 'assess: no profile in the input\n' });
  });
});

describe('vit-bot chat', () => {
  it('talks with the real bot through stdin: numbers tap buttons, typed answers work, it ends at end of input', async () => {
    const lines = ['2', '1', '1', 'Sara', '1'];
    const { code, stdout, stderr } = await vitBot(['chat'], `${lines.join('\n')}\n`);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('VIT Wegwijzer: Hallo! Ik ben VIT Wegwijzer.');
    expect(stdout).toContain('1) Nederlands   2) English');
    expect(stdout).toContain('VIT Wegwijzer: OK, I will write in English.');
    expect(stdout).toContain('VIT Wegwijzer: What is your first name?');
    expect(stdout).toContain('VIT Wegwijzer: What is your situation in the Netherlands?');
    expect(stdout).toContain('1) I have a permit');
    expect(stdout.trim().split('\n').slice(-2)).toEqual(['VIT Wegwijzer: In which municipality (city or village) do you live?', '   1) Skip   2) Back   3) Menu']);
  });

  it('starts in the language given with --lang, without asking', async () => {
    const { code, stdout } = await vitBot(['chat', '--lang', 'ti'], '');
    expect(code).toBe(0);
    expect(stdout).toContain('VIT Wegwijzer: ሰላም!');
    expect(stdout).not.toContain('Nederlands');
  });
});

describe('vit-bot faq', () => {
  it('answers a question in the chosen language', async () => {
    const { code, stdout } = await vitBot(['faq', '--lang', 'nl', 'is it free?']);
    expect(code).toBe(0);
    expect(stdout).toContain('gratis');
  });

  it('prints topic and confidence with --json', async () => {
    const { code, stdout } = await vitBot(['faq', '--json', 'how much does it cost']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ topic: 'costs', confidence: expect.any(Number) });
  });

  it('--batch answers line by line in order, keeps bad lines aligned and exits 1', async () => {
    const input = [
      JSON.stringify({ text: 'hoeveel kost het', lang: 'nl' }),
      'not json',
      JSON.stringify({ text: 'what is the weather in Paris tomorrow', lang: 'en' }),
      JSON.stringify({ text: 'wat is BBL', lang: 'xx' }),
    ].join('\n');
    const { code, stdout, stderr } = await vitBot(['faq', '--batch', '-'], `${input}\n`);
    expect(code).toBe(1);
    const out = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({ topic: 'costs' });
    expect(out[1]).toEqual({ topic: null, confidence: 0 });
    expect(out[2].topic).toBeNull();
    expect(out[3]).toEqual({ topic: null, confidence: 0 });
    expect(Object.keys(out[0]).sort()).toEqual(['confidence', 'topic']);
    expect(stderr).toContain('line 2:');
    expect(stderr).toContain('line 4:');
  });

  it('--batch treats JSON that is not an object with a string text as a bad line and answers the rest', async () => {
    const input = ['null', '3', '[]', '"x"', JSON.stringify({ text: 42, lang: 'nl' }), JSON.stringify({ text: 'is it free', lang: 'en' })].join('\n');
    const { code, stdout, stderr } = await vitBot(['faq', '--batch', '-'], `${input}\n`);
    expect(code).toBe(1);
    const out = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(6);
    for (const bad of out.slice(0, 5)) expect(bad).toEqual({ topic: null, confidence: 0 });
    expect(out[5]).toMatchObject({ topic: 'costs' });
    for (const n of [1, 2, 3, 4, 5]) expect(stderr).toContain(`line ${n}:`);
    expect(stderr).not.toContain('line 6:');
    expect(stderr).not.toContain('Cannot read properties');
  });

  it('--batch prints no confidence next to topic null when the best guess was no topic', async () => {
    const { code, stdout } = await vitBot(['faq', '--batch', '-'], `${JSON.stringify({ text: 'hi', lang: 'en' })}\n`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ topic: null, confidence: 0 });
  });

  it('--batch reports the topics of version 2 and other-help like any other topic', async () => {
    const input = [
      { text: 'krijg ik reiskosten terug', lang: 'nl' },
      { text: 'is there an age limit?', lang: 'en' },
      { text: 'ابني عمره 3 مين بيهتم فيه', lang: 'ar' },
      { text: 'hastayım', lang: 'tr' },
      { text: 'can you sing a song', lang: 'en' },
    ];
    const { code, stdout } = await vitBot(['faq', '--batch', '-'], `${input.map((l) => JSON.stringify(l)).join('\n')}\n`);
    expect(code).toBe(0);
    const out = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.topic)).toEqual(['travel-costs', 'age', 'childcare-family', 'other-help', null]);
    expect(out[0].confidence).toBeGreaterThan(0.5);
  });

  it('exports the examples as a CLU project', async () => {
    const { code, stdout } = await vitBot(['clu-export', '--project', 'x']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).metadata.projectName).toBe('x');
  });
});
