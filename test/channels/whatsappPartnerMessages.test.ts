import { FakeGraph, metaWebhook, textMessage, deliver, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { translator } from '../support/chatDriver';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('tr', key, vars);
const staff = { kind: 'staff' as const, id: 'acc-lisa', firstName: 'Lisa' };

describe('the partner messages on WhatsApp', () => {
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await new FakeGraph().start();
  });
  afterEach(async () => {
    await graph.stop();
  });

  it('a Turkish newcomer is asked in Turkish, says "evet", hears of the referral and a step; outside the window a step waits behind the template', async () => {
    const { url, stop, app } = await startTestApp(whatsAppEnv(graph));
    try {
      await addAccount(app, 'lisa', 'staff');
      const person = new WhatsAppPerson(url, graph);
      await person.say('merhaba');
      await person.tap('Türkçe');
      await person.tap(t('consent:agree'));
      const [entry] = await waitFor(async () => { const all = await app.records.people.list(10); return all.length > 0 && all; }, 'her in the index of people');
      const who = { channelId: entry.channelId, userId: entry.userId };
      await app.records.journeys.begin(who, 'eligible', 'Yazılımcı olmak istiyorum', new Date());
      for (const stage of ['mentor-talk-booked', 'mentor-talk-held', 'homework-given', 'homework-submitted', 'homework-reviewed', 'selection-intake', 'selected'] as const) {
        expect((await app.records.journeys.moveTo(who, stage, staff, 'ok', new Date())).ok).toBe(true);
      }
      await person.say('ne durumdayım');
      await waitFor(async () => !!(await app.records.journeys.reach(who)), 'her conversation kept with the journey');

      const lisa = new ConsoleClient(url);
      await lisa.login('lisa');
      const path = `/console/api/people/${Buffer.from(JSON.stringify([who.channelId, who.userId])).toString('base64url')}/partner`;
      const asked = (await (await lisa.post(`${path}/ask`, { partner: 'make-it-work' })).json()) as { delivery: string };
      expect(asked.delivery).toBe('sent');
      await waitFor(() => person.texts().includes(t('partners:consent.question', { partner: 'Make IT Work' })), 'the question in Turkish');
      await person.say('evet');
      // The thanks and the menu asked again go out as one WhatsApp message.
      await waitFor(() => person.texts().some((m) => m.startsWith(t('partners:consent.yes', { partner: 'Make IT Work' }))), 'the thanks');
      expect(((await (await lisa.post(`${path}/refer`, { partner: 'make-it-work' })).json()) as { delivery: string }).delivery).toBe('sent');
      await waitFor(() => person.texts().includes(t('partners:referred', { partner: 'Make IT Work' })), 'the referral told');
      const today = new Date().toISOString().slice(0, 10);
      await lisa.post(`${path}/steps`, { step: 'signed-up', date: today, note: '' });
      await waitFor(() => person.texts().includes(t('partners:steps.signed-up', { partner: 'Make IT Work' })), 'the first step told');

      // The 24 hours passed: the next step waits behind the template, and goes out when she writes.
      graph.failNext(400, 131047, 'Re-engagement message');
      const before = person.mine().length;
      const held = (await (await lisa.post(`${path}/steps`, { step: 'screened', date: today, note: '' })).json()) as { delivery: string };
      expect(held.delivery).toBe('held');
      await waitFor(() => person.mine().slice(before).some((m) => m.type === 'template'), 'the template');
      expect(person.texts(before)).not.toContain(t('partners:steps.screened', { partner: 'Make IT Work' }));
      const afterTemplate = person.mine().length;
      await deliver(url, metaWebhook(textMessage('selam'), person.phone, 'Ayşe', { bsuid: person.bsuid }));
      await waitFor(() => person.texts(afterTemplate).includes(t('partners:steps.screened', { partner: 'Make IT Work' })), 'the step after she wrote');
    } finally {
      await stop();
    }
  });
});
