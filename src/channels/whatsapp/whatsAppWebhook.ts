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
import type { WhatsAppInbox } from './whatsAppInbox';
import type { CrashPoints } from '../../bot/crashPoints';

export interface WhatsAppWebhookDeps {
  /** Off (every route 404) when WhatsApp is not configured. */
  channel?: {
    adapter: WhatsAppAdapter;
    store: WhatsAppStore;
    /** Keeps each message from before the 200 until its turn ran (none: memory, one process). */
    inbox?: WhatsAppInbox;
    appSecret: string;
    verifyToken: string;
    botId: string;
    logic: (context: TurnContext) => Promise<void>;
    /** Test-only points where the process dies (before the inbox entry is acknowledged). */
    crashPoints?: CrashPoints;
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
 * against the raw bytes before anything is parsed, kept in the inbox, acknowledged with 200, then
 * processed: one person's messages one after another, in order; a message Meta or the inbox delivers
 * again is handled once by the turn journal (its saved turn only sends what is unsent). While
 * the store is away the webhook answers 503, so Meta keeps the message and delivers it again.
 */
export interface WhatsAppWebhook {
  /** Takes over and handles the kept messages an instance left unhandled (see WhatsAppInbox). */
  recover(): Promise<void>;
}

export function registerWhatsAppWebhook(server: Server, deps: WhatsAppWebhookDeps): WhatsAppWebhook {
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
    const batch = parseWebhook(body, channel.botId, channel.botId);
    let entries: Array<string | undefined>;
    try {
      // Kept before the 200: after it Meta does not resend, so a message must outlive this instance.
      entries = channel.inbox ? await channel.inbox.append(batch.messages) : [];
    } catch (error) {
      deps.metrics.whatsAppWebhooks.inc({ result: 'unavailable' });
      deps.logger.warn({ channel: 'whatsapp', err: { message: (error as Error).message } }, 'could not keep incoming WhatsApp messages; asking Meta to deliver them again');
      res.header('Retry-After', '60');
      res.send(503, { error: 'unavailable', message: 'storage is unavailable; deliver again later' });
      return;
    }
    for (const entry of entries) if (entry) channel.inbox!.working(entry);
    res.send(200, { ok: true }); // Meta wants its answer fast; the work follows
    deps.metrics.whatsAppWebhooks.inc({ result: 'accepted' });
    if (batch.ignored > 0) deps.metrics.whatsAppWebhooks.inc({ result: 'ignored' }, batch.ignored);
    for (const status of batch.statuses) {
      deps.metrics.whatsAppStatuses.inc({ status: status.status });
      void deps.inFlight.track(() => handleStatus(status));
    }
    batch.messages.forEach((message, i) => void deps.inFlight.track(() => handleInOrder(message, entries[i])));
  });

  let recovering: Promise<void> | undefined;
  async function recover(): Promise<void> {
    const inbox = deps.channel?.inbox;
    if (!inbox?.durable || recovering) return recovering;
    recovering = (async () => {
      const { entries, dead } = await inbox.takeOver();
      if (dead > 0) {
        deps.metrics.whatsAppInboxDead.inc(dead);
        deps.logger.error({ channel: 'whatsapp', count: dead }, 'WhatsApp messages failed too often and were moved to the dead-letter list');
      }
      if (entries.length > 0) deps.logger.info({ channel: 'whatsapp', count: entries.length }, 'taking over WhatsApp messages left unhandled');
      await Promise.all(entries.map((entry) => deps.inFlight.track(() => handleInOrder(entry.message, entry.id))));
    })().finally(() => (recovering = undefined));
    return recovering;
  }

  /**
   * One person's messages run one after another in this process, in the order they came (the
   * conversation's lease orders them across instances, and the turn journal runs each only once).
   * Queued by phone number when there is one: it stays the same when Meta adds a BSUID.
   */
  function handleInOrder(message: InboundMessage, entry?: string): Promise<void> {
    const queue = message.address.phone ?? message.personKey;
    const previous = queues.get(queue) ?? Promise.resolve();
    const current = previous.then(() => handle(message, entry));
    queues.set(queue, current);
    void current.finally(() => {
      if (queues.get(queue) === current) queues.delete(queue);
    });
    return current;
  }

  /**
   * Runs the message's turn; a message whose turn is saved already (Meta's retry, the inbox's
   * redelivery after a crash) only gets its unsent replies sent. The inbox entry is acknowledged only
   * once the turn's replies are out (or the turn failed and the person was told): until then it is
   * kept and delivered again. Without an entry a failure is counted, as Meta got its 200.
   */
  async function handle(incoming: InboundMessage, entry?: string): Promise<void> {
    const channel = deps.channel!;
    try {
      const message = withPersonKey(incoming, await channel.store.personKeyFor(incoming.address, incoming.personKey));
      const { delivered } = await channel.adapter.process(message, channel.logic);
      if (!entry) return;
      if (!delivered) {
        channel.inbox!.failed(entry); // its saved replies go out when it is delivered again
        return;
      }
      channel.crashPoints?.reach('before-inbox-ack', incoming.activity.text);
      await channel.inbox!.done(entry);
    } catch (error) {
      if (entry) channel.inbox!.failed(entry);
      deps.metrics.whatsAppWebhooks.inc({ result: entry ? 'retry' : 'dropped' });
      deps.logger.error(
        { channel: 'whatsapp', err: { message: (error as Error).message } },
        entry ? 'could not handle a WhatsApp message; it is kept and tried again' : 'could not handle a WhatsApp message after acknowledging it',
      );
    }
  }

  async function handleStatus(status: InboundStatus): Promise<void> {
    try {
      await deps.channel!.adapter.onStatus(status);
    } catch (error) {
      deps.logger.warn({ channel: 'whatsapp', err: { message: (error as Error).message } }, 'could not handle a WhatsApp delivery status');
    }
  }

  return { recover };
}
