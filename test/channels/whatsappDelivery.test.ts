import type { App } from '../../src/app';
import { signatureFor } from '../../src/channels/whatsapp/signature';
import { FakeGraph, metaStatus, metaWebhook, textMessage, deliver, whatsAppEnv, WhatsAppPerson, SECRET } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { translator } from '../support/chatDriver';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { launchBrowser } from '../support/browser';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);
/**
 * A barrier: every webhook message and status the apps took in has been handled. The webhook tracks
 * each turn and status as in flight before Meta's request is answered, so nothing can still be coming.
 */
async function settled(...apps: App[]): Promise<void> {
  for (const app of apps) expect(await app.inFlight.drain(10_000)).toBe(true);
}

/** The real app with Meta's waits shortened (131056 asks for 6 s; the tests do not wait that long). */
const start = (env: Record<string, string>) => startTestApp(env, { whatsAppGraph: { baseDelayMs: 5, pairRateDelayMs: 20 } });

async function postRaw(url: string, raw: string | Buffer, signature?: string): Promise<Response> {
  return fetch(`${url}/api/whatsapp`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(signature ? { 'X-Hub-Signature-256': signature } : {}) },
    body: typeof raw === 'string' ? raw : new Uint8Array(raw),
  });
}

/** A person on WhatsApp talking with mentor Sara in the console. */
async function inConversationWithMentor(app: App, url: string, graph: FakeGraph) {
  await addAccount(app, 'sara', 'mentor', ['nl']);
  const person = new WhatsAppPerson(url, graph);
  await person.say('hoi');
  await person.tap('Nederlands');
  await person.tap(t('consent:agree'));
  await person.tap(t('common:menu.mentor'));
  const [waiting] = await app.handoffs.service.queue.waiting();
  const mentor = new ConsoleClient(url);
  await mentor.login('sara');
  expect((await mentor.post(`/console/api/handoffs/${waiting.id}/claim`)).status).toBe(200);
  await waitFor(() => person.texts().includes(t('handoff:claimed', { mentor: 'Sara' })), 'the claim notice');
  const handoff = (await app.handoffs.service.queue.get(waiting.id))!;
  const timeline = async () => ((await (await mentor.get(`/console/api/handoffs/${handoff.id}`)).json()) as { timeline: Array<{ text: string; from?: string; delivery?: string }> }).timeline;
  return { person, mentor, handoff, timeline, say: (text: string) => mentor.post(`/console/api/handoffs/${handoff.id}/messages`, { text }) };
}

