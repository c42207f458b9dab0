import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { eligibleWithMentor } from '../support/eligibleWithMentor';
import { translator } from '../support/chatDriver';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);

describe('journey console API on Redis', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('starts at the intake, lets the mentor and staff move by the table, refuses the rest, shows the board, exports and erases it', async () => {
    const prefix = uniquePrefix();
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    const redis = connectTestRedis();
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      await addAccount(app, 'omar', 'mentor', ['tr']);
      await addAccount(app, 'lisa', 'staff');
      await addAccount(app, 'root', 'admin');
      const [sara, omar, lisa, root] = ['sara', 'omar', 'lisa', 'root'].map(() => new ConsoleClient(url));
      for (const [client, name] of [[sara, 'sara'], [omar, 'omar'], [lisa, 'lisa'], [root, 'root']] as const) await client.login(name);
      const { person, handoffId, userId } = await eligibleWithMentor(url, connector, sara);
      const journeyPath = `/console/api/handoffs/${handoffId}/journey`;

      // The bot started the journey and moved on to motivation: she wrote why she wants IT work.
      const first = (await (await sara.get(journeyPath)).json()) as any;
      expect(first.journey.stage).toBe('motivation');
      expect(first.journey.moves.map((m: any) => [m.to, m.by.kind])).toEqual([['intake-done', 'bot'], ['motivation', 'bot']]);
      expect(first.allowed).toEqual(['mentor-talk-booked']);

      // Another mentor who never had her: no access.
      expect((await omar.get(journeyPath)).status).toBe(403);
      expect((await omar.post(`${journeyPath}/moves`, { to: 'mentor-talk-booked', reason: 'x' })).status).toBe(403);

      // Sara books the talk; a decision is staff's: refused with the rules' reason.
      const booked = (await (await sara.post(`${journeyPath}/moves`, { to: 'mentor-talk-booked', reason: 'Dinsdag 10:00 via Teams' })).json()) as any;
      expect(booked.journey).toMatchObject({ stage: 'mentor-talk-booked', mentor: { firstName: 'Sara' } });
      expect(booked.journey.moves.at(-1)).toMatchObject({ from: 'motivation', to: 'mentor-talk-booked', by: { kind: 'mentor', firstName: 'Sara' }, reason: 'Dinsdag 10:00 via Teams' });
      const refused = await sara.post(`${journeyPath}/moves`, { to: 'selected', reason: 'great talk' });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ error: 'journey-refused', refusal: { code: 'not-allowed', from: 'mentor-talk-booked', to: 'selected', actor: 'mentor' } });
      const noReason = await sara.post(`${journeyPath}/moves`, { to: 'mentor-talk-held', reason: '  ' });
      expect(await noReason.json()).toMatchObject({ error: 'journey-refused', refusal: { code: 'reason-missing' } });
      expect((await sara.post(`${journeyPath}/moves`, { to: 'no-such-stage', reason: 'x' })).status).toBe(400);
      expect((await sara.post(`${journeyPath}/moves`, { to: 'mentor-talk-held', reason: 'x'.repeat(501) })).status).toBe(400);

      // The newcomer asks where she is: the stage in her words, and her mentor's name.
      await sara.post(`/console/api/handoffs/${handoffId}/close`, { outcome: 'helped', note: '' });
      await person.hears(t('handoff:rateQuestion'));
      await person.say('5');
      await person.hears(t('handoff:ratingThanks'));
      await person.say('وين وصلت؟');
      await waitFor(() => connector.repliesIn(person.conversationId).some((a) => a.text?.includes(t('journey:stage.mentor-talk-booked'))), 'the stage told');
      const told = connector.repliesIn(person.conversationId).find((a) => a.text?.includes(t('journey:stage.mentor-talk-booked')))!;
      expect(told.text).toContain(t('journey:askMentor', { name: 'Sara' }));

      // The board: staff only, counts per stage, filters, no user id.
      expect((await sara.get('/console/api/journeys')).status).toBe(403);
      const board = (await (await lisa.get('/console/api/journeys')).json()) as any;
      expect(board.counts).toMatchObject({ 'intake-done': 0, motivation: 0, 'mentor-talk-booked': 1 });
      expect(board.items).toEqual([
        expect.objectContaining({ firstName: 'آمنة', language: 'ar', province: 'Overijssel', track: 'eligible', mentor: 'Sara', stage: 'mentor-talk-booked', daysInStage: 0, overdue: null }),
      ]);
      expect(board.choices).toEqual({ languages: ['ar'], provinces: ['Overijssel'], tracks: ['eligible'], mentors: ['Sara'] });
      // When homework counts as late, as configured: JOURNEY_HOMEWORK_DAYS for every track, until a track sets its own days.
      expect(board.homeworkDays).toEqual({ least: 14, most: 14 });
      expect((await lisa.post('/console/api/homework/eligible', { texts: { nl: 'Maak een webpagina.' }, days: 5 })).status).toBe(200);
      expect(((await (await lisa.get('/console/api/journeys')).json()) as any).homeworkDays).toEqual({ least: 5, most: 14 });
      expect(JSON.stringify(board)).not.toContain(userId);
      for (const [filter, shown] of [['language=ar', 1], ['language=tr', 0], ['province=Groningen', 0], ['track=eligible', 1], ['mentor=Sara', 1], ['mentor=Omar', 0]] as const) {
        expect([filter, ((await (await lisa.get(`/console/api/journeys?${filter}`)).json()) as any).items.length]).toEqual([filter, shown]);
      }
      expect((await lisa.get(`/console/api/journeys?province=${'x'.repeat(41)}`)).status).toBe(400);

      // Staff move from the board (by the person's key): a missed talk shows as overdue.
      const key = board.items[0].key;
      const missed = (await (await lisa.post(`/console/api/people/${key}/journey/moves`, { to: 'mentor-talk-missed', reason: 'Niet gekomen' })).json()) as any;
      expect(missed).toMatchObject({ journey: { stage: 'mentor-talk-missed', mentor: { firstName: 'Sara' } }, overdue: 'talk-missed' });
      expect(missed.allowed).toEqual(['mentor-talk-booked', 'not-selected', 'talent-pool']);
      expect((await sara.get(`/console/api/people/${key}/journey`)).status).toBe(403); // the People page's keys are staff's
      const again = (await (await lisa.get('/console/api/journeys')).json()) as any;
      expect(again.counts).toMatchObject({ 'mentor-talk-booked': 0, 'mentor-talk-missed': 1 });
      expect(again.items[0].overdue).toBe('talk-missed');

      // The transcript's side panel reaches the same journey.
      const transcriptJourney = (await (await lisa.get(`/console/api/transcripts/${again.items[0].transcriptId}/journey`)).json()) as any;
      expect(transcriptJourney.journey.stage).toBe('mentor-talk-missed');

      // Export: the journey with every move; the audit log has each view and move.
      const exported = (await (await lisa.post(`/console/api/people/${key}/export`)).json()) as any;
      expect(exported.journey.moves.map((m: any) => [m.to, m.by.kind, m.reason])).toEqual([
        ['intake-done', 'bot', 'intake-finished'],
        ['motivation', 'bot', 'intake-motivation'],
        ['mentor-talk-booked', 'mentor', 'Dinsdag 10:00 via Teams'],
        ['mentor-talk-missed', 'staff', 'Niet gekomen'],
      ]);
      const auditLog = (await (await root.get('/console/api/audit')).json()) as any;
      const actions = auditLog.items.map((e: any) => `${e.actor}:${e.action}`);
      expect(actions.filter((a: string) => a.endsWith('move-journey'))).toEqual(['lisa:move-journey', 'sara:move-journey']);
      expect(actions).toContain('lisa:view-journey-board');
      expect(JSON.stringify(auditLog)).not.toContain(userId);

      // Erase: the journey goes with the person, from the board too; no key or value names her.
      const tag = (await keyspace(redis, prefix)).map(([k]) => k).find((k) => k.startsWith(`${prefix}journey:`));
      expect(tag).toBeDefined();
      expect(tag).not.toContain(userId);
      await lisa.post(`/console/api/people/${key}/erase`, { confirm: true });
      expect(((await (await lisa.get('/console/api/journeys')).json()) as any).items).toEqual([]);
      const contents = await keyspace(redis, prefix);
      expect(contents.filter(([k]) => k.startsWith(`${prefix}journey`))).toEqual([]);
      for (const [k, content] of contents) expect([k, content.includes(userId)]).toEqual([k, false]);
      expect((await (await lisa.get(`/console/api/people/${key}/journey`)).json()) as any).toMatchObject({ journey: null, allowed: [] });
    } finally {
      await redis.quit();
      await stop();
    }
  });
});
