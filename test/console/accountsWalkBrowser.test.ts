import type { Redis } from 'ioredis';
import type { Page } from 'playwright-core';
import { startTestApp } from '../support/testApp';
import { addAccount } from '../support/consoleClient';
import { launchBrowser } from '../support/browser';
import { translator } from '../support/chatDriver';
import { axeViolations } from '../support/axe';
import { connectTestRedis, testRedisUrl, uniquePrefix } from '../support/testRedis';
import { RedisTeamsLinkRequests } from '../../src/accounts/teamsLinkRequests';
import type { Browser } from 'playwright-core';

const KEES_OID = '5c4b3a29-1807-46f5-a4d3-c2b1a0f9e8d7';
const LISA_OID = '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4';
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let redis: Redis;
beforeAll(async () => {
  browser = await launchBrowser();
  redis = connectTestRedis();
});
afterAll(async () => {
  await browser?.close();
  await redis?.quit();
});

const card = (page: Page, username: string) => page.getByTestId('account-list').locator(`[data-username="${username}"]`);
/** The Teams users a card's picker offers (without the empty first choice). */
const offered = (page: Page, username: string) => card(page, username).getByTestId('account-teams-pick').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));

describe('an admin on the accounts page at phone size: a mentor with a cap, and the Teams "link me" list', () => {
  it.each<['nl' | 'ar']>([['nl'], ['ar']])('in %s: makes an account with a cap, links a Teams user who asked, and that request leaves every picker', async (lang) => {
    // The console's own texts put numbers in as they are (the bot's translator isolates inserted values).
    const t = (key: string, vars?: Record<string, unknown>) => (vars ? translator().t(lang, key, vars).replace(/[\u2066-\u2069]/g, '') : translator().t(lang, key));
    const prefix = uniquePrefix();
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    const context = await browser.newContext({ viewport: PHONE, locale: lang });
    try {
      await addAccount(app, 'anna', 'admin');
      await addAccount(app, 'lisa', 'staff', ['nl']);
      await addAccount(app, 'omar', 'mentor', ['ar']);
      const requests = new RedisTeamsLinkRequests(redis, prefix);
      await requests.add({ aadObjectId: KEES_OID, name: 'Kees Bakker', at: new Date(Date.now() - 60_000).toISOString() });
      await requests.add({ aadObjectId: LISA_OID, name: 'Lisa de Vries', at: new Date().toISOString() });

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('anna');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-accounts').click();
      await card(page, 'omar').waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');

      // A new mentor with a cap of 2; the page gives the link to pass on.
      await page.getByTestId('account-username').fill('sara');
      await page.getByTestId('account-first-name').fill('Sara');
      await page.getByTestId('account-role').selectOption('mentor');
      await page.getByTestId('account-capacity').fill('2');
      await page.getByLabel('العربية').check();
      await page.getByTestId('account-create').click();
      await page.getByTestId('invitation-link').waitFor();
      expect(await card(page, 'sara').getByTestId('account-capacity').textContent()).toBe(t('console:accounts.capacityChip', { max: 2 }));
      expect((await app.accounts.byUsername('sara'))!.capacity).toBe(2);
      expect(await page.getByTestId('account-username').inputValue()).toBe(''); // made: the form is empty again
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/accounts-created-${lang}.png`, fullPage: true });

      // Lisa asked in Teams: her request is picked on her card and linked.
      await card(page, 'lisa').getByTestId('account-change').click();
      expect(await offered(page, 'lisa')).toEqual([LISA_OID, KEES_OID]);
      await card(page, 'lisa').getByTestId('account-teams-pick').selectOption(LISA_OID);
      await card(page, 'lisa').getByTestId('account-teams-who').filter({ hasText: 'Lisa de Vries' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/accounts-link-${lang}.png`, fullPage: true });
      await card(page, 'lisa').getByTestId('account-link-teams').click();
      await card(page, 'lisa').filter({ hasText: t('console:accounts.teamsLinked') }).waitFor();

      // No other card offers Lisa's request any more, without a reload; nor after one; nor does the server keep it.
      await card(page, 'omar').getByTestId('account-change').click();
      expect(await offered(page, 'omar')).toEqual([KEES_OID]);
      expect((await requests.list(new Date())).map((r) => r.aadObjectId)).toEqual([KEES_OID]);
      await page.reload();
      await page.getByTestId('nav-accounts').click();
      await card(page, 'sara').getByTestId('account-change').click();
      expect(await offered(page, 'sara')).toEqual([KEES_OID]);
      await page.screenshot({ path: `/tmp/accounts-edit-${lang}.png`, fullPage: true });
      expect(await app.accounts.byTeamsAadObjectId(LISA_OID)).toMatchObject({ username: 'lisa' });
    } finally {
      await context.close();
      await stop();
    }
  }, 90_000);
});