describe('WhatsApp delivery', () => {
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await new FakeGraph().start();
  });
  afterEach(async () => {
    await graph.stop();
  });

  it('tells the mentor a message did not go out (131026), records nothing, and says nothing to the person', async () => {
    const { app, url, stop } = await start(whatsAppEnv(graph));
    try {
      const { person, say, timeline } = await inConversationWithMentor(app, url, graph);
      const before = person.mine().length;
      graph.failNext(400, 131026, 'Message undeliverable');
      const response = await say('Hoi, hoe gaat het?');
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ error: 'not-delivered' });
      expect((await timeline()).map((m) => m.text)).not.toContain('Hoi, hoe gaat het?');

      expect((await say('Nog een keer')).status).toBe(200); // the next one goes out as usual
      await waitFor(() => person.texts().includes('Nog een keer'), 'the next mentor message');
      // The next message is the barrier: whatever the failed send made the bot say would have come before it.
      expect(person.mine().length).toBe(before + 1); // no "something went wrong" in a turn the person did not start
      expect(t('common:errors.tryAgain')).toMatch(/^Sorry/);
      expect(person.texts()).not.toContain(t('common:errors.tryAgain'));
    } finally {
      await stop();
    }
  });

  it('counts a message as held only once the template went out: after a failed template the next message tries again', async () => {
    const { app, url, stop } = await start(whatsAppEnv(graph));
    try {
      const { person, say, timeline } = await inConversationWithMentor(app, url, graph);
      graph.failNext(400, 131047, 'Re-engagement message');
      graph.failNext(400, 132001, 'Template name does not exist in the translation');
      expect((await say('Eerste bericht')).ok).toBe(false);
      expect(person.mine().some((m) => m.type === 'template')).toBe(false);

      graph.failNext(400, 131047, 'Re-engagement message');
      expect((await say('Tweede bericht')).status).toBe(200);
      expect(person.mine().filter((m) => m.type === 'template')).toHaveLength(1);
      expect((await timeline()).at(-1)).toMatchObject({ text: 'Tweede bericht', delivery: 'template' });

      const before = person.mine().length;
      await person.say('ik ben er weer');
      await waitFor(() => person.texts(before).includes('Tweede bericht'), 'the held message');
      await settled(app);
      expect(person.texts()).not.toContain('Eerste bericht'); // it never went out, and the mentor was told so
    } finally {
      await stop();
    }
  });

  it('holds a mentor message WhatsApp later reports as failed outside the window, sends the template, and delivers it when the person writes', async () => {
    const { app, url, stop, logs } = await start(whatsAppEnv(graph));
    try {
      const { person, say, timeline } = await inConversationWithMentor(app, url, graph);
      expect((await say('Ben je er nog?')).status).toBe(200);
      const sent = graph.sentWithIds().find((m) => m.body.text?.body === 'Ben je er nog?')!;
      expect((await deliver(url, metaStatus(sent.id, 'failed', person.phone, 131047))).status).toBe(200);
      await waitFor(() => person.mine().some((m) => m.type === 'template'), 'the template after the failed status');
      // The console says so too: the message now waits behind the template.
      const held = async () => (await timeline()).find((m) => m.text === 'Ben je er nog?');
      await waitFor(async () => (await held())?.delivery === 'template', 'the message marked as sent as a template');

      const before = person.mine().length;
      await person.say('hallo?');
      await waitFor(() => person.texts(before).includes('Ben je er nog?'), 'the held message after the person wrote');

      expect((await say('Tot morgen')).status).toBe(200);
      const other = graph.sentWithIds().find((m) => m.body.text?.body === 'Tot morgen')!;
      await deliver(url, metaStatus(other.id, 'failed', person.phone, 131026));
      await waitFor(() => logs.lines.some((l) => l.msg === 'WhatsApp could not deliver a mentor message' && l.code === 131026), 'the failure in the log');
      expect(person.mine().filter((m) => m.type === 'template')).toHaveLength(1);
    } finally {
      await stop();
    }
  });

  it.each([
    ['in memory', () => ({})],
    ['with Redis', () => ({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() })],
  ])('marks a mentor message WhatsApp took but later reports as failed (131026) as not delivered, %s', async (_name, redisEnv) => {
    const { app, url, stop } = await start({ ...whatsAppEnv(graph), ...redisEnv() });
    try {
      const { person, mentor, handoff, say, timeline } = await inConversationWithMentor(app, url, graph);
      const heard: string[] = [];
      const unsubscribe = app.handoffs.events.subscribe((event) => heard.push(event.type));
      // The same words twice: only the one WhatsApp reports on is marked.
      expect((await say('Kom je morgen?')).status).toBe(200);
      expect((await say('Kom je morgen?')).status).toBe(200);
      const [, second] = graph.sentWithIds().filter((m) => m.body.text?.body === 'Kom je morgen?');
      expect((await timeline()).filter((m) => m.text === 'Kom je morgen?').map((m) => m.delivery)).toEqual([undefined, undefined]);

      expect((await deliver(url, metaStatus(second.id, 'failed', person.phone, 131026))).status).toBe(200);
      await waitFor(async () => (await timeline()).some((m) => m.delivery === 'failed'), 'the message marked as not delivered');
      expect((await timeline()).filter((m) => m.text === 'Kom je morgen?').map((m) => m.delivery)).toEqual([undefined, 'failed']);
      await waitFor(() => heard.includes('delivery'), 'the event that makes open consoles look again');
      unsubscribe();

      // The mentor still sees it after closing; a second report on the same id changes nothing.
      expect((await mentor.post(`/console/api/handoffs/${handoff.id}/close`, { outcome: 'no-response', note: '' })).status).toBe(200);
      await deliver(url, metaStatus(second.id, 'failed', person.phone, 131026));
      await settled(app);
      expect((await timeline()).filter((m) => m.text === 'Kom je morgen?').map((m) => m.delivery)).toEqual([undefined, 'failed']);
      expect(person.mine().some((m) => m.type === 'template')).toBe(false);
    } finally {
      await stop();
    }
  });

  it("shows 'not delivered' under the message in the mentor's open console as soon as WhatsApp reports it (headless Chromium)", async () => {
    const { app, url, stop } = await start(whatsAppEnv(graph));
    const browser = await launchBrowser();
    try {
      const { person, say } = await inConversationWithMentor(app, url, graph);
      expect((await say('Bel je me morgen?')).status).toBe(200);
      const sent = graph.sentWithIds().find((m) => m.body.text?.body === 'Bel je me morgen?')!;

      const page = await (await browser.newContext({ locale: 'en' })).newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('sara');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.locator('[data-testid="live-indicator"][data-state="on"]').waitFor({ state: 'attached' });
      await page.getByTestId('mine-item').locator('[data-role="open"]').click();
      const bubble = page.getByTestId('timeline').getByTestId('message').filter({ hasText: 'Bel je me morgen?' });
      await bubble.waitFor();
      expect(await bubble.getByTestId('delivery-failed').count()).toBe(0);

      await deliver(url, metaStatus(sent.id, 'failed', person.phone, 131026));
      const note = bubble.getByTestId('delivery-failed');
      await note.waitFor(); // live, without a reload
      expect(await note.textContent()).toBe(translator().t('en', 'console:timeline.notDelivered'));
    } finally {
      await browser.close();
      await stop();
    }
  });

  it('sends a 4,500-character mentor message as parts of at most 4,096 characters, all of it', async () => {
    const { app, url, stop } = await start(whatsAppEnv(graph));
    try {
      const { person, handoff } = await inConversationWithMentor(app, url, graph);
      const long = 'Hier is wat uitleg over de opleiding en het werk. '.repeat(90).trim();
      expect([...long].length).toBeGreaterThan(4400);
      const before = person.mine().length;
      expect((await app.handoffs.service.fromMentor(handoff.id, handoff.mentor!, long)).ok).toBe(true);
      const parts = person.mine().slice(before).map((m) => m.text.body as string);
      expect(parts).toHaveLength(2);
      for (const part of parts) expect([...part].length).toBeLessThanOrEqual(4096);
      expect(parts.join(' ')).toBe(long);
    } finally {
      await stop();
    }
  });

  it.each([
    ['too many messages to this person (131056)', 400, 131056],
    ['a server error (500)', 500, 1],
    ['a server error (503)', 503, 2],
  ])('retries after %s and then delivers', async (_name, status, code) => {
    const { url, stop } = await start(whatsAppEnv(graph));
    try {
      graph.failNext(status, code, 'scripted', 2);
      const person = new WhatsAppPerson(url, graph);
      const replies = await person.say('hallo');
      expect(replies[0].interactive.body.text.startsWith(t('common:greeting'))).toBe(true);
      expect(graph.pendingFailures).toBe(0);
    } finally {
      await stop();
    }
  });

  it('handles a message once when Meta delivers it to two instances sharing Redis', async () => {
    const env = { ...whatsAppEnv(graph), REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() };
    const apps = await Promise.all([start(env), start(env)]);
    try {
      const body = metaWebhook(textMessage('hoi'), '31655555555');
      const statuses = await Promise.all([deliver(apps[0].url, body), deliver(apps[1].url, body), deliver(apps[1].url, body)]);
      expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
      await waitFor(() => graph.sent().length >= 1, 'the greeting');
      await settled(...apps.map((a) => a.app));
      expect(graph.sent()).toHaveLength(1); // the greeting with the language list, once
      expect(graph.reads()).toHaveLength(1);
    } finally {
      for (const app of apps) await app.stop();
    }
  });

  it('stays in the same conversation when Meta starts sending the BSUID of a number it sent before', async () => {
    const { url, stop } = await start(whatsAppEnv(graph));
    try {
      const person = new WhatsAppPerson(url, graph);
      person.bsuid = null;
      await person.say('hoi');
      person.bsuid = `NL.${person.phone}`;
      const replies = await person.tap('Nederlands');
      const said = replies.map((m) => m.text?.body ?? m.interactive?.body?.text).join('\n');
      expect(said).not.toContain(t('common:greeting'));
      expect(replies.at(-1)!.interactive.body.text.endsWith(t('consent:question'))).toBe(true);
      person.bsuid = `NL.${person.phone}`;
      const agreed = await person.tap(t('consent:agree'));
      expect(agreed.map((m) => m.text?.body ?? m.interactive?.body?.text)).not.toContain(t('common:greeting'));
    } finally {
      await stop();
    }
  });

  it('does not answer reactions, welcome requests, or messages to another business number', async () => {
    const { app, url, stop } = await start(whatsAppEnv(graph));
    try {
      const person = new WhatsAppPerson(url, graph);
      await person.say('hoi');
      const before = graph.calls.length;
      for (const message of [{ type: 'reaction', reaction: { message_id: 'wamid.out1', emoji: '👍' } }, { type: 'request_welcome' }]) {
        expect((await deliver(url, metaWebhook(message, person.phone))).status).toBe(200);
      }
      expect((await deliver(url, metaWebhook(textMessage('hoi'), person.phone, 'Amina', { phoneNumberId: '999999' }))).status).toBe(200);
      await settled(app);
      expect(graph.calls.length).toBe(before); // not even a read receipt
      const pictures = await person.send({ type: 'image', image: { id: 'media-2', mime_type: 'image/jpeg' } }, 1);
      expect(pictures.map((m) => m.text?.body ?? m.interactive?.body?.text).join('\n')).toContain(t('common:onlyText'));
    } finally {
      await stop();
    }
  });

  it('checks the signature before reading the body: unsigned nonsense is 401, signed nonsense 400', async () => {
    const { url, stop, app } = await start(whatsAppEnv(graph));
    try {
      expect((await postRaw(url, '{not json')).status).toBe(401);
      expect((await postRaw(url, '{not json', signatureFor('{not json', 'wrong-secret'))).status).toBe(401);
      expect((await postRaw(url, '{not json', signatureFor('{not json', SECRET))).status).toBe(400);
      expect(await app.metrics.registry.getSingleMetricAsString('vit_whatsapp_webhooks_total')).toContain('result="bad-json"} 1');
      await settled(app);
      expect(graph.calls).toEqual([]);
    } finally {
      await stop();
    }
  });

  it('verifies bodies exactly as sent: Arabic escaped as \\uXXXX and as raw UTF-8', async () => {
    const { url, stop } = await start(whatsAppEnv(graph));
    try {
      const escapedPerson = new WhatsAppPerson(url, graph);
      const escaped = JSON.stringify(metaWebhook(textMessage('مرحبا'), escapedPerson.phone)).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      expect(escaped).toContain('\\u0645');
      expect((await postRaw(url, escaped, signatureFor(escaped, SECRET))).status).toBe(200);
      await waitFor(() => escapedPerson.mine().length >= 1, 'the answer to the escaped body');

      const rawPerson = new WhatsAppPerson(url, graph);
      const raw = Buffer.from(JSON.stringify(metaWebhook(textMessage('سلام، من می‌خواهم کار کنم'), rawPerson.phone)), 'utf8');
      expect((await postRaw(url, raw, signatureFor(raw, SECRET))).status).toBe(200);
      await waitFor(() => rawPerson.mine().length >= 1, 'the answer to the raw UTF-8 body');
    } finally {
      await stop();
    }
  });

  it('logs nothing that identifies the person, even when deliveries fail', async () => {
    const { app, url, stop, logs } = await start(whatsAppEnv(graph));
    try {
      const { person, say } = await inConversationWithMentor(app, url, graph);
      graph.failNext(400, 131026, 'Message undeliverable');
      expect((await say('Hallo Amina')).ok).toBe(false);
      graph.failNext(400, 131047, 'Re-engagement message');
      graph.failNext(400, 132001, 'Template missing');
      expect((await say('Nog een bericht')).ok).toBe(false);
      await deliver(url, metaWebhook(textMessage('hoi'), person.phone), 'sha256=' + '0'.repeat(64));
      await settled(app);
      expect(logs.lines.some((l) => l.msg === 'a mentor message did not reach the person')).toBe(true);
      for (const secret of [person.phone, `NL.${person.phone}`, 'Amina', 'Hallo Amina', 'Nog een bericht']) expect(logs.text).not.toContain(secret);
    } finally {
      await stop();
    }
  });
});
