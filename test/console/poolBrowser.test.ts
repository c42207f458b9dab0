import { startTestApp } from '../support/testApp';
import { addAccount, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { axeViolations } from '../support/axe';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';
import type { Language } from '../../src/i18n/languages';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const MONTH = 30 * 86_400_000;
const contact = (id: string, language: Language) => ({
  conversation: { channelId: 'whatsapp', serviceUrl: 'whatsapp://graph', conversation: { id: `whatsapp:${id}` }, user: { id }, bot: { id: 'vit-bot' } },
  language,
});

describe('the talent pool in a real browser (headless Chromium, on a phone)', () => {
  const suite = browserWithConnector();

  it('staff see who is ready and everyone in the pool by levels, region and trend, filter it, and read it right to left in Arabic; a mentor sees codes only', async () => {
    const clock = { now: Date.now() - 5 * MONTH };
    const { app, url, stop } = await startTestApp({}, { poolClock: () => new Date(clock.now) });
    const context = await suite.browser.newContext(PHONE);
    const mentorContext = await suite.browser.newContext(PHONE);
    let page: import('playwright-core').Page | undefined;
    try {
      await addAccount(app, 'lisa', 'staff');
      const saraAccount = (await addAccount(app, 'sara', 'mentor', ['ar']))!;
      // Bram did the intake in the chat (Dutch A1, Groningen) and said yes five months ago.
      const nl = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);
      const bram = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await bram.startAndConsent('nl');
      await bram.say(nl('common:menu.intake'));
      for (const answer of ['Bram', nl('intake:fields.residenceStatus.options.statushouder'), 'Groningen', 'A1', nl('intake:levels.none'), nl('intake:fields.education.options.secondary'), nl('common:buttons.no'), nl('intake:fields.itExperience.options.hobby'), nl('common:buttons.yes'), nl('common:buttons.skip'), '40']) await bram.say(answer);
      await bram.hears(nl('pool:consent.question', { weeks: 8 }));
      await bram.say('ja');
      await bram.hears(nl('pool:consent.yes', { weeks: 8 }));
      // Two on WhatsApp, without a first name: one from Utrecht who reached B1 at a check-in (ready), one from Drenthe still at A1.
      const pool = app.pool;
      const ready = { channelId: 'whatsapp', userId: 'NL.31611122233' };
      const waiting = { channelId: 'whatsapp', userId: 'NL.31644455566' };
      await pool.ask(ready, contact(ready.userId, 'ar'), 'language-first', { dutch: 'A1', english: 'A1', interested: true, outcome: 'language-first', province: 'Utrecht' });
      await pool.answer(ready, contact(ready.userId, 'ar'), true);
      await pool.ask(waiting, contact(waiting.userId, 'ti'), 'not-yet', { dutch: 'A1', english: 'none', interested: true, outcome: 'not-yet', province: 'Drenthe' });
      await pool.answer(waiting, contact(waiting.userId, 'ti'), true);
      clock.now += 3 * MONTH;
      await pool.checkedIn(ready, contact(ready.userId, 'ar'), { dutch: 'B1', english: 'A2', interested: true, outcome: 'eligible' }, null);
      clock.now = Date.now();

      const staffPage = await context.newPage();
      page = staffPage;
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-pool').click();
      const view = page.getByTestId('pool-page');
      await waitFor(async () => (await view.getByTestId('pool-person').count()) === 3, 'three people in the pool');
      const lang = ((await page.locator('html').getAttribute('lang')) ?? 'nl') as Language;
      const text = (key: string, vars?: Record<string, unknown>) => translator().t(lang, `consolePool:${key}`, vars);
      // Ready: the one who reached B1, with her levels over time.
      expect(await view.getByTestId('pool-ready-person').count()).toBe(1);
      const readyCard = view.getByTestId('pool-ready-person');
      expect(await readyCard.getByTestId('pool-dutch').innerText()).toContain('A1 → B1');
      expect(await readyCard.getAttribute('data-trend')).toBe('up');
      // Staff see Bram's first name; the others by their code.
      expect(await view.getByTestId('pool-people').innerText()).toContain('Bram');
      expect(await view.getByTestId('pool-privacy').innerText()).toBe('');
      // Staff open Bram's transcript (with his journey beside it) from his card; the others had no conversation with the bot here.
      expect(await view.getByTestId('pool-transcript').count()).toBe(1);
      expect(await view.getByTestId('pool-person').filter({ hasText: 'Bram' }).getByTestId('pool-transcript').count()).toBe(1);

      // The north only: Bram (Groningen) and the one from Drenthe.
      await view.getByTestId('pool-filter-north').selectOption('yes');
      await view.getByTestId('pool-filter-submit').click();
      await waitFor(async () => (await view.getByTestId('pool-person').count()) === 2, 'the two in the north');
      expect(await view.getByTestId('pool-people').innerText()).toContain(text('north.badge'));
      // And at Dutch A1 with English "none": Bram and the newcomer from Drenthe; then "not-yet" only.
      await view.getByTestId('pool-filter-track').selectOption('not-yet');
      await view.getByTestId('pool-filter-submit').click();
      await waitFor(async () => (await view.getByTestId('pool-person').count()) === 1, 'the one without a permit yet');
      expect(await view.getByTestId('pool-people').innerText()).toContain('Drenthe');
      // A filter no one fits: no "Dutch level:" and "English level:" lines with nothing after them.
      await view.getByTestId('pool-filter-dutch').selectOption('C2');
      await view.getByTestId('pool-filter-submit').click();
      await waitFor(async () => (await view.getByTestId('pool-person').count()) === 0, 'no one at C2');
      expect(await view.getByTestId('pool-counts').locator('p').count()).toBe(0);
      await view.getByTestId('pool-filter-dutch').selectOption('');
      await view.getByTestId('pool-filter-track').selectOption('');
      await view.getByTestId('pool-filter-north').selectOption('');
      await view.getByTestId('pool-filter-submit').click();
      await waitFor(async () => (await view.getByTestId('pool-person').count()) === 3, 'everyone again');

      // The ready one books the talk with Sara (her journey moves to mentor-talk-booked): the ready list says so, with the time.
      await app.records.journeys.begin(ready, 'eligible', undefined, new Date(Date.now() - 60_000));
      const talkAt = new Date(Math.ceil((Date.now() + 3 * 86_400_000) / 3_600_000) * 3_600_000);
      const published = await app.records.talks.publish({ id: saraAccount.id, firstName: 'Sara' }, { start: talkAt.toISOString(), durationMinutes: 30, languages: ['ar'], link: 'https://meet.example.org/sara', weeks: 1 }, new Date());
      if (!published.ok) throw new Error('the slot was not published');
      expect(await app.records.talks.book(published.slots[0].id, { person: ready, conversation: contact(ready.userId, 'ar').conversation, language: 'ar', bookedAt: new Date().toISOString() }, new Date())).toMatchObject({ ok: true });
      await view.getByTestId('pool-filter-submit').click();
      await waitFor(async () => (await readyCard.getAttribute('data-next')) === 'talk-booked', 'the ready list showing the booked talk');
      const booked = await readyCard.innerText();
      expect(booked).toContain('Sara');
      expect(await readyCard.locator('.chip').allInnerTexts()).not.toContain(text('status.ready'));
      expect(booked).toContain(new Intl.DateTimeFormat(`${lang}-u-ca-gregory-hc-h23`, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(talkAt));

      // In Arabic: right to left, the page's words in Arabic; no accessibility violations.
      await page.getByTestId('lang-select').selectOption('ar');
      await waitFor(async () => (await staffPage.locator('html').getAttribute('dir')) === 'rtl', 'right to left');
      await waitFor(async () => (await view.locator('#pool-title').innerText()) === translator().t('ar', 'consolePool:title'), 'the title in Arabic');
      await page.screenshot({ path: '/tmp/pool-ar-390.png', fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);

      // A mentor: codes, no names, and a line saying why.
      const mentorPage = await mentorContext.newPage();
      await mentorPage.goto(`${url}/console`);
      await mentorPage.getByTestId('login-username').fill('sara');
      await mentorPage.getByTestId('login-password').fill('correct horse battery');
      await mentorPage.getByTestId('login-submit').click();
      await mentorPage.getByTestId('nav-pool').click();
      const mentorView = mentorPage.getByTestId('pool-page');
      await waitFor(async () => (await mentorView.getByTestId('pool-person').count()) === 3, 'three people for the mentor');
      expect(await mentorView.innerText()).not.toContain('Bram');
      expect(await mentorView.getByTestId('pool-transcript').count()).toBe(0);
      expect((await mentorView.getByTestId('pool-privacy').innerText()).length).toBeGreaterThan(0);
      await mentorPage.screenshot({ path: '/tmp/pool-mentor-390.png', fullPage: true });

      const audited = await app.records.audit.between(new Date(Date.now() - 600_000), new Date(Date.now() + 60_000));
      expect(new Set(audited.filter((e) => e.action === 'view-pool').map((e) => e.actor))).toEqual(new Set(['lisa', 'sara']));
    } catch (error) {
      if (page) await page.screenshot({ path: '/tmp/pool-failure.png', fullPage: true });
      throw error;
    } finally {
      await context.close();
      await mentorContext.close();
      await stop();
    }
  }, 120_000);
});
