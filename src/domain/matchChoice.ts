import { distance } from 'fastest-levenshtein';
import { hasQuestionMark, looksLikeQuestion } from './looksLikeQuestion';
import { hasNegation } from './negation';
import { normalizePhrase, normalizeText } from './normalizeText';
import { slotByTypedTime } from './typedSlotTime';

export interface ChoiceOption<V extends string> {
  value: V;
  /** Everything that names this option: its button label in every language and typed synonyms. */
  phrases: string[];
  /** When the option is an appointment time, its start (ISO): a typed weekday, day or clock time names it too. */
  at?: string;
  /**
   * Its phrases count only as the whole answer or as the answer's first clause ("No, thank you. …"),
   * never as words inside a sentence ("why not", "لا أفهم"): for a choice that must be clear (consent).
   */
  wholeOnly?: boolean;
  /** A question ("?", a question word) chooses this option ("Read more"), unless it is another option's phrase. */
  forQuestions?: boolean;
  /** Words that may stand beside a `wholeOnly` option's phrases without changing the answer ("yes pls", "evet abi", "no thanks"). */
  companions?: string[];
}

/** How many typos a phrase of this length may carry and still count as meant. */
export function typoAllowance(length: number): number {
  if (length < 4) return 0;
  if (length < 8) return 1;
  return 2;
}

/**
 * Which option a typed or tapped answer means: the whole answer equal to a phrase; else its number in
 * the list ("2"); else one option's phrase appearing whole inside the answer; else a phrase within a
 * small typo distance (unless `typos` is false: a caller that weighs typos word by word); else, among
 * appointment times, the one a typed weekday, day or clock time fits (see slotByTypedTime). Undefined
 * when nothing fits or two options fit equally well.
 * A phrase inside a sentence, or close to it, does not count when the sentence negates it ("ik heb
 * geen status" is no "status"), unless the negation is part of the phrase itself ("nog geen status").
 * Options marked `wholeOnly` are found only as the whole answer or its first clause; a question names
 * the option marked `forQuestions`, if there is one (a question mark even before a phrase: "ok?").
 */
export function matchChoice<V extends string>(answer: string, options: ChoiceOption<V>[], { typos = true }: { typos?: boolean } = {}): V | undefined {
  const times = options.filter((o): o is ChoiceOption<V> & { at: string } => typeof o.at === 'string');
  return matchPhrases(answer, options, typos) ?? (times.length > 0 ? slotByTypedTime(answer, times) : undefined);
}

/** matchChoice by the options' phrases alone. */
function matchPhrases<V extends string>(answer: string, options: ChoiceOption<V>[], typos: boolean): V | undefined {
  // An emoji alone ("👍") has no letters to normalize: it is matched as typed.
  const text = normalizeText(answer) || answer.trim();
  if (!text) return undefined;
  const normalized = options.map((o) => ({ value: o.value, phrases: [...new Set(o.phrases.map(normalizedPhrase).filter(Boolean))] }));

  const forQuestions = options.find((o) => o.forQuestions)?.value;
  if (forQuestions !== undefined && hasQuestionMark(answer)) return forQuestions;

  const exact = normalized.filter((o) => o.phrases.includes(text));
  if (exact.length > 0) return unique(exact.map((o) => o.value));

  if (/^\d{1,2}$/.test(text)) {
    const index = Number(text) - 1;
    if (index >= 0 && index < options.length) return options[index].value;
  }

  if (forQuestions !== undefined && looksLikeQuestion(answer)) return forQuestions;

  // A clear answer is the whole answer or its first clause ("No, thank you. I want to ask first"),
  // one or more of the same option's phrases ("yeah sure", "اي تمام", "nee nee"), with or without
  // words of politeness or address beside them ("yes pls", "evet abi").
  const whole = new Set(options.filter((o) => o.wholeOnly).map((o) => o.value));
  if (whole.size > 0) {
    const clause = normalizeText(answer.split(CLAUSE_END).find((part) => normalizeText(part)) ?? '');
    const beside = new Map(options.map((o) => [o.value, new Set((o.companions ?? []).map(normalizedPhrase).filter(Boolean))]));
    const said = normalized.filter((o) => whole.has(o.value) && [text, clause].some((part) => madeOf(part, o.phrases, beside.get(o.value)!)));
    if (said.length > 0) return unique(said.map((o) => o.value));
  }

  const padded = ` ${text} `;
  const found = normalized
    .filter((o) => !whole.has(o.value))
    .map((o) => ({
      value: o.value,
      phrases: o.phrases.filter((p) => p.length >= 2 && padded.includes(` ${p} `) && !hasNegation(padded.split(` ${p} `).join('  '))),
    }))
    .filter((o) => o.phrases.length > 0);
  if (found.length > 0) {
    // One phrase may hold another ("not sure" holds "sure"): the longer one is meant. Two separate
    // phrases of different options ("asiel of anders") leave it open.
    // Several phrases of one option ("yeah sure") name that option.
    if (found.length === 1) return found[0].value;
    const longest = found.flatMap((o) => o.phrases).sort((a, b) => b.length - a.length)[0];
    const covered = found.every((o) => o.phrases.every((p) => longest.includes(p)));
    return covered ? unique(found.filter((o) => o.phrases.includes(longest)).map((o) => o.value)) : undefined;
  }

  if (!typos) return undefined;
  const negated = hasNegation(text);
  let bestDistance = Infinity;
  let bestValues: V[] = [];
  for (const option of normalized) {
    for (const phrase of option.phrases) {
      if (negated && !hasNegation(phrase)) continue;
      const allowed = typoAllowance(Math.min(phrase.length, text.length));
      if (allowed === 0 || Math.abs(phrase.length - text.length) > allowed) continue;
      const d = distance(text, phrase);
      if (d > allowed) continue;
      if (d < bestDistance) {
        bestDistance = d;
        bestValues = [option.value];
      } else if (d === bestDistance) {
        bestValues.push(option.value);
      }
    }
  }
  return unique(bestValues);
}

/**
 * Whether normalized text is nothing but the phrases, one after another (each as whole words), with
 * companion words (one or more words each) between them, and at least one phrase.
 */
function madeOf(text: string, phrases: string[], companions: ReadonlySet<string>): boolean {
  const words = text.split(' ').filter(Boolean);
  if (words.length === 0) return false;
  // reached[i]: 0 not reached, 1 reached with companions only, 2 reached with a phrase.
  const reached = [1, ...words.map(() => 0)];
  const reach = (at: number, withPhrase: boolean) => (reached[at] = Math.max(reached[at], withPhrase ? 2 : 1));
  for (let from = 0; from < words.length; from++) {
    if (!reached[from]) continue;
    for (const [list, isPhrase] of [[phrases, true], [companions, false]] as const) {
      for (const phrase of list) {
        const length = phrase.split(' ').length;
        if (words.slice(from, from + length).join(' ') === phrase) reach(from + length, isPhrase || reached[from] === 2);
      }
    }
  }
  return reached[words.length] === 2;
}

/** Where a clause ends: a full stop, comma, exclamation mark, semicolon or new line, in Latin, Arabic or Ge'ez script. */
const CLAUSE_END = /[.,!;:\n،؛።፣፤]+/u;

/** Option phrases (button labels, synonyms: the bot's own words) recur every turn: normalized once. */
function normalizedPhrase(phrase: string): string {
  return normalizePhrase(phrase) || phrase.trim();
}

function unique<V>(values: V[]): V | undefined {
  const set = [...new Set(values)];
  return set.length === 1 ? set[0] : undefined;
}
