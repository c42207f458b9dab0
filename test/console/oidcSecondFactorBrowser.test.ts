import { Secret, TOTP } from 'otpauth';
import { launchBrowser } from '../support/browser';
import { startTestApp } from '../support/testApp';
import { freePort } from '../support/redisServer';
import { addAccount } from '../support/consoleClient';
import { axeViolations } from '../support/axe';
import { translator } from '../support/chatDriver';
import { FakeOpenIdProvider } from '../support/fakeOpenIdProvider';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import type { Browser } from 'playwright-core';

const LISA_OID = '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4';
const PHONE = { width: 390, height: 844 };
const codeAt = (secret: string, at = Date.now()) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });

let browser: Browser;
let provider: FakeOpenIdProvider;
beforeAll(async () => {
  browser = await launchBrowser();
  // The provider at "localhost", the console at 127.0.0.1: two sites, as Microsoft and the console are.
  provider = await new FakeOpenIdProvider('console-client-id', 'console-client-secret', 'localhost').start();
});
afterAll(async () => {
  await browser?.close();
  await provider?.stop();
});

describe('Sign in with Microsoft as staff, where staff must use a second factor (headless Chromium, phone size)', () => {
  it.each<['nl' | 'ar']>([['nl'], ['ar']])('lands on the second step after the redirect (set up the app, later a code) and only then opens the console (%s)', async (lang) => {
    const t = (key: string) => translator().t(lang, key);
    const port = await freePort();
    const app = await startTestApp(
      { ...provider.env, CONSOLE_PUBLIC_URL: `http://127.0.0.1:${port}/console`, CONSOLE_REQUIRE_2FA: 'staff,admin', REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() },
      { port },
    );
    const context = await browser.newContext({ viewport: PHONE, locale: lang });
    try {
      const lisa = await addAccount(app.app, 'lisa', 'staff', ['nl']);
      await app.app.accounts.linkTeams(lisa.id, LISA_OID);
      provider.user = { oid: LISA_OID, name: 'Lisa de Vries' };
      const page = await context.newPage();
      await page.goto(`${app.url}/console`);
      await page.getByTestId('login-microsoft').click();

      // Back from Microsoft: the console picks up the half-done sign-in and asks to set up the app.
      await page.getByTestId('sf-qr').waitFor();
      expect(new URL(page.url()).pathname).toBe('/console');
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/microsoft-enrol-${lang}.png` });
      const secret = (await page.getByTestId('sf-secret').textContent())!.replace(/\s/g, '');
      const first = codeAt(secret);
      await page.getByTestId('sf-code').fill(first);
      await page.getByTestId('sf-submit').click();
      await page.getByTestId('sf-recovery-codes').waitFor();
      await page.getByTestId('sf-continue').click();
      await page.locator('#user-name').filter({ hasText: 'lisa' }).or(page.locator('#user-name').filter({ hasText: 'Lisa' })).waitFor();

      // Signed out and in with Microsoft again: a code is asked (no QR code now), and the used one is refused.
      await page.getByTestId('logout').click();
      await page.getByTestId('login-microsoft').click();
      await page.getByTestId('sf-code').waitFor();
      expect(await page.getByTestId('sf-qr').count()).toBe(0);
      await page.getByTestId('sf-code').fill(first);
      await page.getByTestId('sf-submit').click();
      await page.getByTestId('sf-error').filter({ hasText: t('console:secondFactor.errors.reused') }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/microsoft-code-${lang}.png` });
      await page.getByTestId('sf-code').fill(codeAt(secret, Date.now() + 30_000));
      await page.getByTestId('sf-submit').click();
      await page.getByTestId('logout').waitFor();
      const me = await page.evaluate(async () => (await fetch('/console/api/me')).status);
      expect(me).toBe(200);
    } finally {
      await context.close();
      await app.stop();
    }
  }, 90_000);
});
