/**
 * What a staff-edited FAQ answer may hold. The answer goes to WhatsApp, Teams and web chat as plain
 * text, so it is plain text: line breaks, bullets, emoji and WhatsApp's own *bold* and _italic_ are
 * fine. Refused: HTML (a chat shows the tags, a web page would run them), Markdown links and images
 * (they hide where a link goes; WhatsApp shows the brackets), any address that is not a bare
 * https:// one (the reader sees where it goes), control and direction-override characters (they
 * can turn a right-to-left answer around), a {{variable}} the bot does not fill in, and more than
 * WhatsApp's 4,096 characters.
 */

/** WhatsApp's limit for one text message, in characters. */
export const MAX_ANSWER_CHARACTERS = 4096;

/** The values the bot fills in (the privacy answer names the retention periods). */
export const ANSWER_VARIABLES = ['answerDays', 'chatDays'] as const;

export type AnswerProblem = 'empty' | 'too-long' | 'markup' | 'link' | 'placeholder' | 'control';

const HTML_TAG = /<\/?[a-z!?][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;
const MARKDOWN_LINK = /!?\[[^\]\n]*\]\s*\([^)\n]*\)|^\s*\[[^\]\n]+\]:\s*\S/m;
const ANY_SCHEME = /\b([a-z][a-z0-9+.-]*):\/\/|\b(?:javascript|vbscript):|\bdata:[a-z]+\//gi;
const PLACEHOLDER = /{{\s*([^}]*?)\s*}}/g;
// C0 controls except tab and line feed, DEL, C1 controls, and the bidi embeddings/overrides/isolates.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** The text as it is kept: Windows line ends made plain, no space around it. */
export function normalizeAnswerText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/** The number of characters as a person counts them (a surrogate pair is one). */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Why this (normalised) answer text cannot be used, or undefined when it can. */
export function answerTextProblem(text: string): AnswerProblem | undefined {
  if (text.trim() === '') return 'empty';
  if (characterCount(text) > MAX_ANSWER_CHARACTERS) return 'too-long';
  if (CONTROL.test(text)) return 'control';
  if (HTML_TAG.test(text)) return 'markup';
  if (MARKDOWN_LINK.test(text)) return 'link';
  for (const match of text.matchAll(ANY_SCHEME)) {
    if (match[1]?.toLowerCase() !== 'https') return 'link';
  }
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (!(ANSWER_VARIABLES as readonly string[]).includes(match[1])) return 'placeholder';
  }
  if (/{{|}}/.test(text.replace(PLACEHOLDER, ''))) return 'placeholder';
  return undefined;
}
