import type { Translator } from '../src/i18n/translator';
import { SUPPORTED_LANGUAGES } from '../src/i18n/languages';
import { normalizeText } from '../src/domain/normalizeText';
import { ChoiceOption, matchChoice } from '../src/domain/matchChoice';
import type { Language } from '../src/i18n/languages';
import { hasNegation } from '../src/domain/negation';
import { wordPattern } from '../src/domain/wordPattern';

/** Words around a command that do not change it ("mentor please", "i want a human"). */
const COMMAND_FILLERS = [
  'please', 'pls', 'i', 'want', 'can', 'could', 'kan', 'mag', 'spreken', 'speak', 'a', 'an', 'the', 'to', 'me', 'my', 'now', 'again', 'with', 'go',
  'graag', 'ik', 'wil', 'een', 'de', 'het', 'naar', 'met', 'nu', 'alsjeblieft', 'aub', 'opnieuw',
  'lutfen', 'istiyorum', 'bir', 'ile', 'simdi', 'لو سمحت', 'من فضلك', 'بدي', 'اريد', 'ابغى', 'مع', 'الان',
  'لطفا', 'میخوام', 'میخواهم', 'با', 'یک', 'کنم', 'ይኹን', 'በጃኹም', 'እደሊ', 'ምስ',
].map(normalizeText);

export const GLOBAL_COMMANDS = ['language', 'menu', 'help', 'restart', 'stop', 'delete', 'mentor'] as const;
export const INTAKE_COMMANDS = ['back', 'skip'] as const;
export type GlobalCommand = (typeof GLOBAL_COMMANDS)[number];
export type IntakeCommand = (typeof INTAKE_COMMANDS)[number];

/**
 * The words people may type, gathered from every locale: people mix languages, so a command or an
 * answer is recognised whichever of the six languages it is typed in.
 */
export class Lexicon {
  private readonly commands = new Map<string, GlobalCommand | IntakeCommand>();
  private readonly commandWords = new Map<string, Set<string>>();
  private readonly dontUnderstand: RegExp;
  private readonly dontUnderstandPhrases: Set<string>;
  private readonly thanks: Set<string>;
  private readonly hellos: Set<string>;

  constructor(private readonly translator: Translator) {
    // The Back/Skip/Stop buttons send their label; it must count as the command in every language.
    const buttons: Partial<Record<GlobalCommand | IntakeCommand, string[]>> = {
      back: this.textEverywhere('common:buttons.back'),
      skip: this.textEverywhere('common:buttons.skip'),
      stop: this.textEverywhere('common:buttons.stop'),
      menu: this.textEverywhere('common:buttons.menu'),
    };
    for (const command of [...GLOBAL_COMMANDS, ...INTAKE_COMMANDS]) {
      // commandPhrases: more ways to say a command, matched here only (the recognizer learns from commands).
      const phrases = [...this.listEverywhere(`commands:${command}`), ...this.listEverywhere(`commandPhrases:${command}`), ...(buttons[command] ?? [])];
      for (const phrase of phrases) {
        const key = normalizeText(phrase);
        if (key && !this.commands.has(key)) this.commands.set(key, command);
        const words = this.commandWords.get(command) ?? new Set(COMMAND_FILLERS);
        for (const word of key.split(' ')) if (word) words.add(word);
        this.commandWords.set(command, words);
      }
    }
    const dontUnderstand = this.listEverywhere('language:dontUnderstand');
    this.dontUnderstandPhrases = new Set(dontUnderstand.map(normalizeText));
    this.dontUnderstand = wordPattern(dontUnderstand.filter((p) => normalizeText(p).includes(' ')));
    this.thanks = new Set(this.listEverywhere('common:thanksWords').map(normalizeText).filter(Boolean));
    this.hellos = new Set(this.listEverywhere('language:greetings').map(normalizeText).filter(Boolean));
  }

  /** A greeting in any of the six languages, alone or with a word or two ("hi", "merhaba 👋", "hello there"). */
  saysHello(text: string | undefined): boolean {
    const words = normalizeText(text ?? '').split(' ').filter(Boolean);
    if (words.length === 0 || words.length > 4) return false;
    return [1, 2, 3].some((n) => this.hellos.has(words.slice(0, n).join(' ')));
  }

