import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { axeViolations } from '../support/axe';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';
import { formatSlotShort } from '../../src/domain/mentorSlots';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB', timezoneId: 'America/New_York' } as const;
const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const en = (key: string, vars?: Record<string, unknown>) => translator().t('en', key, vars);
const HOUR = 3_600_000;
const LINK = 'https://meet.example.org/sara';

// An intake in the chat and the mentor's pages in Chromium: more than 30 s on a busy machine.
jest.setTimeout(120_000);

describe('a mentor sees new bookings of her times in the console (headless Chromium, on a phone)', () => {
  const suite = browserWithConnector();

  it('the "My slots" tab counts a booking as it happens; the page names who, when in Dutch time, the language, the link, and opens the intake; a cancellation follows', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext(PHONE);
    // The console's 30-second clock is switched off in this page: a count that shows came with the live stream.
    await context.addInitScript(() => {
      const setEvery = window.setInterval.bind(window);
      window.setInterval = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => ((ms ?? 0) >= 30_000 ? 0 : setEvery(handler, ms, ...rest))) as typeof window.setInterval;
    });
    let page;
    try {
      const sara = (await addAccount(app, 'sara', 'mentor', ['ar']))!;
      const start = new Date(Math.ceil((Date.now() + 50 * HOUR) / HOUR) * HOUR);
      const published = await app.records.talks.publish({ id: sara.id, firstName: 'Sara' }, { start: start.toISOString(), durationMinutes: 30, languages: ['ar'], link: LINK, weeks: 1 }, new Date());
      expect(published.ok).toBe(true);
      page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('sara');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-handoffs').waitFor();
      const badge = page.getByTestId('nav-slots-count');
      expect(await badge.isHidden()).toBe(true);
      await waitFor(async () => (await page!.getByTestId('live-indicator').getAttribute('data-state')) === 'on', 'the live stream open');
      // Omar, another mentor, has his console open too: Sara's bookings are none of his business.
      await addAccount(app, 'omar', 'mentor', ['ar']);
      const omar = new ConsoleClient(url);
      await omar.login('omar');
      const omarStream = omar.events();
      await omarStream.opened;

      // Amina does the intake in Arabic and books Sara's time from the chat.
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await person.startAndConsent('ar');
      await person.say(t('common:menu.intake'));
      await person.hears(t('intake:fields.firstName.prompt'));
      for (const answer of ['آمنة', t('intake:fields.residenceStatus.options.statushouder'), 'Zwolle', 'B1', 'A2', t('intake:fields.education.options.secondary'), t('common:buttons.no'), t('intake:fields.itExperience.options.hobby'), t('common:buttons.yes'), 'أحب البرمجة', '40']) {
        const before = suite.connector.repliesIn(person.conversationId).length;
        await person.say(answer);
        await waitFor(() => suite.connector.repliesIn(person.conversationId).length > before, `a reply to ${answer}`);
      }
      const heard = (part: string) => waitFor(() => suite.connector.repliesIn(person.conversationId).some((a) => a.text?.includes(part)), `a reply with "${part}"`);
      await heard(t('talk:offer'));
      await person.say(formatSlotShort(start.toISOString(), 'ar'));
      await heard(LINK);

      // Sara's console, open all along: the tab counts one new booking, without a reload.
      await waitFor(async () => (await badge.isVisible()) && (await badge.textContent()) === '1', 'the count on the tab');
      // Events reach a stream in order: once a later one for everyone reached Omar, his stream held no word of Sara's booking.
      await app.handoffs.events.publish({ type: 'rated', id: 'after-the-booking', at: new Date().toISOString() });
      await waitFor(() => omarStream.received.some((e) => e.id === 'after-the-booking'), 'a later event on Omar\u2019s stream');
      omarStream.stop();
      expect(omarStream.received.filter((e) => e.type === undefined)).toEqual([]);
      expect(await badge.getAttribute('aria-label')).toBe(en('console:slots.notices.navCount', { number: '1' }));

      // "My slots": who, when in Dutch time (the browser is in New York), the language and the link; "See the intake" opens her card.
      await page.getByTestId('nav-slots').click();
      const notices = page.getByTestId('slot-notices');
      await waitFor(async () => (await notices.getByTestId('slot-notice').count()) === 1, 'the notice shown');
      const notice = notices.getByTestId('slot-notice');
      const dutch = new Intl.DateTimeFormat('en-u-ca-gregory-hc-h23', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(start);
      const text = await notice.innerText();
      expect(text).toContain(en('console:slots.notices.dutchTime', { time: dutch }));
      expect(text).toContain(en('console:slots.notices.booked', { name: '\u2068آمنة\u2069' })); // isolated: her name does not turn the line around
      expect(text).toContain(en('console:slots.notices.newMark'));
      expect(text).toContain(LINK);
      expect(await notice.getAttribute('data-kind')).toBe('booked');
      // Her time under "Your times" is the same time, said the same way.
      expect(await page.locator(`[data-slot-id="${published.ok ? published.slots[0].id : ''}"] time`).textContent()).toBe(en('console:slots.notices.dutchTime', { time: dutch }));
      await waitFor(async () => await badge.isHidden(), 'the count gone once seen');
      await page.screenshot({ path: '/tmp/slot-notices-en-390.png' });
      await notice.getByTestId('notice-intake').click();
      const card = page.locator('[data-slot-id].slot-pointed');
      await waitFor(async () => (await card.count()) === 1 && (await card.evaluate((node) => node === document.activeElement)), 'her card in view, with the focus');
      expect(await card.getByTestId('slot-intake').innerText()).toContain('B1');
      expect(await card.innerText()).toContain('أحب البرمجة');
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/slot-notices-390.png', fullPage: false });

      // She cannot come: the tab counts it, and the page says the time is free again, naming no one.
      await page.getByTestId('nav-handoffs').click();
      await person.say('ما بقدر اجي');
      await person.say(t('common:buttons.yes'));
      await heard(t('talk:cancelled'));
      await waitFor(async () => (await badge.textContent()) === '1' && (await badge.isVisible()), 'the cancellation counted');
      await page.getByTestId('nav-slots').click();
      await waitFor(async () => (await notices.getByTestId('slot-notice').count()) === 2, 'both notices');
      const [cancelled, earlier] = [notices.getByTestId('slot-notice').nth(0), notices.getByTestId('slot-notice').nth(1)];
      expect(await cancelled.getAttribute('data-kind')).toBe('cancelled');
      expect(await cancelled.innerText()).toContain(en('console:slots.notices.cancelled'));
      expect(await cancelled.innerText()).not.toContain('آمنة');
      expect(await earlier.innerText()).toContain(en('console:slots.notices.bookedGone'));
      expect(await earlier.innerText()).not.toContain(en('console:slots.notices.newMark'));
      await page.screenshot({ path: '/tmp/slot-notices-cancelled-390.png', fullPage: true });

      // Lisa (staff) takes away a free time of Sara's: Sara hears it as of a booking, with Lisa's name and no language (no one had booked it).
      const later = await app.records.talks.publish({ id: sara.id, firstName: 'Sara' }, { start: new Date(start.getTime() + 24 * HOUR).toISOString(), durationMinutes: 30, languages: ['ar'], link: LINK, weeks: 1 }, new Date());
      if (!later.ok) throw new Error('the second time was not published');
      await addAccount(app, 'lisa', 'staff');
      const lisa = new ConsoleClient(url);
      await lisa.login('lisa');
      await page.getByTestId('nav-handoffs').click();
      expect((await lisa.post(`/console/api/talks/slots/${later.slots[0].id}/cancel`)).status).toBe(200);
      await waitFor(async () => (await badge.textContent()) === '1' && (await badge.isVisible()), 'the removal counted');
      await page.getByTestId('nav-slots').click();
      await waitFor(async () => (await notices.getByTestId('slot-notice').count()) === 3, 'three notices');
      const removed = notices.getByTestId('slot-notice').nth(0);
      expect(await removed.getAttribute('data-kind')).toBe('cancelled-by-staff');
      expect(await removed.innerText()).toContain(en('console:slots.notices.removedByStaff', { name: '\u2068Lisa\u2069' }));
      expect(await removed.locator('.chip-lang').count()).toBe(0);

      // In Arabic (right to left): the same notices, the time, the link and the chips isolated in the text.
      await page.getByTestId('lang-select').selectOption('ar');
      await waitFor(async () => (await notices.innerText()).includes(translator().t('ar', 'console:slots.notices.title')), 'the notices in Arabic');
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await notices.getByTestId('slot-notice').nth(1).innerText()).toContain(translator().t('ar', 'console:slots.notices.cancelled'));
      expect(await notices.getByTestId('slot-notice').nth(0).innerText()).toContain(translator().t('ar', 'console:slots.notices.removedByStaff', { name: '\u2068Lisa\u2069' }));
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/slot-notices-ar-390.png' });
    } catch (error) {
      if (page) await page.screenshot({ path: '/tmp/slot-notices-failure.png', fullPage: true });
      throw error;
    } finally {
      await context.close();
      await stop();
    }
  });
});
