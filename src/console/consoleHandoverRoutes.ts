import type { Request, Server } from 'restify';
import type { AccountStore, Role } from '../accounts/accountStore';
import type { HandoffService } from '../handoff/handoffService';
import type { MentorDesk } from '../handover/mentorDesk';
import type { CannedReplyStore } from '../handover/cannedReplyStore';
import type { AuditAction, AuditLog } from '../people/auditLog';
import type { Logger, Pseudonymizer } from '../logger';
import { isLanguage } from '../domain/language';
import { CANNED_REPLIES_MAX, CANNED_TEXT_MAX, CANNED_TITLE_MAX } from '../domain/cannedReply';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, requestBody, sendJson, Signed } from './consoleAuth';
import {
  CannedReplyRequest,
  PresenceRequest,
  TransferRequest,
  type CannedReplyList,
  type CannedReplyResponse,
  type ColleagueList,
  type LoadResponse,
  type PresenceResponse,
  type TransferResponse,
} from './consoleApi';
import { handoffSummary } from './consoleRoutes';

const TALKERS: readonly Role[] = ['mentor', 'admin'];
const STAFF: readonly Role[] = ['staff', 'admin'];
const EVERYONE: readonly Role[] = ['mentor', 'staff', 'admin'];
/** A canned reply in six languages at its longest, JSON-escaped, with room to spare. */
const MAX_CANNED_BODY_BYTES = 64 * 1024;

export interface HandoverDeps {
  auth: ConsoleAuth;
  accounts: AccountStore;
  desk: MentorDesk;
  handoffs: HandoffService;
  replies: CannedReplyStore;
  audit: AuditLog;
  pseudonym: Pseudonymizer;
  logger: Logger;
  now: () => Date;
}

/**
 * The console's routes for working as a team: a mentor's status, the cap an admin sets, handing a
 * person to a colleague, and the canned replies staff write for mentors.
 */
