import type { FaqTopic } from '../domain/faqTopics';
import type { Language } from '../domain/language';

/** A review mark: who said the text reads well in its language, and a digest of the text they read. */
export interface AnswerReview {
  by: string;
  at: string;
  /** sha256 of the text reviewed: a later edit (or a changed seed in locales/) is not reviewed. */
  digest: string;
}

/** One topic's answer in one language, as staff left it. */
export interface StoredAnswer {
  topic: FaqTopic;
  lang: Language;
  /** The text staff wrote; null: the text in locales/ (the seed) is used. */
  text: string | null;
  /** Goes up by one with every change. */
  version: number;
  changedBy: string;
  changedAt: string;
  review: AnswerReview | null;
}

export type AnswerChange = 'edit' | 'revert' | 'review' | 'import';

/** One change, as the history keeps it. */
export interface AnswerVersion {
  version: number;
  change: AnswerChange;
  by: string;
  at: string;
  /** The text after the change, and the one before (null: the seed). */
  text: string | null;
  previous: string | null;
}

export type NextAnswer = Omit<StoredAnswer, 'version'>;

export type WriteResult = { ok: true; answer: StoredAnswer } | { ok: false; version: number };

/** How many changes the history keeps per topic and language. */
export const HISTORY_CAP = 50;

/**
 * The staff-edited FAQ answers: one record per topic and language, each change versioned with who,
 * when and the text before. The texts in locales/ are the seed; a record with text null uses it.
 */
export interface FaqAnswerStore {
  /** Every record, in no particular order. */
  list(): Promise<StoredAnswer[]>;
  /** The record of a topic in a language, or undefined when staff never touched it. */
  get(topic: FaqTopic, lang: Language): Promise<StoredAnswer | undefined>;
  /** Its changes, newest first (at most HISTORY_CAP). */
  history(topic: FaqTopic, lang: Language): Promise<AnswerVersion[]>;
  /**
   * Writes the next version when the stored one is still `expected` (0: none stored yet), and adds the
   * change to the history. When someone else changed it meanwhile nothing is written: `{ ok: false }`
   * with the version now stored.
   */
  write(next: NextAnswer, change: AnswerChange, expected: number): Promise<WriteResult>;
  /** Writes all of them, each as its next version, at once: either all are written or none. */
  writeAll(next: NextAnswer[], change: AnswerChange): Promise<StoredAnswer[]>;
}

export const answerField = (topic: string, lang: string) => `${topic}/${lang}`;

export class MemoryFaqAnswerStore implements FaqAnswerStore {
  private readonly records = new Map<string, StoredAnswer>();
  private readonly histories = new Map<string, AnswerVersion[]>();

  async list() {
    return [...this.records.values()].map((r) => structuredClone(r));
  }

  async get(topic: FaqTopic, lang: Language) {
    const record = this.records.get(answerField(topic, lang));
    return record && structuredClone(record);
  }

  async history(topic: FaqTopic, lang: Language) {
    return structuredClone(this.histories.get(answerField(topic, lang)) ?? []);
  }

  async write(next: NextAnswer, change: AnswerChange, expected: number): Promise<WriteResult> {
    const version = this.records.get(answerField(next.topic, next.lang))?.version ?? 0;
    if (version !== expected) return { ok: false, version };
    return { ok: true, answer: this.put(next, change) };
  }

  async writeAll(next: NextAnswer[], change: AnswerChange) {
    return next.map((n) => this.put(n, change));
  }

  private put(next: NextAnswer, change: AnswerChange): StoredAnswer {
    const field = answerField(next.topic, next.lang);
    const before = this.records.get(field);
    const answer: StoredAnswer = { ...structuredClone(next), version: (before?.version ?? 0) + 1 };
    this.records.set(field, answer);
    const history = this.histories.get(field) ?? [];
    history.unshift({ version: answer.version, change, by: next.changedBy, at: next.changedAt, text: next.text, previous: before?.text ?? null });
    history.length = Math.min(history.length, HISTORY_CAP);
    this.histories.set(field, history);
    return structuredClone(answer);
  }
}
