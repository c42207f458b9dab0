import { startTestApp } from '../support/testApp';
import { addAccount, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { axeViolations } from '../support/axe';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';
import { formatSlotShort } from '../../src/domain/mentorSlots';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const en = (key: string, vars?: Record<string, unknown>) => translator().t('en', key, vars);
const HOUR = 3_600_000;

/** "YYYY-MM-DDTHH:mm" in the browser's own time (what a datetime-local field holds), a whole hour ahead. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:00`;
}

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

      // A link that is not http(s): refused with the rule in words.
      const when = new Date(Date.now() + 50 * HOUR);
      await slots.getByTestId('slot-start').fill(localInput(when));
      await slots.getByTestId('slot-language-ar').check();
      await slots.getByTestId('slot-language-en').check();
      await slots.getByTestId('slot-link').fill('javascript:alert(1)');
      await slots.getByTestId('slot-add').click();
      await waitFor(async () => (await slots.getByTestId('slot-error').textContent()) === en('console:slots.problems.bad-link'), 'the link refused');
      // A time in the past: refused too.
      await slots.getByTestId('slot-link').fill('https://meet.example.org/sara');
      await slots.getByTestId('slot-start').fill(localInput(new Date(Date.now() - 3 * HOUR)));
      await slots.getByTestId('slot-add').click();
      await waitFor(async () => (await slots.getByTestId('slot-error').textContent()) === en('console:slots.problems.in-past'), 'the past refused');
      // Weekly for two weeks: two times listed.
      await slots.getByTestId('slot-start').fill(localInput(when));
      await slots.getByTestId('slot-weeks').fill('2');
      await slots.getByTestId('slot-add').click();
      await waitFor(async () => (await slots.getByTestId('slot-item').count()) === 2, 'two times published');
      expect(await slots.getByTestId('slot-error').textContent()).toBe('');

      // Amina does the intake in Arabic and books the first time from the chat.
      const [first] = await app.records.talks.slotsOf(sara.id, new Date());
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
      await page.screenshot({ path: '/tmp/slots-390.png', fullPage: true });
    } catch (error) {
      if (page) await page.screenshot({ path: '/tmp/slots-failure.png', fullPage: true });
      throw error;
    } finally {
      await context.close();
      await stop();
    }
  });
});
