import { timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../logger';
import type { InFlight } from '../../inFlight';
import type { Metrics } from '../../metrics';
import { parseWebhook, InboundMessage } from './inbound';
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
 * against the raw body before anything is parsed, acknowledged with 200 at once, then processed:
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

  server.post('/api/whatsapp', (req: Request, res: Response, next) => {
    const channel = deps.channel;
    if (!channel) {
      res.send(404, { error: 'not-found', message: 'the WhatsApp channel is not configured' });
      return next();
    }
    const raw = (req as Request & { rawBody?: string | Buffer }).rawBody;
    const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw ?? '', 'utf8');
    if (!verifySignature(bytes, req.header('x-hub-signature-256'), channel.appSecret)) {
      deps.metrics.whatsAppWebhooks.inc({ result: 'bad-signature' });
      res.send(401, { error: 'bad-signature' });
      return next();
    }
    if (deps.storeAvailable && !deps.storeAvailable()) {
      // Nothing could be remembered or answered now: Meta retries, and the message is handled then.
      deps.metrics.whatsAppWebhooks.inc({ result: 'unavailable' });
      res.header('Retry-After', '60');
      res.send(503, { error: 'unavailable', message: 'storage is unavailable; deliver again later' });
      return next();
    }
    res.send(200, { ok: true }); // Meta wants its answer fast; the work follows
    next();
    const batch = parseWebhook(req.body, channel.botId);
    deps.metrics.whatsAppWebhooks.inc({ result: 'accepted' });
    for (const status of batch.statuses) deps.metrics.whatsAppStatuses.inc({ status: status.status });
    for (const message of batch.messages) void deps.inFlight.track(() => handleInOrder(message));
  });

  /** One person's messages run one after another in this process; each message id only once anywhere. */
  function handleInOrder(message: InboundMessage): Promise<void> {
    const previous = queues.get(message.personKey) ?? Promise.resolve();
    const current = previous.then(() => handle(message));
    queues.set(message.personKey, current);
    void current.finally(() => {
      if (queues.get(message.personKey) === current) queues.delete(message.personKey);
    });
    return current;
  }

  async function handle(message: InboundMessage): Promise<void> {
    const channel = deps.channel!;
    try {
      if (!(await channel.store.firstDelivery(message.id))) {
        deps.metrics.whatsAppWebhooks.inc({ result: 'duplicate' });
        return;
      }
      await channel.adapter.process(message, channel.logic);
    } catch (error) {
      deps.logger.error({ channel: 'whatsapp', err: { message: (error as Error).message } }, 'could not handle a WhatsApp message');
    }
  }
}
