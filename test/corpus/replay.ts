import { translator } from '../support/chatDriver';
import type { Dialogue } from './dialogues';
import { repeatedSentences } from '../support/repeatedSentences';

/** One person on one channel: sends a message, returns the texts of the bot's replies to it once `expected` is among them (or it waited long enough). */
export interface Talker {
  say(text: string, expected: string): Promise<string[]>;
}

/**
 * Plays a dialogue turn by turn; fails at the first turn whose replies lack the expected text, showing
 * what came instead, or that say a sentence twice.
 */
export async function replay(dialogue: Dialogue, talker: Talker): Promise<void> {
  for (const [say, expect] of dialogue.turns) {
    // A text with values ("{{level}}") is recognised by its words before the first value.
    const expected = translator().t(expect.lng ?? dialogue.lng, expect.key).split('{{')[0];
    const replies = await talker.say(say, expected);
    if (!replies.some((r) => r.includes(expected))) {
      throw new Error(`${dialogue.name}\n  said: ${say}\n  expected (${expect.key}): ${expected}\n  got:\n    ${replies.join('\n    ')}`);
    }
    const twice = repeatedSentences(replies);
    if (twice.length > 0) throw new Error(`${dialogue.name}\n  said: ${say}\n  said twice in one turn: ${twice.join(' | ')}`);
  }
}

/** Waits until `done()` or the time is up; what came is then judged by the caller. */
export async function until(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}