  /** "Thanks" in any of the six languages, alone or with a word or two ("thanks a lot 🙏", "شكرا كتير"). */
  saysThanks(text: string | undefined): boolean {
    const words = normalizeText(text ?? '').split(' ').filter(Boolean);
    if (words.length === 0 || words.length > 4) return false;
    return [1, 2, 3].some((n) => this.thanks.has(words.slice(0, n).join(' ')));
  }

  /**
   * Whether a message is short and made of the command's own words (in any language) and a few
   * words around them: "mentor please" is the command, "human resources" is not.
   */
  commandLike(text: string, command: string): boolean {
    const words = normalizeText(text).split(' ').filter(Boolean);
    const known = this.commandWords.get(command);
    return !!known && words.length > 0 && words.length <= 8 && words.every((w) => known.has(w));
  }

  /**
   * The one command a short message is made of in other words than the listed phrases ("mentor
   * please", "ik wil met een mens praten"): every word is that command's or a filler, and one at least
   * is the command's own.
   */
  commandInWords(text: string | undefined): GlobalCommand | undefined {
    const words = normalizeText(text ?? '').split(' ').filter(Boolean);
    const fillers = new Set(COMMAND_FILLERS);
    const fits = GLOBAL_COMMANDS.filter((c) => this.commandLike(text ?? '', c) && words.some((w) => !fillers.has(w)));
    return fits.length === 1 ? fits[0] : undefined;
  }

  /** "I don't understand" in any of the six languages, as a short message of its own. */
  saysNotUnderstood(text: string | undefined): boolean {
    const normalized = normalizeText(text ?? '');
    if (!normalized) return false;
    if (this.dontUnderstandPhrases.has(normalized)) return true;
    return normalized.split(' ').length <= 6 && !(text ?? '').includes('?') && this.dontUnderstand.test(normalized);
  }

  /**
   * The language a message asks for: a language's name alone or with words around it that ask to use
   * it ("English please", "mag ik in het Nederlands verder?", "بالعربي لو سمحت", "ብትግርኛ"), at any
   * length, in any of the six languages (language:switchWords). A sentence about a language ("my Dutch
   * is weak", "الهولندية صعبة", "only basic Dutch") asks for nothing: a word that is neither a name nor
   * one of those words, or a word about skill, difficulty or learning (language:aboutWords), keeps it
   * from being a switch. Codes such as "en" only count at the language question.
   */
  languageNamed(text: string | undefined): Language | undefined {
    const normalized = normalizeText(text ?? '');
    if (!normalized || /^\d+$/.test(normalized) || hasNegation(normalized) || this.switchWords.about.test(normalized)) return undefined;
    const named = new Set<Language>();
    for (const word of normalized.split(' ')) {
      if (this.isSwitchWord(word)) continue;
      const language = this.languageOfWord(word);
      if (!language) return undefined;
      named.add(language);
    }
    return named.size === 1 ? [...named][0] : undefined;
  }

  /** One of language:switchWords, also stretched for emphasis ("pleaseee", "plzzz", "graaaag"). */
  private isSwitchWord(word: string): boolean {
    const { plain } = this.switchWords;
    return plain.has(word) || (/(.)\1\1/u.test(word) && (plain.has(word.replace(/(.)\1+/gu, '$1')) || plain.has(word.replace(/(.)\1\1+/gu, '$1$1'))));
  }

  /** The language one word names: a name or synonym, one with a prefix or suffix ("بالعربي", "ብትግርኛ", "türkçeye"), or a name with a typo ("Englsh"). */
  private languageOfWord(word: string): Language | undefined {
    const { prefixes, suffixes } = this.switchWords;
    const exact = (w: string) => this.languages.find((o) => o.phrases.includes(w))?.value;
    const found =
      exact(word) ??
      prefixes.map((p) => (word.startsWith(p) ? exact(word.slice(p.length)) : undefined)).find(Boolean) ??
      suffixes.map((s) => (word.endsWith(s) ? exact(word.slice(0, -s.length)) : undefined)).find(Boolean);
    return found ?? (word.length >= 4 ? matchChoice(word, this.languages) : undefined);
  }

