import type { Server } from 'restify';
import { checkDefinition, type HomeworkDefinition } from '../domain/homework';
import { OUTCOMES } from '../domain/eligibility';
import type { HomeworkStore } from '../people/homeworkStore';
import type { AuditLog } from '../people/auditLog';
import type { Logger } from '../logger';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, requestBody, sendJson } from './consoleAuth';
import { HomeworkDefinitionRequest, type HomeworkList } from './consoleApi';

const STAFF = ['staff', 'admin'] as const;

export interface HomeworkConsoleDeps {
  auth: ConsoleAuth;
  store: HomeworkStore;
  /** JOURNEY_HOMEWORK_DAYS: the days a track without its own homework gives. */
  defaultDays: number;
  audit: AuditLog;
  logger: Logger;
  now: () => Date;
}

/** The track in a path: one of the intake's results. */
function trackOf(value: unknown): string {
  const track = String(value ?? '');
  if (!(OUTCOMES as readonly string[]).includes(track)) throw new HttpError(404, 'not-found', `no such track; tracks: ${OUTCOMES.join(', ')}`);
  return track;
}

/** Staff set the homework per track (the intake's result): a short text per language, a link, the days allowed. */
export function registerHomeworkConsole(server: Server, deps: HomeworkConsoleDeps): void {
  const onError = consoleErrorLogger(deps.logger);

  server.get('/console/api/homework', handle(onError, async (req, res) => {
    await deps.auth.require(req, STAFF);
    sendJson(res, 200, { tracks: [...OUTCOMES], definitions: await deps.store.list(), defaultDays: deps.defaultDays } satisfies HomeworkList);
  }));

  server.post('/console/api/homework/:track', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, STAFF);
    const track = trackOf(req.params.track);
    const body = requestBody(HomeworkDefinitionRequest, req, 'send {"texts": {"nl": "…", "en": "…"}, "link": "https://…", "days": 14}');
    const texts = Object.fromEntries(Object.entries(body.texts).map(([l, t]) => [l, (t ?? '').trim()]).filter(([, t]) => t)) as HomeworkDefinition['texts'];
    const link = body.link?.trim() || undefined;
    const problem = checkDefinition({ texts, link, days: body.days });
    if (problem === 'link-not-http') throw new HttpError(400, problem, 'the link must be a web address that starts with https:// or http://');
    if (problem) throw new HttpError(400, problem, 'write the homework in at least one language (at most 1,000 characters), with 1 to 90 days');
    const def: HomeworkDefinition = { track, texts, ...(link ? { link } : {}), days: body.days, updatedAt: deps.now().toISOString(), updatedBy: signed.account.firstName };
    await deps.store.put(def);
    await deps.audit.record({ at: deps.now().toISOString(), actor: signed.account.username, role: signed.account.role, action: 'edit-homework', target: track });
    sendJson(res, 200, def);
  }));

  server.post('/console/api/homework/:track/remove', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, STAFF);
    const track = trackOf(req.params.track);
    await deps.store.remove(track);
    await deps.audit.record({ at: deps.now().toISOString(), actor: signed.account.username, role: signed.account.role, action: 'edit-homework', target: track });
    sendJson(res, 200, { removed: track });
  }));
}
