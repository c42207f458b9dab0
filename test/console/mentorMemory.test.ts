import { startTestApp, testConfig } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { FakeConnector } from '../support/fakeConnector';
import { translator } from '../support/chatDriver';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';
import { dayIn } from '../../src/domain/followUp';
import type { FollowUpList, HistoryResponse, NotesResponse, TranscriptList } from '../../src/console/consoleApi';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);
const DAY = 86_400_000;
const dayAhead = (days: number) => dayIn(new Date(Date.now() + days * DAY), testConfig().MENTOR_TIMEZONE);
const json = async <T>(response: Promise<Response>) => (await (await response).json()) as T;

async function waitingId(client: ConsoleClient): Promise<string> {
  const [first] = await waitFor(async () => {
    const list = (await (await client.get('/console/api/handoffs')).json()) as { waiting: Array<{ id: string }> };
    return list.waiting.length > 0 && list.waiting;
  }, 'someone waiting');
  return first.id;
}

describe('what mentors remember about a person (console API, real redis-server)', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('keeps close outcome, note, rating, follow-up and private notes in sight, for those who may read them, and erases them with the person', async () => {
    const prefix = uniquePrefix();
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    const redis = connectTestRedis();
    try {
      for (const [name, role] of [['sara', 'mentor'], ['omar', 'mentor'], ['lisa', 'staff']] as const) await addAccount(app, name, role, ['nl']);
      const [sara, omar, lisa] = [new ConsoleClient(url), new ConsoleClient(url), new ConsoleClient(url)];
      await sara.login('sara');
      await omar.login('omar');
      await lisa.login('lisa');

      const person = new Newcomer(url, connector, `mem-${uniquePrefix()}`);
      await person.startAndConsent('nl');
      await person.say(t('common:menu.mentor'));
      await person.hears(t('handoff:howToWait'));
      const first = await waitingId(sara);
      // A mentor previewing a waiting person reads neither notes nor history.
      expect((await sara.get(`/console/api/handoffs/${first}/history`)).status).toBe(403);
      await sara.post(`/console/api/handoffs/${first}/claim`);
      await person.hears(t('handoff:claimed', { mentor: 'Sara' }));

      // A private note: kept with the handoff, never sent to the person.
      const sentBefore = person.texts().length;
      expect((await sara.post(`/console/api/handoffs/${first}/notes`, { text: '   ' })).status).toBe(400);
      expect((await sara.post(`/console/api/handoffs/${first}/notes`, { text: 'x'.repeat(1001) })).status).toBe(400);
      expect((await sara.post(`/console/api/handoffs/${first}/notes`, { text: 'Wil eerst B1 Nederlands halen' })).status).toBe(201);
      expect((await omar.post(`/console/api/handoffs/${first}/notes`, { text: 'not mine' })).status).toBe(403);
      expect((await json<NotesResponse>(sara.get(`/console/api/handoffs/${first}/notes`))).notes.map((n) => [n.mentorName, n.text])).toEqual([['Sara', 'Wil eerst B1 Nederlands halen']]);
      expect((await omar.get(`/console/api/handoffs/${first}/notes`)).status).toBe(403);
      expect((await json<NotesResponse>(lisa.get(`/console/api/handoffs/${first}/notes`))).notes).toHaveLength(1);

      // The close: "follow-up" needs a day from today on, not too far ahead; other outcomes take none.
      const close = (body: object) => sara.post(`/console/api/handoffs/${first}/close`, body);
      for (const [body, code] of [
        [{ outcome: 'follow-up' }, 'follow-up-required'],
        [{ outcome: 'follow-up', followUp: dayAhead(-1) }, 'follow-up-in-the-past'],
        [{ outcome: 'follow-up', followUp: dayAhead(200) }, 'follow-up-too-far'],
        [{ outcome: 'follow-up', followUp: '2026-02-30' }, 'follow-up-not-a-date'],
        [{ outcome: 'helped', followUp: dayAhead(3) }, 'follow-up-not-asked'],
      ] as const) {
        const refused = await close(body);
        expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([400, code]);
      }
      expect((await app.handoffs.service.queue.get(first))?.status).toBe('active'); // nothing changed by a refused close
      const due = dayAhead(0);
      expect((await close({ outcome: 'follow-up', note: 'Bellen over de taaltoets', followUp: due })).status).toBe(200);
      await person.hears(t('handoff:rateQuestion'));
      await person.say('4');
      await person.hears(t('handoff:ratingThanks'));
      expect(person.texts().slice(sentBefore).join('\n')).not.toContain('B1 Nederlands');
      expect(connector.activities.map((a) => a.text ?? '').join('\n')).not.toContain('Wil eerst');

      // My follow-ups: Sara's, due today; not Omar's; staff see everyone's.
      const saraList = await json<FollowUpList>(sara.get('/console/api/follow-ups'));
      expect(saraList.items.map((i) => [i.handoffId, i.due, i.state, i.closeOutcome, i.note])).toEqual([[first, due, 'today', 'follow-up', 'Bellen over de taaltoets']]);
      expect((await json<FollowUpList>(omar.get('/console/api/follow-ups'))).items).toEqual([]);
      expect((await json<FollowUpList>(lisa.get('/console/api/follow-ups'))).items.map((i) => i.mentor.firstName)).toEqual(['Sara']);

      // The person asks again; Omar takes them and sees the history: Sara's note, outcome, rating and private note.
      await person.say(t('common:menu.mentor'));
      await person.hears(t('handoff:howToWait'));
      const second = await waitingId(omar);
      expect(second).not.toBe(first);
      expect((await omar.get(`/console/api/handoffs/${second}/history`)).status).toBe(403);
      await omar.post(`/console/api/handoffs/${second}/claim`);
      const history = await json<HistoryResponse>(omar.get(`/console/api/handoffs/${second}/history`));
      expect(history.items).toHaveLength(1);
      expect(history.items[0]).toMatchObject({ id: first, mentor: 'Sara', closeOutcome: 'follow-up', note: 'Bellen over de taaltoets', rating: 4, followUp: due, status: 'closed' });
      expect(history.items[0].notes.map((n) => n.text)).toEqual(['Wil eerst B1 Nederlands halen']);
      // Reading a person's history is kept in the audit log, under the person's pseudonym.
      const audited = await app.records.audit.between(new Date(0), new Date());
      expect(audited.filter((e) => e.action === 'view-history').map((e) => e.actor)).toEqual(['omar']);
      // Sara, whose part ended before it, does not read Omar's handoff.
      expect((await sara.get(`/console/api/handoffs/${second}/history`)).status).toBe(403);

      // Transcripts: how it ended is listed, found by outcome and by the close note, and shown in the view.
      const listed = await json<TranscriptList>(lisa.get('/console/api/transcripts'));
      expect(listed.items).toHaveLength(1);
      expect(listed.items[0].closes).toEqual(expect.arrayContaining([{ status: 'closed', closeOutcome: 'follow-up', rating: 4 }]));
      expect(listed.items[0].closes).toHaveLength(2);
      // Sara reads her own part only: her handoff's close, not Omar's talk that came after.
      expect((await json<TranscriptList>(sara.get('/console/api/transcripts'))).items[0].closes).toEqual([{ status: 'closed', closeOutcome: 'follow-up', rating: 4 }]);
      expect((await json<TranscriptList>(lisa.get('/console/api/transcripts?closeOutcome=follow-up'))).items).toHaveLength(1);
      expect((await json<TranscriptList>(lisa.get('/console/api/transcripts?closeOutcome=helped'))).items).toHaveLength(0);
      expect((await lisa.get('/console/api/transcripts?closeOutcome=nonsense')).status).toBe(400);
      const found = await json<TranscriptList>(lisa.get(`/console/api/transcripts?q=${encodeURIComponent('taaltoets')}`));
      expect(found.items.map((i) => i.snippet)).toEqual(['Bellen over de taaltoets']);
      const view = await json<{ handoffs: HistoryResponse['items'] }>(lisa.get(`/console/api/transcripts/${listed.items[0].id}`));
      expect(view.handoffs.find((h) => h.id === first)).toMatchObject({ closeOutcome: 'follow-up', note: 'Bellen over de taaltoets', rating: 4, notes: [{ text: 'Wil eerst B1 Nederlands halen' }] });

      // The numbers count close outcomes per language, no person in them.
      const stats = await json<{ totals: { closeOutcomes: Record<string, number> } }>(lisa.get('/console/api/stats'));
      expect(stats.totals.closeOutcomes).toEqual({ 'follow-up': 1 });
      const csv = await (await lisa.get('/console/api/stats.csv')).text();
      expect(csv.split('\n')[0]).toContain('closed:follow-up');

      // Done: the follow-up leaves the list; only its mentor (or staff) marks it.
      expect((await omar.post(`/console/api/follow-ups/${first}/done`)).status).toBe(403);
      expect((await sara.post(`/console/api/follow-ups/${first}/done`)).status).toBe(204);
      expect((await json<FollowUpList>(sara.get('/console/api/follow-ups'))).items).toEqual([]);

      // The subject-access export holds the private notes; the erasure takes them, and no key names the person.
      await omar.post(`/console/api/handoffs/${second}/notes`, { text: 'Tweede gesprek' });
      const { items: people } = await json<{ items: Array<{ key: string }> }>(lisa.get('/console/api/people'));
      const exported = await json<{ handoffNotes: Array<{ handoffId: string; notes: Array<{ text: string }> }> }>(lisa.post(`/console/api/people/${people[0].key}/export`));
      expect(exported.handoffNotes.flatMap((h) => h.notes.map((n) => n.text)).sort()).toEqual(['Tweede gesprek', 'Wil eerst B1 Nederlands halen']);
      const who = (await app.handoffs.service.queue.get(first))!.person;
      expect((await app.handoffs.notes.forPerson(who)).length).toBe(2);
      const userId = who.userId;
      expect((await keyspace(redis, prefix)).filter(([key]) => key.includes('handoff-notes')).some(([key, value]) => key.includes(userId) || value.includes(userId))).toBe(false);
      expect((await lisa.post(`/console/api/people/${people[0].key}/erase`, { confirm: true, confirmActive: true })).status).toBe(200);
      const left = (await keyspace(redis, prefix)).filter(([key]) => key.includes('handoff-notes') || key.endsWith('follow-ups'));
      expect(left.filter(([, value]) => value !== '[]')).toEqual([]);
      expect(await app.handoffs.notes.forPerson(who)).toEqual([]);
    } finally {
      await redis.quit();
      await stop();
    }
  });
});
