import type { App } from '../../src/app';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { FakeConnector } from '../support/fakeConnector';
import { FakeGraph, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';
import type { HandoffDetail, HandoffList, HandoffSummary } from '../../src/console/consoleApi';

const t = (lng: 'en' | 'nl', key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);

/** A newcomer on the Emulator protocol waiting for a mentor, with one message kept; Sara and Omar signed in. */
async function waitingPerson(env: Record<string, string>, connector: FakeConnector) {
  const started = await startTestApp(env);
  await addAccount(started.app, 'sara', 'mentor', ['en']);
  await addAccount(started.app, 'omar', 'mentor', ['en']);
  const person = new Newcomer(started.url, connector, `conv-${uniquePrefix()}`);
  await person.startAndConsent('en');
  await person.say(t('en', 'common:menu.mentor'));
  await person.hears(t('en', 'handoff:howToWait'));
  await person.say('Can I work in IT without a diploma?');
  await person.hears(t('en', 'handoff:messageKept'));
  const [handoff] = await started.app.handoffs.service.queue.waiting();
  const sara = new ConsoleClient(started.url);
  await sara.login('sara');
  const omar = new ConsoleClient(started.url);
  await omar.login('omar');
  return { ...started, person, handoff, sara, omar };
}

const lists = async (client: ConsoleClient) => (await (await client.get('/console/api/handoffs')).json()) as HandoffList;
const listed = async (client: ConsoleClient, id: string): Promise<HandoffSummary | undefined> => {
  const { waiting, active } = await lists(client);
  return [...waiting, ...active].find((h) => h.id === id);
};
const kept = (app: App, id: string, text: string) => waitFor(async () => (await app.handoffs.service.queue.get(id))?.messages.some((m) => m.text === text), `"${text}" kept`);

describe('what a mentor is to notice, over the console API', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('says when a wait passes HANDOFF_MAX_WAIT_MINUTES, on the waiting person only', async () => {
    const { stop, sara, handoff } = await waitingPerson({ HANDOFF_MAX_WAIT_MINUTES: '7' }, connector);
    try {
      const summary = await listed(sara, handoff.id);
      expect(summary?.waitLimitAt).toBe(new Date(Date.parse(handoff.createdAt) + 7 * 60_000).toISOString());
      expect(summary?.unread).toBeUndefined(); // nobody has it yet
      expect((await sara.post(`/console/api/handoffs/${handoff.id}/claim`)).status).toBe(200);
      expect((await listed(sara, handoff.id))?.waitLimitAt).toBeUndefined();
    } finally {
      await stop();
    }
  });

  it('counts the person\u2019s unread messages for the mentor talking, clears them with a read marker that never goes back, and says who waits for an answer', async () => {
    const { app, stop, sara, omar, person, handoff } = await waitingPerson({}, connector);
    try {
      expect((await sara.post(`/console/api/handoffs/${handoff.id}/claim`)).status).toBe(200);
      await person.hears(t('en', 'handoff:claimed', { mentor: 'Sara' }));
      let mine = await listed(sara, handoff.id);
      expect(mine?.unread).toBe(1); // the message kept while waiting
      const asked = (await app.handoffs.service.queue.get(handoff.id))!.messages.find((m) => m.from === 'person')!;
      expect(mine?.needsReplySince).toBe(asked.at);

      // Sara opens it: everything so far is read.
      expect(await (await sara.post(`/console/api/handoffs/${handoff.id}/read`, { count: mine!.messageCount })).json()).toEqual({ count: mine!.messageCount });
      expect((await listed(sara, handoff.id))?.unread).toBe(0);

      await person.say('Hello?');
      await person.say('Are you there?');
      await kept(app, handoff.id, 'Are you there?');
      mine = await listed(sara, handoff.id);
      expect(mine?.unread).toBe(2);
      expect(mine?.needsReplySince).toBe(asked.at); // still the first unanswered message

      // An older tab sends a lower count: the marker stays.
      expect(await (await sara.post(`/console/api/handoffs/${handoff.id}/read`, { count: 1 })).json()).toEqual({ count: mine!.messageCount - 2 });
      // More than there are counts as all there are.
      expect(await (await sara.post(`/console/api/handoffs/${handoff.id}/read`, { count: 99_999 })).json()).toEqual({ count: mine!.messageCount });
      expect((await listed(sara, handoff.id))?.unread).toBe(0);

      // Sara answers: nobody waits for an answer now; her own message is never unread.
      expect((await sara.post(`/console/api/handoffs/${handoff.id}/messages`, { text: 'Yes, I am here.' })).status).toBe(200);
      mine = await listed(sara, handoff.id);
      expect(mine?.needsReplySince).toBeUndefined();
      expect(mine?.unread).toBe(0);

      // Omar has no read marker on Sara's conversation, and does not see it in his list.
      expect((await omar.post(`/console/api/handoffs/${handoff.id}/read`, { count: 1 })).status).toBe(403);
      expect(await listed(omar, handoff.id)).toBeUndefined();
      // Bounded at the edge.
      for (const body of [{}, { count: -1 }, { count: 1.5 }, { count: 100_001 }, { count: '3' }]) {
        expect((await sara.post(`/console/api/handoffs/${handoff.id}/read`, body)).status).toBe(400);
      }
      expect((await sara.post('/console/api/handoffs/no-such-id/read', { count: 1 })).status).toBe(404);
      expect((await sara.post(`/console/api/handoffs/${handoff.id}/read`, { count: 1 }, 'wrong-token')).status).toBe(403);
    } finally {
      await stop();
    }
  });

  it('refuses a read marker on a waiting person a mentor only previews', async () => {
    const { stop, sara, handoff } = await waitingPerson({}, connector);
    try {
      expect((await sara.post(`/console/api/handoffs/${handoff.id}/read`, { count: 1 })).status).toBe(403);
    } finally {
      await stop();
    }
  });

  it('shows the Teams person that the mentor is typing, once in a few seconds, and only for the mentor talking', async () => {
    const { stop, sara, omar, person, handoff } = await waitingPerson({}, connector);
    try {
      const typings = () => connector.repliesIn(person.conversationId).filter((a) => a.type === 'typing');
      expect((await sara.post(`/console/api/handoffs/${handoff.id}/typing`)).status).toBe(409); // not taken yet
      expect((await sara.post(`/console/api/handoffs/${handoff.id}/claim`)).status).toBe(200);
      await person.hears(t('en', 'handoff:claimed', { mentor: 'Sara' }));
      const before = typings().length;

      const first = await sara.post(`/console/api/handoffs/${handoff.id}/typing`);
      expect(await first.json()).toEqual({ typing: 'sent' });
      await waitFor(() => typings().length === before + 1, 'the typing activity at the connector');
      expect(await (await sara.post(`/console/api/handoffs/${handoff.id}/typing`)).json()).toEqual({ typing: 'throttled' });

      expect((await omar.post(`/console/api/handoffs/${handoff.id}/typing`)).status).toBe(403);
      expect((await sara.post('/console/api/handoffs/no-such-id/typing')).status).toBe(404);
      // The person's message that ends the burst of requests is the barrier: the throttled one sent nothing.
      expect((await sara.post(`/console/api/handoffs/${handoff.id}/messages`, { text: 'Here I am' })).status).toBe(200);
      await person.hears('Here I am');
      expect(typings()).toHaveLength(before + 1);
    } finally {
      await stop();
    }
  });
});

