import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { Newcomer } from '../support/newcomer';
import { translator } from '../support/chatDriver';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';
import { vitBot } from '../support/vitBot';

const t = (key: string) => translator().t('en', key);

describe('vit-bot transcripts export and erase', () => {
  // Starts the command a dozen times, each a Node process that loads the whole app.
  jest.setTimeout(60_000);

  it('exports kept conversations with pseudonyms, then erases a person everywhere', async () => {
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix(), LOG_PSEUDONYM_SECRET: 'audit-secret' };
    const connector = await new FakeConnector().start();
    const { url, stop } = await startTestApp(env);
    const redis = connectTestRedis();
    try {
      const person = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
      const userId = `user-${person.conversationId}`;
      await person.startAndConsent('en');
      await person.say('is it free?');
      await person.hears(t('faq:topics.costs.answer'));

      const exported = await vitBot(['transcripts', 'export', '--since', '2026-01-01'], env);
      expect(exported.code).toBe(0);
      const lines = exported.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ channelId: 'emulator', language: 'en', person: expect.stringMatching(/^[0-9a-f]{12}$/) });
      expect(lines[0].messages.map((m: { text: string }) => m.text)).toEqual(expect.arrayContaining(['is it free?', t('faq:topics.costs.answer')]));
      expect(exported.stdout).not.toContain(userId);
      expect(exported.stderr).toBe('exported 1 conversation(s)\n');
      // Dates: only real calendar days, in order; one clear line, exit 2, nothing read.
      const dates = [
        [['--since', 'yesterday'], 'transcripts export: --since "yesterday" is not a date; write it like 2026-11-01\n'],
        [['--since', '2026-13-01'], 'transcripts export: --since "2026-13-01" is not a date; write it like 2026-11-01\n'],
        [['--since', '2026-02-31'], 'transcripts export: --since "2026-02-31" is not a date; write it like 2026-11-01\n'],
        [['--since', '2026-01-01', '--until', '2026-02-30'], 'transcripts export: --until "2026-02-30" is not a date; write it like 2026-11-01\n'],
        [['--since', '2026-03-01', '--until', '2026-02-28'], 'transcripts export: --until 2026-02-28 is before --since 2026-03-01\n'],
        [[], 'transcripts export: --since is needed, a date like 2026-11-01\n'],
        [['--since', '2024-02-29', '--until', '2024-02-29'], 'exported 0 conversation(s)\n'], // a leap day exists
      ] as const;
      const runs = await Promise.all(dates.map(([args]) => vitBot(['transcripts', 'export', ...args], env)));
      runs.forEach((run, i) => expect(run).toEqual({ code: dates[i][1].startsWith('exported') ? 0 : 2, stdout: '', stderr: dates[i][1] }));

      const erased = await vitBot(['erase', `emulator:${userId}`], env);
      expect(erased).toMatchObject({ code: 0, stdout: `erased emulator:${userId}: 2 state key(s), 1 transcript(s), 0 handoff(s)\n` });
      const contents = await keyspace(redis, env.REDIS_KEY_PREFIX);
      expect(contents.map(([k]) => k).filter((k) => k.includes(userId) || k.includes(person.conversationId))).toEqual([]);
      // Not in a key's name, and not in any value either (sets, lists, hashes, sorted sets, strings).
      for (const [k, content] of contents) expect([k, content.includes(userId) || content.includes(person.conversationId)]).toEqual([k, false]);
      expect(contents.length).toBeGreaterThan(0); // the numbers (no person in them) stay
      expect((await vitBot(['transcripts', 'export', '--since', '2026-01-01'], env)).stdout).toBe('');
      expect(await vitBot(['erase', 'nochannel'], env)).toMatchObject({ code: 2 });
      expect(await vitBot(['erase', 'emulator:x'], { PATH: process.env.PATH ?? '' })).toMatchObject({ code: 1, stderr: expect.stringContaining('set REDIS_URL') });
    } finally {
      await redis.quit();
      await stop();
      await connector.stop();
    }
  });
});
