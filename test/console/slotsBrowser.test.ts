import { startTestApp } from '../support/testApp';
import { addAccount, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { axeViolations } from '../support/axe';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';
import { formatSlotShort } from '../../src/domain/mentorSlots';

// The browser in New York: the form and the list still speak Dutch time, the time the newcomer is told.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'America/New_York' } as const;
const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const en = (key: string, vars?: Record<string, unknown>) => translator().t('en', key, vars);
const HOUR = 3_600_000;

/** "YYYY-MM-DDTHH:00" in Dutch time (what the datetime-local field is read as), whatever zone this machine is in. */
function dutchInput(date: Date): string {
  const part = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:00`;
}
/** A time in Dutch time, as the console's English page writes it. */
const dutchText = (iso: string) => en('console:slots.notices.dutchTime', { time: new Intl.DateTimeFormat('en-u-ca-gregory-hc-h23', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso)) });

// A mentor's whole walk (publish, a booking from the chat, held) in Chromium: more than 30 s on a busy machine.
jest.setTimeout(120_000);

describe('"My slots" in a real browser (headless Chromium, on a phone)', () => {
  const suite = browserWithConnector();

  it('a mentor publishes times (bad ones refused), sees who booked with the intake, and records a talk as held', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext(PHONE);
    let page;
    try {
      const sara = await addAccount(app, 'sara', 'mentor', ['ar']);
      page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('sara');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-slots').click();
      const slots = page.getByTestId('slots-page');
      await waitFor(async () => (await slots.getByTestId('slots-list').count()) === 1, 'the page drawn');

      // The form says which time it reads; every field and box is big enough for a thumb; "Publish" is the blue main action.
      expect(await slots.locator('label[for="slot-start"]').textContent()).toBe(en('console:slots.start'));
      expect(en('console:slots.start')).toContain('Dutch time');
      for (const id of ['slot-start', 'slot-duration', 'slot-link', 'slot-weeks', 'slot-add']) {
        expect({ id, height: (await slots.getByTestId(id).boundingBox())!.height >= 44 }).toEqual({ id, height: true });
      }
      for (const box of await slots.locator('.slot-form label.check').all()) expect((await box.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      const [publishColour, primaryColour] = await slots.getByTestId('slot-add').evaluate((button) => {
        const probe = document.createElement('span');
        probe.style.background = 'var(--primary)';
        document.body.append(probe);
        const colour = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return [getComputedStyle(button).backgroundColor, colour];
      });
      expect(publishColour).toBe(primaryColour);

      // The hour the clocks skip in spring does not exist in Dutch time: refused in words, nothing sent.
      await slots.getByTestId('slot-start').fill('2027-03-28T02:30');
      await slots.getByTestId('slot-language-ar').check();
      await slots.getByTestId('slot-link').fill('https://meet.example.org/sara');
      await slots.getByTestId('slot-add').click();
      await waitFor(async () => (await slots.getByTestId('slot-error').textContent()) === en('console:slots.problems.no-such-time'), 'the skipped hour refused');
      // Either side of a change, a wall time is read in Dutch summer or winter time (the browser in New York changes on other days).
      expect(
        await page.evaluate(async (modulePath) => {
          const { dutchInstant } = (await import(modulePath)) as { dutchInstant: (wall: string) => unknown };
          return ['2027-03-28T01:59', '2027-03-28T03:00', '2027-10-31T02:30', '2027-10-31T03:00', '2026-12-09T14:00', '2027-07-01T14:00', '2027-02-30T10:00'].map((wall) => dutchInstant(wall));
        }, '/console/js/dutchTime.js'),
      ).toEqual([
        { ok: true, iso: '2027-03-28T00:59:00.000Z' },
        { ok: true, iso: '2027-03-28T01:00:00.000Z' },
        { ok: true, iso: '2027-10-31T00:30:00.000Z' }, // the hour that comes twice: its first time (summer time)
        { ok: true, iso: '2027-10-31T02:00:00.000Z' },
        { ok: true, iso: '2026-12-09T13:00:00.000Z' },
        { ok: true, iso: '2027-07-01T12:00:00.000Z' },
        { ok: false, problem: 'bad' },
      ]);

      // A link that is not http(s): refused with the rule in words.
      const when = new Date(Math.floor((Date.now() + 50 * HOUR) / HOUR) * HOUR);
      await slots.getByTestId('slot-start').fill(dutchInput(when));
      await slots.getByTestId('slot-language-en').check();
      await slots.getByTestId('slot-link').fill('javascript:alert(1)');
      await slots.getByTestId('slot-add').click();
      await waitFor(async () => (await slots.getByTestId('slot-error').textContent()) === en('console:slots.problems.bad-link'), 'the link refused');
      // A time in the past: refused too.
      await slots.getByTestId('slot-link').fill('https://meet.example.org/sara');
      await slots.getByTestId('slot-start').fill(dutchInput(new Date(Date.now() - 3 * HOUR)));
      await slots.getByTestId('slot-add').click();
      await waitFor(async () => (await slots.getByTestId('slot-error').textContent()) === en('console:slots.problems.in-past'), 'the past refused');
      // Weekly for two weeks: two times listed.
      await slots.getByTestId('slot-start').fill(dutchInput(when));
      await slots.getByTestId('slot-weeks').fill('2');
      await slots.getByTestId('slot-add').click();
      await waitFor(async () => (await slots.getByTestId('slot-item').count()) === 2, 'two times published');
      expect(await slots.getByTestId('slot-error').textContent()).toBe('');
      // Published at the hour typed, in Dutch time (not New York's), and listed so, saying so.
      const [first] = await app.records.talks.slotsOf(sara.id, new Date());
      expect(first.start).toBe(when.toISOString());
      expect(await slots.getByTestId('slot-item').first().locator('time').textContent()).toBe(dutchText(when.toISOString()));

      // Amina does the intake in Arabic and books the first time from the chat.
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
      await person.say(formatSlotShort(first.start, 'ar'));
      await heard('https://meet.example.org/sara');

      // Sara sees her, with the intake, before the talk.
      await page.getByTestId('nav-handoffs').click();
      await page.getByTestId('nav-slots').click();
      const booked = slots.getByTestId('slot-booked');
      await waitFor(async () => (await booked.count()) === 1, 'the booking shown');
      expect(await booked.innerText()).toContain('آمنة');
      expect(await booked.getByTestId('slot-intake').innerText()).toContain('B1');
      expect(await booked.innerText()).toContain('أحب البرمجة');
      // Her motivation reads as quoted text of the console's (a bar at the start, no indent on both sides).
      const motivation = await booked.getByTestId('slot-motivation').evaluate((quote) => {
        const style = getComputedStyle(quote);
        return { marginLeft: style.marginLeft, marginRight: style.marginRight, bar: style.borderInlineStartWidth, snippet: quote.classList.contains('snippet') };
      });
      expect(motivation).toEqual({ marginLeft: '0px', marginRight: '0px', bar: '3px', snippet: true });

      // A talk of hers that has started (set up in the store): Sara records it as held, with a note.
      const booking = (await app.records.talks.store.get(first.id))!.booking!;
      await app.records.talks.store.add([{ ...first, id: 'started-talk', start: new Date(Date.now() - HOUR).toISOString() }]);
      await app.records.talks.store.release(first.id, booking.person);
      expect(await app.records.talks.store.book('started-talk', booking, new Date(Date.now() - 2 * HOUR))).toBe('booked');
      await page.getByTestId('nav-handoffs').click();
      await page.getByTestId('nav-slots').click();
      const started = slots.locator('[data-slot-id="started-talk"]');
      await started.getByTestId('slot-note').fill('Gemotiveerd, goed Engels');
      await started.getByTestId('slot-held').click();
      await waitFor(async () => (await started.innerText()).includes('Gemotiveerd, goed Engels') && (await started.getByTestId('slot-held').count()) === 0, 'held recorded');
      expect((await app.records.journeys.of(booking.person))?.stage).toBe('mentor-talk-held');
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/slots-en-390.png', fullPage: true });

      // In Arabic (right to left): each piece of the intake line keeps its place; "English A2" is not pushed to the far left.
      await page.getByTestId('lang-select').selectOption('ar');
      await waitFor(async () => (await started.getByTestId('slot-intake').innerText()).includes('الإنجليزية'), 'the intake line in Arabic');
      const places = await started.getByTestId('slot-intake').evaluate((line) => {
        line.style.whiteSpace = 'nowrap'; // measured on one line: on a phone it wraps
        /** Where a piece of the line's text is drawn (its left edge). */
        const leftOf = (part: string) => {
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = (node.textContent || '').indexOf(part);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + part.length);
            return range.getBoundingClientRect().left;
          }
          return NaN;
        };
        const places = { a2: leftOf('A2'), b1: leftOf('B1'), hours: leftOf('40') };
        line.style.whiteSpace = '';
        return places;
      });
      // Right to left: the levels (B1, then A2) come before the hours, so they stand to the right of them.
      expect(places.b1).toBeGreaterThan(places.a2);
      expect(places.a2).toBeGreaterThan(places.hours);
      expect(await started.getByTestId('slot-intake').locator('bdi').count()).toBeGreaterThanOrEqual(2);
      expect(await slots.getByTestId('slot-item').first().locator('time').textContent()).toContain('بتوقيت هولندا');
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/slots-ar-390.png', fullPage: true });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.screenshot({ path: '/tmp/slots-ar-1440.png', fullPage: true });
      await started.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/slots-ar-1440-list.png' });
      await page.getByTestId('lang-select').selectOption('nl');
      await waitFor(async () => (await slots.locator('label[for="slot-start"]').textContent()) === translator().t('nl', 'console:slots.start'), 'the page in Dutch');
      await page.screenshot({ path: '/tmp/slots-nl-1440.png', fullPage: true });
      await started.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/slots-nl-1440-list.png' });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: '/tmp/slots-nl-390.png', fullPage: true });
    } catch (error) {
      if (page) await page.screenshot({ path: '/tmp/slots-failure.png', fullPage: true });
      throw error;
    } finally {
      await context.close();
      await stop();
    }
  });
});
