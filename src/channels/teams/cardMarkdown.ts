/**
 * Teams renders the text of an Adaptive Card TextBlock and of a Fact's title and value as Markdown
 * (bold, italic, lists, links). Words that come from a newcomer (their name, an intake answer, what
 * they wrote) go into cards through this one function, so `[Verify your account](https://…)` shows
 * as the characters it is and never becomes a link, a list or formatting. Teams also replaces
 * `{{DATE(2026-01-01T00:00:00Z)}}` and `{{TIME(…)}}` in a card's text by a date or a time in the
 * reader's locale: a zero-width space between two opening braces keeps such a name as it was typed.
 */

/** Characters that open or close Markdown anywhere in a line; the backslash first, so it escapes itself. */
const INLINE = /[\\`*_[\]()#~<>|]/g;
/** A list marker at the start of a line (after spaces): `- `, `+ `, `1. `. `*` is already escaped inline. */
const LINE_START_LIST = /^(\s*)([-+]|\d+(?=\.))/gm;

/** Two opening braces in a row: the start of a card date or time function (and of nothing a newcomer means). */
const DOUBLE_BRACE = /\{(?=\{)/g;
const ZERO_WIDTH_SPACE = '\u200b';

/** The text with every Markdown character escaped by a backslash, and no date or time function, so it renders literally. */
export function escapeCardMarkdown(text: string): string {
  return text.replace(DOUBLE_BRACE, `{${ZERO_WIDTH_SPACE}`).replace(INLINE, '\\$&').replace(LINE_START_LIST, (_match, space: string, marker: string) => (/^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`));
}
