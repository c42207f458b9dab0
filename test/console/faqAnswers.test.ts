import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { translator } from '../support/chatDriver';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { FSI, PDI } from '../../src/i18n/bidi';
import { renderAnswer } from '../../src/i18n/editedAnswers';
import { retentionDays } from '../../src/bot/createBot';
import { testConfig } from '../support/testApp';

const en = (key: string, vars?: Record<string, unknown>) => translator().t('en', key, vars);

interface View {
  lang: string;
  text: string | null;
  seed: string | null;
  edited: boolean;
  version: number;
  status: string;
  review: { by: string } | null;
  history: Array<{ version: number; change: string; by: string; text: string | null; previous: string | null }>;
}

async function topic(staff: ConsoleClient, id: string): Promise<Record<string, View>> {
  const response = await staff.get(`/console/api/answers/${id}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { languages: View[] };
  return Object.fromEntries(body.languages.map((l) => [l.lang, l]));
}

async function enterFaq(newcomer: Newcomer, lng: 'en' | 'ar') {
  await newcomer.say(translator().t(lng, 'common:menu.faq'));
  await newcomer.hears(translator().t(lng, 'faq:ask'));
}

/** Asks in the FAQ and waits for this reply to come once more than before (it may have come earlier). */
async function ask(newcomer: Newcomer, question: string, reply: string) {
  const times = () => newcomer.texts().filter((t) => t === reply).length;
  const before = times();
  await newcomer.say(question);
  await waitFor(() => times() > before, `the reply "${reply.slice(0, 60)}"`);
}

describe('FAQ answers staff edit in the console', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector?.stop();
  });

  it('lets staff and admins in, mentors and strangers not, and refuses a change without the CSRF token', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      await addAccount(app, 'lisa', 'staff');
      await addAccount(app, 'sara', 'admin');
      await addAccount(app, 'mo', 'mentor');
      const anonymous = new ConsoleClient(url);
      expect((await anonymous.get('/console/api/answers')).status).toBe(401);
      const mo = new ConsoleClient(url);
      await mo.login('mo');
      expect((await mo.get('/console/api/answers')).status).toBe(403);
      expect((await mo.get('/console/api/answers/costs')).status).toBe(403);
      expect((await mo.post('/console/api/answers/costs/en', { text: 'Free.', version: 0 })).status).toBe(403);
      const lisa = new ConsoleClient(url);
      await lisa.login('lisa');
      expect((await lisa.post('/console/api/answers/costs/en', { text: 'Free.', version: 0 }, 'wrong-token')).status).toBe(403);
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      expect((await sara.get('/console/api/answers')).status).toBe(200);
      expect((await topic(lisa, 'costs')).en).toMatchObject({ edited: false, version: 0, status: 'not-reviewed', text: en('faq:topics.costs.answer') });
      expect(await app.records.audit.between(new Date(0), new Date())).toEqual([]);
    } finally {
      await stop();
    }
  });

  it('refuses markup, Markdown links, an empty or too long answer, and unknown topics, with a reason the page can show', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      await addAccount(app, 'lisa', 'staff');
      const lisa = new ConsoleClient(url);
      await lisa.login('lisa');
      const refused = async (text: unknown, problem: string) => {
        const response = await lisa.post('/console/api/answers/costs/en', { text, version: 0 });
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: 'bad-answer', problem });
      };
      await refused('<b>Free</b>', 'markup');
      await refused('See [our site](https://evil.example)', 'link');
      await refused('  \n ', 'empty');
      await refused('x'.repeat(4097), 'too-long');
      await refused('Hello {{name}}', 'placeholder');
      expect((await lisa.post('/console/api/answers/costs/en', { text: 42, version: 0 })).status).toBe(400);
      expect((await lisa.post('/console/api/answers/costs/en', { text: 'Free.' })).status).toBe(400);
      expect((await lisa.post('/console/api/answers/no-such-topic/en', { text: 'Free.', version: 0 })).status).toBe(404);
      expect((await lisa.post('/console/api/answers/costs/de', { text: 'Frei.', version: 0 })).status).toBe(404);
      // Bounded: a body far larger than any answer is not read as one.
      expect((await lisa.post('/console/api/answers/costs/en', { text: 'a'.repeat(100_000), version: 0 })).status).toBe(413);
      expect((await topic(lisa, 'costs')).en.version).toBe(0);
    } finally {
      await stop();
    }
  });

  it('versions every change with who and the text before, keeps a review only on the reviewed text, and reverts to locales/', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      await addAccount(app, 'lisa', 'staff');
      await addAccount(app, 'sara', 'admin');
      const lisa = new ConsoleClient(url);
      await lisa.login('lisa');
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const seed = en('faq:topics.costs.answer');

      expect((await lisa.post('/console/api/answers/costs/en', { text: 'VIT is free for you.\r\n\r\n*No* costs at all.  ', version: 0 })).status).toBe(200);
      // Sara saw version 0: her change would overwrite Lisa's, so it is refused.
      const late = await sara.post('/console/api/answers/costs/en', { text: 'Nothing to pay.', version: 0 });
      expect(late.status).toBe(409);
      expect(await late.json()).toMatchObject({ error: 'changed', version: 1 });
      expect((await sara.post('/console/api/answers/costs/en/review', { version: 1 })).status).toBe(200);
      let en1 = (await topic(lisa, 'costs')).en;
      expect(en1).toMatchObject({ text: 'VIT is free for you.\n\n*No* costs at all.', edited: true, version: 2, status: 'reviewed', review: { by: 'sara' } });
      expect((await lisa.post('/console/api/answers/costs/en', { text: 'VIT is free.', version: 2 })).status).toBe(200);
      expect((await topic(lisa, 'costs')).en).toMatchObject({ version: 3, status: 'not-reviewed', review: null });
      expect((await lisa.post('/console/api/answers/costs/en/revert', { version: 3 })).status).toBe(200);
      en1 = (await topic(lisa, 'costs')).en;
      expect(en1).toMatchObject({ text: seed, edited: false, version: 4, status: 'not-reviewed' });
      expect(en1.history.map((h) => [h.version, h.change, h.by, h.text, h.previous])).toEqual([
        [4, 'revert', 'lisa', null, 'VIT is free.'],
        [3, 'edit', 'lisa', 'VIT is free.', 'VIT is free for you.\n\n*No* costs at all.'],
        [2, 'review', 'sara', 'VIT is free for you.\n\n*No* costs at all.', 'VIT is free for you.\n\n*No* costs at all.'],
        [1, 'edit', 'lisa', 'VIT is free for you.\n\n*No* costs at all.', null],
      ]);
      // The other languages are untouched, and the overview says where each one stands.
      const overview = (await (await lisa.get('/console/api/answers?lang=nl')).json()) as {
        topics: Array<{ topic: string; title: string; languages: Array<{ lang: string; status: string }> }>;
        refit: { due: boolean; staffExamples: number; command: string };
      };
      const costs = overview.topics.find((t) => t.topic === 'costs')!;
      expect(costs.title).toBe(translator().t('nl', 'faq:topics.costs.title'));
      expect(costs.languages.map((l) => l.status)).toEqual(['not-reviewed', 'not-reviewed', 'not-reviewed', 'not-reviewed', 'not-reviewed', 'not-reviewed']);
      expect(overview.refit).toMatchObject({ staffExamples: 0, command: 'npm run calibrate:faq' });
      const audit = await app.records.audit.between(new Date(0), new Date());
      expect(audit.map((e) => [e.actor, e.action, e.target]).reverse()).toEqual([
        ['lisa', 'edit-faq-answer', 'costs/en v1'],
        ['sara', 'review-faq-answer', 'costs/en v2'],
        ['lisa', 'edit-faq-answer', 'costs/en v3'],
        ['lisa', 'revert-faq-answer', 'costs/en v4'],
      ]);
    } finally {
      await stop();
    }
  });

  it('an answer edited on one instance reaches a newcomer on the other at once, and going back to the seed too', async () => {
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() };
    const first = await startTestApp(env);
    const second = await startTestApp(env);
    try {
      await addAccount(first.app, 'lisa', 'staff');
      const lisa = new ConsoleClient(first.url);
      await lisa.login('lisa');
      const omar = new Newcomer(second.url, connector, `conv-${uniquePrefix()}`);
      await omar.startAndConsent('en');
      await enterFaq(omar, 'en');
      await ask(omar, 'do I need my own laptop?', en('faq:topics.equipment.answer'));

      const edited = 'You get a laptop from the training. You do not need to buy one. 💻';
      expect((await lisa.post('/console/api/answers/equipment/en', { text: edited, version: 0 })).status).toBe(200);
      await ask(omar, 'do I need my own laptop?', edited);

      // In Arabic the edited text is isolated like the seed texts, and the privacy answer's days are filled in.
      const arabic = 'نحذف بياناتك بعد {{answerDays}} يوما. اكتب delete.';
      expect((await lisa.post('/console/api/answers/privacy/ar', { text: arabic, version: 0 })).status).toBe(200);
      const sent = renderAnswer('ar', arabic, retentionDays(testConfig(env)));
      expect(sent).toMatch(new RegExp(`^نحذف بياناتك بعد ${FSI}\\d+${PDI} يوما\\. اكتب ${FSI}delete${PDI}\\.$`));
      const amina = new Newcomer(second.url, connector, `conv-${uniquePrefix()}`);
      await amina.startAndConsent('ar');
      await enterFaq(amina, 'ar');
      await ask(amina, 'شو بتعملو بمعلوماتي', sent);

      expect((await lisa.post('/console/api/answers/equipment/en/revert', { version: 1 })).status).toBe(200);
      await ask(omar, 'do I need my own laptop?', en('faq:topics.equipment.answer'));
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
