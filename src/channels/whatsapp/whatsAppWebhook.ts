import { timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../logger';
import type { InFlight } from '../../inFlight';
import type { Metrics } from '../../metrics';
import { parseWebhook, InboundMessage, InboundStatus, withPersonKey } from './inbound';
import { readRawBody } from '../../server';
import { verifySignature } from './signature';
import type { WhatsAppAdapter } from './whatsAppAdapter';
import type { WhatsAppStore } from './whatsAppStore';

export interface WhatsAppWebhookDeps {
  /** Off (every route 404) when WhatsApp is not configured. */
  channel?: {
    adapter: WhatsAppAdapter;
    store: WhatsAppStore;
    appSecret: string;
    verifyToken: string;
    botId: string;
    logic: (context: TurnContext) => Promise<void>;
  };
  inFlight: InFlight;
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
 * GET /api/whatsapp: Meta's verification handshake. POST /api/whatsapp: the signed webhook — checked
 * against the raw bytes before anything is parsed, acknowledged with 200 at once, then processed:
 * each message once (Meta retries), and one person's messages one after another, in order. While
 * the store is away the webhook answers 503, so Meta keeps the message and delivers it again.
 */
export function registerWhatsAppWebhook(server: Server, deps: WhatsAppWebhookDeps): void {
  const queues = new Map<string, Promise<void>>();

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
    res.send(200, { ok: true }); // Meta wants its answer fast; the work follows
    const batch = parseWebhook(body, channel.botId, channel.botId);
    deps.metrics.whatsAppWebhooks.inc({ result: 'accepted' });
    if (batch.ignored > 0) deps.metrics.whatsAppWebhooks.inc({ result: 'ignored' }, batch.ignored);
    for (const status of batch.statuses) {
      deps.metrics.whatsAppStatuses.inc({ status: status.status });
      void deps.inFlight.track(() => handleStatus(status));
    }
    for (const message of batch.messages) void deps.inFlight.track(() => handleInOrder(message));
  });

  /**
   * One person's messages run one after another in this process; each message id only once anywhere.
   * Queued by phone number when there is one: it stays the same when Meta adds a BSUID.
   */
  function handleInOrder(message: InboundMessage): Promise<void> {
    const queue = message.address.phone ?? message.personKey;
    const previous = queues.get(queue) ?? Promise.resolve();
    const current = previous.then(() => handle(message));
    queues.set(queue, current);
    void current.finally(() => {
      if (queues.get(queue) === current) queues.delete(queue);
    });
    return current;
  }

  /**
   * The id counts as handled only once the turn ran: its answer went out, or the turn's error handler
   * told the person something went wrong. If the turn could not even start, the claim is given up (a
   * repeat delivery may try again) and the loss is counted: Meta got its 200 and will not resend.
   */
  async function handle(incoming: InboundMessage): Promise<void> {
    const channel = deps.channel!;
    let claimed = false;
    try {
      if (!(await channel.store.claim(incoming.id))) {
        deps.metrics.whatsAppWebhooks.inc({ result: 'duplicate' });
        return;
      }
      claimed = true;
      const message = withPersonKey(incoming, await channel.store.personKeyFor(incoming.address, incoming.personKey));
      await channel.adapter.process(message, channel.logic);
      await channel.store.handled(incoming.id);
    } catch (error) {
      deps.metrics.whatsAppWebhooks.inc({ result: 'dropped' });
      deps.logger.error({ channel: 'whatsapp', err: { message: (error as Error).message } }, 'could not handle a WhatsApp message after acknowledging it');
      if (claimed) await channel.store.release(incoming.id).catch(() => undefined);
    }
  }

  async function handleStatus(status: InboundStatus): Promise<void> {
    try {
      await deps.channel!.adapter.onStatus(status);
    } catch (error) {
      deps.logger.warn({ channel: 'whatsapp', err: { message: (error as Error).message } }, 'could not handle a WhatsApp delivery status');
    }
  }
}
