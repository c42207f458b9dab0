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
      // Said once per connection (state, handoff events, FAQ example changes, FAQ answer changes), not once per retry.
      expect(output.match(/"redis":"main"[^\n]*redis unavailable/g)).toHaveLength(1);
      expect(output.match(/redis unavailable/g)!.length).toBeLessThanOrEqual(4);
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
    connector.holdReplies = true;
    const bot = await startBotProcess({});
    try {
      await bot.waitForLog(/vit-bot listening/);
      const conversation = { id: 'conv-shutdown' };
      const posted = postActivity(bot.url, emulatorMessage(connector.url, 'hoi', { conversation }));
      await connector.waitFor(() => connector.heldReplies > 0, 'the turn in flight, its first reply held');
      bot.kill('SIGTERM');
      await bot.waitForLog(/shutting down/);
      connector.releaseHeld(); // the turn goes on only now, after the signal
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

  it('lists a wrong value and a missing partner setting together, one line each', async () => {
    const bot = await startBotProcess({ LOG_LEVEL: 'loud', MicrosoftAppId: 'app-id', HOST: 'not a host!' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr().trim().split('\n')).toEqual([
      'config: HOST must be an IP address (0.0.0.0 for all, 127.0.0.1 for this machine only) or a host name (got "not a host!")',
      'config: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'config: MicrosoftAppPassword is required when MicrosoftAppId is set (SingleTenant) (not set)',
      'config: MicrosoftAppTenantId is required for MicrosoftAppType=SingleTenant (not set)',
      'vit-bot: not started; fix the configuration above (see .env.example).',
    ]);
  });

  it('says in one line that the port is taken, without a stack trace', async () => {
    const first = await startBotProcess({});
    try {
      await first.waitForLog(/vit-bot listening/);
      const second = await startBotProcess({ PORT: String(first.port) });
      expect(await second.exited).toBe(1);
      expect(second.stderr().trim()).toBe(`vit-bot: could not listen on 127.0.0.1:${first.port}: the port is already in use (another vit-bot, or set PORT)`);
    } finally {
      first.kill();
      await first.exited;
    }
  });

  it('warns when authentication is off and it listens beyond loopback, and not on loopback', async () => {
    const open = await startBotProcess({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_REMOTE: 'true' });
    const local = await startBotProcess({ HOST: '127.0.0.1' });
    try {
      await open.waitForLog(/vit-bot listening/);
      await local.waitForLog(/vit-bot listening/);
      await open.waitForLog(/authentication is off and the bot listens beyond loopback/);
      await local.waitForLog(/channel authentication is off/);
      local.kill();
      await local.waitForLog(/"msg":"stopped"/); // logged last: everything said at start-up is in
      expect(local.stdout()).not.toContain('beyond loopback');
    } finally {
      open.kill();
      local.kill();
      await Promise.all([open.exited, local.exited]);
    }
  });

  it('warns about a mistyped setting, naming the one it probably meant', async () => {
    const bot = await startBotProcess({ REDIS_ULR: 'redis://127.0.0.1:1' });
    try {
      await bot.waitForLog(/unknown setting ignored/);
      expect(bot.stdout()).toMatch(/"variable":"REDIS_ULR","meant":"REDIS_URL"/);
      expect(bot.stdout()).not.toContain('redis://127.0.0.1:1');
    } finally {
      bot.kill();
      await bot.exited;
    }
  });

  it('stops cleanly on SIGINT (Ctrl+C)', async () => {
    const bot = await startBotProcess({});
    await bot.waitForLog(/vit-bot listening/);
    bot.kill('SIGINT');
    expect(await bot.exited).toBe(0);
    expect(bot.stdout()).toMatch(/"signal":"SIGINT"[^\n]*shutting down/);
    expect(bot.stdout()).toContain('"msg":"stopped"');
  });

  it('stops at once on a second signal while a turn is still in flight', async () => {
    const connector = await new FakeConnector().start();
    connector.holdReplies = true; // the turn stays in flight until the test ends
    const bot = await startBotProcess({ SHUTDOWN_GRACE_MS: '20000' });
    try {
      await bot.waitForLog(/vit-bot listening/);
      const posted = postActivity(bot.url, emulatorMessage(connector.url, 'hoi', { conversation: { id: 'conv-second-signal' } })).catch(() => undefined);
      await connector.waitFor(() => connector.heldReplies > 0, 'the turn in flight, its first reply held');
      bot.kill('SIGTERM');
      await bot.waitForLog(/shutting down/);
      bot.kill('SIGINT');
      expect(await bot.exited).toBe(1);
      expect(bot.stdout()).toContain('second signal: stopping at once');
      await posted;
    } finally {
      bot.kill('SIGKILL');
      await connector.stop();
    }
  });
});
