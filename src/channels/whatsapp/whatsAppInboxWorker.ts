import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../logger';
import type { InFlight } from '../../inFlight';
import type { Metrics } from '../../metrics';
import type { CrashPoints } from '../../bot/crashPoints';
import { InboundMessage, InboundStatus, withPersonKey } from './inbound';
import type { WhatsAppAdapter } from './whatsAppAdapter';
import type { WhatsAppStore } from './whatsAppStore';
import type { WhatsAppInbox } from './whatsAppInbox';

/** A message the webhook kept; `entry` is its inbox entry (none when the inbox keeps nothing: memory, one process). */
export interface KeptMessage {
  message: InboundMessage;
  entry?: string;
}

export interface WhatsAppInboxWorkerDeps {
  adapter: Pick<WhatsAppAdapter, 'process' | 'onStatus'>;
  store: Pick<WhatsAppStore, 'personKeyFor'>;
  inbox: WhatsAppInbox;
  logic: (context: TurnContext) => Promise<void>;
  inFlight: InFlight;
  metrics: Metrics;
  logger: Logger;
  /** How often kept messages left idle (by an instance that died, or by a failure here) are taken over. */
  sweepMs: number;
  /** Test-only points where the process dies (before the inbox entry is acknowledged). */
  crashPoints?: CrashPoints;
}

/**
 * Works off the WhatsApp inbox after the webhook's 200: runs each kept message's turn, acknowledges
 * its entry once the turn's replies are out, and sweeps up entries another instance left behind.
 *
 * Each job has one home. Verifying and keeping: the webhook. Running a message once: the turn
 * journal (a message delivered again only sends its unsent replies). Order per person, on this
 * instance and across instances: the conversation's lease (TurnLockMiddleware), which lines turns
 * up by when the message was sent, ties by the order they asked. Messages are started here in the
 * order they were kept, and every one takes the same steps before it asks for the lease (its person
 * key, then the lease), so they ask in that order; nothing else here orders them. Claims (which
 * instance works on an entry) and dead letters: the inbox.
 */
export class WhatsAppInboxWorker {
  private sweeping: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: WhatsAppInboxWorkerDeps) {}

  /** Starts the messages the webhook just kept, in the order given; returns at once. */
  take(kept: KeptMessage[]): void {
    for (const { entry } of kept) if (entry) this.deps.inbox.working(entry);
    for (const { message, entry } of kept) void this.deps.inFlight.track(() => this.handle(message, entry));
  }

  /** A delivery status of something we sent: it needs no turn and is not kept. */
  status(status: InboundStatus): void {
    this.deps.metrics.whatsAppStatuses.inc({ status: status.status });
    void this.deps.inFlight.track(async () => {
      try {
        await this.deps.adapter.onStatus(status);
      } catch (error) {
        this.deps.logger.warn({ channel: 'whatsapp', err: { message: (error as Error).message } }, 'could not handle a WhatsApp delivery status');
      }
    });
  }

  /** Takes over and handles the kept messages left idle past the limit (see WhatsAppInbox.takeOver). */
  sweep(): Promise<void> {
    const { inbox, metrics, logger } = this.deps;
    if (!inbox.durable) return Promise.resolve();
    this.sweeping ??= (async () => {
      const { entries, dead } = await inbox.takeOver();
      if (dead > 0) {
        metrics.whatsAppInboxDead.inc(dead);
        logger.error({ channel: 'whatsapp', count: dead }, 'WhatsApp messages failed too often and were moved to the dead-letter list');
      }
      if (entries.length > 0) logger.info({ channel: 'whatsapp', count: entries.length }, 'taking over WhatsApp messages left unhandled');
      await Promise.all(entries.map((entry) => this.deps.inFlight.track(() => this.handle(entry.message, entry.id))));
    })().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Sweeps every `sweepMs` while the inbox keeps messages (with memory there is nothing to take over). */
  start(): void {
    if (!this.deps.inbox.durable || this.timer) return;
    this.timer = setInterval(() => {
      this.sweep().catch((error: Error) => this.deps.logger.warn({ channel: 'whatsapp', err: { message: error.message } }, 'could not sweep the kept WhatsApp messages'));
    }, this.deps.sweepMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Runs the message's turn. The inbox entry is acknowledged only once the turn's replies are out (or
   * the turn failed and the person was told): until then it is kept and delivered again. Without an
   * entry a failure is counted, as Meta got its 200.
   */
  private async handle(incoming: InboundMessage, entry?: string): Promise<void> {
    const { adapter, store, inbox, metrics, logger } = this.deps;
    try {
      const message = withPersonKey(incoming, await store.personKeyFor(incoming.address, incoming.personKey));
      const { delivered } = await adapter.process(message, this.deps.logic);
      if (!entry) return;
      if (!delivered) {
        inbox.failed(entry); // its saved replies go out when it is delivered again
        return;
      }
      this.deps.crashPoints?.reach('before-inbox-ack', incoming.activity.text);
      await inbox.done(entry);
    } catch (error) {
      if (entry) inbox.failed(entry);
      metrics.whatsAppWebhooks.inc({ result: entry ? 'retry' : 'dropped' });
      logger.error(
        { channel: 'whatsapp', err: { message: (error as Error).message } },
        entry ? 'could not handle a WhatsApp message; it is kept and tried again' : 'could not handle a WhatsApp message after acknowledging it',
      );
    }
  }
}