describe('the typing indicator on WhatsApp', () => {
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await new FakeGraph().start();
  });
  afterEach(async () => {
    await graph.stop();
  });

  it('marks the person\u2019s last message read with a typing indicator, and never shows its message id to a browser', async () => {
    const { app, url, stop } = await startTestApp(whatsAppEnv(graph));
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      const person = new WhatsAppPerson(url, graph);
      await person.say('hoi');
      await person.tap('Nederlands');
      await person.tap(t('nl', 'consent:agree'));
      await person.tap(t('nl', 'common:menu.mentor'));
      const [waiting] = await app.handoffs.service.queue.waiting();
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const events = sara.events();
      await events.opened;
      expect((await sara.post(`/console/api/handoffs/${waiting.id}/claim`)).status).toBe(200);
      await waitFor(() => person.texts().includes(t('nl', 'handoff:claimed', { mentor: 'Sara' })), 'the claim notice');
      await person.say('Ik heb een vraag over stages', 0);
      await kept(app, waiting.id, 'Ik heb een vraag over stages');
      const last = (await app.handoffs.service.queue.get(waiting.id))!.messages.at(-1)!;
      expect(last.channelMessageId).toMatch(/^wamid\./);
      const readsOfLast = () => graph.reads().filter((r) => r.message_id === last.channelMessageId);
      await waitFor(() => readsOfLast().length === 1, 'the read receipt when it came in'); // sent beside the turn, not awaited by it

      expect(await (await sara.post(`/console/api/handoffs/${waiting.id}/typing`)).json()).toEqual({ typing: 'sent' });
      expect(readsOfLast()).toHaveLength(2);
      expect(readsOfLast()[1]).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: last.channelMessageId, typing_indicator: { type: 'text' } });

      // The id names the person's number: not in the conversation, not in the live events.
      const detail = (await (await sara.get(`/console/api/handoffs/${waiting.id}`)).json()) as HandoffDetail;
      expect(detail.timeline.some((m) => m.text === 'Ik heb een vraag over stages')).toBe(true);
      expect(JSON.stringify(detail)).not.toContain('wamid.');
      await waitFor(() => events.received.some((e) => (e.message as { text?: string } | undefined)?.text === 'Ik heb een vraag over stages'), 'the message event');
      expect(JSON.stringify(events.received)).not.toContain('wamid.');
      events.stop();
    } finally {
      await stop();
    }
  });
});
