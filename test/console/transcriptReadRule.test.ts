import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { FakeConnector } from '../support/fakeConnector';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';
import { mentorReadsUntil, type HandoffRecord } from '../../src/domain/handoff';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);

async function waitingId(client: ConsoleClient): Promise<string> {
  const [first] = await waitFor(async () => {
    const list = (await (await client.get('/console/api/handoffs')).json()) as { waiting: Array<{ id: string }> };
    return list.waiting.length > 0 && list.waiting;
  }, 'someone waiting');
  return first.id;
}

describe('one read rule for conversations and transcripts', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it("a mentor who once talked with a person reads her own part of the transcript, not another mentor's later talk", async () => {
    const { app, url, stop } = await startTestApp();
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      await addAccount(app, 'omar', 'mentor', ['nl']);
      await addAccount(app, 'lisa', 'staff');
      const [sara, omar, lisa] = [new ConsoleClient(url), new ConsoleClient(url), new ConsoleClient(url)];
      await sara.login('sara');
      await omar.login('omar');
      await lisa.login('lisa');

      const person = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
      await person.startAndConsent('nl');
      await person.say(t('common:menu.mentor'));
      await person.hears(t('handoff:howToWait'));
      const first = await waitingId(sara);
      await sara.post(`/console/api/handoffs/${first}/claim`);
      await sara.post(`/console/api/handoffs/${first}/messages`, { text: 'Hoi, ik ben Sara' });
      await person.hears('Hoi, ik ben Sara');
      await sara.post(`/console/api/handoffs/${first}/close`, { outcome: 'helped' });
      await person.hears(t('handoff:rateQuestion'));
      await person.say('4');
      await person.hears(t('handoff:ratingThanks'));

      // Later the person asks again; Omar takes it, and they talk now.
      await person.say(t('common:menu.mentor'));
      await person.hears(t('handoff:howToWait'));
      const second = await waitingId(omar);
      await omar.post(`/console/api/handoffs/${second}/claim`);
      await omar.post(`/console/api/handoffs/${second}/messages`, { text: 'Hallo, met Omar' });
      await person.hears('Hallo, met Omar');
      await person.say('Mijn verblijfsvergunning loopt af');
      await waitFor(async () => (await app.handoffs.service.queue.get(second))?.messages.some((m) => m.text === 'Mijn verblijfsvergunning loopt af'), 'the message kept');

      // Conversations: Omar's handoff is not Sara's to open.
      expect((await sara.get(`/console/api/handoffs/${second}`)).status).toBe(403);
      // Transcripts: the same rule.
      const listed = ((await (await sara.get('/console/api/transcripts')).json()) as { items: Array<{ id: string }> }).items;
      expect(listed).toHaveLength(1);
      const saraReads = ((await (await sara.get(`/console/api/transcripts/${listed[0].id}`)).json()) as { messages: Array<{ text: string }> }).messages.map((m) => m.text);
      expect(saraReads).toContain('Hoi, ik ben Sara');
      expect(saraReads).not.toContain('Hallo, met Omar');
      expect(saraReads).not.toContain('Mijn verblijfsvergunning loopt af');
      const search = `/console/api/transcripts?q=${encodeURIComponent('verblijfsvergunning loopt')}`;
      expect(((await (await sara.get(search)).json()) as { items: unknown[] }).items).toEqual([]);

      // Omar, who has the person now, and staff read all of it.
      for (const reader of [omar, lisa]) {
        const all = ((await (await reader.get(`/console/api/transcripts/${listed[0].id}`)).json()) as { messages: Array<{ text: string }> }).messages.map((m) => m.text);
        expect(all).toEqual(expect.arrayContaining(['Hoi, ik ben Sara', 'Hallo, met Omar', 'Mijn verblijfsvergunning loopt af']));
      }
      expect(((await (await lisa.get(search)).json()) as { items: unknown[] }).items).toHaveLength(1);
    } finally {
      await stop();
    }
  });

  it.each([
    ['took none', [], undefined],
    ['took one that is closed', [{ mentor: 'sara', status: 'closed', closedAt: '2026-01-02T10:00:00.000Z' }], '2026-01-02T10:00:00.000Z'],
    ['took two, the later closed last', [{ mentor: 'sara', status: 'closed', closedAt: '2026-01-02T10:00:00.000Z' }, { mentor: 'sara', status: 'closed', closedAt: '2026-01-05T10:00:00.000Z' }], '2026-01-05T10:00:00.000Z'],
    ['took one still open', [{ mentor: 'sara', status: 'closed', closedAt: '2026-01-02T10:00:00.000Z' }, { mentor: 'sara', status: 'active' }], 'all'],
    ['took one, another mentor has the next', [{ mentor: 'sara', status: 'closed', closedAt: '2026-01-02T10:00:00.000Z' }, { mentor: 'omar', status: 'active' }], '2026-01-02T10:00:00.000Z'],
  ] as const)('mentorReadsUntil: a mentor who %s', (_, handoffs, expected) => {
    const records = handoffs.map((h, i) => ({ id: `h${i}`, mentor: { id: h.mentor, firstName: h.mentor }, status: h.status, closedAt: 'closedAt' in h ? h.closedAt : undefined }) as unknown as HandoffRecord);
    expect(mentorReadsUntil(records, 'sara')).toBe(expected);
  });
});
