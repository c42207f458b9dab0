import { z } from 'zod';
import { FAQ_TOPICS, FaqTopic } from '../domain/faqTopics';
import { SUPPORTED_LANGUAGES, Language } from '../domain/language';
import { AnswerProblem, normalizeAnswerText } from '../domain/faqAnswerText';
import { answerDigest, editedAnswerProblem } from '../i18n/editedAnswers';
import type { LocaleResources } from '../i18n/localeResources';
import type { AnswerReview, AnswerVersion, FaqAnswerStore, NextAnswer, StoredAnswer } from './faqAnswerStore';

/** Per language: no text at all, a text nobody marked reviewed (or changed since), or a reviewed one. */
export type AnswerStatus = 'missing' | 'not-reviewed' | 'reviewed';

/** One topic in one language as staff see it. */
export interface AnswerView {
  lang: Language;
  /** The text the bot uses (with {{variables}} unfilled), null when there is none. */
  text: string | null;
  /** The text in locales/, null when that language has none. */
  seed: string | null;
  edited: boolean;
  /** 0 when staff never changed it: give it back with the next change. */
  version: number;
  changedBy: string | null;
  changedAt: string | null;
  review: Omit<AnswerReview, 'digest'> | null;
  status: AnswerStatus;
}

export type EditOutcome = { ok: true; view: AnswerView } | { ok: false; problem: AnswerProblem | 'missing' } | { ok: false; conflict: number };

/** The file `vit-bot faq export` writes and `vit-bot faq import` reads. */
export const FAQ_ANSWERS_FORMAT = 'vit-wegwijzer/faq-answers';
const WHO = z.string().min(1).max(100);
const WHEN = z.iso.datetime();
export const FaqAnswersFile = z
  .object({
    format: z.literal(FAQ_ANSWERS_FORMAT),
    version: z.literal(1),
    exportedAt: WHEN,
    answers: z
      .array(
        z
          .object({
            topic: z.enum(FAQ_TOPICS),
            lang: z.enum(SUPPORTED_LANGUAGES),
            text: z.string().max(20_000),
            changedBy: WHO,
            changedAt: WHEN,
            reviewed: z.object({ by: WHO, at: WHEN }).strict().nullable(),
          })
          .strict(),
      )
      .max(FAQ_TOPICS.length * SUPPORTED_LANGUAGES.length),
  })
  .strict();
export type FaqAnswersFile = z.infer<typeof FaqAnswersFile>;

