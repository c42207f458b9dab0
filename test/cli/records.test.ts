import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/projectRoot';
import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { Newcomer } from '../support/newcomer';
import { translator } from '../support/chatDriver';
import { connectTestRedis, testRedisUrl, uniquePrefix } from '../support/testRedis';

function vitBot(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist/src/cli/main.js'), ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const t = (key: string) => translator().t('en', key);

describe('vit-bot transcripts export and erase', () => {
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
      expect((await vitBot(['transcripts', 'export', '--since', 'yesterday'], env)).code).toBe(2);

      const erased = await vitBot(['erase', `emulator:${userId}`], env);
      expect(erased).toMatchObject({ code: 0, stdout: `erased emulator:${userId}: 2 state key(s), 1 transcript(s), 0 handoff(s)\n` });
      const keys = await redis.keys(`${env.REDIS_KEY_PREFIX}*`);
      expect(keys.filter((k) => k.includes(userId) || k.includes(person.conversationId))).toEqual([]);
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
