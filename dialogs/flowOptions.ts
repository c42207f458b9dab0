import type { Language } from '../src/i18n/languages';
import type { MentorReason } from '../src/domain/person';
import type { RecognizedCommand } from '../src/nlu/recognizer';
import type { GlobalCommand } from './lexicon';
import type { MenuChoice } from './menu';
import type { TalkIntent } from './mentorTalkDialog';

/** How the main flow (greeting, language, consent, menu) starts this time. */
export interface FlowOptions {
  /** Start of a conversation or "restart": greet first. */
  greet?: boolean;
  /** Ask the language even when one was chosen. */
  changeLanguage?: boolean;
  /**
   * Go back where the language was changed: into the unfinished intake, or to the result of the
   * finished one (shown again in the new language).
   */
  returnTo?: 'intake' | 'result';
  /** Go straight to this menu choice (a command such as "mentor" typed anywhere). */
  start?: MenuChoice;
  /** With start 'intake': begin the intake afresh ("start over" in the intake or at its result). */
  freshIntake?: boolean;
  /** Why a mentor is asked for, when `start` is 'mentor' (default 'asked'). */
  mentorReason?: MentorReason;
  /** Switch to this language without asking (its name was typed), then go on as after a language change. */
  setLanguage?: Language;
  /** The language to offer first when the language is asked (the one the person wrote in). */
  suggestLanguage?: Language;
  /** The first message was a "thanks" (after a mentor, after a pause): answer it kindly before the menu. */
  thanked?: boolean;
  /** The first message handed homework in ("my homework: …", after a mentor, after a pause): handed in, then the menu. */
  homework?: string;
  /** The consent notice was just shown: ask only its question. */
  consentQuestionOnly?: boolean;
  /** "plan a talk", "I can't come", "another time": the mentor talk, to book, cancel or move. */
  talk?: TalkIntent;
  /** The interview time a number named (its place in the invitation's list): booked at once. */
  pick?: string;
}

/** A command typed anywhere, in the listed words or recognised in other words. */
export type Command = GlobalCommand | RecognizedCommand;

/** Where the flow starts again after a command (other than help) broke off what was going on. */
export function flowAfter(command: Exclude<Command, 'help'>, mentorReason: MentorReason, returnTo?: FlowOptions['returnTo']): FlowOptions {
  switch (command) {
    case 'language':
      return { changeLanguage: true, returnTo };
    case 'stop':
    case 'menu':
      return {};
    case 'restart':
      return { greet: true, changeLanguage: true };
    case 'mentor':
      return { start: 'mentor', mentorReason };
    case 'delete':
      return { start: 'delete' };
  }
}