/** A file that cannot be imported: every problem found, and nothing was written. */
export class FaqImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`the file cannot be imported, nothing was changed:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

const PROBLEM_TEXT: Record<AnswerProblem, string> = {
  empty: 'the text is empty',
  'too-long': 'the text is longer than 4,096 characters (WhatsApp sends no more)',
  markup: 'the text has HTML markup',
  link: 'the text has a Markdown link or an address that is not a bare https:// one',
  placeholder: 'the text has a {{variable}} other than {{answerDays}} and {{chatDays}}',
  control: 'the text has control or text-direction characters',
};

/**
 * Staff's work on the FAQ answers: the seed texts in locales/ with the edits in the store over them,
 * each change checked and versioned. Who may do it, the audit and telling the instances are the
 * caller's (the console routes, the CLI).
 */
export class FaqAnswerEditor {
  constructor(
    private readonly deps: {
      store: FaqAnswerStore;
      resources: LocaleResources;
      /** The values the answers' {{variables}} are filled with (to check the length as sent). */
      vars: Record<string, unknown>;
      now: () => Date;
    },
  ) {}

  seed(topic: FaqTopic, lang: Language): string | null {
    const topics = (this.deps.resources[lang]?.faq as { topics?: Record<string, { answer?: unknown }> } | undefined)?.topics;
    const answer = topics?.[topic]?.answer;
    return typeof answer === 'string' && answer.trim() !== '' ? answer : null;
  }

  /** Every topic in every language. */
  async overview(): Promise<Array<{ topic: FaqTopic; languages: AnswerView[] }>> {
    const records = new Map((await this.deps.store.list()).map((r) => [`${r.topic}/${r.lang}`, r]));
    return FAQ_TOPICS.map((topic) => ({ topic, languages: SUPPORTED_LANGUAGES.map((lang) => this.view(topic, lang, records.get(`${topic}/${lang}`))) }));
  }

  async get(topic: FaqTopic, lang: Language): Promise<AnswerView> {
    return this.view(topic, lang, await this.deps.store.get(topic, lang));
  }

  history(topic: FaqTopic, lang: Language): Promise<AnswerVersion[]> {
    return this.deps.store.history(topic, lang);
  }

  /** Why this text cannot be the answer, or undefined. */
  problem(lang: Language, text: string): AnswerProblem | undefined {
    return editedAnswerProblem(lang, normalizeAnswerText(text), this.deps.vars);
  }

  /** Uses `text` as the answer, if the answer is still at version `expected`. */
  async edit(topic: FaqTopic, lang: Language, text: string, expected: number, by: string): Promise<EditOutcome> {
    const normalized = normalizeAnswerText(text);
    const problem = this.problem(lang, normalized);
    if (problem) return { ok: false, problem };
    return this.change(topic, lang, expected, 'edit', (before) => ({ text: normalized, review: keptReview(before?.review ?? null, normalized) }), by);
  }

  /** Goes back to the text in locales/. */
  async revert(topic: FaqTopic, lang: Language, expected: number, by: string): Promise<EditOutcome> {
    const seed = this.seed(topic, lang);
    return this.change(topic, lang, expected, 'revert', (before) => ({ text: null, review: seed === null ? null : keptReview(before?.review ?? null, seed) }), by);
  }

  /** Marks the text now in use as read and right in its language. */
  async review(topic: FaqTopic, lang: Language, expected: number, by: string): Promise<EditOutcome> {
    const current = await this.deps.store.get(topic, lang);
    const text = current?.text ?? this.seed(topic, lang);
    if (text === null) return { ok: false, problem: 'missing' };
    const at = this.deps.now().toISOString();
    return this.change(topic, lang, expected, 'review', (before) => ({ text: before?.text ?? null, review: { by, at, digest: answerDigest(text) } }), by);
  }

  /** The edited answers, as `vit-bot faq import` reads them. */
  async exportAll(): Promise<FaqAnswersFile> {
    const records = (await this.deps.store.list()).filter((r): r is StoredAnswer & { text: string } => r.text !== null);
    records.sort((a, b) => FAQ_TOPICS.indexOf(a.topic) - FAQ_TOPICS.indexOf(b.topic) || SUPPORTED_LANGUAGES.indexOf(a.lang) - SUPPORTED_LANGUAGES.indexOf(b.lang));
    return {
      format: FAQ_ANSWERS_FORMAT,
      version: 1,
      exportedAt: this.deps.now().toISOString(),
      answers: records.map((r) => ({
        topic: r.topic,
        lang: r.lang,
        text: r.text,
        changedBy: r.changedBy,
        changedAt: r.changedAt,
        reviewed: r.review && r.review.digest === answerDigest(r.text) ? { by: r.review.by, at: r.review.at } : null,
      })),
    };
  }

  /**
   * Checks the whole file first (its shape, then every text as the console would), and writes all its
   * answers at once, or throws FaqImportError and writes nothing. Answers not in the file stay as they are.
   */
  async importAll(raw: unknown, by: string): Promise<StoredAnswer[]> {
    const parsed = FaqAnswersFile.safeParse(raw);
    if (!parsed.success) {
      throw new FaqImportError(parsed.error.issues.slice(0, 20).map((i) => `${i.path.length > 0 ? i.path.join('.') : 'the file'}: ${i.message}`));
    }
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const [i, a] of parsed.data.answers.entries()) {
      const where = `answers.${i} (${a.topic}/${a.lang})`;
      if (seen.has(`${a.topic}/${a.lang}`)) problems.push(`${where}: this topic and language come twice`);
      seen.add(`${a.topic}/${a.lang}`);
      const problem = this.problem(a.lang, a.text);
      if (problem) problems.push(`${where}: ${PROBLEM_TEXT[problem]}`);
    }
    if (problems.length > 0) throw new FaqImportError(problems);
    const at = this.deps.now().toISOString();
    const next: NextAnswer[] = parsed.data.answers.map((a) => {
      const text = normalizeAnswerText(a.text);
      return { topic: a.topic, lang: a.lang, text, changedBy: by, changedAt: at, review: a.reviewed && { ...a.reviewed, digest: answerDigest(text) } };
    });
    return this.deps.store.writeAll(next, 'import');
  }

  private async change(
    topic: FaqTopic,
    lang: Language,
    expected: number,
    change: 'edit' | 'revert' | 'review',
    next: (before: StoredAnswer | undefined) => Pick<NextAnswer, 'text' | 'review'>,
    by: string,
  ): Promise<EditOutcome> {
    const before = await this.deps.store.get(topic, lang);
    if ((before?.version ?? 0) !== expected) return { ok: false, conflict: before?.version ?? 0 };
    const written = await this.deps.store.write({ topic, lang, changedBy: by, changedAt: this.deps.now().toISOString(), ...next(before) }, change, expected);
    return written.ok ? { ok: true, view: this.view(topic, lang, written.answer) } : { ok: false, conflict: written.version };
  }

  private view(topic: FaqTopic, lang: Language, record: StoredAnswer | undefined): AnswerView {
    const seed = this.seed(topic, lang);
    const text = record?.text ?? seed;
    const reviewed = text !== null && !!record?.review && record.review.digest === answerDigest(text);
    return {
      lang,
      text,
      seed,
      edited: record?.text != null,
      version: record?.version ?? 0,
      changedBy: record?.changedBy ?? null,
      changedAt: record?.changedAt ?? null,
      review: reviewed && record?.review ? { by: record.review.by, at: record.review.at } : null,
      status: text === null ? 'missing' : reviewed ? 'reviewed' : 'not-reviewed',
    };
  }
}

/** A review mark stays only on the very text that was reviewed. */
function keptReview(review: AnswerReview | null, text: string): AnswerReview | null {
  return review && review.digest === answerDigest(text) ? review : null;
}
