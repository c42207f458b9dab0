import type { Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { startTestApp } from '../support/testApp';
import { addAccount } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { axeViolations } from '../support/axe';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);
/** The code an authenticator app shows for the secret at a moment (same library as the server). */
const codeAt = (secret: string, at: number) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });

/** Waits until the element shows the text (the page answers after the server does). */
const shows = (page: Page, testId: string, text: string) => page.getByTestId(testId).filter({ hasText: text }).waitFor();

async function signIn(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/console`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('accounts in a real browser: an admin invites a mentor, who sets a password, sets up two-step sign-in and takes a conversation', () => {
  const suite = browserWithConnector();

  it.each<[string, () => Record<string, string>]>([
    ['without Redis', () => ({})],
    ['with Redis', () => ({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() })],
  ])('works the same %s', async (_name, storeEnv) => {
    const { app, url, stop } = await startTestApp({ CONSOLE_REQUIRE_2FA: 'mentor', ...storeEnv() });
    const phone = { viewport: { width: 390, height: 844 }, locale: 'nl-NL' };
    const adminContext = await suite.browser.newContext(phone);
    const mentorContext = await suite.browser.newContext(phone);
    try {
      await addAccount(app, 'anna', 'admin');
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await person.startAndConsent('nl');
      await person.say(translator().t('nl', 'common:menu.mentor'));
      await person.hears(translator().t('nl', 'handoff:howToWait'));

      // The admin makes the account on the accounts page (phone size) and gets the link to pass on.
      const admin = await adminContext.newPage();
      await signIn(admin, url, 'anna', 'correct horse battery');
      await admin.getByTestId('waiting-list').waitFor();
      await admin.getByTestId('nav-accounts').click();
      await admin.getByTestId('account-list').locator('[data-username="anna"]').waitFor();
      await admin.getByTestId('account-username').fill('sara');
      await admin.getByTestId('account-first-name').fill('Sara');
      await admin.getByTestId('account-role').selectOption('mentor');
      await admin.getByLabel('العربية').check();
      // A cap out of range is refused on the page before anything is made; 3 is taken.
      await admin.getByTestId('account-capacity').fill('0');
      await admin.getByTestId('account-create').click();
      await shows(admin, 'accounts-error', t('console:accounts.errors.badCapacity', { max: 50 }));
      expect(await admin.evaluate(() => document.activeElement && document.activeElement.id)).toBe('account-capacity');
      expect(await app.accounts.byUsername('sara')).toBeUndefined();
      await admin.getByTestId('account-capacity').fill('3');
      await admin.getByTestId('account-create').click();
      const link = await admin.getByTestId('invitation-link').inputValue();
      expect(link).toMatch(new RegExp(`^${url}/console/#/set-password\\?token=[\\w-]{43}$`));
      const saraCard = admin.getByTestId('account-list').locator('[data-username="sara"]');
      await saraCard.filter({ hasText: t('console:accounts.invited') }).waitFor();
      expect(await saraCard.getByTestId('account-capacity').textContent()).toBe(t('console:accounts.capacityChip', { max: 3 }));
      expect((await app.accounts.byUsername('sara'))!.capacity).toBe(3);
      expect(await axeViolations(admin)).toEqual([]);

      // A second "sara" is refused with a clear message.
      await admin.getByTestId('account-username').fill('Sara');
      await admin.getByTestId('account-create').click();
      await shows(admin, 'accounts-error', t('console:accounts.errors.usernameTaken'));

      // The mentor opens the link: a common password is refused, a long sentence is taken.
      const mentor = await mentorContext.newPage();
      await mentor.goto(link);
      await mentor.getByTestId('setpw-password').waitFor();
      await shows(mentor, 'set-password', t('console:setPassword.rules', { min: 12 }));
      expect(await axeViolations(mentor)).toEqual([]);
      await mentor.getByTestId('setpw-password').fill('Qwerty123456');
      await mentor.getByTestId('setpw-repeat').fill('Qwerty123456');
      await mentor.getByTestId('setpw-submit').click();
      await shows(mentor, 'setpw-error', t('console:setPassword.errors.common'));
      const password = 'mijn fiets staat bij het station';
      await mentor.getByTestId('setpw-password').fill(password);
      await mentor.getByTestId('setpw-repeat').fill(password);
      await mentor.getByTestId('setpw-submit').click();
      await mentor.locator('#login-info').filter({ hasText: t('console:setPassword.done') }).waitFor();
      expect(mentor.url()).not.toContain('token');

      // First sign-in: two-step sign-in is required for mentors here, so it is set up now.
      await mentor.getByTestId('login-password').fill(password);
      await mentor.getByTestId('login-submit').click();
      await mentor.getByTestId('sf-qr').waitFor();
      expect(await axeViolations(mentor)).toEqual([]);
      const secret = (await mentor.getByTestId('sf-secret').textContent())!.replace(/\s/g, '');
      const firstCode = codeAt(secret, Date.now());
      await mentor.getByTestId('sf-code').fill(firstCode);
      await mentor.getByTestId('sf-submit').click();
      await mentor.getByTestId('sf-recovery-codes').waitFor();
      await expect(mentor.getByTestId('sf-recovery-codes').locator('li').count()).resolves.toBe(10);
      await mentor.getByTestId('sf-continue').click();
      await mentor.getByTestId('waiting-list').waitFor();

      // Signed out and in again: the code already used is refused, the app's next one is taken.
      await mentor.getByTestId('logout').click();
      await mentor.getByTestId('login-username').fill('sara');
      await mentor.getByTestId('login-password').fill(password);
      await mentor.getByTestId('login-submit').click();
      await mentor.getByTestId('sf-code').fill(firstCode);
      await mentor.getByTestId('sf-submit').click();
      await shows(mentor, 'sf-error', t('console:secondFactor.errors.reused'));
      await mentor.getByTestId('sf-code').fill(codeAt(secret, Date.now() + 30_000));
      await mentor.getByTestId('sf-submit').click();

      // Signed in: her sign-in page says two-step sign-in is on; then Sara takes the person waiting.
      await mentor.getByTestId('nav-security').click();
      await shows(mentor, 'security-status', t('console:mySignIn.on'));
      expect(await axeViolations(mentor)).toEqual([]);
      await mentor.getByTestId('nav-handoffs').click();
      const card = mentor.getByTestId('waiting-item');
      await card.waitFor();
      await card.getByTestId('claim').click();
      // Sara speaks Arabic, the person writes Dutch: the console asks first, and she takes it all the same.
      await mentor.getByTestId('language-warning-take').click();
      await person.hears(translator().t('nl', 'handoff:claimed', { mentor: 'Sara' }));

      // The link works once.
      const again = await mentorContext.newPage();
      await again.goto(link);
      await shows(again, 'setpw-error', t('console:setPassword.errors.used'));

      // The admin's page shows the account with its second factor; the audit log has the changes.
      await admin.reload();
      await admin.getByTestId('nav-accounts').click();
      const saraAgain = admin.getByTestId('account-list').locator('[data-username="sara"]').filter({ hasText: t('console:accounts.twoStep') });
      await saraAgain.waitFor();
      // The cap changed on the card's form, then removed (empty: no cap).
      await saraAgain.getByTestId('account-change').click();
      const capField = saraAgain.locator('input[name="capacity"]');
      expect(await capField.inputValue()).toBe('3');
      await capField.fill('5');
      await saraAgain.getByTestId('account-save').click();
      await saraAgain.getByTestId('account-capacity').filter({ hasText: t('console:accounts.capacityChip', { max: 5 }) }).waitFor();
      await saraAgain.getByTestId('account-change').click();
      await saraAgain.locator('input[name="capacity"]').fill('');
      await saraAgain.getByTestId('account-save').click();
      await admin.locator('#accounts-status').filter({ hasText: t('console:accounts.saved') }).waitFor();
      expect(await saraAgain.getByTestId('account-capacity').count()).toBe(0);
      expect((await app.accounts.byUsername('sara'))!.capacity).toBeUndefined();
      const actions = (await app.records.audit.between(new Date(Date.now() - 600_000), new Date())).map((e) => `${e.actor} ${e.action}`);
      expect(actions).toEqual(expect.arrayContaining(['anna create-account', 'sara set-password', 'sara enrol-second-factor', 'anna set-capacity']));
    } finally {
      await adminContext.close();
      await mentorContext.close();
      await stop();
    }
  }, 120_000);
});
