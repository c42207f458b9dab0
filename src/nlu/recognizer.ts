import type { Language } from '../i18n/languages';
import type { FaqTopic } from '../domain/faqTopics';

/** Commands the recognizer knows besides the FAQ topics (typed in any language, in any words). */
export const RECOGNIZED_COMMANDS = ['menu', 'mentor', 'language', 'stop', 'delete', 'help', 'restart'] as const;
export type RecognizedCommand = (typeof RECOGNIZED_COMMANDS)[number];

export interface Recognition {
  /** The FAQ topic the question is about; null when not sure (then the bot says so and offers a mentor). */
  topic: FaqTopic | null;
  /** A command the message asks for instead of a topic, when sure. */
  command: RecognizedCommand | null;
  /** Calibrated: about the chance that the best guess is right, 0–1. */
  confidence: number;
  /** What the best guess was, even when below the threshold (for metrics, never shown). */
  bestGuess: string | null;
  source: 'embedded' | 'clu';
}

/** Recognizes what a free-text message is about; `lng` is the person's chosen language. */
export interface Recognizer {
  recognize(text: string, lng: Language): Promise<Recognition>;
}
