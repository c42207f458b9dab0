import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { Newcomer } from '../support/newcomer';
import { translator } from '../support/chatDriver';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { vitBot } from '../support/vitBot';

const en = (key: string) => translator().t('en', key);

async function versions(staff: ConsoleClient, topic: string): Promise<Record<string, { version: number; text: string; status: string }>> {
  const body = (await (await staff.get(`/console/api/answers/${topic}`)).json()) as { languages: Array<{ lang: string; version: number; text: string; status: string }> };
  return Object.fromEntries(body.languages.map((l) => [l.lang, l]));
}

describe('vit-bot faq export and import', () => {
  jest.setTimeout(60_000);

  it('moves the edited answers from one installation to another, where the running bot uses them at once; a bad file changes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vit-faq-'));
    const from = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() };
    const to = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() };
    const connector = await new FakeConnector().start();
    const source = await startTestApp(from);
    const target = await startTestApp(to);
    try {
      await addAccount(source.app, 'lisa', 'staff');
      const lisa = new ConsoleClient(source.url);
      await lisa.login('lisa');
      const costs = 'VIT is free for you. The employer pays the training.';
      expect((await lisa.post('/console/api/answers/costs/en', { text: costs, version: 0 })).status).toBe(200);
      expect((await lisa.post('/console/api/answers/costs/en/review', { version: 1 })).status).toBe(200);
      expect((await lisa.post('/console/api/answers/age/nl', { text: 'Je leeftijd maakt niet uit.', version: 0 })).status).toBe(200);

      const file = path.join(dir, 'answers.json');
      const exported = await vitBot(['faq', 'export', file], from);
      expect(exported.stderr).toBe('exported 2 edited answer(s)\n');
      expect(exported.code).toBe(0);
      const content = JSON.parse(readFileSync(file, 'utf8'));
      expect(content).toMatchObject({ format: 'vit-wegwijzer/faq-answers', version: 1 });
      expect(content.answers.map((a: { topic: string; lang: string; text: string; reviewed: unknown }) => [a.topic, a.lang, a.text, !!a.reviewed])).toEqual([
        ['costs', 'en', costs, true],
        ['age', 'nl', 'Je leeftijd maakt niet uit.', false],
      ]);
      const toStdout = await vitBot(['faq', 'export'], from);
      expect(JSON.parse(toStdout.stdout).answers).toEqual(content.answers);

      // The other installation: a newcomer gets the seed, then the imported text, without a restart.
      await addAccount(target.app, 'omar', 'admin');
      const omar = new ConsoleClient(target.url);
      await omar.login('omar');
      const amina = new Newcomer(target.url, connector, `conv-${uniquePrefix()}`);
      await amina.startAndConsent('en');
      await amina.say(en('common:menu.faq'));
      await amina.hears(en('faq:ask'));
      await amina.say('is it free?');
      await amina.hears(en('faq:topics.costs.answer'));

      // Bad files: each says what is wrong, exits 1, and writes nothing.
      const bad = async (name: string, text: string, message: RegExp) => {
        writeFileSync(path.join(dir, name), text);
        const run = await vitBot(['faq', 'import', path.join(dir, name)], to);
        expect(run.stderr).toMatch(message);
        expect(run.code).toBe(1);
      };
      await bad('truncated.json', readFileSync(file, 'utf8').slice(0, 100), /^faq import: the file is not JSON .*nothing was changed\n$/);
      await bad('shape.json', JSON.stringify({ ...content, answers: [{ ...content.answers[0], topic: 'no-such-topic' }] }), /nothing was changed:\n {2}answers\.0\.topic: /);
      const oneBad = { ...content, answers: [content.answers[0], { ...content.answers[1], text: 'Klik <a href="https://evil.example">hier</a>' }] };
      await bad('markup.json', JSON.stringify(oneBad), /answers\.1 \(age\/nl\): the text has HTML markup/);
      const twice = { ...content, answers: [content.answers[0], content.answers[0]] };
      await bad('twice.json', JSON.stringify(twice), /answers\.1 \(costs\/en\): this topic and language come twice/);
      const missing = await vitBot(['faq', 'import', path.join(dir, 'nope.json')], to);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^vit-bot: ENOENT/);
      expect((await versions(omar, 'costs')).en.version).toBe(0);
      expect((await versions(omar, 'age')).nl.version).toBe(0);

      const imported = await vitBot(['faq', 'import', file], to);
      expect(imported.stderr).toBe('imported 2 answer(s); running bots use them now\n');
      expect(imported.code).toBe(0);
      expect((await versions(omar, 'costs')).en).toMatchObject({ version: 1, text: costs, status: 'reviewed' });
      expect((await versions(omar, 'age')).nl).toMatchObject({ version: 1, status: 'not-reviewed' });
      const times = () => amina.texts().filter((t) => t === costs).length;
      await waitFor(async () => {
        // The announcement reaches the running bot; ask until the new text comes (each ask is answered).
        const before = amina.texts().length;
        await amina.say('is it free?');
        await waitFor(() => amina.texts().length > before, 'an answer');
        return times() > 0;
      }, 'the imported answer');
      // The command-line FAQ answers as the bot does.
      const asked = await vitBot(['faq', '--lang', 'en', 'is it free?'], to);
      expect(asked.stdout.trim()).toBe(costs);
      const audit = await target.app.records.audit.between(new Date(0), new Date());
      expect(audit.find((e) => e.action === 'import-faq-answers')).toMatchObject({ role: 'cli', target: '2 answer(s)', actor: expect.stringMatching(/^cli:/) });
    } finally {
      await source.stop();
      await target.stop();
      await connector.stop();
    }
  });
});
