/**
 * Teams renders the text of an Adaptive Card TextBlock and of a Fact's title and value as Markdown
 * (bold, italic, lists, links). Words that come from a newcomer (their name, an intake answer, what
 * they wrote) go into cards through this one function, so `[Verify your account](https://…)` shows
 * as the characters it is and never becomes a link, a list or formatting.
 */

/** Characters that open or close Markdown anywhere in a line; the backslash first, so it escapes itself. */
const INLINE = /[\\`*_[\]()#~<>|]/g;
/** A list marker at the start of a line (after spaces): `- `, `+ `, `1. `. `*` is already escaped inline. */
const LINE_START_LIST = /^(\s*)([-+]|\d+(?=\.))/gm;

/** The text with every Markdown character escaped by a backslash, so it renders literally. */
export function escapeCardMarkdown(text: string): string {
  return text.replace(INLINE, '\\$&').replace(LINE_START_LIST, (_match, space: string, marker: string) => (/^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`));
}
