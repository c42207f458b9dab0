import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUPPORTED_LANGUAGES as LANGUAGES } from '../../src/i18n/languages';

const root = join(__dirname, '..', '..');

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/**
 * The reasons the product itself writes on a journey's move (a code, not someone's words): the bot's
 * ({ kind: 'bot' }, 'slot-booked'), the talks' (moveJourney(…, 'talk-cancelled-by-mentor', now)) and
 * the journey's start. The console shows each as a sentence, never as the code or a text key.
 */
function reasonCodes(): string[] {
  const codes = new Set<string>();
  for (const file of [...sources('src'), ...sources('dialogs')]) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(/\{ kind: 'bot' \}, '([a-z-]+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/moveJourney\([^;]*?'([a-z-]+)', now\)/g)) codes.add(m[1]);
    for (const m of text.matchAll(/startJourney\(now: Date, reason = '([a-z-]+)'\)/g)) codes.add(m[1]);
  }
  return [...codes].sort();
}

describe('the reasons the product writes on a journey move, in the console', () => {
  const codes = reasonCodes();

  it('finds the codes the bot and the talks write', () => {
    expect(codes).toEqual(expect.arrayContaining(['intake-finished', 'intake-motivation', 'homework-submitted-in-chat', 'slot-booked', 'talk-cancelled-by-person', 'talk-cancelled-by-mentor']));
  });

  it.each([...LANGUAGES])('%s: has a text for each', (lng) => {
    const texts = JSON.parse(readFileSync(join(root, 'locales', lng, 'console.json'), 'utf8')).journey.botReasons as Record<string, string>;
    expect(codes.filter((code) => !texts[code]?.trim())).toEqual([]);
  });
});
