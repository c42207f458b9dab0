import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { registerWhatsAppWebhook } from '../../src/channels/whatsapp/whatsAppWebhook';
import { WhatsAppInboxWorker } from '../../src/channels/whatsapp/whatsAppInboxWorker';
import type { WhatsAppAdapter } from '../../src/channels/whatsapp/whatsAppAdapter';
import type { InboundMessage } from '../../src/channels/whatsapp/inbound';
import { MemoryWhatsAppStore } from '../../src/channels/whatsapp/whatsAppStore';
import { MemoryWhatsAppInbox } from '../../src/channels/whatsapp/whatsAppInbox';
import { Metrics } from '../../src/metrics';
import { InFlight } from '../../src/inFlight';
import { createLogger } from '../../src/logger';
import { LogCapture } from '../support/testApp';
import { deliver, metaWebhook, textMessage, PHONE_NUMBER_ID, SECRET } from '../support/fakeGraph';
import { waitFor } from '../support/consoleClient';

describe('the WhatsApp webhook after its 200', () => {
  it('gives a message up for a repeat delivery when its turn could not run, counts the loss, and logs no personal data', async () => {
    const logs = new LogCapture();
    const metrics = new Metrics();
    const inFlight = new InFlight();
    const handled: InboundMessage[] = [];
    let failNext = true;
    const adapter = {
      process: async (message: InboundMessage) => {
        if (failNext) {
          failNext = false;
          throw new Error('storage went away');
        }
        handled.push(message);
      },
      onStatus: async () => undefined,
    } as unknown as WhatsAppAdapter;
    const server = restify.createServer();
    const logger = createLogger('info', logs);
    const inbox = new MemoryWhatsAppInbox();
    const worker = new WhatsAppInboxWorker({ adapter, store: new MemoryWhatsAppStore(), inbox, logic: async () => undefined, inFlight, metrics, logger, sweepMs: 1000 });
    registerWhatsAppWebhook(server, { channel: { inbox, worker, appSecret: SECRET, verifyToken: 'v', botId: PHONE_NUMBER_ID }, metrics, logger });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const body = metaWebhook(textMessage('hallo'), '31677777777');
      expect((await deliver(url, body)).status).toBe(200);
      await waitFor(async () => (await metrics.registry.getSingleMetricAsString('vit_whatsapp_webhooks_total')).includes('result="dropped"} 1'), 'the dropped message counted');
      expect((await deliver(url, body)).status).toBe(200); // Meta delivers it again (it did not get our 200, say)
      await waitFor(() => handled.length === 1, 'the repeat handled');
      expect(logs.lines.some((l) => l.msg === 'could not handle a WhatsApp message after acknowledging it')).toBe(true);
      for (const secret of ['31677777777', 'hallo', 'Amina']) expect(logs.text).not.toContain(secret);
    } finally {
      server.close();
    }
  });

  it('answers 503 and runs nothing when the messages could not be kept, so Meta delivers them again', async () => {
    const metrics = new Metrics();
    const handled: InboundMessage[] = [];
    const adapter = { process: async (message: InboundMessage) => void handled.push(message), onStatus: async () => undefined } as unknown as WhatsAppAdapter;
    const inbox = new MemoryWhatsAppInbox();
    let keeps = false;
    inbox.append = async (messages) => {
      if (!keeps) throw new Error('connection lost');
      return messages.map(() => undefined);
    };
    const server = restify.createServer();
    const logger = createLogger('info', new LogCapture());
    const worker = new WhatsAppInboxWorker({ adapter, store: new MemoryWhatsAppStore(), inbox, logic: async () => undefined, inFlight: new InFlight(), metrics, logger, sweepMs: 1000 });
    registerWhatsAppWebhook(server, { channel: { inbox, worker, appSecret: SECRET, verifyToken: 'v', botId: PHONE_NUMBER_ID }, metrics, logger });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const body = metaWebhook(textMessage('hallo'), '31677777777');
      const refused = await deliver(url, body);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(await metrics.registry.getSingleMetricAsString('vit_whatsapp_webhooks_total')).toContain('result="unavailable"} 1');
      keeps = true;
      expect((await deliver(url, body)).status).toBe(200);
      await waitFor(() => handled.length === 1, 'the message handled on the repeat');
    } finally {
      server.close();
    }
  });
});
