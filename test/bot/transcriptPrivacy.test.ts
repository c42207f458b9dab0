import { FakeConnector } from '../support/fakeConnector';
import { FakeGraph, metaWebhook, textMessage, buttonReply, listReply } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { translator } from '../support/chatDriver';
import { connectTestRedis, keyspace, namesAnyOf, testRedisUrl, uniquePrefix } from '../support/testRedis';
import { signatureFor } from '../../src/channels/whatsapp/signature';

const SECRET = 'test-app-secret';
const t = (lng: string, key: string, vars?: Record<string, unknown>) => translator().t(lng as 'nl', key, vars);

/** A person on WhatsApp: signed webhooks in, what the fake Graph API received for them out. */
class WhatsAppPerson {
  readonly phone = `316${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
  constructor(
    private readonly url: string,
    private readonly graph: FakeGraph,
  ) {}

  mine() {
    return this.graph.sent().filter((m) => m.to === this.phone);
  }

  texts() {
    return this.mine().map((m) => m.text?.body ?? m.interactive?.body?.text ?? `[template ${m.template?.name}]`);
  }

  async send(message: Record<string, unknown>, until: string): Promise<void> {
    const raw = JSON.stringify(metaWebhook(message, this.phone));
    const response = await fetch(`${this.url}/api/whatsapp`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signatureFor(raw, SECRET) }, body: raw });
    expect(response.status).toBe(200);
    const before = this.texts().length;
    // `until` alone, or as a paragraph of a merged message.
    await waitFor(() => this.texts().slice(Math.max(0, before - 6)).some((t) => t === until || t.split('\n\n').includes(until)), `WhatsApp: "${until}"`);
  }

  /** Taps the reply button or list row with this title on the last interactive message (once it has arrived). */
  async tap(title: string, until: string) {
    const choicesOf = (m: Record<string, any>): Array<{ id: string; title: string }> =>
      m.interactive.type === 'button' ? m.interactive.action.buttons.map((b: any) => b.reply) : m.interactive.action.sections.flatMap((s: any) => s.rows);
    const last = await waitFor(() => {
      const found = [...this.mine()].reverse().find((m) => m.type === 'interactive');
      return found && choicesOf(found).some((c) => c.title === title) && found;
    }, `a choice "${title}"`);
    const choice = choicesOf(last).find((c) => c.title === title)!;
    return this.send(last.interactive.type === 'button' ? buttonReply(choice.id, choice.title) : listReply(choice.id, choice.title), until);
  }
}

describe('transcripts and privacy', () => {
  it('keeps nothing of a person who says no to saving: no transcript, no catalog entry', async () => {
    const prefix = uniquePrefix();
    const connector = await new FakeConnector().start();
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    const redis = connectTestRedis();
    try {
      const person = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
      await person.say('hi');
      await person.hears(t('nl', 'common:greeting'));
      await person.say(t('en', 'language:names.en'));
      await person.hears(t('en', 'consent:question'));
      await person.say(t('en', 'consent:decline'));
      await waitFor(() => connector.repliesIn(person.conversationId).length > 3, 'a reply to the no');
      await person.say('is it free?');
      await waitFor(() => connector.repliesIn(person.conversationId).length > 4, 'a reply to the question');
      const keys = (await keyspace(redis, prefix)).map(([k]) => k);
      expect(keys.filter((k) => /transcript/.test(k))).toEqual([]);
      expect(await app.transcripts.catalog.between(new Date(0), new Date())).toEqual([]);
      expect((await app.transcripts.store.getTranscriptActivities('emulator', person.conversationId)).items).toEqual([]);
    } finally {
      await redis.quit();
      await stop();
      await connector.stop();
    }
  });

  it('logs a WhatsApp conversation (mentor included), exports all of it with the held message, and erases it without a trace', async () => {
    const prefix = uniquePrefix();
    const graph = await new FakeGraph().start();
    const { app, url, stop } = await startTestApp({
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      WHATSAPP_GRAPH_URL: graph.url,
      WHATSAPP_ACCESS_TOKEN: 'test-token',
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_APP_SECRET: SECRET,
      WHATSAPP_VERIFY_TOKEN: 'verify-me',
    });
    const redis = connectTestRedis();
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      await addAccount(app, 'lisa', 'staff');
      const person = new WhatsAppPerson(url, graph);
      await person.send(textMessage('مرحبا'), t('ar', 'common:greeting')); // greeted in the language written in
      await person.tap('العربية', t('ar', 'consent:question'));
      await person.tap(t('ar', 'consent:agree'), t('ar', 'common:menu.prompt'));
      await person.tap(t('ar', 'common:menu.mentor'), t('ar', 'handoff:howToWait'));
      const [handoff] = await app.handoffs.service.queue.waiting();
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      await sara.post(`/console/api/handoffs/${handoff.id}/claim`);
      await sara.post(`/console/api/handoffs/${handoff.id}/messages`, { text: 'أهلاً، أنا سارة' });
      await waitFor(() => person.texts().includes('أهلاً، أنا سارة'), 'the mentor message');
      graph.failNext(400, 131047, 'Re-engagement message'); // the 24-hour window closed: the next one is held
      await sara.post(`/console/api/handoffs/${handoff.id}/messages`, { text: 'هل ما زلت هنا؟' });
      await waitFor(() => person.mine().some((m) => m.type === 'template'), 'the template');

      // The transcript: kept under the WhatsApp conversation, the person's words and the mentor's.
      const lisa = new ConsoleClient(url);
      await lisa.login('lisa');
      const [found] = ((await (await lisa.get('/console/api/people?q=')).json()) as any).items;
      expect(found).toMatchObject({ channelId: 'whatsapp', language: 'ar', consent: true });
      const list = ((await (await lisa.get('/console/api/transcripts?channel=whatsapp')).json()) as any).items;
      expect(list).toHaveLength(1);
      const view = (await (await lisa.get(`/console/api/transcripts/${list[0].id}`)).json()) as any;
      expect(view.messages.find((m: any) => m.text === t('ar', 'consent:agree'))).toMatchObject({ from: 'person' });
      expect(view.messages.find((m: any) => m.text === 'أهلاً، أنا سارة')).toMatchObject({ from: 'mentor', mentorName: 'Sara' });
      expect(view.messages.find((m: any) => m.text === t('ar', 'handoff:claimed', { mentor: 'Sara' }))).toMatchObject({ from: 'bot' });

      // The export: every part held on a WhatsApp person.
      const exported = (await (await lisa.post(`/console/api/people/${found.key}/export`)).json()) as any;
      const userId = exported.person.userId as string;
      expect(exported.peopleIndex).toMatchObject({ channelId: 'whatsapp', userId });
      expect(exported.conversations).toHaveLength(1);
      expect(exported.conversations[0].catalog).toMatchObject({ channelId: 'whatsapp', conversationId: `whatsapp:${userId}`, language: 'ar' });
      expect(exported.conversations[0].transcript.find((e: any) => e.activity.text === t('ar', 'consent:agree'))).toMatchObject({ from: 'person', activity: { channelData: expect.anything() } });
      expect(exported.whatsapp.person.address.phone).toBe(person.phone);
      expect(exported.whatsapp.held).toEqual(['هل ما زلت هنا؟']);
      expect(exported.audit.map((e: any) => e.action)).toEqual(['view-transcript']);

      // The erasure: nothing left that names the person, in keys or values.
      expect((await lisa.post(`/console/api/people/${found.key}/erase`, { confirm: true })).status).toBe(409); // Sara is talking with them: asked once more
      expect((await lisa.post(`/console/api/people/${found.key}/erase`, { confirm: true, confirmActive: true })).status).toBe(200);
      for (const [key, content] of await keyspace(redis, prefix)) {
        expect([key, namesAnyOf(key, [person.phone, userId]) || namesAnyOf(content, [person.phone, userId])]).toEqual([key, false]);
      }
    } finally {
      await redis.quit();
      await stop();
      await graph.stop();
    }
  });
});
