/** First strong isolate and pop directional isolate: the text between keeps its own direction. */
export const FSI = '\u2068';
export const PDI = '\u2069';

const LATIN_WORD = "[A-Za-z\\u00C0-\\u024F0-9]+(?:[.'’&+/@_-][A-Za-z\\u00C0-\\u024F0-9]+)*";
/** Latin words with the spaces between them ("Make IT Work", "VIT", "B1"), without a sentence's full stop. */
const LATIN_RUN = new RegExp(`${LATIN_WORD}(?: +${LATIN_WORD})*`, 'g');
const HAS_LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/;
const ISOLATED = /([\u2066-\u2068][^\u2069]*\u2069)/;

/**
 * A value inserted into a right-to-left text, isolated so its own direction cannot move the text around
 * it. A value that is one isolate already (FSI, LRI or RLI … its PDI, as a caller may have made it) is
 * kept as it is: isolated once. "⁨VIT⁩ و ⁨B1⁩" starts and ends with an isolate but is not one: isolated.
 */
export function isolate(value: string): string {
  return isOneIsolate(value) ? value : `${FSI}${value}${PDI}`;
}

/** A value without the one isolate around it, for a text that isolates the value itself ("⁨{{date}}⁩"). */
export function withoutIsolate(value: string): string {
  return isOneIsolate(value) ? value.slice(1, -1) : value;
}

/** The whole value is one isolate: its first character opens one that its last character closes. */
function isOneIsolate(value: string): boolean {
  if (!/^[\u2066-\u2068]/.test(value) || !value.endsWith(PDI)) return false;
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x2066 && c <= 0x2068) depth++;
    else if (c === 0x2069 && --depth === 0) return i === value.length - 1;
  }
  return false;
}

/**
 * Isolates every run of Latin words in a right-to-left text ("VIT للأشخاص…", "• Make IT Work: …"),
 * so WhatsApp and Teams do not lay the line out left to right or move its full stop. Runs already
 * isolated are left as they are.
 */
export function isolateLatinRuns(text: string): string {
  return text
    .split(ISOLATED)
    .map((part) => (/^[\u2066-\u2068]/.test(part) ? part : part.replace(LATIN_RUN, (run) => (HAS_LATIN_LETTER.test(run) ? isolate(run) : run))))
    .join('');
}
