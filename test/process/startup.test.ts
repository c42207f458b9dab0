import { FakeConnector, emulatorMessage } from '../support/fakeConnector';
import { startBotProcess } from '../support/botProcess';
import { postActivity } from '../support/testApp';
import { testRedisUrl } from '../support/testRedis';

describe('the server process (npm start)', () => {
  it('refuses a wrong configuration with one readable line per problem and no stack trace', async () => {
    const bot = await startBotProcess({ PORT: '99999', LOG_LEVEL: 'chatty', REDIS_URL: 'http://nope' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr().trim().split('\n')).toEqual([
      'config: PORT must be a whole number from 1 to 65535 (got "99999")',
      'config: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "chatty")',
      'config: REDIS_URL must look like redis://host:port or rediss://host:port (got "http://nope")',
      'vit-bot: not started; fix the configuration above (see .env.example).',
    ]);
    expect(bot.stdout()).toBe('');
  });

  it('stays up and reports not ready when Redis cannot be reached, then never crash-loops', async () => {
    const bot = await startBotProcess({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      await bot.waitForLog(/vit-bot listening/);
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${bot.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ready: false, checks: { redis: expect.any(String) } });
      expect(bot.child.exitCode).toBeNull();
      const output = bot.stdout() + bot.stderr();
      expect(output).toContain('redis unavailable; retrying in the background');
      // Said once per connection (state, events), not once per retry.
      expect(output.match(/"redis":"main"[^\n]*redis unavailable/g)).toHaveLength(1);
      expect(output.match(/redis unavailable/g)!.length).toBeLessThanOrEqual(2);
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      bot.kill();
      expect(await bot.exited).toBe(0);
    }
  });

  it('reports ready with a reachable Redis', async () => {
    const bot = await startBotProcess({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: 'startup-test:' });
    try {
      await bot.waitForLog(/vit-bot listening/);
      const ready = await fetch(`${bot.url}/readyz`);
      expect(await ready.json()).toEqual({ ready: true, checks: { redis: 'ok' } });
    } finally {
      bot.kill();
      await bot.exited;
    }
  });

  it('finishes a turn in flight on SIGTERM, then stops taking requests and exits 0', async () => {
    const connector = await new FakeConnector().start();
    connector.delayMs = 1500;
    const bot = await startBotProcess({});
    try {
      await bot.waitForLog(/vit-bot listening/);
      const conversation = { id: 'conv-shutdown' };
      const posted = postActivity(bot.url, emulatorMessage(connector.url, 'hoi', { conversation }));
      await new Promise((r) => setTimeout(r, 300));
      bot.kill('SIGTERM');
      expect((await posted).status).toBe(200);
      expect(await bot.exited).toBe(0);
      expect(connector.repliesIn(conversation.id)).toHaveLength(2);
      await expect(fetch(`${bot.url}/healthz`)).rejects.toThrow();
      expect(bot.stdout()).toContain('shutting down');
    } finally {
      bot.kill('SIGKILL');
      await connector.stop();
    }
  });
});
