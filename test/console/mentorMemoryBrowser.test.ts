import type { Page } from 'playwright-core';
import { startTestApp, testConfig } from '../support/testApp';
import { addAccount, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { axeViolations } from '../support/axe';
import { dayIn } from '../../src/domain/followUp';
import type { Language } from '../../src/i18n/languages';
import { signInToConsole } from '../support/consoleSignIn';

const TIME_ZONE = testConfig().MENTOR_TIMEZONE;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: TIME_ZONE } as const;
const LAPTOP = { viewport: { width: 1280, height: 860 }, timezoneId: TIME_ZONE } as const;
const t = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);
/** A console text as the page shows it (the browser inserts values without isolation marks). */
const shown = (lng: Language, key: string, vars?: Record<string, unknown>) => t(lng, `console:${key}`, vars).replace(/[\u2068\u2069]/g, '');

/** The screens in docs/screenshots/ are written again only when asked (CONSOLE_SCREENSHOTS=1 npx jest …). */
const screenshot = async (page: Page, name: string) => {
  if (process.env.CONSOLE_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${name}`, fullPage: true });
};


describe('what mentors remember, in the console (headless Chromium, real redis-server)', () => {
  const suite = browserWithConnector();

  it('a close with "follow up later" and a day lands in My follow-ups; the next mentor (Arabic, on a phone) sees the history; staff (Persian) find it; private notes never reach the person', async () => {
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() });
    const saraContext = await suite.browser.newContext(LAPTOP);
    const omarContext = await suite.browser.newContext(PHONE);
    const lisaContext = await suite.browser.newContext(LAPTOP);
    try {
      await addAccount(app, 'sara', 'mentor', ['en']);
      await addAccount(app, 'omar', 'mentor', ['en', 'ar']);
      await addAccount(app, 'lisa', 'staff');
      const person = new Newcomer(url, suite.connector, `mem-${uniquePrefix()}`);
      await person.startAndConsent('en');
      await person.say(t('en', 'common:menu.mentor'));
      await person.hears(t('en', 'handoff:howToWait'));

      // Sara takes the person, writes a private note, and closes with "follow up later" on tomorrow.
      const sara = await saraContext.newPage();
      await signInToConsole(sara, url, 'sara', 'en');
      await sara.getByTestId('waiting-item').getByTestId('claim').click();
      await person.hears(t('en', 'handoff:claimed', { mentor: 'Sara' }));
      const notes = sara.getByTestId('private-notes');
      await notes.waitFor();
      await sara.getByTestId('notes-add').click();
      expect(await sara.locator('#notes-error').textContent()).toBe(shown('en', 'notes.required'));
      await sara.getByTestId('notes-input').fill('Prefers a call after 5 pm');
      await sara.getByTestId('notes-add').click();
      await notes.getByTestId('private-note').filter({ hasText: 'Prefers a call after 5 pm' }).waitFor();
      expect(await axeViolations(sara)).toEqual([]);

      const tomorrow = dayIn(new Date(Date.now() + 86_400_000), TIME_ZONE);
      await sara.getByTestId('close-open').click();
      await sara.getByTestId('close-outcome').selectOption('follow-up');
      const day = sara.getByTestId('close-follow-up');
      await day.waitFor();
      await sara.getByTestId('close-note').fill('Check the language test result');
      await sara.getByTestId('close-confirm').click();
      expect(await sara.locator('#close-error').textContent()).toBe(shown('en', 'errors.followUpRequired'));
      expect(await day.getAttribute('aria-invalid')).toBe('true');
      expect(await axeViolations(sara)).toEqual([]);
      await day.fill(tomorrow);
      await sara.getByTestId('close-confirm').click();
      await person.hears(t('en', 'handoff:rateQuestion'));
      await person.say('5');
      await person.hears(t('en', 'handoff:ratingThanks'));
      // What the person got: the relay and the bot's words, never the private note.
      expect(suite.connector.repliesIn(person.conversationId).some((a) => (a.text ?? '').includes('5 pm'))).toBe(false);

      // My follow-ups: the person, on tomorrow, with the close note; a link back to the conversation.
      await sara.getByTestId('nav-followups').click();
      const item = sara.getByTestId('follow-up-item');
      await item.waitFor();
      expect(await item.getAttribute('data-state')).toBe('later');
      expect(await item.textContent()).toContain('Check the language test result');
      expect(await axeViolations(sara)).toEqual([]);
      await screenshot(sara, 'console-follow-ups-en.png');
      await item.getByTestId('follow-up-open').click();
      await sara.getByTestId('status-closed').filter({ hasText: shown('en', 'closed.rating', { rating: '5' }) }).waitFor();

      // The person asks again; Omar takes them on a phone with the console in Arabic: the history shows Sara's part.
      await person.say(t('en', 'common:menu.mentor'));
      await person.hearsAgain(t('en', 'handoff:howToWait'));
      const omar = await omarContext.newPage();
      await signInToConsole(omar, url, 'omar', 'ar');
      expect(await omar.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await omar.getByTestId('waiting-item').getByTestId('claim').click();
      await person.hears(t('en', 'handoff:claimed', { mentor: 'Omar' }));
      const history = omar.getByTestId('person-history');
      const earlier = history.getByTestId('history-item');
      await earlier.waitFor();
      expect(await earlier.getAttribute('data-close-outcome')).toBe('follow-up');
      const text = (await earlier.textContent()) ?? '';
      expect(text).toContain('Check the language test result');
      expect(text).toContain('Prefers a call after 5 pm');
      expect(text).toContain(shown('ar', 'closed.rating', { rating: new Intl.NumberFormat('ar').format(5) }));
      expect(text).toContain('Sara');
      expect(await history.evaluate((node) => getComputedStyle(node).direction)).toBe('rtl');
      expect(await omar.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await axeViolations(omar)).toEqual([]);
      await screenshot(omar, 'console-history-ar-390.png');

      // Omar's own private note stays in the console too.
      await omar.getByTestId('notes-input').fill('يريد تدريبًا في Zwolle');
      await omar.getByTestId('notes-add').click();
      await omar.getByTestId('notes-list').getByTestId('private-note').filter({ hasText: 'Zwolle' }).waitFor();
      expect(suite.connector.repliesIn(person.conversationId).some((a) => (a.text ?? '').includes('Zwolle'))).toBe(false);
      await omar.getByTestId('nav-followups').click();
      await omar.locator('#followups-status').filter({ hasText: shown('ar', 'followUps.empty') }).waitFor();
      expect(await axeViolations(omar)).toEqual([]);

      // Staff, in Persian: the transcript found by how it ended, shown with outcome, rating and notes; the numbers count it.
      const lisa = await lisaContext.newPage();
      await signInToConsole(lisa, url, 'lisa', 'fa');
      expect(await lisa.evaluate(() => document.documentElement.dir)).toBe('rtl');
      const fa = (n: number) => new Intl.NumberFormat('fa').format(n);
      await lisa.getByTestId('nav-transcripts').click();
      await lisa.getByTestId('transcript-filter-close-outcome').selectOption('follow-up');
      await lisa.getByTestId('transcript-filter-submit').click();
      const found = lisa.getByTestId('transcript-item');
      await found.getByTestId('transcript-closes').filter({ hasText: shown('fa', 'close.outcomes.follow-up') }).waitFor();
      expect(await found.count()).toBe(1);
      expect(await found.getByTestId('transcript-closes').textContent()).toContain(shown('fa', 'closed.rating', { rating: fa(5) }));
      expect(await axeViolations(lisa)).toEqual([]);
      await found.locator('a').click();
      const handoffs = lisa.getByTestId('transcript-handoffs');
      await handoffs.getByTestId('history-item').first().waitFor();
      expect(await handoffs.textContent()).toContain('Check the language test result');
      expect(await axeViolations(lisa)).toEqual([]);
      await screenshot(lisa, 'console-transcript-handoffs-fa.png');
      await lisa.getByTestId('nav-numbers').click();
      const row = lisa.getByTestId('close-outcomes').locator('tr[data-lang="en"]');
      await row.waitFor();
      expect(await row.locator('td[data-count="follow-up"]').textContent()).toBe(fa(1));
      expect(await axeViolations(lisa)).toEqual([]);
      await lisa.getByTestId('nav-followups').click();
      await lisa.getByTestId('follow-up-item').waitFor();
      expect(await lisa.getByTestId('follow-up-item').textContent()).toContain(shown('fa', 'followUps.by', { name: 'Sara' }));
      expect(await axeViolations(lisa)).toEqual([]);

      // Sara marks it done: it leaves her list.
      await sara.getByTestId('nav-followups').click();
      await sara.getByTestId('follow-up-done').click();
      await sara.locator('#followups-status').filter({ hasText: shown('en', 'followUps.empty') }).waitFor();
      expect(await app.handoffs.notes.followUps()).toEqual([]);
    } finally {
      await saraContext.close();
      await omarContext.close();
      await lisaContext.close();
      await stop();
    }
  });
});
