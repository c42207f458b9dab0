import type { Server } from 'restify';
import { handledBy, HandoffRecord } from '../domain/handoff';
import type { HandoffQueue } from '../handoff/handoffQueue';
import type { Logger } from '../logger';
import { baseType, VoiceMedia } from '../speech/voiceMedia';
import type { Account } from '../accounts/accountStore';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError } from './consoleAuth';

/** A mentor waits this long for a voice note from the channel before the console says it could not be fetched. */
const FETCH_TIMEOUT_MS = 10_000;

export interface ConsoleVoiceDeps {
  auth: ConsoleAuth;
  queue: HandoffQueue;
  /** Where each channel's voice notes are fetched from, by channel id. */
  media: Partial<Record<string, VoiceMedia>>;
  logger: Logger;
}

/**
 * The same rule as reading the handoff: a mentor hears a waiting person (to decide to take them) and
 * the people they took at some point; staff and admins read every conversation.
 */
function mayHear(account: Account, handoff: HandoffRecord): boolean {
  return account.role !== 'mentor' || handledBy(handoff, account.id) || handoff.status === 'waiting';
}

/**
 * GET /console/api/handoffs/:id/voice?at=<time of the message>: a person's voice note, fetched from
 * their channel at the moment a mentor plays it and passed through, never written anywhere (no-store).
 */
export function registerConsoleVoice(server: Server, deps: ConsoleVoiceDeps): void {
  const onError = consoleErrorLogger(deps.logger);
  server.get('/console/api/handoffs/:id/voice', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req);
    const at = new URL(req.url ?? '/', 'http://console').searchParams.get('at') ?? '';
    if (at.length === 0 || at.length > 40) throw new HttpError(400, 'bad-request', 'at names the message by its time');
    const handoff = await deps.queue.get(String(req.params.id).slice(0, 100));
    if (!handoff) throw new HttpError(404, 'not-found', 'no such handoff');
    if (!mayHear(account, handoff)) throw new HttpError(403, 'not-yours', 'mentors hear only the conversations they handled');
    const message = handoff.messages.find((m) => m.from === 'person' && m.kind === 'voice' && m.at === at);
    const media = deps.media[handoff.person.channelId];
    if (!message?.voice || !media) throw new HttpError(404, 'not-found', 'no voice message at that time');
    const fetched = await media.fetch(message.voice.mediaId, AbortSignal.timeout(FETCH_TIMEOUT_MS), message.voice.contentType);
    if (!fetched.ok) throw new HttpError(502, 'voice-unavailable', `the voice message could not be fetched (${fetched.reason})`);
    res.writeHead(200, {
      'Content-Type': baseType(fetched.audio.contentType),
      'Content-Length': fetched.audio.bytes.byteLength,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(Buffer.from(fetched.audio.bytes.buffer, fetched.audio.bytes.byteOffset, fetched.audio.bytes.byteLength));
  }));
}
