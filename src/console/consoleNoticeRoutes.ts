import type { Server } from 'restify';
import type { Account, Role } from '../accounts/accountStore';
import { handledBy, type HandoffMessage, type HandoffRecord } from '../domain/handoff';
import { needsReplySince, unreadCount, waitLimitAt } from '../domain/handoffNotice';
import type { HandoffQueue } from '../handoff/handoffQueue';
import type { MentorTyping } from '../handoff/mentorTyping';
import type { ReadMarkers } from '../handoff/readMarkers';
import type { Logger } from '../logger';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, requestBody, sendJson } from './consoleAuth';
import { ReadRequest, type HandoffSummary, type ReadResponse } from './consoleApi';

/*
 * What a mentor is to notice in the console: unread messages (a read marker per mentor and
 * conversation), who waits for an answer, who waited too long, and the typing indicator the person
 * sees while the mentor writes.
 */

const TALKERS: readonly Role[] = ['mentor', 'admin'];

/** The list facts that follow from the handoff alone: who waits for an answer, and until when a wait is fine. */
export function noticeFacts(h: HandoffRecord, maxWaitMinutes?: number): Pick<HandoffSummary, 'needsReplySince' | 'waitLimitAt'> {
  return {
    needsReplySince: h.status === 'active' ? needsReplySince(h.messages) : undefined,
    waitLimitAt: h.status === 'waiting' && maxWaitMinutes ? waitLimitAt(h.createdAt, maxWaitMinutes) : undefined,
  };
}

/** The summaries of active conversations, each of this account's own with its unread count. */
export async function withUnread(
  active: readonly HandoffRecord[],
  account: Account,
  markers: ReadMarkers | undefined,
  summarize: (h: HandoffRecord) => HandoffSummary,
): Promise<HandoffSummary[]> {
  const own = active.filter((h) => h.mentor?.id === account.id).map((h) => h.id);
  const read = markers && own.length > 0 ? await markers.readCounts(own, account.id) : new Map<string, number>();
  return active.map((h) => (read.has(h.id) ? { ...summarize(h), unread: unreadCount(h.messages, read.get(h.id)!) } : summarize(h)));
}

/** A kept message as a browser may see it: without the person's message id on their channel. */
export function browserMessage({ channelMessageId: _, ...message }: HandoffMessage): Omit<HandoffMessage, 'channelMessageId'> {
  return message;
}

export interface NoticeRouteDeps {
  auth: ConsoleAuth;
  queue: Pick<HandoffQueue, 'get'>;
  readMarkers: ReadMarkers;
  typing: MentorTyping;
  logger: Logger;
}

export function registerNoticeRoutes(server: Server, deps: NoticeRouteDeps): void {
  const onError = consoleErrorLogger(deps.logger);

  server.post('/console/api/handoffs/:id/read', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    const { count } = requestBody(ReadRequest, req, 'send {"count"}: how many of the messages were seen, a whole number');
    const handoff = await deps.queue.get(req.params.id);
    if (!handoff) throw new HttpError(404, 'not-found', 'no such handoff');
    // Only a conversation the mentor took counts unread messages; a preview of someone waiting does not.
    if (!handledBy(handoff, account.id)) throw new HttpError(403, 'not-yours', 'only a conversation you took has a read marker');
    const marked = await deps.readMarkers.markRead(handoff.id, account.id, Math.min(count, handoff.messages.length));
    sendJson(res, 200, { count: marked } satisfies ReadResponse);
  }));

  server.post('/console/api/handoffs/:id/typing', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    const result = await deps.typing.typing(req.params.id, account.id);
    if (result === 'not-found') throw new HttpError(404, 'not-found', 'no such handoff');
    if (result === 'not-yours') throw new HttpError(403, 'not-yours', 'only the mentor talking with the person types to them');
    if (result === 'not-active') throw new HttpError(409, 'not-allowed', 'the conversation is not going on');
    sendJson(res, 200, { typing: result });
  }));
}
