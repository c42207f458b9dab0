import { FakeGraph, metaWebhook, textMessage, deliver, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { translator } from '../support/chatDriver';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);

describe('the journey’s messages on WhatsApp', () => {
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await new FakeGraph().start();
  });
  afterEach(async () => {
    await graph.stop();
  });

  it('outside the 24-hour window the decision waits behind the template, the console says so, and it goes out when the person writes', async () => {
    const { url, stop, app } = await startTestApp(whatsAppEnv(graph));
    try {
      await addAccount(app, 'lisa', 'staff');
      const person = new WhatsAppPerson(url, graph);
      await person.say('hoi');
      await person.tap('Nederlands');
      await person.tap(t('consent:agree'));
      // The person as the bot knows her (the key the WhatsApp channel gives her), from the index of people.
      const [entry] = await waitFor(async () => { const all = await app.records.people.list(10); return all.length > 0 && all; }, 'her in the index of people');
      const who = { channelId: entry.channelId, userId: entry.userId };
      expect(who.channelId).toBe('whatsapp');
      await app.records.journeys.begin(who, 'eligible', 'Ik wil graag programmeren', new Date());
      // Her next message: the bot keeps her conversation with the journey.
      await person.say('waar sta ik');
      await waitFor(async () => !!(await app.records.journeys.reach(who)), 'her conversation kept with the journey');

      const lisa = new ConsoleClient(url);
      await lisa.login('lisa');
      const key = Buffer.from(JSON.stringify([who.channelId, who.userId])).toString('base64url');
      graph.failNext(400, 131047, 'Re-engagement message');
      const before = person.mine().length;
      const moved = (await (await lisa.post(`/console/api/people/${key}/journey/moves`, { to: 'talent-pool', reason: 'Nu geen plek' })).json()) as { delivery: string; journey: { stage: string } };
      expect(moved).toMatchObject({ journey: { stage: 'talent-pool' }, delivery: 'held' });
      await waitFor(() => person.mine().slice(before).some((m) => m.type === 'template'), 'the template');
      expect(person.texts(before)).not.toContain(t('journey:decision.talent-pool'));

      const afterTemplate = person.mine().length;
      await deliver(url, metaWebhook(textMessage('hallo'), person.phone, 'Amina', { bsuid: person.bsuid }));
      await waitFor(() => person.texts(afterTemplate).includes(t('journey:decision.talent-pool')), 'the decision after she wrote');
    } finally {
      await stop();
    }
  });
});
