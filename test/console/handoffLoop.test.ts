import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { Newcomer } from '../support/newcomer';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { translator } from '../support/chatDriver';
import { transcriptActivities } from '../../src/storage/transcriptMessages';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);

describe.each<[string, number, () => Record<string, string>]>([
  ['one instance in memory', 1, () => ({})],
  ['two instances sharing Redis', 2, () => ({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() })],
])('a newcomer, a mentor and the relay: %s', (_name, instances, makeEnv) => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('queues, lets a mentor claim and talk both ways, closes, and takes the rating', async () => {
    const env = makeEnv();
    const botSide = await startTestApp(env);
    const consoleSide = instances === 2 ? await startTestApp(env) : botSide;
    try {
      await addAccount(consoleSide.app, 'sara', 'mentor', ['nl']);
      await addAccount(consoleSide.app, 'omar', 'mentor', ['ar']);
      const person = new Newcomer(botSide.url, connector, `conv-${uniquePrefix()}`);
      const sara = new ConsoleClient(consoleSide.url);
      const omar = new ConsoleClient(consoleSide.url);
      await sara.login('sara');
      await omar.login('omar');
      const stream = sara.events();
      await stream.opened;

      await person.startAndConsent('nl');
      await person.say(t('common:menu.mentor'));
      await person.hears(t('handoff:howToWait'));
      expect(person.texts()).toContain(t('handoff:requested', { place: 1 }));
      await person.say('Ik wil graag weten of mijn diploma telt');
      await person.hears(t('handoff:messageKept'));

      const list = await waitFor(async () => {
        const body = (await (await sara.get('/console/api/handoffs')).json()) as { waiting: Array<{ id: string; language: string; speaksLanguage: boolean; messageCount: number }> };
        return body.waiting.length === 1 && body.waiting[0];
      }, 'the handoff in the waiting list');
      expect(list).toMatchObject({ language: 'nl', speaksLanguage: true, messageCount: 1 });
      await waitFor(() => stream.received.some((e) => e.type === 'new' && e.id === list.id), 'a "new" event on the console stream');

      // Before taking someone, a mentor sees what the list shows, the intake and what the person left; not the bot chat.
      const preview = (await (await omar.get(`/console/api/handoffs/${list.id}`)).json()) as { handoff: Record<string, unknown>; timeline: Array<{ from: string }> };
      expect(preview.timeline.map((m) => m.from)).toEqual(['person']);
      expect(preview.handoff).not.toHaveProperty('note');

      const [first, second] = await Promise.all([sara.post(`/console/api/handoffs/${list.id}/claim`), omar.post(`/console/api/handoffs/${list.id}/claim`)]);
      const statuses = [first.status, second.status].sort();
      expect(statuses).toEqual([200, 409]);
      const winner = first.status === 200 ? sara : omar;
      const winnerName = first.status === 200 ? 'Sara' : 'Omar';
      expect(await (first.status === 409 ? first : second).json()).toMatchObject({ error: 'already-taken', by: winnerName });
      await person.hears(t('handoff:claimed', { mentor: winnerName }));

      const detail = (await (await winner.get(`/console/api/handoffs/${list.id}`)).json()) as { timeline: Array<{ from: string; text: string }> };
      expect(detail.timeline.map((m) => m.from)).toContain('bot');
      expect(detail.timeline.at(-1)).toMatchObject({ from: 'person', text: 'Ik wil graag weten of mijn diploma telt' });

      expect((await winner.post(`/console/api/handoffs/${list.id}/messages`, { text: 'Hoi Amina, ja dat kan!' })).status).toBe(200);
      await person.hears('Hoi Amina, ja dat kan!');
      const repliesBefore = person.texts().length;
      await person.say('wat kost het?');
      await waitFor(async () => {
        const d = (await (await winner.get(`/console/api/handoffs/${list.id}`)).json()) as { timeline: Array<{ text: string }> };
        return d.timeline.at(-1)?.text === 'wat kost het?';
      }, 'the person\u2019s message reaching the mentor');
      // No wait needed: say() returns once the turn has ended (the bot answers the POST after the turn), so
      // every reply of that turn has reached the connector by now.
      expect(person.texts().length).toBe(repliesBefore); // the bot said nothing of its own, not even the FAQ answer

      expect((await winner.post(`/console/api/handoffs/${list.id}/close`, { outcome: 'helped', note: 'diploma via IDW' })).status).toBe(200);
      await person.hears(t('handoff:rateQuestion'));
      await person.say('5');
      await person.hears(t('handoff:ratingThanks'));
      await person.hears(t('common:menu.prompt'));
      const closed = await consoleSide.app.handoffs.service.queue.get(list.id);
      expect(closed).toMatchObject({ status: 'closed', closeOutcome: 'helped', note: 'diploma via IDW', rating: 5 });

      // The other mentor may not read a conversation they never handled, now that it is closed.
      const loser = winner === sara ? omar : sara;
      expect((await loser.get(`/console/api/handoffs/${list.id}`)).status).toBe(403);
      expect((await winner.get(`/console/api/handoffs/${list.id}`)).status).toBe(200);

      // Bot Framework's own handoff events, in the conversation's transcript, in order.
      const handoffEvents = await waitFor(async () => {
        const activities = await transcriptActivities(botSide.app.transcripts.store, 'emulator', person.conversationId);
        const found = activities.filter((a) => a.type === 'event' && a.name?.startsWith('handoff.'));
        return found.length === 3 && found;
      }, 'three handoff events in the transcript');
      expect(handoffEvents.map((e) => [e.name, (e.value as { state?: string }).state])).toEqual([
        ['handoff.initiate', undefined],
        ['handoff.status', 'accepted'],
        ['handoff.status', 'completed'],
      ]);
      expect(handoffEvents[0].value).toMatchObject({ handoffId: list.id, language: 'nl', reason: 'asked' });
      // Recorded, never sent to the channel.
      expect(connector.repliesIn(person.conversationId).filter((a) => a.type === 'event')).toEqual([]);
      expect(stream.received.map((e) => e.type)).toEqual(expect.arrayContaining(['new', 'message', 'claimed', 'closed', 'rated']));
      stream.stop();
    } finally {
      await botSide.stop();
      if (consoleSide !== botSide) await consoleSide.stop();
    }
  });
});
