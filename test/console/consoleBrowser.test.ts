import type { Page } from 'playwright-core';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';

const t = (lng: 'nl' | 'ar', key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);

async function newcomerAsksForMentor(person: Newcomer, lng: 'nl' | 'ar', message: string) {
  await person.startAndConsent(lng);
  await person.say(t(lng, 'common:menu.mentor'));
  await person.hears(t(lng, 'handoff:howToWait'));
  await person.say(message);
  await person.hears(t(lng, 'handoff:messageKept'));
}

async function signIn(page: Page, url: string, username: string) {
  await page.goto(`${url}/console`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('correct horse battery');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('waiting-list').waitFor();
}

describe('the mentor console in a real browser (headless Chromium)', () => {
  const suite = browserWithConnector();

  it('a mentor signs in, takes a waiting newcomer, both talk, the mentor closes and the newcomer rates', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext();
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await newcomerAsksForMentor(person, 'ar', 'هل يمكنني العمل في IT بدون شهادة؟');

      const page = await context.newPage();
      await signIn(page, url, 'sara');
      const card = page.getByTestId('waiting-item');
      await card.waitFor();
      await card.getByTestId('claim').click();
      await person.hears(t('ar', 'handoff:claimed', { mentor: 'Sara' }));

      const timeline = page.getByTestId('timeline');
      const waitingMessage = timeline.getByTestId('message').filter({ hasText: 'هل يمكنني العمل في IT بدون شهادة؟' });
      await waitingMessage.waitFor();
      expect(await waitingMessage.getAttribute('data-from')).toBe('person');
      expect(await waitingMessage.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      expect(await timeline.locator('[data-testid="message"][data-from="bot"]').count()).toBeGreaterThan(0);
      await expect(page.getByTestId('intake-summary').count()).resolves.toBe(1);

      await page.getByTestId('message-input').fill('مرحبا، نعم يمكنك. أنا سارة.');
      await page.getByTestId('send').click();
      await person.hears('مرحبا، نعم يمكنك. أنا سارة.');

      await person.say('شكرا! متى أبدأ؟');
      await timeline.getByTestId('message').filter({ hasText: 'شكرا! متى أبدأ؟' }).waitFor(); // arrived live, without reload

      await page.getByTestId('close-open').click();
      await page.getByTestId('close-outcome').selectOption('helped');
      await page.getByTestId('close-note').fill('Wil starten; volgt intake');
      await page.getByTestId('close-confirm').click();
      await page.getByTestId('status-closed').waitFor();
      await person.hears(t('ar', 'handoff:rateQuestion'));
      await person.say('4');
      await person.hears(t('ar', 'handoff:ratingThanks'));
      const [handoff] = await waitFor(async () => {
        const all = await app.handoffs.service.queue.latestFor('emulator', `user-${person.conversationId}`);
        return all?.rating === 4 && [all];
      }, 'the rating stored');
      expect(handoff).toMatchObject({ status: 'closed', closeOutcome: 'helped', note: 'Wil starten; volgt intake', mentor: { firstName: 'Sara' } });
    } finally {
      await context.close();
      await stop();
    }
  });

  it("shows a newcomer who asks later on an open console at once, on a phone-sized screen, and takes the card off the other mentor's list once taken", async () => {
    const { app, url, stop } = await startTestApp();
    const phone = await suite.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const laptop = await suite.browser.newContext();
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      await addAccount(app, 'omar', 'mentor', ['ar']);
      const saraPage = await phone.newPage();
      const omarPage = await laptop.newPage();
      await signIn(saraPage, url, 'sara');
      await signIn(omarPage, url, 'omar');
      expect(await saraPage.getByTestId('waiting-item').count()).toBe(0);

      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await newcomerAsksForMentor(person, 'nl', 'Hallo, ik heb een vraag over BBL');
      await saraPage.getByTestId('waiting-item').waitFor(); // pushed by server-sent events, no reload
      await omarPage.getByTestId('waiting-item').waitFor();
      const width = await saraPage.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(360); // nothing sticks out sideways on a phone

      await saraPage.getByTestId('waiting-item').getByTestId('claim').click();
      await person.hears(t('nl', 'handoff:claimed', { mentor: 'Sara' }));
      // Omar presses too, if the card is still on his list: clicked in the page, since Playwright's click
      // would wait (until the test times out) for a card that has already gone.
      await omarPage.evaluate(() => document.querySelector<HTMLElement>('[data-testid="waiting-item"] [data-testid="claim"]')?.click());
      await waitFor(async () => (await omarPage.getByTestId('waiting-item').count()) === 0, 'the card leaving Omar\u2019s list');
      await saraPage.getByTestId('conversation').waitFor();
    } finally {
      await phone.close();
      await laptop.close();
      await stop();
    }
  });

  it('offers the mentor who closes a conversation the next person in a language they speak, taken with one click', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext();
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      const first = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      const dutch = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      const second = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await newcomerAsksForMentor(first, 'ar', 'سؤال أول');
      await newcomerAsksForMentor(dutch, 'nl', 'Een vraag'); // waits longer than the next one, but Sara does not speak Dutch
      await newcomerAsksForMentor(second, 'ar', 'سؤال ثان');

      const page = await context.newPage();
      await signIn(page, url, 'sara');
      await waitFor(async () => (await page.getByTestId('waiting-item').count()) === 3, 'three people waiting');
      await page.getByTestId('waiting-item').first().getByTestId('claim').click();
      await first.hears(t('ar', 'handoff:claimed', { mentor: 'Sara' }));
      expect(await page.getByTestId('next-offer').isVisible()).toBe(false);

      await page.getByTestId('close-open').click();
      await page.getByTestId('close-outcome').selectOption('helped');
      await page.getByTestId('close-confirm').click();
      const offer = page.getByTestId('next-offer');
      await offer.waitFor();
      expect(await page.getByTestId('next-offer-text').textContent()).toContain('العربية');
      await page.getByTestId('next-take').click();
      await second.hears(t('ar', 'handoff:claimed', { mentor: 'Sara' }));
      expect(dutch.texts()).not.toContain(t('nl', 'handoff:claimed', { mentor: 'Sara' }));
      await page.getByTestId('timeline').getByTestId('message').filter({ hasText: 'سؤال ثان' }).waitFor(); // the taken conversation is open
      expect(await offer.isVisible()).toBe(false);
    } finally {
      await context.close();
      await stop();
    }
  });

  it("shows an admin another mentor's conversation to read, without controls the server would refuse", async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext();
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      await addAccount(app, 'anna', 'admin');
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await newcomerAsksForMentor(person, 'nl', 'Hallo, ik heb een vraag');
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const [waiting] = ((await (await sara.get('/console/api/handoffs')).json()) as { waiting: Array<{ id: string }> }).waiting;
      expect((await sara.post(`/console/api/handoffs/${waiting.id}/claim`)).status).toBe(200);

      const page = await context.newPage();
      await signIn(page, url, 'anna');
      await page.getByTestId('mine-item').locator('.card-open').click();
      await page.getByTestId('timeline').getByTestId('message').filter({ hasText: 'Hallo, ik heb een vraag' }).waitFor();
      for (const control of ['release', 'close-open', 'message-input', 'send']) expect(await page.getByTestId(control).isVisible()).toBe(false);
      expect(await page.locator('#read-only-note').textContent()).toContain('Sara');
    } finally {
      await context.close();
      await stop();
    }
  });
});
