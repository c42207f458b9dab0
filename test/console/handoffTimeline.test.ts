import { FakeConnector, emulatorMessage } from '../support/fakeConnector';
import { postActivity, startTestApp } from '../support/testApp';
import { Newcomer } from '../support/newcomer';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { uniquePrefix } from '../support/testRedis';
import { translator } from '../support/chatDriver';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('en', key, vars);

describe('the timeline a mentor reads: the conversation with the bot, then the handoff', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('shows a message the person wrote while waiting once, also when the channel stamped it before the handoff began', async () => {
    const started = await startTestApp();
    try {
      await addAccount(started.app, 'sara', 'mentor', ['en']);
      const person = new Newcomer(started.url, connector, `conv-${uniquePrefix()}`);
      const sara = new ConsoleClient(started.url);
      await sara.login('sara');
      await person.startAndConsent('en');
      await person.say(t('common:menu.mentor'));
      await person.hears(t('handoff:howToWait'));
      const list = await waitFor(async () => {
        const body = (await (await sara.get('/console/api/handoffs')).json()) as { waiting: Array<{ id: string }> };
        return body.waiting[0];
      }, 'the handoff in the waiting list');
      const handoff = await started.app.handoffs.service.queue.get(list.id);
      // WhatsApp stamps a message in whole seconds, and a phone's clock may be behind: the channel's
      // time of the person's next message can lie before the moment the handoff began.
      const early = new Date(Date.parse(handoff!.createdAt) - 3000);
      const sent = await postActivity(
        started.url,
        emulatorMessage(connector.url, 'Can I work in IT without a diploma?', {
          timestamp: early,
          conversation: { id: person.conversationId },
          from: { id: `user-${person.conversationId}`, name: 'Amina', role: 'user' },
        }),
      );
      expect(sent.status).toBe(200);
      await person.hears(t('handoff:messageKept'));
      expect((await sara.post(`/console/api/handoffs/${list.id}/claim`)).status).toBe(200);

      const detail = (await (await sara.get(`/console/api/handoffs/${list.id}`)).json()) as { timeline: Array<{ from: string; text: string }> };
      const texts = detail.timeline.map((m) => m.text);
      expect(texts.filter((text) => text === 'Can I work in IT without a diploma?')).toHaveLength(1);
      expect(detail.timeline.at(-1)).toMatchObject({ from: 'person', text: 'Can I work in IT without a diploma?' });
      // The bot conversation before it is still there.
      expect(texts).toContain(t('common:menu.mentor'));
    } finally {
      await started.stop();
    }
  });
});
