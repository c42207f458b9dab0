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

const screenshot = async (page: Page, name: string) => {
  if (process.env.CONSOLE_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${name}` });
};


async function asksForMentor(url: string, connector: ConstructorParameters<typeof Newcomer>[1], lng: Language) {
  const person = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
  await person.asksForMentor(lng);
  return person;
}

/** The id of the person's open handoff. */
async function handoffOf(app: App, person: Newcomer): Promise<string> {
  return waitFor(async () => (await app.handoffs.service.queue.waiting()).find((h) => h.conversation.conversation.id === person.conversationId)?.id, 'the person waiting');
}

const card = (page: Page, id: string) => page.locator(`[data-handoff-id="${id}"]`);

describe('working as a team in the console (headless Chromium, two mentors in two browser contexts)', () => {
  const suite = browserWithConnector();

  it('staff write a ready reply; an Arabic mentor inserts it with "/" in Arabic, then hands the person to a colleague who sees it live', async () => {
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() });
    const staffContext = await suite.browser.newContext();
    const saraContext = await suite.browser.newContext(PHONE);
    const omarContext = await suite.browser.newContext();
    try {
      await addAccount(app, 'lisa', 'staff');
      await addAccount(app, 'sara', 'mentor', ['ar']);
      await addAccount(app, 'omar', 'mentor', ['ar', 'en']);

      // Lisa writes the reply in English and Arabic on the Ready replies page.
      const lisa = await staffContext.newPage();
      await signInToConsole(lisa, url, 'lisa', 'en');
      // She starts typing before the list has come in: when it comes, the page is drawn again and
      // her cursor stays in the field she is typing in (the list's answer is held until she has begun).
      let answerList = () => {};
      const listHeld = new Promise<void>((resolve) => (answerList = resolve));
      await lisa.route('**/canned-replies', async (route) => {
        await listHeld;
        await route.continue();
      });
      await lisa.getByTestId('nav-replies').click();
      await lisa.getByTestId('reply-title-en').click();
      await lisa.keyboard.type('Opening');
      answerList();
      await lisa.getByText(shown('en', 'replies.none')).waitFor();
      await lisa.unroute('**/canned-replies');
      await lisa.keyboard.type(' hours');
      expect(await lisa.getByTestId('reply-title-en').inputValue()).toBe('Opening hours');
      await lisa.getByTestId('reply-text-en').fill('Mentors are here on weekdays from 9 to 17.');
      await lisa.getByTestId('reply-title-ar').fill('أوقات العمل');
      const arabicReply = 'المرشدون هنا من الاثنين إلى الجمعة، من 9 إلى 17.';
      await lisa.getByTestId('reply-text-ar').fill(arabicReply);
      await lisa.getByTestId('reply-title-fa').fill('only a title');
      await lisa.getByTestId('reply-save').click();
      expect(await lisa.getByTestId('reply-error').textContent()).toBe(shown('en', 'replies.bothNeeded', { language: 'فارسی' }));
      await lisa.getByTestId('reply-title-fa').fill('');
      await lisa.getByTestId('reply-save').click();
      await lisa.getByTestId('reply-item').filter({ hasText: 'Opening hours' }).waitFor();
      expect(await lisa.getByTestId('reply-done').textContent()).toBe(shown('en', 'replies.added', { title: 'Opening hours' }));
      expect(await axeViolations(lisa)).toEqual([]);
      await screenshot(lisa, 'console-ready-replies-en.png');

      const amina = await asksForMentor(url, suite.connector, 'ar');
      const id = await handoffOf(app, amina);

      // Sara on her phone, in Arabic: right to left.
      const sara = await saraContext.newPage();
      await signInToConsole(sara, url, 'sara', 'ar');
      expect(await sara.evaluate(() => document.documentElement.dir)).toBe('rtl');
      const omar = await omarContext.newPage();
      await signInToConsole(omar, url, 'omar', 'en');
      // Omar says he is away; his colleagues see it where they hand a person over.
      await omar.getByTestId('status-select').selectOption('away');
      await waitFor(async () => (await app.handover.desk.statusOf((await app.accounts.byUsername('omar'))!.id)) === 'away', 'Omar away on the server');

      await card(sara, id).getByTestId('claim').click();
      await amina.hears(t('ar', 'handoff:claimed', { mentor: 'Sara' }));
      const input = sara.getByTestId('message-input');
      await input.waitFor();

      // A second reply, only in English: listed for an Arabic speaker, saying it is not written in Arabic.
      await app.handover.replies.create({ en: { title: 'Homework', text: 'Please send your homework by Friday.' } }, 'lisa', new Date(Date.now() + 1000));
      await input.focus();
      await sara.keyboard.type('/');
      const options = sara.getByTestId('canned-option');
      await waitFor(async () => (await options.count()) === 2, 'two ready replies listed');
      await sara.keyboard.press('ArrowDown');
      expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
      expect(await options.nth(1).textContent()).toContain(shown('ar', 'handover.replyMissing', { language: 'العربية' }));
      await sara.keyboard.press('Enter'); // nothing to insert in Arabic: the box keeps what was typed
      expect(await input.inputValue()).toBe('/');
      await sara.keyboard.press('Escape');
      expect(await sara.getByTestId('canned-picker').isVisible()).toBe(false);
      // Typing after "/" filters by title.
      await sara.keyboard.press('Backspace');
      await sara.keyboard.type('/أوق');
      await waitFor(async () => (await options.count()) === 1, 'the list filtered to one reply');

      // In the person's language; Enter puts the Arabic text in, in place of what was typed.
      const option = options.filter({ hasText: arabicReply });
      await option.waitFor();
      expect(await sara.locator('#canned-head').textContent()).toBe(shown('ar', 'handover.repliesIn', { language: 'العربية' }));
      expect(await option.getAttribute('aria-selected')).toBe('true');
      expect(await input.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
      expect(await axeViolations(sara)).toEqual([]);
      await screenshot(sara, 'console-ready-reply-ar-390.png');
      await sara.keyboard.press('Enter');
      expect(await input.inputValue()).toBe(arabicReply);
      expect(await sara.getByTestId('canned-picker').isVisible()).toBe(false);
      await sara.getByTestId('send').click();
      await amina.hears(arabicReply);

      // A message typed and not sent: the hand-over panel says it cannot be sent after the hand-over.
      await input.fill('سأرسل لك الرابط');
      await sara.getByTestId('transfer-open').click();
      const draftWarning = sara.getByTestId('transfer-draft');
      await draftWarning.waitFor();
      expect(await draftWarning.textContent()).toBe(shown('ar', 'handover.draftWarning'));
      await sara.getByTestId('transfer-cancel').click();
      await input.fill('');

      // Hand over: Omar is listed (he speaks Arabic), shown as away; Sara picks him.
      await sara.getByTestId('transfer-open').click();
      expect(await draftWarning.isVisible()).toBe(false);
      const colleague = sara.getByTestId('colleague');
      await colleague.first().waitFor();
      expect(await colleague.count()).toBe(1);
      expect(await colleague.getByTestId('colleague-status').textContent()).toBe(shown('ar', 'handover.status.away'));
      expect(await colleague.textContent()).toContain('Omar');
      expect(await axeViolations(sara)).toEqual([]);
      await screenshot(sara, 'console-hand-over-ar-390.png');
      // Omar is away: asked once first; "someone else" goes back to the list, nothing handed over.
      await colleague.locator('button').click();
      const question = sara.getByTestId('away-question');
      await question.waitFor();
      expect(await question.locator('p').textContent()).toBe(shown('ar', 'handover.awayQuestion', { name: 'Omar' }));
      expect(await sara.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('away-no');
      expect((await app.handoffs.service.queue.get(id))?.mentor?.firstName).toBe('Sara');
      expect(await axeViolations(sara)).toEqual([]);
      await screenshot(sara, 'console-hand-over-away-ar-390.png');
      await sara.getByTestId('away-no').click();
      await colleague.first().waitFor();
      expect(await question.count()).toBe(0);
      await colleague.locator('button').click();
      await sara.getByTestId('away-yes').click();

      await amina.hears(t('ar', 'handoff:transferred', { mentor: 'Omar' }));
      // At the top of her screen, said and focused: the person is with Omar now.
      const done = sara.getByTestId('handed-over');
      await done.waitFor();
      expect(await done.textContent()).toBe(shown('ar', 'handover.done', { name: 'Omar' }));
      expect(await done.getAttribute('role')).toBe('status');
      expect(await sara.evaluate(() => document.activeElement?.id)).toBe('handed-over');
      const doneBox = await done.boundingBox();
      expect(doneBox && doneBox.y >= 0 && doneBox.y + doneBox.height <= 844).toBe(true);
      // Omar's page follows live: the person is in his list of conversations, without a reload.
      await card(omar, id).waitFor();
      expect(await omar.getByTestId('mine-list').locator(`[data-handoff-id="${id}"]`).count()).toBe(1);
      // Sara's page: the person is with Omar now; she reads, no longer writes.
      await waitFor(async () => (await sara.locator('#read-only-note').textContent()) === shown('ar', 'conversation.otherMentor', { name: 'Omar' }), 'Sara\u2019s note that Omar has the person');
      expect(await sara.getByTestId('message-input').isVisible()).toBe(false);
      expect(await done.isVisible()).toBe(true);
      expect(await axeViolations(sara)).toEqual([]);
      await screenshot(sara, 'console-handed-over-ar-390.png');

      // Omar writes to the person.
      await card(omar, id).locator('.card-open').click();
      await omar.getByTestId('message-input').fill('Hello, I am Omar.');
      await omar.getByTestId('send').click();
      await amina.hears('Hello, I am Omar.');
    } finally {
      await staffContext.close();
      await saraContext.close();
      await omarContext.close();
      await stop();
    }
  }, 120_000);

  it('warns before taking someone in a language one does not speak, refuses a take beyond the cap, and offers nobody at the cap', async () => {
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() });
    const saraContext = await suite.browser.newContext(PHONE);
    const omarContext = await suite.browser.newContext();
    try {
      await addAccount(app, 'sara', 'mentor', ['fa']);
      const omarAccount = await addAccount(app, 'omar', 'mentor', ['fa', 'en']);
      const chen = await asksForMentor(url, suite.connector, 'en');
      const dara = await asksForMentor(url, suite.connector, 'fa');
      const [chenId, daraId] = [await handoffOf(app, chen), await handoffOf(app, dara)];

      const sara = await saraContext.newPage();
      await signInToConsole(sara, url, 'sara', 'fa');
      expect(await sara.evaluate(() => document.documentElement.dir)).toBe('rtl');
      const omar = await omarContext.newPage();
      await signInToConsole(omar, url, 'omar', 'en');

      // Sara speaks Persian, not English: a warning first; "cancel" leaves the person waiting.
      await card(sara, chenId).getByTestId('claim').click();
      const warning = sara.getByTestId('language-warning');
      await warning.waitFor();
      expect(await sara.locator('#language-warning-text').textContent()).toBe(shown('fa', 'handover.languageWarning', { language: 'English' }));
      expect(await axeViolations(sara)).toEqual([]);
      await screenshot(sara, 'console-language-warning-fa-390.png');
      await sara.getByTestId('language-warning-cancel').click();
      await warning.waitFor({ state: 'hidden' });
      expect((await app.handoffs.service.queue.get(chenId))?.status).toBe('waiting');
      // She takes them anyway.
      await card(sara, chenId).getByTestId('claim').click();
      await sara.getByTestId('language-warning-take').click();
      await chen.hears(t('en', 'handoff:claimed', { mentor: 'Sara' }));

      // Omar may have one conversation at once: he takes Dara; the next take is refused with a clear message.
      await app.accounts.update(omarAccount.id, { capacity: 1 });
      await card(omar, daraId).getByTestId('claim').click();
      await dara.hears(t('fa', 'handoff:claimed', { mentor: 'Omar' }));
      const ela = await asksForMentor(url, suite.connector, 'fa');
      const elaId = await handoffOf(app, ela);
      await card(omar, elaId).waitFor();
      await card(omar, elaId).getByTestId('claim').click();
      await waitFor(async () => (await omar.getByTestId('error-banner').textContent())?.includes(shown('en', 'handover.atCapacity', { count: 1 })) ?? false, 'the banner saying Omar is at his cap');
      expect((await app.handoffs.service.queue.get(elaId))?.status).toBe('waiting');

      // With the cap lifted he takes Ela too; then lowered to 1 again: after closing one he still has one, so nobody is offered.
      await app.accounts.update(omarAccount.id, { capacity: undefined });
      await card(omar, elaId).getByTestId('claim').click();
      await ela.hears(t('fa', 'handoff:claimed', { mentor: 'Omar' }));
      const fari = await asksForMentor(url, suite.connector, 'fa');
      await handoffOf(app, fari);
      await app.accounts.update(omarAccount.id, { capacity: 1 });
      const omarClosed = omar.waitForResponse((r) => r.url().endsWith(`/handoffs/${elaId}/close`));
      await omar.getByTestId('close-open').click();
      await omar.getByTestId('close-outcome').selectOption('helped');
      await omar.getByTestId('close-confirm').click();
      expect((await (await omarClosed).json()).next).toBeNull();
      await omar.getByTestId('status-closed').waitFor();
      expect(await omar.getByTestId('next-offer').isVisible()).toBe(false);

      // Sara, without a cap, closes hers and is offered the Persian speaker waiting.
      const saraClosed = sara.waitForResponse((r) => r.url().endsWith(`/handoffs/${chenId}/close`));
      await sara.getByTestId('close-open').click();
      await sara.getByTestId('close-outcome').selectOption('helped');
      await sara.getByTestId('close-confirm').click();
      expect((await (await saraClosed).json()).next).toMatchObject({ language: 'fa' });
      await sara.getByTestId('next-offer').waitFor();
      expect(await axeViolations(omar)).toEqual([]);
    } finally {
      await saraContext.close();
      await omarContext.close();
      await stop();
    }
  }, 120_000);
});
