/** First strong isolate and pop directional isolate: the text between keeps its own direction. */
export const FSI = '\u2068';
export const PDI = '\u2069';

const LATIN_WORD = "[A-Za-z\\u00C0-\\u024F0-9]+(?:[.'’&+/@_-][A-Za-z\\u00C0-\\u024F0-9]+)*";
/** Latin words with the spaces between them ("Make IT Work", "VIT", "B1"), without a sentence's full stop. */
const LATIN_RUN = new RegExp(`${LATIN_WORD}(?: +${LATIN_WORD})*`, 'g');
const HAS_LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/;
const ISOLATED = /(\u2068[^\u2069]*\u2069)/;

/** A value inserted into a right-to-left text, isolated so its own direction cannot move the text around it. */
export function isolate(value: string): string {
  return value.startsWith(FSI) && value.endsWith(PDI) ? value : `${FSI}${value}${PDI}`;
}

/**
 * Isolates every run of Latin words in a right-to-left text ("VIT للأشخاص…", "• Make IT Work: …"),
 * so WhatsApp and Teams do not lay the line out left to right or move its full stop. Runs already
 * isolated are left as they are.
 */
export function isolateLatinRuns(text: string): string {
  return text
    .split(ISOLATED)
    .map((part) => (part.startsWith(FSI) ? part : part.replace(LATIN_RUN, (run) => (HAS_LATIN_LETTER.test(run) ? isolate(run) : run))))
    .join('');
}