export function registerHandoverConsole(server: Server, deps: HandoverDeps): void {
  const onError = consoleErrorLogger(deps.logger);
  const record = (signed: Signed, action: AuditAction, target: string) =>
    deps.audit.record({ at: deps.now().toISOString(), actor: signed.account.username, role: signed.account.role, action, target });

  server.get('/console/api/presence', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    sendJson(res, 200, (await deps.desk.presenceOf(account.id)) satisfies PresenceResponse);
  }));

  // With a status: the mentor chose it. Without: they did something in the console (the page says so now and then).
  server.post('/console/api/presence', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    const { status } = requestBody(PresenceRequest, req, 'status, if given, is available, away or off');
    if (status) return sendJson(res, 200, (await deps.desk.setStatus(account.id, status)) satisfies PresenceResponse);
    await deps.desk.touch(account.id);
    sendJson(res, 200, (await deps.desk.presenceOf(account.id)) satisfies PresenceResponse);
  }));

  server.get('/console/api/me/load', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    const active = await deps.desk.activeCount(account.id);
    sendJson(res, 200, { active, capacity: account.capacity ?? null, atCapacity: account.capacity !== undefined && active >= account.capacity } satisfies LoadResponse);
  }));

  server.get('/console/api/colleagues', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    const asked = (req.query as Record<string, unknown> | undefined)?.language;
    if (asked !== undefined && !isLanguage(asked)) throw new HttpError(400, 'bad-request', 'language must be one of the six');
    const items = (await deps.desk.colleagues(account.id, asked)).map(({ account: a, status, active, atCapacity }) => ({
      id: a.id,
      firstName: a.firstName,
      languages: a.languages,
      status,
      active,
      ...(a.capacity !== undefined ? { capacity: a.capacity } : {}),
      atCapacity,
    }));
    sendJson(res, 200, { items } satisfies ColleagueList);
  }));

  server.post('/console/api/handoffs/:id/transfer', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, TALKERS);
    const { account } = signed;
    const { to } = requestBody(TransferRequest, req, 'send {"to": the id of the colleague}');
    const handoff = await deps.handoffs.queue.get(req.params.id);
    if (!handoff) throw new HttpError(404, 'not-found', 'no such handoff');
    if (handoff.status !== 'active') throw new HttpError(409, 'not-allowed', 'only a conversation going on can be handed over');
    if (handoff.mentor?.id !== account.id) throw new HttpError(403, 'not-yours', 'only the mentor talking with the person hands them over', { status: handoff.status, by: handoff.mentor?.firstName });
    const target = await deps.accounts.byId(to);
    if (!target || target.disabled || !TALKERS.includes(target.role) || target.id === account.id) throw new HttpError(404, 'no-colleague', 'no colleague with that id who can take conversations');
    if (!target.languages.includes(handoff.language)) throw new HttpError(409, 'no-language', `${target.firstName} does not speak the person\u2019s language`);
    if ((await deps.desk.statusOf(target.id)) === 'off') throw new HttpError(409, 'colleague-off', `${target.firstName} is off`, { by: target.firstName });
    if (await deps.desk.atCapacity(target)) throw new HttpError(409, 'colleague-at-capacity', `${target.firstName} has as many conversations as they may`, { by: target.firstName });
    const result = await deps.handoffs.transfer(handoff.id, { id: account.id, firstName: account.firstName }, { id: target.id, firstName: target.firstName });
    if (!result.ok) {
      const status = result.reason === 'not-found' ? 404 : result.reason === 'not-yours' ? 403 : 409;
      throw new HttpError(status, result.reason, `this cannot be done now (${result.reason})`);
    }
    await deps.desk.touch(account.id);
    await record(signed, 'transfer-handoff', deps.pseudonym(`${handoff.person.channelId}/${handoff.person.userId}`) ?? '-');
    sendJson(res, 200, { handoff: handoffSummary(result.handoff, account, deps.pseudonym) } satisfies TransferResponse);
  }));


  // --- canned replies ---------------------------------------------------------------

  server.get('/console/api/canned-replies', handle(onError, async (req, res) => {
    await deps.auth.require(req, EVERYONE);
    sendJson(res, 200, { items: await deps.replies.list(), limits: { title: CANNED_TITLE_MAX, text: CANNED_TEXT_MAX, replies: CANNED_REPLIES_MAX } } satisfies CannedReplyList);
  }));

  const cannedBody = (req: Request) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_CANNED_BODY_BYTES) throw new HttpError(413, 'too-large', 'the request is too large for a canned reply');
    return requestBody(CannedReplyRequest, req, `send {"texts": {"<language>": {"title" (1–${CANNED_TITLE_MAX} characters), "text" (1–${CANNED_TEXT_MAX})}}} for at least one language`);
  };

  server.post('/console/api/canned-replies', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, STAFF);
    const { texts } = cannedBody(req);
    const result = await deps.replies.create(texts, signed.account.username, deps.now());
    if (!result.ok) throw new HttpError(409, 'full', `there are ${CANNED_REPLIES_MAX} canned replies already: remove one first`);
    await record(signed, 'edit-canned-reply', result.reply.id);
    sendJson(res, 200, { reply: result.reply } satisfies CannedReplyResponse);
  }));

  server.post('/console/api/canned-replies/:id', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, STAFF);
    const { texts, version } = cannedBody(req);
    if (version === undefined) throw new HttpError(400, 'bad-request', '"version" must be the version of the reply that was shown');
    const result = await deps.replies.update(String(req.params.id), texts, version, signed.account.username, deps.now());
    if (!result.ok && result.reason === 'changed') throw new HttpError(409, 'changed', 'someone else changed this reply meanwhile: load it again', { version: result.version });
    if (!result.ok) throw new HttpError(404, 'not-found', 'no such canned reply');
    await record(signed, 'edit-canned-reply', result.reply.id);
    sendJson(res, 200, { reply: result.reply } satisfies CannedReplyResponse);
  }));

  server.post('/console/api/canned-replies/:id/delete', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, STAFF);
    if (!(await deps.replies.delete(String(req.params.id)))) throw new HttpError(404, 'not-found', 'no such canned reply');
    await record(signed, 'delete-canned-reply', String(req.params.id));
    res.send(204);
  }));
}
