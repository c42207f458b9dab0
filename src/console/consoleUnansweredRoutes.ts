import type { Server } from 'restify';
import type { Role } from '../accounts/accountStore';
import type { AuditAction, AuditLog } from '../people/auditLog';
import type { Decision, UnansweredQuestion, UnansweredQuestions } from '../people/unansweredQuestions';
import { FAQ_TOPICS, isFaqTopic } from '../domain/faqTopics';
import { isLanguage, Language } from '../domain/language';
import type { Translator } from '../i18n/translator';
import { questionGroupKey } from '../domain/maskPersonalText';
import type { Logger } from '../logger';
import { consoleErrorLogger, handle, HttpError, sendJson, Signed, ConsoleAuth } from './consoleAuth';
import type { UnansweredGroup, UnansweredList } from './consoleApi';

const STAFF: readonly Role[] = ['staff', 'admin'];
const ID = /^[0-9a-f-]{36}$/;
const MAX_GROUPS = 200;

export interface UnansweredDeps {
  auth: ConsoleAuth;
  store: UnansweredQuestions;
  /** After an entry became an example: the recognizer learns it (here at once, elsewhere over pub/sub). */
  examplesChanged: () => Promise<void>;
  audit: AuditLog;
  logger: Logger;
  /** The seed texts, for the topics' titles in the staff's language (never the internal topic ids). */
  translator: Translator;
}

export type { UnansweredGroup } from './consoleApi';

/** Groups by normalised words; newest group first (or most asked first), the questions in a group newest first. */
export function groupQuestions(entries: UnansweredQuestion[], order: 'newest' | 'frequent'): UnansweredGroup[] {
  const groups = new Map<string, UnansweredGroup>();
  for (const { author: _author, ...entry } of [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))) {
    const key = questionGroupKey(entry.text);
    const group = groups.get(key) ?? groups.set(key, { key, text: entry.text, count: 0, lastAt: entry.at, languages: [], items: [] }).get(key)!;
    group.count++;
    group.items.push(entry);
    if (!group.languages.includes(entry.lang)) group.languages.push(entry.lang);
  }
  const byNewest = (a: UnansweredGroup, b: UnansweredGroup) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0);
  return [...groups.values()].sort((a, b) => (order === 'frequent' ? b.count - a.count || byNewest(a, b) : byNewest(a, b) || b.count - a.count));
}

/** The console's page of questions the bot could not answer well: staff make them examples, out of scope, or a new answer. */
export function registerUnansweredConsole(server: Server, deps: UnansweredDeps): void {
  const onError = consoleErrorLogger(deps.logger);
  const audit = (signed: Signed, action: AuditAction, target: string) =>
    deps.audit.record({ at: new Date().toISOString(), actor: signed.account.username, role: signed.account.role, action, target });

  server.get('/console/api/unanswered', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, STAFF);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const status = q.status === 'all' ? 'all' : 'open';
    const order = q.order === 'frequent' ? 'frequent' : 'newest';
    const entries = (await deps.store.list()).filter((e) => status === 'all' || e.status === 'open');
    const groups = groupQuestions(entries, order);
    const asked = String(q.lang ?? '');
    const lang: Language = isLanguage(asked) ? asked : 'en';
    const titles = Object.fromEntries(FAQ_TOPICS.map((topic) => [topic, deps.translator.t(lang, `faq:topics.${topic}.title`)]));
    await audit(signed, 'view-unanswered', '-');
    sendJson(res, 200, { groups: groups.slice(0, MAX_GROUPS), total: groups.length, topics: FAQ_TOPICS, titles } satisfies UnansweredList);
  }));

  /** A POST that sets staff's decision on one question, audits it, and brings the recognizer in step (it rebuilds only if the examples changed). */
  const decide = (action: AuditAction, decision: (body: Record<string, unknown>) => Omit<Decision, 'by' | 'at'>) =>
    handle(onError, async (req, res) => {
      const signed = await deps.auth.require(req, STAFF);
      const id = String(req.params.id ?? '');
      if (!ID.test(id)) throw new HttpError(404, 'not-found', 'no such question');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const decided = await deps.store.decide(id, { ...decision(body), by: signed.account.username, at: new Date().toISOString() });
      if (!decided) throw new HttpError(404, 'not-found', 'no such question (it may have expired or been erased)');
      await audit(signed, action, decided.topic ? `${id} → ${decided.topic}` : id);
      // Also when an example was turned into something else: the recognizer must forget it.
      await deps.examplesChanged();
      const { author: _author, ...shown } = decided;
      sendJson(res, 200, { question: shown });
    });

  server.post('/console/api/unanswered/:id/example', decide('add-faq-example', (body) => {
    const topic = typeof body.topic === 'string' ? body.topic.slice(0, 80) : '';
    if (!isFaqTopic(topic)) throw new HttpError(400, 'bad-request', `"topic" must be one of the FAQ topics, not "${topic.slice(0, 40)}"`);
    return { status: 'example', topic };
  }));
  server.post('/console/api/unanswered/:id/out-of-scope', decide('mark-out-of-scope', () => ({ status: 'out-of-scope' })));
  server.post('/console/api/unanswered/:id/new-answer', decide('needs-new-answer', () => ({ status: 'new-answer' })));
}
