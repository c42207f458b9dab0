import { CLOSE_OUTCOMES, CloseOutcome } from '../../domain/handoff';

/** The longest note a close takes, as in the console. */
export const MAX_NOTE_LENGTH = 2000;

/** What a mentor typed in Teams, when it starts with "/". */
export type MentorCommand =
  | { name: 'who' }
  | { name: 'release' }
  | { name: 'help' }
  | { name: 'mentors-here' }
  | { name: 'close'; outcome: CloseOutcome; note: string }
  /** "/close" without a known outcome, or with a note that is too long. */
  | { name: 'close-usage' }
  | { name: 'unknown' };

/**
 * Reads a command: "/who", "/release", "/close <outcome> <note>", "/mentors-here", "/help" (any case,
 * extra spaces allowed). Returns undefined for text that is not a command: a message to relay.
 */
export function parseMentorCommand(text: string): MentorCommand | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('/')) return undefined;
  const [word, ...rest] = trimmed.slice(1).split(/\s+/);
  switch (word.toLowerCase()) {
    case 'who':
      return { name: 'who' };
    case 'release':
      return { name: 'release' };
    case 'help':
      return { name: 'help' };
    case 'mentors-here':
      return { name: 'mentors-here' };
    case 'close': {
      const outcome = rest[0]?.toLowerCase();
      if (!CLOSE_OUTCOMES.includes(outcome as CloseOutcome)) return { name: 'close-usage' };
      const note = trimmed.replace(/^\/\S+\s+\S+\s*/, '');
      if (note.length > MAX_NOTE_LENGTH) return { name: 'close-usage' };
      return { name: 'close', outcome: outcome as CloseOutcome, note };
    }
    default:
      return { name: 'unknown' };
  }
}
