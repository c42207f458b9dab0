import { ActionTypes, Activity, InputHints, MessageFactory } from 'botbuilder';
import { ChoiceOption, matchChoice } from '../src/domain/matchChoice';
import { NameWords, parseFirstName, parseFreeText, parseHours, parseLevel } from '../src/domain/parseAnswers';
import { findMunicipality } from '../src/domain/municipalities';

/**
 * What kind of answer a prompt waits for. Plain data, because it is kept in dialog state (Redis)
 * between the question and the answer.
 */
export type AnswerSpec =
  | { type: 'choice'; options: ChoiceOption<string>[] }
  | { type: 'level'; none: string[]; dontKnow: string[]; words?: Partial<Record<string, string[]>> }
  | { type: 'hours'; words?: Record<string, string[]> }
  | { type: 'name'; words?: NameWords }
  | { type: 'text'; isQuestion?: boolean }
  | { type: 'municipality' };

/** The answer's value when it is a valid answer of that kind, else undefined. */
export function parseAnswer(spec: AnswerSpec, text: string): string | number | undefined {
  switch (spec.type) {
    case 'choice':
      return matchChoice(text, spec.options);
    case 'level':
      return parseLevel(text, spec);
    case 'hours':
      return parseHours(text, spec.words);
    case 'name':
      return parseFirstName(text, spec.words);
    case 'text':
      return parseFreeText(text);
    case 'municipality': {
      const match = findMunicipality(text);
      return match.kind === 'found' ? match.municipality.name : undefined;
    }
  }
}

/** A question, with its choices as buttons (suggested actions) when there are any. */
export function question(text: string, buttons: string[] = []): Partial<Activity> {
  const activity =
    buttons.length > 0
      ? MessageFactory.suggestedActions(buttons.map((b) => ({ type: ActionTypes.ImBack, title: b, value: b })), text)
      : MessageFactory.text(text);
  activity.inputHint = InputHints.ExpectingInput;
  return activity;
}
