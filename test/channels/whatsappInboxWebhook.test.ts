import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Redis } from 'ioredis';
import { registerWhatsAppWebhook } from '../../src/channels/whatsapp/whatsAppWebhook';
import { WhatsAppInboxWorker } from '../../src/channels/whatsapp/whatsAppInboxWorker';
import type { WhatsAppAdapter } from '../../src/channels/whatsapp/whatsAppAdapter';
import type { InboundMessage } from '../../src/channels/whatsapp/inbound';
import { MemoryWhatsAppStore } from '../../src/channels/whatsapp/whatsAppStore';
import { RedisWhatsAppInbox } from '../../src/channels/whatsapp/whatsAppInbox';
import { Metrics } from '../../src/metrics';
import { InFlight } from '../../src/inFlight';
import { createLogger } from '../../src/logger';
import { LogCapture } from '../support/testApp';
import { deliver, metaWebhook, textMessage, PHONE_NUMBER_ID, SECRET } from '../support/fakeGraph';
import { waitFor } from '../support/consoleClient';
import { connectTestRedis, uniquePrefix } from '../support/testRedis';
import { untilInboxIdle } from '../support/inboxIdle';

const IDLE_MS = 10;
let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

/** The webhook and its inbox worker with a kept inbox on Redis and an adapter whose turns fail while `failing()` says so. */
async function webhookWith(failing: () => boolean, maxDeliveries = 5, delivering: () => boolean = () => true) {
  const prefix = uniquePrefix();
  const logs = new LogCapture();
  const metrics = new Metrics();
  const inFlight = new InFlight();
  const store = new MemoryWhatsAppStore();
  const inbox = new RedisWhatsAppInbox(redis, { prefix, deadSeconds: 60, idleMs: IDLE_MS, sweepMs: 1000, maxDeliveries });
  const handled: InboundMessage[] = [];
  const adapter = {
    process: async (message: InboundMessage) => {
      if (failing()) throw new Error('the turn could not start');
      handled.push(message);
      return { delivered: delivering() };
    },
    onStatus: async () => undefined,
  } as unknown as WhatsAppAdapter;
  const server = restify.createServer();
  const logger = createLogger('info', logs);
  const worker = new WhatsAppInboxWorker({ adapter, store, inbox, logic: async () => undefined, inFlight, metrics, logger, sweepMs: 1000 });
  registerWhatsAppWebhook(server, { channel: { inbox, worker, appSecret: SECRET, verifyToken: 'v', botId: PHONE_NUMBER_ID }, metrics, logger });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const counted = async (name: string) => metrics.registry.getSingleMetricAsString(name);
  return { prefix, logs, store, inbox, handled, worker, url, inFlight, counted, close: () => server.close() };
}

describe('the WhatsApp webhook with kept messages', () => {
  it('keeps a message whose turn failed and runs it once on the next sweep', async () => {
    let failing = true;
    const w = await webhookWith(() => failing);
    try {
      expect((await deliver(w.url, metaWebhook(textMessage('hallo'), '31688888888'))).status).toBe(200);
      await waitFor(async () => (await w.counted('vit_whatsapp_webhooks_total')).includes('result="retry"} 1'), 'the failed turn counted');
      expect(await redis.xlen(`${w.prefix}wa:{inbox}`)).toBe(1);
      failing = false;
      await untilInboxIdle(redis, w.prefix, IDLE_MS);
      await w.worker.sweep();
      expect(w.handled.map((m) => m.activity.text)).toEqual(['hallo']);
      expect(await redis.xlen(`${w.prefix}wa:{inbox}`)).toBe(0);
      await untilInboxIdle(redis, w.prefix, IDLE_MS);
      await w.worker.sweep();
      expect(w.handled).toHaveLength(1);
      expect(w.logs.text).not.toContain('31688888888');
    } finally {
      w.close();
    }
  });

  it('keeps a message until its turn\'s replies are delivered, and acknowledges it once they are', async () => {
    let delivering = false;
    const w = await webhookWith(() => false, 5, () => delivering);
    try {
      expect((await deliver(w.url, metaWebhook(textMessage('nog niet verstuurd'), '31699999999'))).status).toBe(200);
      await waitFor(async () => w.handled.length === 1 && w.inFlight.size === 0, 'the turn having run');
      expect(await redis.xlen(`${w.prefix}wa:{inbox}`)).toBe(1); // saved, but its replies are still in the outbox
      delivering = true;
      await untilInboxIdle(redis, w.prefix, IDLE_MS);
      await w.worker.sweep(); // delivered again: the saved turn only sends what is unsent
      expect(w.handled.map((m) => m.activity.text)).toEqual(['nog niet verstuurd', 'nog niet verstuurd']);
      expect(await redis.xlen(`${w.prefix}wa:{inbox}`)).toBe(0);
    } finally {
      w.close();
    }
  });

  it('moves a message that keeps failing to the dead-letter list, counts it and logs no personal data', async () => {
    const w = await webhookWith(() => true, 2);
    try {
      expect((await deliver(w.url, metaWebhook(textMessage('kapot'), '31677777777'))).status).toBe(200);
      await waitFor(async () => (await w.counted('vit_whatsapp_webhooks_total')).includes('result="retry"} 1'), 'the first failure');
      await untilInboxIdle(redis, w.prefix, IDLE_MS);
      await w.worker.sweep(); // delivery 2 fails too
      await untilInboxIdle(redis, w.prefix, IDLE_MS);
      await w.worker.sweep();
      expect(await w.counted('vit_whatsapp_inbox_dead_total')).toContain('vit_whatsapp_inbox_dead_total 1');
      expect(await redis.llen(`${w.prefix}wa:{inbox}:dead`)).toBe(1);
      expect(await redis.xlen(`${w.prefix}wa:{inbox}`)).toBe(0);
      expect(w.logs.lines.some((l) => l.msg === 'WhatsApp messages failed too often and were moved to the dead-letter list')).toBe(true);
      for (const secret of ['31677777777', 'kapot', 'Amina', 'wamid']) expect(w.logs.text).not.toContain(secret);
    } finally {
      w.close();
    }
  });
});
