import { launchBrowser } from '../support/browser';
import { startTestApp } from '../support/testApp';
import { freePort } from '../support/redisServer';
import { addAccount } from '../support/consoleClient';
import { axeViolations } from '../support/axe';
import { translator } from '../support/chatDriver';
import { FakeOpenIdProvider } from '../support/fakeOpenIdProvider';
import type { Browser } from 'playwright-core';

const SARA_OID = '3f2a6c1e-8b4d-4e7a-9c0f-1b2c3d4e5f60';
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let provider: FakeOpenIdProvider;
let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  browser = await launchBrowser();
  // The provider at "localhost", the console at 127.0.0.1: two sites, as Microsoft and the console are.
  provider = await new FakeOpenIdProvider('console-client-id', 'console-client-secret', 'localhost').start();
  const port = await freePort();
  app = await startTestApp({ ...provider.env, CONSOLE_PUBLIC_URL: `http://127.0.0.1:${port}/console` }, { port });
  const sara = await addAccount(app.app, 'sara', 'mentor', ['ar']);
  await app.app.accounts.linkTeams(sara.id, SARA_OID);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await provider?.stop();
});

describe('Sign in with Microsoft in a real browser (headless Chromium, phone size)', () => {
  it('the login page button goes to the provider and back, and the linked mentor is signed in', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en' });
    try {
      const page = await context.newPage();
      provider.user = { oid: SARA_OID, name: 'Sara Haddad' };
      await page.goto(`${app.url}/console`);
      const button = page.getByTestId('login-microsoft');
      await button.waitFor();
      expect(await button.textContent()).toBe(translator().t('en', 'console:login.microsoft'));
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/microsoft-login.png' });

      await button.click();
      await page.getByTestId('waiting-list').waitFor();
      expect(new URL(page.url()).pathname).toBe('/console');
      expect(await page.locator('#user-name').textContent()).toBe('Sara');
      expect(provider.authorizeRequests.at(-1)!.get('redirect_uri')).toBe(`${app.url}/console/auth/oidc/callback`);
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'vit_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(cookies.find((c) => c.name === 'vit_oidc')).toBeUndefined();
      await page.screenshot({ path: '/tmp/microsoft-signed-in.png' });
    } finally {
      await context.close();
    }
  });

  it('an Entra user no account is linked to comes back to the login page, told so in the console\u2019s language', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'ar' });
    try {
      const page = await context.newPage();
      provider.user = { oid: '11111111-2222-4333-8444-555555555555' };
      await page.goto(`${app.url}/console`);
      await page.getByTestId('login-microsoft').click();
      const error = page.getByTestId('login-error');
      await error.waitFor();
      expect(await error.textContent()).toBe(translator().t('ar', 'console:login.microsoftErrors.unlinked'));
      expect(new URL(page.url()).search).toBe(''); // a reload does not show it again
      expect(await page.getByTestId('login-username').isVisible()).toBe(true);
      expect((await context.cookies()).find((c) => c.name === 'vit_session')).toBeUndefined();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/microsoft-unlinked-ar.png' });
    } finally {
      await context.close();
    }
  });
});
