import type { Translator } from '../src/i18n/translator';
import { SUPPORTED_LANGUAGES } from '../src/i18n/languages';
import { normalizeText } from '../src/domain/normalizeText';
import { ChoiceOption } from '../src/domain/matchChoice';

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

  constructor(private readonly translator: Translator) {
    // The Back/Skip/Stop buttons send their label; it must count as the command in every language.
    const buttons: Partial<Record<GlobalCommand | IntakeCommand, string[]>> = {
      back: this.textEverywhere('common:buttons.back'),
      skip: this.textEverywhere('common:buttons.skip'),
      stop: this.textEverywhere('common:buttons.stop'),
      menu: this.textEverywhere('common:buttons.menu'),
    };
    for (const command of [...GLOBAL_COMMANDS, ...INTAKE_COMMANDS]) {
      for (const phrase of [...this.listEverywhere(`commands:${command}`), ...(buttons[command] ?? [])]) {
        const key = normalizeText(phrase);
        if (key && !this.commands.has(key)) this.commands.set(key, command);
      }
    }
  }

  /** The command a whole message is, if it is one. */
  command(text: string | undefined): GlobalCommand | IntakeCommand | undefined {
    return text ? this.commands.get(normalizeText(text)) : undefined;
  }

  /** Every language's text under `key` (a button label, say). */
  textEverywhere(key: string): string[] {
    return SUPPORTED_LANGUAGES.map((lng) => this.translator.t(lng, key));
  }

  /** Every language's list under `key`; [] where a language has none. */
  listEverywhere(key: string): string[] {
    return SUPPORTED_LANGUAGES.flatMap((lng) => this.translator.list(lng, key));
  }

  yesNo(): ChoiceOption<'yes' | 'no'>[] {
    return [
      { value: 'yes', phrases: [...this.textEverywhere('common:buttons.yes'), ...this.listEverywhere('answers:yes')] },
      { value: 'no', phrases: [...this.textEverywhere('common:buttons.no'), ...this.listEverywhere('answers:no')] },
    ];
  }

  /** Options named by a button label in every language, plus any listed synonyms. */
  options<V extends string>(values: readonly V[], labelKey: (v: V) => string, synonymKey?: (v: V) => string): ChoiceOption<V>[] {
    return values.map((value) => ({
      value,
      phrases: [...this.textEverywhere(labelKey(value)), ...(synonymKey ? this.listEverywhere(synonymKey(value)) : [])],
    }));
  }
}
