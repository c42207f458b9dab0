import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/projectRoot';
import { Language, SUPPORTED_LANGUAGES } from '../../src/i18n/languages';
import type { Translator } from '../../src/i18n/translator';

/** One newcomer's year with the bot, as the bench plays it. */
export interface NewcomerPlan {
  language: Language;
  locale: string;
  /** The turns before a mentor is asked for (join or texts). */
  steps: Array<{ kind: 'join' } | { kind: 'say'; text: string }>;
  /** Asks for a mentor after the steps, writes `messages` to them, and waits for the mentor's answers. */
  handoff?: { ask: string; messages: string[] };
  /** Finished the whole intake (so a journey was started for them). */
  fullIntake: boolean;
}

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-US', ar: 'ar-SY', tr: 'tr-TR', fa: 'fa-IR', ti: 'ti-ER' };

/**
 * The mix of the capacity bench, newcomer `n` of many, in six languages in turn:
 * - everyone: "hallo" (or joins), picks a language, agrees to the privacy notice;
 * - every second newcomer: the whole intake by buttons (eligible: B1 Dutch, motivated, 40 hours),
 *   which starts their journey;
 * - everyone: FAQ questions (from bench/data/faq-eval.jsonl, some about no topic), three at a time,
 *   back to the menu in between, up to `faqTurns` turns;
 * - every fourth newcomer (of those with the intake): asks for a mentor and writes two messages;
 *   a mentor claims, answers twice, moves their journey and closes the conversation.
 */
export class CapacityMix {
  private readonly questions: Map<string, string[]>;

  constructor(
    private readonly translator: Translator,
    private readonly faqTurns: number,
  ) {
    this.questions = readFaqQuestions();
  }

  plan(n: number): NewcomerPlan {
    const language = SUPPORTED_LANGUAGES[n % SUPPORTED_LANGUAGES.length];
    const t = (key: string) => this.translator.t(language, key);
    const steps: NewcomerPlan['steps'] = [n % 3 === 0 ? { kind: 'join' } : { kind: 'say', text: 'hallo' }];
    const say = (text: string) => steps.push({ kind: 'say', text });
    say(t(`language:names.${language}`));
    say(t('consent:agree'));
    const fullIntake = n % 2 === 0;
    if (fullIntake) {
      say(t('common:menu.intake'));
      say(t('common:buttons.skip')); // first name
      say(t('intake:fields.residenceStatus.options.statushouder'));
      say(t('common:buttons.skip')); // municipality
      say(t('intake:levels.B1')); // Dutch
      say(t('intake:levels.A2')); // English
      say(t('intake:fields.education.options.secondary'));
      say(t('common:buttons.no')); // IT education
      say(t('intake:fields.itExperience.options.hobby'));
      say(t('common:buttons.yes')); // motivated for IT
      say(t('common:buttons.skip')); // motivation in their words
      say('40'); // hours per week
      say(t('common:buttons.menu'));
    }
    const questions = this.questions.get(language) ?? [];
    let q = n * 7;
    for (let asked = 0; asked < this.faqTurns; ) {
      say(t('common:menu.faq'));
      for (let i = 0; i < 3 && asked < this.faqTurns; i++, asked++) say(questions[q++ % questions.length]);
      say(t('common:buttons.menu'));
    }
    const handoff = fullIntake && n % 4 === 0 ? { ask: t('common:menu.mentor'), messages: MESSAGES[language] } : undefined;
    return { language, locale: LOCALES[language], steps, handoff, fullIntake };
  }
}

/** What a newcomer writes to their mentor (two messages). */
const MESSAGES: Record<Language, string[]> = {
  nl: ['Hallo, ik wil graag weten hoe ik kan beginnen met een IT-opleiding.', 'Ik woon in Utrecht en heb 2 jaar als helpdesk gewerkt in Syrië.'],
  en: ['Hello, I would like to know how to start an IT course.', 'I live in Utrecht and worked 2 years at a helpdesk in Syria.'],
  ar: ['مرحبا، أريد أن أعرف كيف أبدأ دورة في تكنولوجيا المعلومات.', 'أسكن في أوتريخت وعملت سنتين في الدعم الفني في سوريا.'],
  tr: ['Merhaba, bir BT kursuna nasıl başlayabileceğimi öğrenmek istiyorum.', 'Utrecht’te yaşıyorum ve Suriye’de 2 yıl yardım masasında çalıştım.'],
  fa: ['سلام، می‌خواهم بدانم چطور یک دوره آی‌تی را شروع کنم.', 'در اوترخت زندگی می‌کنم و ۲ سال در پشتیبانی فنی کار کرده‌ام.'],
  ti: ['ሰላም፡ ናይ IT ትምህርቲ ከመይ ከም ዝጅምር ክፈልጥ ደልየ።', 'ኣብ ኡትረኽት እነብር፡ ኣብ ሶርያ 2 ዓመት ኣብ ሓገዝ ሰሪሐ።'],
};

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