  /** language:switchWords of every language, split into whole words, prefixes ("بال*") and suffixes ("*ye"); language:aboutWords as one pattern. */
  private get switchWords(): { plain: Set<string>; prefixes: string[]; suffixes: string[]; about: RegExp } {
    if (!this.switchWordsBuilt) {
      const entries = this.listEverywhere('language:switchWords');
      const affix = (pick: (e: string) => boolean) => [...new Set(entries.filter(pick).map(normalizeText).filter(Boolean))].sort((a, b) => b.length - a.length);
      this.switchWordsBuilt = {
        plain: new Set(entries.filter((e) => !e.includes('*')).flatMap((e) => normalizeText(e).split(' ')).filter(Boolean)),
        prefixes: affix((e) => e.endsWith('*')),
        suffixes: affix((e) => e.startsWith('*')),
        about: wordPattern(this.listEverywhere('language:aboutWords')),
      };
    }
    return this.switchWordsBuilt;
  }

  private switchWordsBuilt?: { plain: Set<string>; prefixes: string[]; suffixes: string[]; about: RegExp };

  private get languages(): ChoiceOption<Language>[] {
    return (this.languageOptions ??= SUPPORTED_LANGUAGES.map((l) => ({
      value: l,
      phrases: [this.translator.t(l, `language:names.${l}`), ...this.listEverywhere(`language:synonyms.${l}`)].map(normalizeText),
    })));
  }

  private languageOptions?: ChoiceOption<Language>[];

  /** The command a whole message is, if it is one. */
  command(text: string | undefined): GlobalCommand | IntakeCommand | undefined {
    return text ? this.commands.get(normalizeText(text)) : undefined;
  }

  /** Every language's text under `key` (a button label, say). */
  textEverywhere(key: string): string[] {
    return SUPPORTED_LANGUAGES.map((lng) => this.translator.t(lng, key));
  }

  /**
   * Every language's list under `key`; [] where a language has none. Kept after the first look-up, as
   * the translator keeps its lists (the texts do not change while running): frozen, shared by every turn.
   */
  listEverywhere(key: string): string[] {
    let list = this.lists.get(key);
    if (!list) {
      list = Object.freeze(SUPPORTED_LANGUAGES.flatMap((lng) => this.translator.list(lng, key))) as string[];
      this.lists.set(key, list);
    }
    return list;
  }

  private readonly lists = new Map<string, string[]>();

  /** Yes and no in every language (the buttons and the typed ways): built once, frozen, shared by every turn. */
  yesNo(): ChoiceOption<'yes' | 'no'>[] {
    return (this.yesNoOptions ??= Object.freeze([
      Object.freeze({ value: 'yes' as const, phrases: Object.freeze([...this.textEverywhere('common:buttons.yes'), ...this.listEverywhere('answers:yes')]) as string[] }),
      Object.freeze({ value: 'no' as const, phrases: Object.freeze([...this.textEverywhere('common:buttons.no'), ...this.listEverywhere('answers:no')]) as string[] }),
    ]) as ChoiceOption<'yes' | 'no'>[]);
  }

  private yesNoOptions?: ChoiceOption<'yes' | 'no'>[];

  /** Words of politeness or address that may stand beside a yes or no ("pls", "abi", "لو سمحت", "በጃኹም"), and thanks, in every language. */
  answerCompanions(): string[] {
    return (this.companionWords ??= [...this.listEverywhere('answers:companions'), ...this.listEverywhere('common:thanksWords')]);
  }

  private companionWords?: string[];

  /** Options named by a button label in every language, plus any listed synonyms. */
  options<V extends string>(values: readonly V[], labelKey: (v: V) => string, synonymKey?: (v: V) => string): ChoiceOption<V>[] {
    return values.map((value) => ({
      value,
      phrases: [...this.textEverywhere(labelKey(value)), ...(synonymKey ? this.listEverywhere(synonymKey(value)) : [])],
    }));
  }
}
