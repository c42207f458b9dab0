import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/projectRoot';
import { Language, SUPPORTED_LANGUAGES } from '../../src/i18n/languages';
import type { Translator } from '../../src/i18n/translator';

/** One thing a newcomer does: join the conversation (the channel adds them) or send a text. */
export type Step = { kind: 'join' } | { kind: 'say'; text: string };

/** The words a newcomer in one language taps or types, taken from the bot's own locale files. */
interface Phrasebook {
  language: string;
  agree: string;
  intake: string;
  faq: string;
  skip: string;
  menu: string;
  residence: string;
  level: string;
  questions: string[];
}

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-US', ar: 'ar-SY', tr: 'tr-TR', fa: 'fa-IR', ti: 'ti-ER' };

/**
 * Writes the script of each virtual newcomer: join or "hallo", pick a language, agree to the privacy
 * notice, then (every second newcomer) the first intake questions and back to the menu, then FAQ
 * questions from the evaluation set in a loop, back to the menu after every three.
 */
export class NewcomerScripts {
  private readonly books: Record<Language, Phrasebook>;

  constructor(translator: Translator, private readonly turnsPerNewcomer: number) {
    const questions = readFaqQuestions();
    const book = (lng: Language): Phrasebook => {
      const t = (key: string) => translator.t(lng, key);
      return {
        language: t(`language:names.${lng}`),
        agree: t('consent:agree'),
        intake: t('common:menu.intake'),
        faq: t('common:menu.faq'),
        skip: t('common:buttons.skip'),
        menu: t('common:buttons.menu'),
        residence: t('intake:fields.residenceStatus.options.statushouder'),
        level: t('intake:levels.A2'),
        questions: questions.get(lng) ?? [],
      };
    };
    this.books = Object.fromEntries(SUPPORTED_LANGUAGES.map((lng) => [lng, book(lng)])) as Record<Language, Phrasebook>;
  }

  /** The `n`-th newcomer: their language, channel locale and what they do, turn by turn. */
  script(n: number): { language: Language; locale: string; steps: Step[] } {
    const language = SUPPORTED_LANGUAGES[n % SUPPORTED_LANGUAGES.length];
    const b = this.books[language];
    const steps: Step[] = [n % 4 === 0 ? { kind: 'join' } : { kind: 'say', text: 'hallo' }];
    const say = (text: string) => steps.push({ kind: 'say', text });
    say(b.language);
    say(b.agree);
    if (n % 2 === 0) {
      say(b.intake);
      say(b.skip); // first name
      say(b.residence);
      say(b.skip); // municipality
      say(b.level); // Dutch
      say(b.menu);
    }
    let q = n * 7;
    while (steps.length < this.turnsPerNewcomer) {
      say(b.faq);
      for (let i = 0; i < 3 && steps.length < this.turnsPerNewcomer; i++) say(b.questions[q++ % b.questions.length]);
      if (steps.length < this.turnsPerNewcomer) say(b.menu);
    }
    return { language, locale: LOCALES[language], steps: steps.slice(0, this.turnsPerNewcomer) };
  }
}

/** Questions people might ask, per language (bench/data/faq-eval.jsonl, some about no topic at all). */
function readFaqQuestions(): Map<string, string[]> {
  const file = path.join(PROJECT_ROOT, 'bench/data/faq-eval.jsonl');
  const byLanguage = new Map<string, string[]>();
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const { text, lang } = JSON.parse(line) as { text: string; lang: string };
    byLanguage.set(lang, [...(byLanguage.get(lang) ?? []), text]);
  }
  return byLanguage;
}
