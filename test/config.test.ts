import { loadConfig, oidcSettings, speechEnabled, unknownSettings } from '../src/config';
import { isLoopback } from '../src/loopback';

describe('configuration', () => {
  it('starts with the documented defaults when nothing is set', () => {
    const result = loadConfig({});
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({
        PORT: 3978,
        LOG_LEVEL: 'info',
        REDIS_KEY_PREFIX: 'vit:',
        STATE_RETENTION_DAYS: 180,
        DEFAULT_LANGUAGE: 'nl',
      }),
    });
    expect(result.ok && result.config.REDIS_URL).toBeUndefined();
  });

  it('treats empty values as not set', () => {
    const result = loadConfig({ PORT: '', REDIS_URL: '', MicrosoftAppId: '' });
    expect(result.ok && result.config.PORT).toBe(3978);
    expect(result.ok && result.config.REDIS_URL).toBeUndefined();
  });

  it('lists every problem at once, one readable line each', () => {
    const result = loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', REDIS_URL: 'localhost:6379', DEFAULT_LANGUAGE: 'de', STATE_RETENTION_DAYS: '-1' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'config: PORT must be a whole number from 1 to 65535 (got "abc")',
      'config: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'config: REDIS_URL must look like redis://host:port or rediss://host:port (got "localhost:6379")',
      'config: STATE_RETENTION_DAYS must be a whole number from 1 to 3650 (got "-1")',
      'config: DEFAULT_LANGUAGE must be one of nl, en, ar, tr, fa, ti (got "de")',
    ]);
  });

  it('asks for password and tenant when a single-tenant app id is set, without echoing secrets', () => {
    const result = loadConfig({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' });
    expect(!result.ok && result.problems).toEqual([
      'config: MicrosoftAppPassword is required when MicrosoftAppId is set (SingleTenant) (not set)',
      'config: MicrosoftAppTenantId is required for MicrosoftAppType=SingleTenant (not set)',
    ]);
    const withSecret = loadConfig({ MicrosoftAppPassword: 's3cret-value' });
    expect(!withSecret.ok && withSecret.problems).toEqual(['config: MicrosoftAppPassword is set but MicrosoftAppId is not']);
  });

  it('refuses a production start with Redis but without a secret for the keyed digests that name people in Redis', () => {
    const base = { NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379', MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' };
    for (const secret of [undefined, '', 'too-short']) {
      const result = loadConfig({ ...base, LOG_PSEUDONYM_SECRET: secret });
      expect(result.ok ? [] : result.problems).toEqual([
        'config: LOG_PSEUDONYM_SECRET (at least 16 characters, the same on every instance) is required with REDIS_URL when NODE_ENV=production: it keys the digests that name people in Redis' +
          (secret ? '' : ' (not set)'),
      ]);
    }
    expect(loadConfig({ ...base, LOG_PSEUDONYM_SECRET: 'sixteen-chars-ok' }).ok).toBe(true);
    // Not production, or no Redis: the digest's key comes from the prefix (stable, not secret), as a try-out needs.
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).ok).toBe(true);
    expect(loadConfig({ ...base, REDIS_URL: undefined }).ok).toBe(true);
  });

  it('takes REDIS_CLUSTER=true only with a REDIS_URL to start from, and true or false only', () => {
    expect(loadConfig({ REDIS_URL: 'rediss://:key@vit.westeurope.redis.azure.net:10000', REDIS_CLUSTER: 'true' })).toMatchObject({ ok: true, config: { REDIS_CLUSTER: true } });
    expect(loadConfig({ REDIS_URL: 'redis://redis:6379' })).toMatchObject({ ok: true, config: { REDIS_CLUSTER: false } });
    const withoutUrl = loadConfig({ REDIS_CLUSTER: 'true' });
    expect(!withoutUrl.ok && withoutUrl.problems).toEqual(['config: REDIS_CLUSTER=true needs REDIS_URL (a node of the cluster to start from) (got "true")']);
    const wrong = loadConfig({ REDIS_URL: 'redis://redis:6379', REDIS_CLUSTER: 'yes' });
    expect(!wrong.ok && wrong.problems).toEqual(['config: REDIS_CLUSTER must be true or false (got "yes")']);
  });

  it('never prints a password inside REDIS_URL', () => {
    const result = loadConfig({ REDIS_URL: 'redis://:hunter2@cache host' });
    expect(!result.ok && result.problems.join('\n')).not.toContain('hunter2');
  });

  it('accepts a complete single-tenant registration', () => {
    const result = loadConfig({
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppTenantId: 'tenant',
      REDIS_URL: 'rediss://:pw@vit.redis.cache.windows.net:6380',
    });
    expect(result.ok).toBe(true);
  });
});

