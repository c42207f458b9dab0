import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { translator } from '../support/chatDriver';
import { keyspace, connectTestRedis, testRedisUrl, uniquePrefix } from '../support/testRedis';
import type { UnansweredGroup } from '../../src/console/consoleUnansweredRoutes';

const en = (key: string) => translator().t('en', key);
const personKey = (newcomer: Newcomer) => Buffer.from(JSON.stringify(['emulator', `user-${newcomer.conversationId}`])).toString('base64url');

async function groups(staff: ConsoleClient, query = ''): Promise<UnansweredGroup[]> {
  const response = await staff.get(`/console/api/unanswered${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { groups: UnansweredGroup[] }).groups;
}

async function askInFaq(newcomer: Newcomer, question: string, reply: string) {
  await newcomer.say(question);
  await newcomer.hears(reply);
}

describe('unanswered questions for staff (two instances sharing Redis)', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector?.stop();
  });

  it('keeps what the bot was unsure of, masked and without the person; staff make it an example and both instances answer it', async () => {
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() };
    const first = await startTestApp(env);
    const second = await startTestApp(env);
    const redis = connectTestRedis();
    try {
      await addAccount(first.app, 'lisa', 'staff');
      const lisa = new ConsoleClient(first.url);
      expect((await lisa.login('lisa')).status).toBe(200);

      const amina = new Newcomer(first.url, connector, `conv-${uniquePrefix()}`);
      await amina.startAndConsent('en');
      await amina.say(en('common:menu.faq'));
      await amina.hears(en('faq:ask'));
      await askInFaq(amina, 'where can i buy a cheap bicycle', en('faq:notSure'));
      await askInFaq(amina, 'can you sing a song for my wedding? mail omar.k@example.com or call 06-12345678', en('faq:notSure'));

      const found = await groups(lisa);
      expect(found.map((g) => g.text)).toEqual(['can you sing a song for my wedding? mail [e-mail] or call [number]', 'where can i buy a cheap bicycle']);
      const [bicycle] = found[1].items;
      expect(bicycle).toMatchObject({ lang: 'en', reason: 'unsure', status: 'open' });
      expect(typeof bicycle.guess.confidence).toBe('number');
      // Nothing names the person: not in the API, not in Redis keys or values.
      const listed = JSON.stringify(found);
      expect(listed).not.toContain(amina.conversationId);
      expect(listed).not.toContain('author');
      const stored = await keyspace(redis, env.REDIS_KEY_PREFIX);
      const unansweredKeys = stored.filter(([key]) => key.includes('{unanswered}'));
      expect(unansweredKeys.length).toBe(2);
      expect(JSON.stringify(unansweredKeys)).not.toMatch(/omar|12345678|user-conv/);

      // Staff: bad input is refused, then the bicycle question becomes an example of "other-help".
      expect((await lisa.post(`/console/api/unanswered/${bicycle.id}/example`, { topic: 'no-such-topic' })).status).toBe(400);
      expect((await lisa.post('/console/api/unanswered/not-an-id/example', { topic: 'other-help' })).status).toBe(404);
      const made = await lisa.post(`/console/api/unanswered/${bicycle.id}/example`, { topic: 'other-help' });
      expect(made.status).toBe(200);
      expect(((await made.json()) as { question: { status: string; topic: string } }).question).toMatchObject({ status: 'example', topic: 'other-help' });
      expect(await groups(lisa)).toHaveLength(1); // only the open one is left
      expect((await groups(lisa, '?status=all')).length).toBe(2);

      // The same question now gets the answer, on this instance and (over pub/sub) on the other.
      await askInFaq(amina, 'where can i buy a cheap bicycle', en('faq:topics.other-help.answer'));
      const omar = new Newcomer(second.url, connector, `conv-${uniquePrefix()}`);
      await omar.startAndConsent('en');
      await omar.say(en('common:menu.faq'));
      await omar.hears(en('faq:ask'));
      await askInFaq(omar, 'Where can I buy a cheap bicycle?', en('faq:topics.other-help.answer'));

      const audit = await first.app.records.audit.between(new Date(0), new Date());
      expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['view-unanswered', 'add-faq-example']));
      expect(audit.find((e) => e.action === 'add-faq-example')).toMatchObject({ actor: 'lisa', target: `${bicycle.id} → other-help` });

      // Her subject-access export holds her questions; erasing her removes them, and the example with them.
      const exported = await lisa.post(`/console/api/people/${personKey(amina)}/export`);
      const data = (await exported.json()) as { unansweredQuestions: Array<{ text: string }> };
      expect(data.unansweredQuestions.map((q) => q.text).sort()).toEqual(['can you sing a song for my wedding? mail [e-mail] or call [number]', 'where can i buy a cheap bicycle']);
      expect((await lisa.post(`/console/api/people/${personKey(amina)}/erase`, { confirm: true })).status).toBe(200);
      expect(await groups(lisa, '?status=all')).toEqual([]);
      await askInFaq(omar, 'where can i buy a cheap bicycle', en('faq:notSure'));
    } finally {
      await redis.quit();
      await first.stop();
      await second.stop();
    }
  });

  it('keeps an answer marked not helpful, out of scope and new answer are recorded, and nothing is kept without consent', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      await addAccount(app, 'sara', 'admin');
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const amina = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
      await amina.startAndConsent('en');
      await amina.say(en('common:menu.faq'));
      await amina.hears(en('faq:ask'));
      await askInFaq(amina, 'do I need my own laptop?', en('faq:topics.equipment.answer'));
      await askInFaq(amina, en('faq:feedback.notHelpful'), en('faq:feedback.sorry'));
      await askInFaq(amina, 'can you sing a song for my wedding?', en('faq:notSure'));
      await askInFaq(amina, 'Can you sing a song for my wedding', en('faq:notSure'));

      const byCount = await groups(sara, '?order=frequent');
      expect(byCount.map((g) => [g.count, g.items[0].reason])).toEqual([[2, 'unsure'], [1, 'notHelpful']]);
      expect(byCount[1].items[0]).toMatchObject({ text: 'do I need my own laptop?', guess: { intent: 'equipment' } });
      const [song] = byCount[0].items;
      // Made an example, then out of scope after all: the bot answers it, then no longer.
      expect((await sara.post(`/console/api/unanswered/${song.id}/example`, { topic: 'other-help' })).status).toBe(200);
      await askInFaq(amina, 'can you sing a song for my wedding', en('faq:topics.other-help.answer'));
      expect((await sara.post(`/console/api/unanswered/${song.id}/out-of-scope`)).status).toBe(200);
      await askInFaq(amina, 'Can you sing a song for my wedding?', en('faq:notSure'));
      expect((await sara.post(`/console/api/unanswered/${byCount[1].items[0].id}/new-answer`)).status).toBe(200);
      const all = (await groups(sara, '?status=all')).flatMap((g) => g.items).map((i) => i.status).sort();
      expect(all).toEqual(['new-answer', 'open', 'open', 'out-of-scope']);
      const actions = (await app.records.audit.between(new Date(0), new Date())).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['mark-out-of-scope', 'needs-new-answer']));

      // Declining consent: the FAQ still answers, but the question is not kept.
      const before = (await groups(sara, '?status=all')).flatMap((g) => g.items).length;
      const omar = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
      await omar.say('hi');
      await omar.hears(translator().t('nl', 'common:greeting'));
      await omar.say(en('language:names.en'));
      await omar.hears(en('consent:question'));
      await omar.say(en('consent:decline'));
      await omar.hears(en('consent:declined'));
      await omar.say(en('common:menu.faq'));
      await omar.hears(en('faq:ask'));
      await askInFaq(omar, 'where can i buy a cheap bicycle', en('faq:notSure'));
      expect((await groups(sara, '?status=all')).flatMap((g) => g.items).length).toBe(before);
    } finally {
      await stop();
    }
  });
});
