import type { Server } from 'restify';
import type { Role } from '../accounts/accountStore';
import type { AuditAction, AuditLog } from '../people/auditLog';
import type { UnansweredQuestions } from '../people/unansweredQuestions';
import { isFaqTopic, FaqTopic } from '../domain/faqTopics';
import { isLanguage, Language, SUPPORTED_LANGUAGES } from '../domain/language';
import { MAX_ANSWER_CHARACTERS, ANSWER_VARIABLES } from '../domain/faqAnswerText';
import type { Translator } from '../i18n/translator';
import type { FaqAnswerEditor, EditOutcome } from '../storage/faqAnswerEditor';
import type { RefitStatus } from '../nlu/refitCheck';
import type { Logger } from '../logger';
import { consoleErrorLogger, handle, HttpError, sendJson, Signed, ConsoleAuth } from './consoleAuth';

const STAFF: readonly Role[] = ['staff', 'admin'];
/** An answer is at most 4,096 characters of up to 4 bytes, JSON-escaped: more than this is not an answer. */
export const MAX_ANSWER_BODY_BYTES = 64 * 1024;

export interface AnswersDeps {
  auth: ConsoleAuth;
  editor: FaqAnswerEditor;
  /** After a change: the bot uses it here at once, and on the other instances over pub/sub. */
  answersChanged: () => Promise<void>;
  /** The seed texts, for the topics' titles in the console's language. */
  translator: Translator;
  /** For the refit check: how many examples staff added. */
  unanswered: UnansweredQuestions;
  refit: (staffExamples: number) => RefitStatus;
  audit: AuditLog;
  logger: Logger;
}

/** The console's page where staff edit the FAQ answers per language, review them, and see when a refit is due. */
export function registerAnswersConsole(server: Server, deps: AnswersDeps): void {
  const onError = consoleErrorLogger(deps.logger);
  const audit = (signed: Signed, action: AuditAction, target: string) =>
    deps.audit.record({ at: new Date().toISOString(), actor: signed.account.username, role: signed.account.role, action, target });
  const titleLanguage = (req: { query?: unknown }): Language => {
    const asked = String((req.query as Record<string, unknown> | undefined)?.lang ?? '');
    return isLanguage(asked) ? asked : 'en';
  };
  const title = (lang: Language, topic: FaqTopic) => deps.translator.t(lang, `faq:topics.${topic}.title`);
  const topicParam = (value: unknown): FaqTopic => {
    const topic = String(value ?? '');
    if (!isFaqTopic(topic)) throw new HttpError(404, 'not-found', 'no such FAQ topic');
    return topic;
  };
  const languageParam = (value: unknown): Language => {
    const lang = String(value ?? '');
    if (!isLanguage(lang)) throw new HttpError(404, 'not-found', 'no such language');
    return lang;
  };

  server.get('/console/api/answers', handle(onError, async (req, res) => {
    await deps.auth.require(req, STAFF);
    const lang = titleLanguage(req);
    const staffExamples = (await deps.unanswered.list()).filter((e) => e.status === 'example' && e.topic).length;
    const overview = await deps.editor.overview();
    sendJson(res, 200, {
      languages: SUPPORTED_LANGUAGES,
      topics: overview.map(({ topic, languages }) => ({
        topic,
        title: title(lang, topic),
        languages: languages.map(({ lang: l, status, edited, version }) => ({ lang: l, status, edited, version })),
      })),
      refit: deps.refit(staffExamples),
    });
  }));

  server.get('/console/api/answers/:topic', handle(onError, async (req, res) => {
    await deps.auth.require(req, STAFF);
    const topic = topicParam(req.params.topic);
    const languages = await Promise.all(SUPPORTED_LANGUAGES.map(async (l) => ({ ...(await deps.editor.get(topic, l)), history: await deps.editor.history(topic, l) })));
    sendJson(res, 200, { topic, title: title(titleLanguage(req), topic), languages, maxLength: MAX_ANSWER_CHARACTERS, variables: ANSWER_VARIABLES });
  }));

  /** A POST that changes one answer, if it is still at the version staff saw; audited, and live everywhere at once. */
  const change = (action: AuditAction, run: (topic: FaqTopic, lang: Language, body: Record<string, unknown>, expected: number, by: string) => Promise<EditOutcome>) =>
    handle(onError, async (req, res) => {
      const signed = await deps.auth.require(req, STAFF);
      if (Number(req.headers['content-length'] ?? 0) > MAX_ANSWER_BODY_BYTES) throw new HttpError(413, 'too-large', 'the request is too large for an answer');
      const topic = topicParam(req.params.topic);
      const lang = languageParam(req.params.lang);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const expected = body.version;
      if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) throw new HttpError(400, 'bad-request', '"version" must be the version of the answer that was shown');
      const outcome = await run(topic, lang, body, expected, signed.account.username);
      if (!outcome.ok && 'conflict' in outcome) throw new HttpError(409, 'changed', 'someone else changed this answer meanwhile: load it again', { version: outcome.conflict });
      if (!outcome.ok) throw new HttpError(400, 'bad-answer', `the answer cannot be used: ${outcome.problem}`, { problem: outcome.problem });
      await audit(signed, action, `${topic}/${lang} v${outcome.view.version}`);
      await deps.answersChanged();
      sendJson(res, 200, { answer: { ...outcome.view, history: await deps.editor.history(topic, lang) } });
    });

  server.post('/console/api/answers/:topic/:lang', change('edit-faq-answer', (topic, lang, body, expected, by) => {
    if (typeof body.text !== 'string') throw new HttpError(400, 'bad-request', '"text" must be the answer text');
    return deps.editor.edit(topic, lang, body.text, expected, by);
  }));
  server.post('/console/api/answers/:topic/:lang/revert', change('revert-faq-answer', (topic, lang, _body, expected, by) => deps.editor.revert(topic, lang, expected, by)));
  server.post('/console/api/answers/:topic/:lang/review', change('review-faq-answer', (topic, lang, _body, expected, by) => deps.editor.review(topic, lang, expected, by)));
}
