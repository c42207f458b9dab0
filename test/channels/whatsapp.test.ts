import { FakeGraph, metaWebhook, textMessage, deliver, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { signatureFor } from '../../src/channels/whatsapp/signature';
import { SECRET } from '../support/fakeGraph';
import { translator } from '../support/chatDriver';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { startRedisServer } from '../support/redisServer';

const t = (lng: 'nl' | 'ar', key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);

describe('WhatsApp channel', () => {
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await new FakeGraph().start();
  });
  afterEach(async () => {
    await graph.stop();
  });

  it('answers 404 when it is not configured', async () => {
    const { url, stop } = await startTestApp();
    try {
      expect((await fetch(`${url}/api/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`)).status).toBe(404);
      expect((await deliver(url, metaWebhook(textMessage('hi')))).status).toBe(404);
    } finally {
      await stop();
    }
  });

  it('completes the verification handshake only with the right token', async () => {
    const { url, stop } = await startTestApp(whatsAppEnv(graph));
    try {
      const ok = await fetch(`${url}/api/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('1158201444');
      expect((await fetch(`${url}/api/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
      expect((await fetch(`${url}/api/whatsapp?hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=1`)).status).toBe(403);
    } finally {
      await stop();
    }
  });

  it('refuses unsigned or wrongly signed webhooks and processes nothing', async () => {
    const { url, stop, app } = await startTestApp(whatsAppEnv(graph));
    try {
      const body = metaWebhook(textMessage('hallo'));
      expect((await deliver(url, body, '')).status).toBe(401);
      expect((await deliver(url, body, 'sha256=' + '0'.repeat(64))).status).toBe(401);
      expect((await deliver(url, body, signatureFor(JSON.stringify(body), 'another-secret'))).status).toBe(401);
      expect(await app.inFlight.drain(10_000)).toBe(true); // the barrier: nothing was started that could still call Meta
      expect(graph.calls).toEqual([]);
      expect(await app.metrics.registry.getSingleMetricAsString('vit_whatsapp_webhooks_total')).toContain('result="bad-signature"} 3');
    } finally {
      await stop();
    }
  });

  it('checks the signature over the raw bytes, so Arabic text survives', async () => {
    const { url, stop } = await startTestApp(whatsAppEnv(graph));
    try {
      const person = new WhatsAppPerson(url, graph);
      const replies = await person.say('مرحبا، أريد العمل في مجال تكنولوجيا المعلومات');
      expect(replies[0].interactive.body.text.startsWith(`${t('ar', 'common:greeting')}\n\n`)).toBe(true);
    } finally {
      await stop();
    }
  });

  it('handles a message delivered twice only once, and marks it read with a typing indicator', async () => {
    const { url, stop, app } = await startTestApp(whatsAppEnv(graph));
    try {
      const body = metaWebhook(textMessage('hoi'));
      await Promise.all([deliver(url, body), deliver(url, body)]);
      await deliver(url, body);
      await waitFor(() => graph.sent().length >= 1, 'the greeting');
      expect(await app.inFlight.drain(10_000)).toBe(true); // every delivery's work has run
      expect(graph.sent()).toHaveLength(1); // greeting and the language list in one message, once
      expect(graph.reads()).toEqual([{ messaging_product: 'whatsapp', status: 'read', message_id: (body as any).entry[0].changes[0].value.messages[0].id, typing_indicator: { type: 'text' } }]);
      expect(graph.calls[0].authorization).toBe('Bearer test-token');
    } finally {
      await stop();
    }
  });

  it('does the whole intake with buttons and lists, answers a voice note kindly, and reaches a mentor who answers', async () => {
    const env = { ...whatsAppEnv(graph), REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() };
    const { url, stop, app } = await startTestApp(env);
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      const person = new WhatsAppPerson(url, graph);
      // The greeting and the language list in one message.
      const [languages] = await person.say('hi');
      expect(languages.interactive.body.text.startsWith(`${t('nl', 'common:greeting')}\n\n`)).toBe(true);
      expect(languages.interactive.type).toBe('list'); // six languages: more than three buttons
      expect(languages.interactive.action.sections[0].rows.map((r: any) => r.title)).toEqual(['Nederlands', 'English', 'العربية', 'Türkçe', 'فارسی', 'ትግርኛ']);

      const consent = await person.tap('العربية');
      expect(consent.length).toBeLessThanOrEqual(2);
      const question = consent.at(-1)!;
      expect(question.interactive.type).toBe('button');
      expect(question.interactive.body.text.endsWith(t('ar', 'consent:question'))).toBe(true);
      const menu = await person.tap(t('ar', 'consent:agree'));
      expect(menu.at(-1)!.interactive.action.button).toBe(t('ar' as 'ar', 'common:buttons.choose'));

      const voice = await person.send({ type: 'audio', audio: { id: 'media-1', mime_type: 'audio/ogg; codecs=opus', voice: true } });
      expect(voice[0].interactive.body.text.startsWith(t('ar', 'common:onlyText'))).toBe(true);

      await person.tap(t('ar', 'common:menu.intake'));
      await person.tap(t('ar', 'common:buttons.skip'));
      await person.tap(t('ar', 'intake:fields.residenceStatus.options.statushouder'));
      await person.tap(t('ar', 'common:buttons.skip'));
      await person.tap('B1');
      await person.tap('A2');
      await person.tap(t('ar', 'intake:fields.education.options.vocational'));
      await person.tap(t('ar', 'common:buttons.no'));
      await person.tap(t('ar', 'intake:fields.itExperience.options.hobby'));
      await person.tap(t('ar', 'common:buttons.yes'));
      const longMotivation = 'أريد أن أعمل في مجال البرمجة لأنني أحب حل المشكلات. '.repeat(90); // ≈ 4,500 characters
      expect([...longMotivation].length).toBeGreaterThan(4400);
      await person.say(longMotivation);
      const result = await person.tap('40'); // the result and its routes, then the mentor offer
      expect(result.length).toBeLessThanOrEqual(2);
      expect(person.texts().join('\n')).toContain(t('ar', 'eligibility:outcomes.eligible.next'));
      expect(result.at(-1)!.interactive.body.text.endsWith(t('ar', 'eligibility:mentorOffer'))).toBe(true);
      await person.tap(t('ar', 'common:buttons.yes'));

      const [handoff] = await app.handoffs.service.queue.waiting();
      expect(handoff).toMatchObject({ language: 'ar', reason: 'eligibility-follow-up', outcome: 'eligible', conversation: { channelId: 'whatsapp' } });
      expect((handoff.intake as any).answers.motivation).toHaveLength(1000);
      const mentor = new ConsoleClient(url);
      await mentor.login('sara');
      expect((await mentor.post(`/console/api/handoffs/${handoff.id}/claim`)).status).toBe(200);
      await waitFor(() => person.texts().includes(t('ar', 'handoff:claimed', { mentor: 'Sara' })), 'the claim notice on WhatsApp');
      expect((await mentor.post(`/console/api/handoffs/${handoff.id}/messages`, { text: 'مرحبا! أنا سارة.' })).status).toBe(200);
      await waitFor(() => person.texts().includes('مرحبا! أنا سارة.'), 'the mentor message on WhatsApp');
    } finally {
      await stop();
    }
  });

  it('sends the level question with Back and Menu as a list of exactly ten rows, a three-choice question as reply buttons, and a tapped Back row goes back', async () => {
    const { url, stop } = await startTestApp(whatsAppEnv(graph));
    try {
      const nl = (key: string) => t('nl', key);
      const person = new WhatsAppPerson(url, graph);
      await person.say('hi');
      const consent = (await person.tap('Nederlands')).at(-1)!;
      expect(consent.interactive.type).toBe('button');
      expect(consent.interactive.action.buttons.map((b: any) => b.reply.title)).toEqual([nl('consent:agree'), nl('consent:more'), nl('consent:decline')]);
      await person.tap(nl('consent:agree'));
      const [firstName] = await person.tap(nl('common:menu.intake'));
      expect(firstName.interactive.action.buttons.map((b: any) => b.reply.title)).toEqual([nl('common:buttons.skip'), nl('common:buttons.menu')]);
      await person.tap(nl('common:buttons.skip'));
      const [municipality] = await person.tap(nl('intake:fields.residenceStatus.options.statushouder'));
      expect(municipality.interactive.body.text).toBe(nl('intake:fields.municipality.prompt'));

      const [level] = await person.tap(nl('common:buttons.skip'));
      expect(level.interactive.type).toBe('list');
      expect(level.interactive.body.text).toBe(nl('intake:fields.dutchLevel.prompt'));
      const rows = level.interactive.action.sections[0].rows;
      expect(rows).toHaveLength(10);
      expect(rows.map((r: any) => r.title)).toEqual([
        ...['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'dontKnow'].map((l) => nl(`intake:levels.${l}`)),
        nl('common:buttons.back'),
        nl('common:buttons.menu'),
      ]);

      const [again] = await person.tap(nl('common:buttons.back'));
      expect(again.interactive.body.text).toBe(nl('intake:fields.municipality.prompt'));
      expect(again.interactive.type).toBe('button');
      expect(again.interactive.action.buttons.map((b: any) => b.reply.title)).toEqual(['skip', 'back', 'menu'].map((b) => nl(`common:buttons.${b}`)));
    } finally {
      await stop();
    }
  });

  it('retries after a rate limit from the Graph API and then delivers', async () => {
    const { url, stop } = await startTestApp(whatsAppEnv(graph));
    try {
      graph.failNext(429, 130429, 'Rate limit hit');
      const person = new WhatsAppPerson(url, graph);
      const replies = await person.say('hallo');
      expect(replies[0].interactive.body.text.startsWith(t('nl', 'common:greeting'))).toBe(true);
    } finally {
      await stop();
    }
  });

  it('outside the 24-hour window sends the template, tells the console, and delivers the text when the person writes', async () => {
    const { url, stop, app } = await startTestApp(whatsAppEnv(graph));
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      const person = new WhatsAppPerson(url, graph);
      await person.say('hoi');
      await person.tap('Nederlands');
      await person.tap(t('nl', 'consent:agree'));
      await person.tap(t('nl', 'common:menu.mentor'));
      const [handoff] = await app.handoffs.service.queue.waiting();
      const mentor = new ConsoleClient(url);
      await mentor.login('sara');
      await mentor.post(`/console/api/handoffs/${handoff.id}/claim`);
      await waitFor(() => person.texts().includes(t('nl', 'handoff:claimed', { mentor: 'Sara' })), 'the claim notice');

      graph.failNext(400, 131047, 'Re-engagement message');
      expect((await mentor.post(`/console/api/handoffs/${handoff.id}/messages`, { text: 'Ben je er nog?' })).status).toBe(200);
      await waitFor(() => person.mine().some((m) => m.type === 'template'), 'the template');
      const template = person.mine().find((m) => m.type === 'template')!;
      expect(template.template).toEqual({ name: 'vit_mentor_reply', language: { code: 'nl' } });
      const detail = (await (await mentor.get(`/console/api/handoffs/${handoff.id}`)).json()) as { timeline: Array<{ text: string; delivery?: string }> };
      expect(detail.timeline.at(-1)).toMatchObject({ text: 'Ben je er nog?', delivery: 'template' });
      expect(person.texts()).not.toContain('Ben je er nog?');

      const before = person.mine().length;
      await deliver(url, metaWebhook(textMessage('ja hoor'), person.phone));
      await waitFor(() => person.texts(before).includes('Ben je er nog?'), 'the held message after the person wrote');
    } finally {
      await stop();
    }
  });

  it('while Redis is away answers 503 and keeps nothing, so Meta delivers again; the retry is answered once Redis is back', async () => {
    const redisServer = await startRedisServer({ appendOnly: true });
    const { url, stop, app } = await startTestApp({ ...whatsAppEnv(graph), REDIS_URL: redisServer.url, REDIS_KEY_PREFIX: uniquePrefix() });
    try {
      const webhook = metaWebhook(textMessage('hallo'), '31687654321');
      await redisServer.stop();
      await waitFor(async () => (await deliver(url, webhook)).status === 503, 'the webhook saying it cannot take messages now');
      const refused = await deliver(url, webhook);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(await app.inFlight.drain(10_000)).toBe(true); // a 503 starts no work
      expect(graph.sent()).toEqual([]); // nothing was handled, nothing half-answered

      await redisServer.start();
      await waitFor(async () => (await deliver(url, webhook)).status === 200, 'the webhook taking messages again', 15000);
      await waitFor(() => graph.sent().length >= 1, 'the greeting and the language list');
      expect(graph.sent()[0].interactive.body.text.startsWith(t('nl', 'common:greeting'))).toBe(true);
      expect(await app.inFlight.drain(10_000)).toBe(true); // every retry's work has run
      expect(graph.sent()).toHaveLength(1); // Meta's retries after the first 200 are duplicates: handled once
    } finally {
      await stop();
      await redisServer.dispose();
    }
  });
});
