import { timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logger';
import type { Metrics } from '../../metrics';
import { parseWebhook } from './inbound';
import { readRawBody } from '../../server';
import { verifySignature } from './signature';
import type { WhatsAppInbox } from './whatsAppInbox';
import type { WhatsAppInboxWorker } from './whatsAppInboxWorker';

export interface WhatsAppWebhookDeps {
  /** Off (every route 404) when WhatsApp is not configured. */
  channel?: {
    /** Keeps each message from before the 200 until its turn's replies are out. */
    inbox: Pick<WhatsAppInbox, 'append'>;
    /** What happens after the 200: the kept messages' turns and the delivery statuses. */
    worker: Pick<WhatsAppInboxWorker, 'take' | 'status'>;
    appSecret: string;
    verifyToken: string;
    botId: string;
  };
  metrics: Metrics;
  logger: Logger;
  /**
   * False while the shared store (Redis) is unreachable: the webhook then answers 503 and keeps nothing,
   * so Meta delivers the message again later (it retries for up to 7 days) instead of it being lost.
   */
  storeAvailable?: () => boolean;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * GET /api/whatsapp: Meta's verification handshake. POST /api/whatsapp: the signed webhook. It only
 * verifies (the signature against the raw bytes, before anything is parsed), keeps the messages in
 * the inbox, answers 200 and hands them to the inbox worker, which does everything after (see
 * WhatsAppInboxWorker). While the store is away it answers 503, so Meta keeps the message and
 * delivers it again.
 */
export function registerWhatsAppWebhook(server: Server, deps: WhatsAppWebhookDeps): void {
  server.get('/api/whatsapp', (req: Request, res: Response, next) => {
    const channel = deps.channel;
    if (!channel) {
      res.send(404, { error: 'not-found', message: 'the WhatsApp channel is not configured' });
      return next();
    }
    const query = (req.query ?? {}) as Record<string, string>;
    if (query['hub.mode'] === 'subscribe' && typeof query['hub.verify_token'] === 'string' && sameText(query['hub.verify_token'], channel.verifyToken)) {
      res.setHeader('Content-Type', 'text/plain');
      res.writeHead(200);
      res.end(String(query['hub.challenge'] ?? ''));
    } else {
      res.send(403, { error: 'forbidden', message: 'wrong verify token' });
    }
    return next();
  });

  server.post('/api/whatsapp', async (req: Request, res: Response) => {
    const channel = deps.channel;
    if (!channel) {
      res.send(404, { error: 'not-found', message: 'the WhatsApp channel is not configured' });
      return;
    }
    let bytes: Buffer;
    try {
      bytes = await readRawBody(req);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode ?? 400;
      res.send(status, { error: status === 413 ? 'too-large' : 'bad-request', message: (error as Error).message });
      return;
    }
    if (!verifySignature(bytes, req.header('x-hub-signature-256'), channel.appSecret)) {
      deps.metrics.whatsAppWebhooks.inc({ result: 'bad-signature' });
      res.send(401, { error: 'bad-signature' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      deps.metrics.whatsAppWebhooks.inc({ result: 'bad-json' });
      res.send(400, { error: 'bad-request', message: 'the body is not JSON' });
      return;
    }
    if (deps.storeAvailable && !deps.storeAvailable()) {
      // Nothing could be remembered or answered now: Meta retries, and the message is handled then.
      deps.metrics.whatsAppWebhooks.inc({ result: 'unavailable' });
      res.header('Retry-After', '60');
      res.send(503, { error: 'unavailable', message: 'storage is unavailable; deliver again later' });
      return;
    }
    const batch = parseWebhook(body, channel.botId, channel.botId);
    let entries: Array<string | undefined>;
    try {
      // Kept before the 200: after it Meta does not resend, so a message must outlive this instance.
      entries = await channel.inbox.append(batch.messages);
    } catch (error) {
      deps.metrics.whatsAppWebhooks.inc({ result: 'unavailable' });
      deps.logger.warn({ channel: 'whatsapp', err: { message: (error as Error).message } }, 'could not keep incoming WhatsApp messages; asking Meta to deliver them again');
      res.header('Retry-After', '60');
      res.send(503, { error: 'unavailable', message: 'storage is unavailable; deliver again later' });
      return;
    }
    res.send(200, { ok: true }); // Meta wants its answer fast; the work follows
    deps.metrics.whatsAppWebhooks.inc({ result: 'accepted' });
    if (batch.ignored > 0) deps.metrics.whatsAppWebhooks.inc({ result: 'ignored' }, batch.ignored);
    for (const status of batch.statuses) channel.worker.status(status);
    channel.worker.take(batch.messages.map((message, i) => ({ message, entry: entries[i] })));
  });
}
