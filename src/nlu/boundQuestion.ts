/**
 * The most of a message the recognizers read. A question is a sentence or two; what is longer is cut
 * here, at a word boundary where there is one, so a pasted letter (or 100,000 characters sent on
 * purpose) never reaches the fuzzy search, whose cost grows with every word, nor a cloud service.
 */
export const MAX_QUESTION_CHARS = 300;

export function boundQuestion(text: string): string {
  if (text.length <= MAX_QUESTION_CHARS) return text;
  // Array.from keeps a surrogate pair (an emoji) whole at the cut.
  const cut = Array.from(text.slice(0, MAX_QUESTION_CHARS + 1)).slice(0, -1).join('').slice(0, MAX_QUESTION_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  return lastSpace > MAX_QUESTION_CHARS / 2 ? cut.slice(0, lastSpace) : cut;
}
