import { createHash } from 'node:crypto';
import { SUPPORTED_LANGUAGES, Language } from '../i18n/languages';
import type { LocaleResources } from '../i18n/localeResources';
import { FAQ_TOPICS } from '../domain/faqTopics';
import { RECOGNIZED_COMMANDS } from './recognizer';

/** One example message and what it means: a topic id, "command:<name>" or "none" (belongs nowhere). */
export interface Example {
  intent: string;
  text: string;
  lang: Language;
}

export const NONE_INTENT = 'none';
export const commandIntent = (command: string) => `command:${command}`;

/**
 * Every example the recognizers learn from, all languages together: locales/<lng>/faqExamples.json
 * for the topics and "none", locales/<lng>/commands.json for the commands.
 */
export function collectExamples(resources: LocaleResources): Example[] {
  const examples: Example[] = [];
  for (const lang of SUPPORTED_LANGUAGES) {
    const faq = (resources[lang].faqExamples ?? {}) as Record<string, string[]>;
    for (const intent of [...FAQ_TOPICS, NONE_INTENT]) {
      for (const text of faq[intent] ?? []) examples.push({ intent, text, lang });
    }
    const commands = (resources[lang].commands ?? {}) as Record<string, string[]>;
    for (const command of RECOGNIZED_COMMANDS) {
      for (const text of commands[command] ?? []) examples.push({ intent: commandIntent(command), text, lang });
    }
  }
  return examples;
}

/** A fingerprint of the examples, so a calibration made for other examples is noticed. */
export function examplesFingerprint(examples: Example[]): string {
  const hash = createHash('sha256');
  for (const e of examples) hash.update(`${e.lang}\t${e.intent}\t${e.text}\n`);
  return hash.digest('hex').slice(0, 16);
}
