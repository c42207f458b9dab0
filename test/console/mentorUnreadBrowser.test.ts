import type { Page } from 'playwright-core';
import { startTestApp } from '../support/testApp';
import { addAccount, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { axeViolations } from '../support/axe';
import type { App } from '../../src/app';
import type { Language } from '../../src/i18n/languages';
import { signInToConsole } from '../support/consoleSignIn';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const t = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);
/** A console text as the page shows it (the browser inserts values without isolation marks). */
const shown = (lng: Language, key: string, vars?: Record<string, unknown>) => t(lng, `console:${key}`, vars).replace(/[\u2068\u2069]/g, '');

/** The screens in docs/screenshots/ are written again only when asked (CONSOLE_SCREENSHOTS=1 npx jest …). */
const screenshot = async (page: Page, name: string) => {
  if (process.env.CONSOLE_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${name}` });
};

async function signIn(page: Page, url: string, username: string, lng: Language) {
  page.setDefaultTimeout(15_000);
  await signInToConsole(page, url, username, lng, { live: true });
  await page.getByTestId('waiting-list').waitFor();
}

async function asksForMentor(url: string, connector: ConstructorParameters<typeof Newcomer>[1], lng: Language) {
  const person = new Newcomer(url, connector, `unread-${uniquePrefix()}`);
  await person.asksForMentor(lng);
  return person;
}

async function handoffOf(app: App, person: Newcomer): Promise<string> {
  return waitFor(async () => (await app.handoffs.service.queue.waiting()).find((h) => h.conversation.conversation.id === person.conversationId)?.id, 'the person waiting');
}

const card = (page: Page, id: string) => page.locator(`[data-handoff-id="${id}"]`);

/** Whether the element is on the first screen, as the mentor holds the phone now (no scrolling). */
async function onScreen(page: Page, testId: string) {
  const box = await page.getByTestId(testId).first().boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  return !!box && box.height > 0 && box.y >= 0 && box.y + box.height <= height;
}

/** The mentor takes the person from the waiting list and lands in the conversation. */
async function take(page: Page, id: string, person: Newcomer, lng: Language, mentor: string) {
  await card(page, id).getByTestId('claim').click();
  await person.hears(t(lng, 'handoff:claimed', { mentor }));
  await page.waitForFunction((handoff) => document.getElementById('conversation')?.dataset.handoffId === handoff && !document.getElementById('compose')?.hidden, id);
}

describe('a mentor on a phone notices new messages from their own people (headless Chromium, real redis-server)', () => {
  const suite = browserWithConnector();

  it('Dutch: her own conversations come first on the phone, the tab counts her new messages apart, and inside another conversation a button opens the one with news', async () => {
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() });
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sanne', 'mentor', ['nl']);
      const bram = await asksForMentor(url, suite.connector, 'nl');
      const dara = await asksForMentor(url, suite.connector, 'nl');
      const [bramId, daraId] = [await handoffOf(app, bram), await handoffOf(app, dara)];
      for (let i = 0; i < 3; i++) await asksForMentor(url, suite.connector, 'nl'); // the line is long

      const sanne = await context.newPage();
      await signIn(sanne, url, 'sanne', 'nl');
      await card(sanne, bramId).waitFor();
      const bramName = (await card(sanne, bramId).locator('.card-name').textContent()) ?? '';
      await take(sanne, bramId, bram, 'nl', 'Sanne');

      // Back to the lists: Bram, whom she helps, is above the people waiting for anyone.
      await sanne.getByTestId('back').click();
      await sanne.getByTestId('mine-item').waitFor();
      const mineTop = (await sanne.getByTestId('mine-list').boundingBox())?.y ?? Infinity;
      const waitingTop = (await sanne.getByTestId('waiting-list').boundingBox())?.y ?? -Infinity;
      expect(mineTop).toBeLessThan(waitingTop);
      // Tabbing follows what is seen: Bram's card comes before the first person waiting.
      expect(await sanne.evaluate(() => {
        const mine = document.querySelector('[data-testid="mine-item"]');
        const waiting = document.querySelector('[data-testid="waiting-item"]');
        return !!mine && !!waiting && !!(mine.compareDocumentPosition(waiting) & Node.DOCUMENT_POSITION_FOLLOWING);
      })).toBe(true);

      // Bram writes while she is on the lists: the tab says it apart from the 4 waiting, and his card is on the first screen.
      await bram.say('Ben je er nog? Ik heb een vraag over mijn diploma.');
      const navUnread = sanne.getByTestId('nav-unread-count');
      await navUnread.waitFor();
      expect(await navUnread.textContent()).toBe(shown('nl', 'nav.unreadShort', { count: 1, number: '1' }));
      expect(await navUnread.getAttribute('aria-label')).toBe(shown('nl', 'nav.unreadCount', { count: 1, number: '1' }));
      expect(await sanne.locator('#nav-waiting-count').textContent()).toBe('4');
      await card(sanne, bramId).getByTestId('unread-badge').waitFor();
      expect(await onScreen(sanne, 'unread-badge')).toBe(true);
      expect(await axeViolations(sanne)).toEqual([]);
      await screenshot(sanne, 'console-unread-first-nl-390.png');

      // She reads Bram, then takes Dara; inside Dara's conversation Bram writes again.
      await card(sanne, bramId).locator('.card-open').click();
      await waitFor(async () => !(await navUnread.isVisible()), 'the tab without news once Bram is read');
      await sanne.getByTestId('back').click();
      await take(sanne, daraId, dara, 'nl', 'Sanne');
      expect(await sanne.getByTestId('other-unread').isVisible()).toBe(false);
      await bram.say('Hallo? Ik wacht op je antwoord.');

      // At the top of Dara's conversation, where her eyes are: "New message from Bram", a button to his.
      const news = sanne.getByTestId('other-unread-open');
      await news.waitFor();
      expect(await news.count()).toBe(1);
      expect(await news.textContent()).toBe(shown('nl', 'notice.newMessage', { name: bramName }));
      expect(await onScreen(sanne, 'other-unread-open')).toBe(true);
      expect(await sanne.locator('#other-unread-said').textContent()).toBe(shown('nl', 'notice.newMessage', { name: bramName }));
      expect(await sanne.locator('#other-unread-said').getAttribute('role')).toBe('status');
      expect(await navUnread.isVisible()).toBe(true);
      expect(await axeViolations(sanne)).toEqual([]);
      await screenshot(sanne, 'console-unread-inside-nl-390.png');

      await news.click();
      await sanne.waitForFunction((id) => document.getElementById('conversation')?.dataset.handoffId === id, bramId);
      await sanne.getByTestId('timeline').getByText('Hallo? Ik wacht op je antwoord.').waitFor();
      await waitFor(async () => !(await sanne.getByTestId('other-unread').isVisible()) && !(await navUnread.isVisible()), 'no news left once Bram is open');

      // On a laptop the lists stand beside the conversation, waiting first as before.
      await sanne.setViewportSize({ width: 1440, height: 900 });
      await waitFor(async () => ((await sanne.getByTestId('waiting-list').boundingBox())?.y ?? Infinity) < ((await sanne.getByTestId('mine-list').boundingBox())?.y ?? -Infinity), 'waiting first on a wide screen');
      await dara.say('Dank je, ik lees het straks.');
      await news.waitFor();
      await screenshot(sanne, 'console-unread-inside-nl-1440.png');
    } finally {
      await context.close();
      await stop();
    }
  }, 120_000);

  it('Arabic: inside one conversation a plea from another person shows at once; closing with a typed message warns first and keeps the text', async () => {
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() });
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'karim', 'mentor', ['ar']);
      const amina = await asksForMentor(url, suite.connector, 'ar');
      const dara = await asksForMentor(url, suite.connector, 'ar');
      const [aminaId, daraId] = [await handoffOf(app, amina), await handoffOf(app, dara)];

      const karim = await context.newPage();
      await signIn(karim, url, 'karim', 'ar');
      expect(await karim.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await card(karim, aminaId).waitFor();
      const aminaName = (await card(karim, aminaId).locator('.card-name').textContent()) ?? '';
      await take(karim, aminaId, amina, 'ar', 'Karim');
      await karim.getByTestId('back').click();
      await take(karim, daraId, dara, 'ar', 'Karim');

      // Inside Dara's conversation Amina writes: seen and said without leaving it.
      await amina.say('هل أنت هنا؟ أحتاج مساعدة بسرعة');
      const news = karim.getByTestId('other-unread-open');
      await news.waitFor();
      expect(await news.textContent()).toBe(shown('ar', 'notice.newMessage', { name: aminaName }));
      expect(await news.locator('bdi').textContent()).toBe(aminaName);
      expect(await onScreen(karim, 'other-unread-open')).toBe(true);
      const one = await karim.evaluate(() => new Intl.NumberFormat('ar').format(1));
      expect(await karim.getByTestId('nav-unread-count').textContent()).toBe(shown('ar', 'nav.unreadShort', { count: 1, number: one }));
      expect(await axeViolations(karim)).toEqual([]);
      await screenshot(karim, 'console-unread-inside-ar-390.png');

      // He has typed half an answer to Dara and presses Close: the form says the message is not sent.
      const input = karim.getByTestId('message-input');
      await input.fill('سأرسل لك الرابط بعد قليل');
      await karim.getByTestId('close-open').click();
      const draft = karim.getByTestId('close-draft');
      await draft.waitFor();
      expect(await draft.locator('p').textContent()).toBe(shown('ar', 'close.draftWarning'));
      expect(await karim.getByTestId('close-outcome').getAttribute('aria-describedby')).toContain('close-draft-text');
      expect(await axeViolations(karim)).toEqual([]);
      await screenshot(karim, 'console-close-draft-ar-390.png');

      // Cancel keeps what he typed; "send it first" sends it and leaves the conversation open.
      await karim.locator('#close-cancel').click();
      expect(await input.inputValue()).toBe('سأرسل لك الرابط بعد قليل');
      await karim.getByTestId('close-open').click();
      await karim.getByTestId('close-send-first').click();
      await dara.hears('سأرسل لك الرابط بعد قليل');
      expect(await karim.locator('#close-form').isVisible()).toBe(false);
      await waitFor(async () => (await input.inputValue()) === '', 'the box empty after sending');

      // With nothing typed, the form has no warning.
      await karim.getByTestId('close-open').click();
      await karim.getByTestId('close-outcome').waitFor();
      expect(await draft.isVisible()).toBe(false);
      await karim.getByTestId('close-outcome').selectOption('helped');
      await karim.getByTestId('close-confirm').click();
      await karim.getByTestId('status-closed').waitFor();
    } finally {
      await context.close();
      await stop();
    }
  }, 120_000);
});