describe('listening address', () => {
  const authenticated = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' };
  it.each(['0.0.0.0', '127.0.0.1', '::', '::1', 'localhost', 'bot.internal', '10.0.0.4'])('accepts HOST=%s', (host) => {
    expect(loadConfig({ HOST: host, ...authenticated }).ok).toBe(true);
  });

  it.each(['not a host!', 'http://0.0.0.0', '-bad.example', '0.0.0.0:3978'])('refuses HOST=%s', (host) => {
    const result = loadConfig({ HOST: host });
    expect(!result.ok && result.problems[0]).toMatch(/^config: HOST must be an IP address/);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.0.1.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.4', false],
    ['bot.internal', false],
  ])('counts %s as loopback: %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe('the console\u2019s public address', () => {
  it.each([
    ['https://vit.example.org/console', 'https://vit.example.org/console'],
    ['https://vit.example.org/console/', 'https://vit.example.org/console'],
    ['http://localhost:3978/console', 'http://localhost:3978/console'],
    ['http://127.0.0.1:3978/console', 'http://127.0.0.1:3978/console'],
    ['http://[::1]:3978/console', 'http://[::1]:3978/console'],
  ])('takes %s', (value, expected) => {
    expect(loadConfig({ CONSOLE_PUBLIC_URL: value })).toMatchObject({ ok: true, config: { CONSOLE_PUBLIC_URL: expected } });
  });

  it.each(['http://vit.example.org/console', '/console', 'vit.example.org/console', 'javascript:alert(1)', 'https://user:pw@vit.example.org/console', 'https://vit.example.org/console?x=1', 'https://vit.example.org/console#/handoffs'])(
    'refuses %s in one readable line',
    (value) => {
      expect(loadConfig({ CONSOLE_PUBLIC_URL: value })).toMatchObject({ ok: false, problems: [expect.stringContaining('CONSOLE_PUBLIC_URL must be the console\u2019s address as mentors open it')] });
    },
  );

  it('is optional', () => {
    const result = loadConfig({ CONSOLE_PUBLIC_URL: '' });
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.config.CONSOLE_PUBLIC_URL).toBeUndefined();
  });
});

