import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { eligibleWithMentor } from '../support/eligibleWithMentor';
import { translator } from '../support/chatDriver';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);

/** An Arabic-speaking newcomer who does the whole intake over HTTP, talks with Sara, closes with a rating. */
async function conversationWithMentor(url: string, connector: FakeConnector, sara: ConsoleClient) {
  const { person, handoffId, userId } = await eligibleWithMentor(url, connector, sara);
  await sara.post(`/console/api/handoffs/${handoffId}/messages`, { text: 'أهلاً آمنة، أنا سارة' });
  await person.hears('أهلاً آمنة، أنا سارة');
  await person.say('شكراً جزيلاً');
  await sara.post(`/console/api/handoffs/${handoffId}/close`, { outcome: 'helped', note: '' });
  await person.hears(t('handoff:rateQuestion'));
  await person.say('5');
  await person.hears(t('handoff:ratingThanks'));
  return { person, userId };
}

describe('staff console API (transcripts, numbers, people, audit) on Redis', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('answers a funder and a newcomer: numbers by language, transcripts for the right people, export and erase without a trace', async () => {
    const prefix = uniquePrefix();
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    const redis = connectTestRedis();
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      await addAccount(app, 'omar', 'mentor', ['tr']);
      await addAccount(app, 'lisa', 'staff');
      await addAccount(app, 'root', 'admin');
      const [sara, omar, lisa, root] = ['sara', 'omar', 'lisa', 'root'].map(() => new ConsoleClient(url));
      await sara.login('sara');
      await omar.login('omar');
      await lisa.login('lisa');
      await root.login('root');
      const { person, userId } = await conversationWithMentor(url, connector, sara);

      // Numbers: "how many people reached a mentor, by language?"
      const stats = (await (await lisa.get('/console/api/stats')).json()) as any;
      expect(stats.totals).toMatchObject({ started: 1, consented: 1, intakeCompleted: 1, outcomes: { eligible: 1 }, mentorAsked: 1, mentorTook: 1, ratings: 1, ratingAverage: 5 });
      expect(stats.rows.filter((r: any) => r.mentorTook > 0).map((r: any) => r.language)).toEqual(['ar']);
      expect((await omar.get('/console/api/stats')).status).toBe(403);
      const csv = await lisa.get('/console/api/stats.csv');
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect((await csv.text()).split('\n')[0]).toContain('week,language,started');

      // Transcripts: listed with filters and search; a mentor sees only what they handled.
      const list = (await (await lisa.get('/console/api/transcripts?language=ar&outcome=eligible&mentor=Sara')).json()) as any;
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ channelId: 'emulator', language: 'ar', outcome: 'eligible', mentors: ['Sara'], person: 'آمنة' });
      expect(((await (await lisa.get('/console/api/transcripts?language=tr')).json()) as any).items).toEqual([]);
      const search = (await (await lisa.get(`/console/api/transcripts?q=${encodeURIComponent('شكرا جزيلا')}`)).json()) as any;
      expect(search.items[0].snippet).toBe('شكراً جزيلاً');
      const id = list.items[0].id;
      expect(((await (await omar.get('/console/api/transcripts')).json()) as any).items).toEqual([]);
      expect((await omar.get(`/console/api/transcripts/${id}`)).status).toBe(403);
      const view = (await (await sara.get(`/console/api/transcripts/${id}`)).json()) as any;
      expect(view.person).toMatchObject({ firstName: 'آمنة', language: 'ar', consent: { given: true, language: 'ar' }, assessment: { outcome: 'eligible' } });
      expect(view.person.assessment.reasons[0]).toContain('VIT');
      expect(view.messages.map((m: any) => m.from)).toEqual(expect.arrayContaining(['person', 'bot', 'mentor']));
      expect(view.messages.find((m: any) => m.from === 'mentor')).toMatchObject({ text: 'أهلاً آمنة، أنا سارة', mentorName: 'Sara' });

      // People: find, export everything, erase everything.
      const found = (await (await lisa.get(`/console/api/people?q=${encodeURIComponent('آمنة')}`)).json()) as any;
      expect(found.items).toHaveLength(1);
      expect(found.items[0]).toMatchObject({ label: 'آمنة', language: 'ar', consent: true, outcome: 'eligible', openHandoff: false });
      const key = found.items[0].key;
      const exported = (await (await lisa.post(`/console/api/people/${key}/export`)).json()) as any;
      // Everything held: the record, the index entry, each conversation's catalog entry, state and every
      // activity as kept (who said it, events and channel data included), the handoffs, the audit entries.
      expect(exported.record.intake.answers.firstName).toBe('آمنة');
      expect(exported.peopleIndex).toMatchObject({ channelId: 'emulator', userId, lastAt: expect.any(String) });
      const [conversation] = exported.conversations;
      expect(conversation.catalog).toMatchObject({ channelId: 'emulator', conversationId: person.conversationId, userId, language: 'ar', messageCount: expect.any(Number) });
      expect(conversation.state).not.toBeNull();
      const said = (text: string) => conversation.transcript.find((e: any) => e.activity.text === text);
      expect(said('شكراً جزيلاً')).toMatchObject({ from: 'person', activity: { type: 'message', from: { id: userId, role: 'user' }, conversation: { id: person.conversationId } } });
      expect(said('أهلاً آمنة، أنا سارة')).toMatchObject({ from: 'mentor', mentorName: 'Sara' });
      expect(said(t('handoff:rateQuestion'))).toMatchObject({ from: 'bot', activity: { suggestedActions: expect.anything() } });
      expect(conversation.transcript.some((e: any) => e.activity.type !== 'message')).toBe(true); // events and typing too
      expect(JSON.stringify(conversation.transcript)).not.toContain('vitRelay');
      expect(exported.handoffs[0]).toMatchObject({ status: 'closed', rating: 5 });
      expect(exported.audit.map((e: any) => [e.actor, e.action])).toEqual([['sara', 'view-transcript']]);
      expect(exported.whatsapp).toBeNull();
      expect((await lisa.post(`/console/api/people/${key}/erase`, {})).status).toBe(400); // confirmation needed
      const erased = (await (await lisa.post(`/console/api/people/${key}/erase`, { confirm: true })).json()) as any;
      expect(erased.erased).toEqual({ stateKeys: 2, transcripts: 1, handoffs: 1, appendOnlyFile: 'not-in-use' }); // the tests' Redis keeps no append-only file

      const contents = await keyspace(redis, prefix);
      expect(contents.map(([k]) => k).filter((k) => k.includes(userId) || k.includes(person.conversationId))).toEqual([]);
      for (const [k, content] of contents) expect([k, content.includes(userId) || content.includes(person.conversationId)]).toEqual([k, false]);
      expect(((await (await lisa.get('/console/api/people?q=')).json()) as any).items).toEqual([]);
      expect(((await (await lisa.get('/console/api/transcripts')).json()) as any).items).toEqual([]);

      // Audit log: who viewed, exported and erased, for admins only.
      expect((await lisa.get('/console/api/audit')).status).toBe(403);
      const auditLog = (await (await root.get('/console/api/audit')).json()) as any;
      expect(auditLog.items.map((e: any) => [e.actor, e.action])).toEqual([
        ['lisa', 'search-people'],
        ['lisa', 'erase-person'],
        ['lisa', 'export-person'],
        ['lisa', 'search-people'],
        ['sara', 'view-transcript'],
        ['lisa', 'search-transcripts'],
        ['lisa', 'export-stats'],
      ]);
      expect(JSON.stringify(auditLog)).not.toContain(userId);
      // A search is logged, the words searched for are not (they can name someone).
      expect(auditLog.items.filter((e: any) => e.action.startsWith('search-')).map((e: any) => e.target)).toEqual(['-', '-', '-']);
      for (const words of ['شكرا', 'آمنة']) expect(JSON.stringify(auditLog)).not.toContain(words);
    } finally {
      await redis.quit();
      await stop();
    }
  });
});
