import type { Server } from 'restify';
import type { TranscriptStore } from 'botbuilder';
import { handledBy, type HandoffRecord } from '../domain/handoff';
import type { HandoffService } from '../handoff/handoffService';
import { DeliveryFailedError } from '../handoff/personMessenger';
import type { Logger } from '../logger';
import type { Role } from '../accounts/accountStore';
import type { ConversationTranslation } from '../translation/conversationTranslation';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, requestBody, sendJson } from './consoleAuth';
import { ReplyTranslationRequest, TranslationsQuery, type MessageResponse, type ReplyTranslationResponse, type TranslationsResponse } from './consoleApi';
import { earlierConversation } from './consoleRoutes';

const TALKERS: readonly Role[] = ['mentor', 'admin'];

export interface TranslationRouteDeps {
  auth: ConsoleAuth;
  handoffs: HandoffService;
  transcripts: TranscriptStore;
  translation: ConversationTranslation;
  logger: Logger;
}

/**
 * Translation in the console: the person's messages in the language the console is read in, and a
 * mentor's reply previewed in the person's language, then sent as previewed. Texts and translations
 * are never logged. Without a translator configured every answer says `on: false`.
 */
export function registerTranslationConsole(server: Server, deps: TranslationRouteDeps): void {
  const onError = consoleErrorLogger(deps.logger);

  server.get('/console/api/handoffs/:id/translations', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req);
    const parsed = TranslationsQuery.safeParse(req.query ?? {});
    if (!parsed.success) throw new HttpError(400, 'bad-request', 'to must be one of nl, en, ar, tr, fa, ti');
    const { to } = parsed.data;
    const handoff = await deps.handoffs.queue.get(req.params.id);
    if (!handoff) throw new HttpError(404, 'not-found', 'no such handoff');
    // The same reading rule as the conversation itself: a mentor reads what they handled, and of someone waiting only their messages.
    let messages: Array<{ at: string; from: string; text: string; kind?: string }>;
    if (account.role === 'mentor' && !handledBy(handoff, account.id)) {
      if (handoff.status !== 'waiting') throw new HttpError(403, 'not-yours', 'mentors read only the conversations they handled', { status: handoff.status });
      messages = handoff.messages;
    } else {
      messages = [...(await earlierConversation(deps.transcripts, handoff)), ...handoff.messages];
    }
    if (!deps.translation.enabled) return sendJson(res, 200, { on: false } satisfies TranslationsResponse);
    // Typed messages only: a voice note's transcript and a picture's file type are shown as they are.
    const own = messages.filter((m) => m.from === 'person' && (m.kind === undefined || m.kind === 'text') && m.text);
    const result = await deps.translation.incoming(owner(handoff), handoff.language, own, to);
    sendJson(res, 200, (result.ok ? { on: true, to, ok: true, items: result.items } : { on: true, to, ok: false, reason: result.reason }) satisfies TranslationsResponse);
  }));

  server.post('/console/api/handoffs/:id/reply-translation', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    const { text } = requestBody(ReplyTranslationRequest, req, 'text must be 1 to 4000 characters');
    const handoff = await ownActive(deps.handoffs, req.params.id, account.id);
    if (!deps.translation.enabled) return sendJson(res, 200, { on: false } satisfies ReplyTranslationResponse);
    const to = handoff.language;
    const preview = await deps.translation.previewReply(owner(handoff), text.trim(), to);
    sendJson(res, 200, { on: true, to, ...preview } satisfies ReplyTranslationResponse);
  }));

  /**
   * Sends the translation a preview made of exactly this text: the person gets it, the handoff keeps
   * both. No kept translation (never previewed, or gone): 409, and nothing is sent.
   */
  server.post('/console/api/handoffs/:id/messages/translated', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    const { text } = requestBody(ReplyTranslationRequest, req, 'text must be 1 to 4000 characters');
    const handoff = await ownActive(deps.handoffs, req.params.id, account.id);
    const original = text.trim();
    const kept = deps.translation.enabled ? await deps.translation.keptReply(owner(handoff), original, handoff.language) : undefined;
    if (!kept) throw new HttpError(409, 'not-translated', 'this text has no translation to send: preview it again, or send it as written');
    const result = await deps.handoffs
      .fromMentor(handoff.id, { id: account.id, firstName: account.firstName }, kept.text, { text: original, ...(kept.from ? { language: kept.from } : {}) })
      .catch((error: unknown) => {
        if (error instanceof DeliveryFailedError) throw new HttpError(502, 'not-delivered', 'the message did not reach the person');
        throw error;
      });
    if (!result.ok) throw new HttpError(result.reason === 'not-found' ? 404 : result.reason === 'not-yours' ? 403 : 409, result.reason, `this cannot be done now (${result.reason})`);
    sendJson(res, 200, { message: result.handoff.messages.at(-1)! } satisfies MessageResponse);
  }));
}

function owner(handoff: HandoffRecord) {
  return { channelId: handoff.person.channelId, userId: handoff.person.userId };
}

/** The handoff, when this mentor is the one talking with the person now. */
async function ownActive(handoffs: HandoffService, id: string, mentorId: string): Promise<HandoffRecord> {
  const handoff = await handoffs.queue.get(id);
  if (!handoff) throw new HttpError(404, 'not-found', 'no such handoff');
  if (handoff.status !== 'active') throw new HttpError(409, 'not-allowed', 'this conversation is not going on');
  if (handoff.mentor?.id !== mentorId) throw new HttpError(403, 'not-yours', 'another mentor is talking with this person');
  return handoff;
}