describe('Microsoft sign-in settings (CONSOLE_OIDC_)', () => {
  const full = {
    CONSOLE_OIDC_ISSUER: 'https://login.microsoftonline.com/7f3c5a0e-1d2b-4c8e-9f10-1a2b3c4d5e6f/v2.0',
    CONSOLE_OIDC_CLIENT_ID: '0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    CONSOLE_OIDC_CLIENT_SECRET: 'a-client-secret-value',
    CONSOLE_PUBLIC_URL: 'https://vit.example.org/console',
  };

  it('takes all three with CONSOLE_PUBLIC_URL, and the redirect URI follows from that address', () => {
    const result = loadConfig(full);
    expect(result.ok && oidcSettings(result.config)).toEqual({
      issuer: full.CONSOLE_OIDC_ISSUER,
      clientId: full.CONSOLE_OIDC_CLIENT_ID,
      clientSecret: full.CONSOLE_OIDC_CLIENT_SECRET,
      redirectUri: 'https://vit.example.org/console/auth/oidc/callback',
    });
    const none = loadConfig({});
    expect(none.ok && oidcSettings(none.config)).toBeUndefined();
  });

  it('stops the start with one readable line when only some are set, never echoing the secret', () => {
    const result = loadConfig({ ...full, CONSOLE_OIDC_ISSUER: '', CONSOLE_OIDC_CLIENT_ID: '' });
    expect(result).toEqual({
      ok: false,
      problems: ['config: CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID and CONSOLE_OIDC_CLIENT_SECRET go together (all three or none); missing: CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID (not set)'],
    });
    expect(JSON.stringify(result)).not.toContain('a-client-secret-value');
  });

  it('needs CONSOLE_PUBLIC_URL, where Microsoft sends the browser back', () => {
    expect(loadConfig({ ...full, CONSOLE_PUBLIC_URL: '' })).toEqual({
      ok: false,
      problems: ['config: CONSOLE_PUBLIC_URL is required with CONSOLE_OIDC_ISSUER: Microsoft sends the browser back to <CONSOLE_PUBLIC_URL>/auth/oidc/callback (not set)'],
    });
  });

  it('refuses a plain-http issuer beyond loopback', () => {
    expect(loadConfig({ ...full, CONSOLE_OIDC_ISSUER: 'http://login.example.org/v2.0' })).toMatchObject({ ok: false, problems: [expect.stringContaining('CONSOLE_OIDC_ISSUER must be the OpenID provider')] });
    expect(loadConfig({ ...full, CONSOLE_OIDC_ISSUER: 'http://127.0.0.1:9999/v2.0', CONSOLE_PUBLIC_URL: 'http://127.0.0.1:3978/console' })).toMatchObject({ ok: true });
  });

  it('refuses a multi-tenant issuer: an object id is unique within one tenant only', () => {
    for (const tenant of ['common', 'organizations', 'consumers']) {
      expect(loadConfig({ ...full, CONSOLE_OIDC_ISSUER: `https://login.microsoftonline.com/${tenant}/v2.0` })).toMatchObject({ ok: false, problems: [expect.stringContaining('CONSOLE_OIDC_ISSUER must name your tenant')] });
    }
  });
});

describe('settings that do not exist', () => {
  it('takes Azure Speech settings together or not at all, never echoing the key', () => {
    expect(loadConfig({ SPEECH_KEY: 'secret-speech-key' })).toEqual({
      ok: false,
      problems: ['config: SPEECH_REGION is required when any SPEECH_ variable is set (SPEECH_KEY and SPEECH_REGION together, SPEECH_ENDPOINT optional) (not set)'],
    });
    expect(loadConfig({ SPEECH_REGION: 'westeurope', SPEECH_ENDPOINT: 'https://vit-speech.cognitiveservices.azure.com' })).toMatchObject({ ok: false, problems: [expect.stringContaining('SPEECH_KEY is required')] });
    expect(loadConfig({ SPEECH_ENDPOINT: 'https://vit-speech.cognitiveservices.azure.com' })).toMatchObject({ ok: false, problems: [expect.stringContaining('SPEECH_KEY'), expect.stringContaining('SPEECH_REGION')] });
    expect(loadConfig({ SPEECH_KEY: 'k', SPEECH_REGION: 'West Europe' })).toMatchObject({ ok: false, problems: ['config: SPEECH_REGION must be an Azure region name such as westeurope (got "West Europe")'] });
    expect(loadConfig({ SPEECH_KEY: 'k', SPEECH_REGION: 'westeurope', SPEECH_ENDPOINT: 'http://speech.example' })).toMatchObject({ ok: false, problems: [expect.stringContaining('SPEECH_ENDPOINT must be an https:// URL')] });
    const ok = loadConfig({ SPEECH_KEY: 'k', SPEECH_REGION: 'westeurope' });
    expect(ok.ok && speechEnabled(ok.config)).toBe(true);
    const none = loadConfig({});
    expect(none.ok && speechEnabled(none.config)).toBe(false);
    expect(JSON.stringify(loadConfig({ SPEECH_KEY: 'secret-speech-key' }))).not.toContain('secret-speech-key');
  });

  it('names a mistyped setting of ours with the one it probably meant, and ignores other variables', () => {
    expect(unknownSettings({ REDIS_ULR: 'redis://x', WHATSAPP_APP_SECERT: 's', PATH: '/bin', HOME: '/root', REDIS_URL: 'redis://y', NODE_ENV: 'production' })).toEqual([
      { name: 'REDIS_ULR', meant: 'REDIS_URL' },
      { name: 'WHATSAPP_APP_SECERT', meant: 'WHATSAPP_APP_SECRET' },
    ]);
  });
});

