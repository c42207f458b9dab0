import { startBotProcess } from '../support/botProcess';
import { freePort } from '../support/redisServer';
import { FakeOpenIdProvider } from '../support/fakeOpenIdProvider';

describe('the server process with Microsoft sign-in (npm start)', () => {
  it('loads openid-client, discovers the provider at start and sends a sign-in there', async () => {
    const provider = await new FakeOpenIdProvider('console-client-id', 'console-client-secret').start();
    const port = await freePort();
    const bot = await startBotProcess({ PORT: String(port), ...provider.env, CONSOLE_PUBLIC_URL: `http://127.0.0.1:${port}/console` });
    try {
      await bot.waitForLog(/Microsoft sign-in is on/);
      expect(await (await fetch(`${bot.url}/console/api/login-options`)).json()).toEqual({ microsoft: true });
      const start = await fetch(`${bot.url}/console/auth/oidc/start`, { redirect: 'manual' });
      expect(start.status).toBe(303);
      const to = new URL(start.headers.get('location')!);
      expect(`${to.origin}${to.pathname}`).toBe(`${provider.issuer}/authorize`);
      expect(to.searchParams.get('redirect_uri')).toBe(`${bot.url}/console/auth/oidc/callback`);
      expect(bot.stderr()).toBe('');
    } finally {
      bot.kill();
      await bot.exited;
      await provider.stop();
    }
  });

  it('refuses to start with only some of the three settings, in one readable line', async () => {
    const bot = await startBotProcess({ CONSOLE_OIDC_ISSUER: 'https://login.microsoftonline.com/7f3c5a0e-1d2b-4c8e-9f10-1a2b3c4d5e6f/v2.0', CONSOLE_PUBLIC_URL: 'https://vit.example.org/console' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr().trim().split('\n')).toEqual([
      'config: CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID and CONSOLE_OIDC_CLIENT_SECRET go together (all three or none); missing: CONSOLE_OIDC_CLIENT_ID, CONSOLE_OIDC_CLIENT_SECRET (not set)',
      'vit-bot: not started; fix the configuration above (see .env.example).',
    ]);
  });
});
