/**
 * The sentences said more than once among one turn's replies (a person reading the turn would read
 * them twice). Sentences end at . ! ? ؟ ። or a line break; case, spacing, bullets and Unicode
 * direction marks do not count. Very short pieces ("OK.", a level like "B1") may well come twice.
 */
export function repeatedSentences(texts: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const text of texts) {
    for (const piece of text.split(/(?<=[.!?؟።])\s+|\n+/)) {
      const sentence = piece
        .replace(/[\u200e\u200f\u2066-\u2069]/g, '')
        .replace(/^[•*\-\s]+/, '')
        .replace(/\s+/g, ' ')
        .trim()
        .toLowerCase();
      if ([...sentence].length < 12) continue;
      if (seen.has(sentence)) twice.add(sentence);
      seen.add(sentence);
    }
  }
  return [...twice];
}
