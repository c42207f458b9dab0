import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus metrics the bot exposes at /metrics; one registry per app so tests do not share counters. */
export class Metrics {
  readonly registry = new Registry();
  readonly turns = new Counter({
    name: 'vit_turns_total',
    help: 'Bot turns processed, by channel and activity type',
    labelNames: ['channel', 'type'] as const,
    registers: [this.registry],
  });
  readonly turnDuration = new Histogram({
    name: 'vit_turn_duration_seconds',
    help: 'Time from receiving an activity to the end of its turn',
    labelNames: ['channel'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly turnErrors = new Counter({
    name: 'vit_turn_errors_total',
    help: 'Turns that ended in an error',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly turnLockWait = new Histogram({
    name: 'vit_turn_lock_wait_seconds',
    help: "Time a turn waited for its conversation's lease (the same person's earlier turns)",
    labelNames: ['channel'] as const,
    buckets: [0.001, 0.005, 0.025, 0.1, 0.5, 1, 2.5, 5, 15],
    registers: [this.registry],
  });
  readonly turnRetries = new Counter({
    name: 'vit_turn_retries_total',
    help: 'Turns run again because their state save lost to another turn (eTag conflict)',
    registers: [this.registry],
  });
  readonly turnsRepeated = new Counter({
    name: 'vit_turns_repeated_total',
    help: 'Activities delivered again whose turn was already saved (a channel retry, the WhatsApp inbox, Meta resending): not run again',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });
  readonly remindersSent = new Counter({
    name: 'vit_reminders_total',
    help: 'Reminders whose time came: sent, skipped (the person said "stop reminders"), or uncertain (the instance sending it stopped mid-send; not sent again)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly followUpsSent = new Counter({
    name: 'vit_followups_total',
    help: 'Talent-pool check-ins whose time came: check-in, last (no answer twice: the last message), skipped (withdrawn, erased or planned anew), or uncertain (the instance sending it stopped mid-send; not sent again)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly turnsUndelivered = new Counter({
    name: 'vit_turn_replies_undelivered_total',
    help: 'Saved turns whose replies could not all go out at once; they stay in the outbox for the next delivery',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly whatsAppWebhooks = new Counter({
    name: 'vit_whatsapp_webhooks_total',
    help: 'WhatsApp webhook deliveries: accepted, bad-signature, unavailable (storage away: 503, Meta retries), retry (a kept message tried again later), dropped',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly whatsAppInboxDead = new Counter({
    name: 'vit_whatsapp_inbox_dead_total',
    help: 'Kept WhatsApp messages whose turn failed too often, moved to the dead-letter list',
    registers: [this.registry],
  });
  readonly whatsAppStatuses = new Counter({
    name: 'vit_whatsapp_statuses_total',
    help: 'WhatsApp delivery statuses received (sent, delivered, read, failed)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly voiceNotes = new Counter({
    name: 'vit_voice_notes_total',
    help: 'Voice notes received, by result: transcribed, or why not (not-configured, no-language, unsupported-language, too-large, wrong-type, not-found, timeout, failed, no-speech)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'vit_' });
  }
}
