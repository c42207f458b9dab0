import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { eligibleWithMentor } from '../support/eligibleWithMentor';
import { translator } from '../support/chatDriver';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const HOMEWORK_AR = 'يُرجى صنع صفحة ويب صغيرة عن مدينتك.';

/** Waits for a reply that contains `part`, and returns its text. */
async function heard(connector: FakeConnector, person: Newcomer, part: string): Promise<string> {
  const found = await waitFor(() => connector.repliesIn(person.conversationId).find((a) => a.text?.includes(part)), `the newcomer hearing "${part.slice(0, 40)}"`);
  return found.text!;
}

describe('homework, review and the decision on Redis', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('staff set homework, the mentor gives it, the person hands it in, the mentor reviews, staff decide; the funnel counts it; export and erase', async () => {
    const prefix = uniquePrefix();
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    const redis = connectTestRedis();
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      await addAccount(app, 'lisa', 'staff');
      const [sara, lisa] = [new ConsoleClient(url), new ConsoleClient(url)];
      await sara.login('sara');
      await lisa.login('lisa');

      // Staff set the homework for the eligible track; a link that is not http(s) is refused, mentors may not.
      const definition = { texts: { ar: HOMEWORK_AR, nl: 'Maak een kleine webpagina over je stad.' }, link: 'https://example.org/opdracht', days: 10 };
      const badLink = await lisa.post('/console/api/homework/eligible', { ...definition, link: 'javascript:alert(1)' });
      expect([badLink.status, ((await badLink.json()) as any).error]).toEqual([400, 'link-not-http']);
      expect((await lisa.post('/console/api/homework/eligible', { ...definition, days: 0 })).status).toBe(400);
      expect((await lisa.post('/console/api/homework/no-such-track', definition)).status).toBe(404);
      expect((await sara.post('/console/api/homework/eligible', definition)).status).toBe(403);
      expect((await lisa.post('/console/api/homework/eligible', definition)).status).toBe(200);
      const list = (await (await lisa.get('/console/api/homework')).json()) as any;
      expect(list.definitions).toEqual([expect.objectContaining({ track: 'eligible', days: 10, link: 'https://example.org/opdracht', updatedBy: 'Lisa' })]);
      expect(list.tracks).toContain('eligible');

      const { person, handoffId, userId } = await eligibleWithMentor(url, connector, sara);
      const journeyPath = `/console/api/handoffs/${handoffId}/journey`;
      for (const to of ['mentor-talk-booked', 'mentor-talk-held']) expect((await sara.post(`${journeyPath}/moves`, { to, reason: 'het gesprek' })).status).toBe(200);

      // The mentor gives the homework: the person gets the track's text in Arabic, the link and the due date.
      const given = (await (await sara.post(`${journeyPath}/moves`, { to: 'homework-given', reason: 'goed gesprek' })).json()) as any;
      expect(given).toMatchObject({ journey: { stage: 'homework-given', homework: { track: 'eligible', link: 'https://example.org/opdracht' } }, delivery: 'sent' });
      expect(Date.parse(given.due) - Date.parse(given.journey.since)).toBe(10 * 86_400_000);
      const homework = await heard(connector, person, HOMEWORK_AR);
      expect(homework).toContain(t('journey:homework.given'));
      expect(homework).toContain('https://example.org/opdracht');
      expect(homework).toContain(t('journey:homework.howToSend'));

      // She hands it in from the chat (the mentor's conversation is closed first: the bot answers again).
      await sara.post(`/console/api/handoffs/${handoffId}/close`, { outcome: 'helped', note: '' });
      await person.hears(t('handoff:rateQuestion'));
      await person.say('5');
      await person.hears(t('handoff:ratingThanks'));
      await person.say('واجبي: https://github.com/amina/stad');
      await person.hears(t('journey:homework.received'));
      const submitted = (await (await sara.get(journeyPath)).json()) as any;
      expect(submitted.journey.stage).toBe('homework-submitted');
      expect(submitted.journey.homework.submissions).toEqual([expect.objectContaining({ text: 'https://github.com/amina/stad' })]);

      // Review: a note is needed; "try again" sends her back with the note as Sara wrote it; then passed.
      expect((await sara.post(`${journeyPath}/homework/review`, { verdict: 'again', note: ' ' })).status).toBe(400);
      expect((await sara.post(`${journeyPath}/homework/review`, { verdict: 'maybe', note: 'x' })).status).toBe(400);
      const again = (await (await sara.post(`${journeyPath}/homework/review`, { verdict: 'again', note: 'Voeg een foto toe.' })).json()) as any;
      expect(again).toMatchObject({ journey: { stage: 'homework-given' }, delivery: 'sent' });
      await heard(connector, person, t('journey:homework.again', { name: 'Sara', note: 'Voeg een foto toe.' }));
      await person.say('واجبي: https://github.com/amina/stad-met-foto');
      await waitFor(async () => ((await (await sara.get(journeyPath)).json()) as any).journey.stage === 'homework-submitted', 'the second hand-in');
      const passed = (await (await sara.post(`${journeyPath}/homework/review`, { verdict: 'passed', note: 'Mooi werk!' })).json()) as any;
      expect(passed).toMatchObject({ journey: { stage: 'homework-reviewed' }, delivery: 'sent' });
      expect(passed.journey.homework.reviews.map((r: any) => [r.verdict, r.note, r.by.firstName])).toEqual([['again', 'Voeg een foto toe.', 'Sara'], ['passed', 'Mooi werk!', 'Sara']]);
      await heard(connector, person, t('journey:homework.passed', { name: 'Sara', note: 'Mooi werk!' }));
      // A review when there is nothing to review: refused by the table.
      const twice = await sara.post(`${journeyPath}/homework/review`, { verdict: 'passed', note: 'nog eens' });
      expect([twice.status, ((await twice.json()) as any).refusal?.code]).toEqual([409, 'not-allowed']);

      // The intake interview: the decision is staff's, and she hears it kindly in Arabic.
      expect((await sara.post(`${journeyPath}/moves`, { to: 'selection-intake', reason: 'klaar voor het gesprek' })).status).toBe(200);
      expect((await sara.post(`${journeyPath}/moves`, { to: 'selected', reason: 'x' })).status).toBe(409);
      const board = (await (await lisa.get('/console/api/journeys')).json()) as any;
      const key = board.items[0].key;
      const selected = (await (await lisa.post(`/console/api/people/${key}/journey/moves`, { to: 'selected', reason: 'Sterk interview' })).json()) as any;
      expect(selected).toMatchObject({ journey: { stage: 'selected' }, delivery: 'sent' });
      await person.hears(t('journey:decision.selected'));

      // The funnel: staff only, counts per week and language, no person in it.
      expect((await sara.get('/console/api/journey-funnel')).status).toBe(403);
      const funnel = (await (await lisa.get('/console/api/journey-funnel')).json()) as any;
      const reached = (stage: string) => funnel.rows.reduce((sum: number, r: any) => sum + r.reached[stage], 0);
      expect(funnel.rows.every((r: any) => r.language === 'ar')).toBe(true);
      expect(['intake-done', 'homework-given', 'homework-submitted', 'homework-reviewed', 'selected', 'not-selected'].map(reached)).toEqual([1, 1, 1, 1, 1, 0]);
      expect(funnel.steps.find((s: any) => s.from === 'homework-given' && s.language === 'all')).toMatchObject({ to: 'homework-submitted', people: 1 });
      expect(JSON.stringify(funnel)).not.toContain(userId);
      expect(JSON.stringify(funnel)).not.toContain('Sara');
      const csv = await lisa.get('/console/api/journey-funnel.csv');
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const csvText = await csv.text();
      expect(csvText.split('\n')[0]).toContain('reached:homework-submitted');
      expect(csvText).not.toContain(userId);

      // Her homework is in her export, and goes with her when she is erased.
      const exported = (await (await lisa.post(`/console/api/people/${key}/export`)).json()) as any;
      expect(exported.journey.homework.submissions.map((s: any) => s.text)).toEqual(['https://github.com/amina/stad', 'https://github.com/amina/stad-met-foto']);
      await lisa.post(`/console/api/people/${key}/erase`, { confirm: true });
      const contents = await keyspace(redis, prefix);
      for (const [k, content] of contents) expect([k, content.includes('amina/stad')]).toEqual([k, false]);
      expect(contents.map(([k]) => k)).toContain(`${prefix}homework`);
    } finally {
      await redis.quit();
      await stop();
    }
  });
});
