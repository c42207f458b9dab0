import type { BrowserContext, Page } from 'playwright-core';
import { startTestApp } from '../support/testApp';
import { addAccount, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';
import { axeViolations } from '../support/axe';
import type { Language } from '../../src/i18n/languages';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const t = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);
/** A console text as the page builds it (values without the server translator's isolation marks). */
const shown = (lng: Language, key: string, vars?: Record<string, unknown>) => t(lng, `console:${key}`, vars).replace(/[\u2068\u2069]/g, '');
const plain = (text: string) => text.replace(/[\u2068\u2069]/g, '');

/**
 * What the page would have shown and played: the Notification API and WebAudio replaced in the page
 * (the test browser has neither a desktop nor speakers), recording every notification, every
 * permission question and every tone.
 */
function recordAlerts() {
  const w = window as unknown as { __alerts: { notices: Array<{ title: string; body: string; tag: string; dir: string }>; asked: number; tones: number } };
  w.__alerts = { notices: [], asked: 0, tones: 0 };
  class RecordedNotification {
    static permission: NotificationPermission = 'default';
    static async requestPermission() {
      w.__alerts.asked++;
      RecordedNotification.permission = 'granted';
      return 'granted' as const;
    }
    constructor(title: string, options: NotificationOptions = {}) {
      w.__alerts.notices.push({ title, body: options.body ?? '', tag: options.tag ?? '', dir: options.dir ?? '' });
    }
    addEventListener() {}
    close() {}
  }
  class RecordedAudio {
    state = 'running';
    currentTime = 0;
    destination = {};
    async resume() {}
    createOscillator() {
      w.__alerts.tones++;
      return { type: '', frequency: { value: 0 }, connect: (next: unknown) => next, start() {}, stop() {} };
    }
    createGain() {
      return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (next: unknown) => next };
    }
  }
  Object.assign(window, { Notification: RecordedNotification, AudioContext: RecordedAudio });
}

type Alerts = { notices: Array<{ title: string; body: string; tag: string; dir: string }>; asked: number; tones: number };
const alerts = (page: Page) => page.evaluate(() => (window as unknown as { __alerts: Alerts }).__alerts);
const bodies = async (page: Page) => (await alerts(page)).notices.map((n) => plain(n.body));

async function openConsole(context: BrowserContext, url: string, username: string, lng: Language = 'en') {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.addInitScript(recordAlerts);
  await page.addInitScript((lang) => window.localStorage.setItem('vit-console-lang', lang), lng);
  await page.goto(`${url}/console`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('correct horse battery');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('waiting-list').waitFor();
  await waitFor(async () => (await page.getByTestId('live-indicator').getAttribute('data-state')) === 'on', `${username}\u2019s live updates`);
  return page;
}

async function asksForMentor(person: Newcomer, lng: Language, message: string) {
  await person.asksForMentor(lng);
  await person.say(message);
  await person.hears(t(lng, 'handoff:messageKept'));
}

const title = (page: Page) => page.evaluate(() => document.title);
/** Phone-size screens for docs/screenshots/, written only when asked (CONSOLE_SCREENSHOTS=1). */
const screenshot = async (page: Page, name: string) => {
  if (process.env.CONSOLE_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${name}` });
};

describe('what a mentor notices: badges, order, title, sound and notifications, wait alert, typing (headless Chromium, two mentors)', () => {
  const suite = browserWithConnector();

  it('alerts the mentor who switched alerts on about a new person and a new message, not while looking, and shows and clears the unread badge', async () => {
    const { app, url, stop } = await startTestApp();
    const saraContext = await suite.browser.newContext();
    const omarContext = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['en']);
      await addAccount(app, 'omar', 'mentor', ['en']);
      const sara = await openConsole(saraContext, url, 'sara');
      const omar = await openConsole(omarContext, url, 'omar');

      // Omar turns alerts on: the browser is asked once, on that tap. Sara leaves them off.
      await omar.getByTestId('alerts-switch').click();
      await waitFor(async () => (await alerts(omar)).asked === 1, 'the permission question');
      expect(await omar.getByTestId('alerts-switch').isChecked()).toBe(true);

      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await asksForMentor(person, 'en', 'Can I work in IT without a diploma?');
      const card = omar.getByTestId('waiting-item');
      await card.waitFor();
      const name = (await card.locator('.card-name').textContent()) ?? '';
      const waitingText = shown('en', 'notice.newWaiting', { name, language: 'English' });
      await waitFor(async () => (await bodies(omar)).includes(waitingText), 'Omar\u2019s notification of a new person waiting');
      expect((await alerts(omar)).notices[0]).toMatchObject({ title: 'VIT Wegwijzer', tag: expect.stringMatching(/^waiting-/) });
      expect((await alerts(omar)).tones).toBeGreaterThan(0);
      expect(await title(omar)).toMatch(/^\(1\) /);
      // Sara's page knows (same list), but plays and shows nothing: her switch is off.
      await sara.getByTestId('waiting-item').waitFor();
      expect(await alerts(sara)).toMatchObject({ notices: [], tones: 0, asked: 0 });

      // Omar takes the person and sees the conversation: a new message then is no alert and no badge.
      await card.getByTestId('claim').click();
      await person.hears(t('en', 'handoff:claimed', { mentor: 'Omar' }));
      await omar.getByTestId('mine-item').waitFor({ state: 'attached' }); // a phone: the lists are behind the open conversation
      const before = (await alerts(omar)).notices.length;
      await person.say('Hello?');
      await omar.getByTestId('timeline').getByTestId('message').filter({ hasText: 'Hello?' }).waitFor();
      await waitFor(async () => (await omar.getByTestId('mine-item').locator('.card-line.muted').textContent())?.includes('2'), 'the list counting the new message');
      expect(await omar.getByTestId('unread-badge').count()).toBe(0);

      // While Omar types, the person sees that (once per few seconds however fast he types).
      const typings = () => suite.connector.repliesIn(person.conversationId).filter((a) => a.type === 'typing').length;
      await omar.getByTestId('message-input').pressSequentially('One moment', { delay: 5 });
      await waitFor(() => typings() === 1, 'the typing activity at the person\u2019s channel');

      // Back to the lists: the next message is an alert, a badge and a count in the title.
      await omar.locator('#back').click();
      await person.say('Are you there?');
      const badge = omar.getByTestId('mine-item').getByTestId('unread-badge');
      await badge.waitFor();
      expect(await badge.textContent()).toBe('1');
      expect(await badge.getAttribute('aria-label')).toBe(shown('en', 'notice.unread', { count: '1' }));
      expect(await title(omar)).toMatch(/^\(1\) /);
      await waitFor(async () => (await bodies(omar)).includes(shown('en', 'notice.newMessage', { name })), 'Omar\u2019s notification of a new message');
      expect((await alerts(omar)).notices.slice(before).map((n) => plain(n.body))).toEqual([shown('en', 'notice.newMessage', { name })]);
      // Never the message itself in the notification.
      expect(JSON.stringify((await alerts(omar)).notices)).not.toContain('Are you there?');
      expect(await omar.getByTestId('mine-item').getByTestId('needs-reply').isVisible()).toBe(true);

      // Opening it clears the badge, also after a reload (the marker is on the server).
      await omar.getByTestId('mine-item').locator('.card-open').click();
      await omar.getByTestId('timeline').getByTestId('message').filter({ hasText: 'Are you there?' }).waitFor();
      await badge.waitFor({ state: 'detached' });
      expect(await title(omar)).not.toMatch(/^\(/);
      await omar.locator('#back').click();
      await omar.reload();
      await omar.getByTestId('mine-item').waitFor();
      expect(await omar.getByTestId('unread-badge').count()).toBe(0);
      // The switch is remembered; the browser is not asked again when it is turned off and on.
      expect(await omar.getByTestId('alerts-switch').isChecked()).toBe(true);
      await omar.getByTestId('alerts-switch').click();
      await omar.getByTestId('alerts-switch').click();
      expect(await omar.getByTestId('alerts-switch').isChecked()).toBe(true);
      expect((await alerts(omar)).asked).toBe(0); // this page (after the reload) never asked
      expect(await axeViolations(omar)).toEqual([]);
      expect(await alerts(sara)).toMatchObject({ notices: [], tones: 0 });
    } finally {
      await saraContext.close();
      await omarContext.close();
      await stop();
    }
  });

  it('puts who waits for an answer first, longest first; the order "as taken" is remembered', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext();
    try {
      await addAccount(app, 'omar', 'mentor', ['en']);
      const first = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      const second = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await asksForMentor(first, 'en', 'First question');
      await asksForMentor(second, 'en', 'Second question');
      const omar = await openConsole(context, url, 'omar');
      const [a, b] = await app.handoffs.service.queue.waiting();
      // Both taken, first the one who came first; Omar answers the first person only.
      await app.handoffs.service.claim(a.id, { id: (await app.accounts.byUsername('omar'))!.id, firstName: 'Omar' });
      await app.handoffs.service.claim(b.id, { id: (await app.accounts.byUsername('omar'))!.id, firstName: 'Omar' });
      const ids = () => omar.getByTestId('mine-item').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.handoffId));
      await waitFor(async () => (await ids()).length === 2, 'two conversations in Omar\u2019s list');
      await omar.locator(`[data-handoff-id="${a.id}"] .card-open`).click();
      await omar.getByTestId('message-input').fill('Yes, you can.');
      await omar.getByTestId('send').click();
      await first.hears('Yes, you can.'); // a laptop: the lists stay beside the conversation

      // The second person waits for an answer, the first does not: the second comes first.
      await waitFor(async () => (await ids()).join() === [b.id, a.id].join(), 'the person waiting for an answer first');
      expect(await omar.locator(`[data-handoff-id="${b.id}"]`).getByTestId('needs-reply').count()).toBe(1);
      expect(await omar.locator(`[data-handoff-id="${a.id}"]`).getByTestId('needs-reply').count()).toBe(0);

      // Both wait for an answer: the one waiting longer first.
      await first.say('Thank you! And the costs?');
      await waitFor(async () => (await omar.locator(`[data-handoff-id="${a.id}"]`).getByTestId('needs-reply').count()) === 1, 'the first person waiting for an answer again');
      expect(await ids()).toEqual([b.id, a.id]);

      await omar.getByTestId('mine-sort').selectOption('taken');
      expect(await ids()).toEqual([a.id, b.id]);
      await omar.reload();
      await waitFor(async () => (await ids()).length === 2, 'the list after a reload');
      expect(await omar.getByTestId('mine-sort').inputValue()).toBe('taken');
      expect(await ids()).toEqual([a.id, b.id]);
    } finally {
      await context.close();
      await stop();
    }
  });

  it('marks and alerts once a wait passes HANDOFF_MAX_WAIT_MINUTES, with the page clock moved on', async () => {
    const { app, url, stop } = await startTestApp({ HANDOFF_MAX_WAIT_MINUTES: '3' });
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['ar', 'fa']);
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await asksForMentor(person, 'fa', 'آیا بدون مدرک می‌توانم در IT کار کنم؟');
      const page = await context.newPage();
      await page.clock.install();
      const sara = await (async () => {
        await page.addInitScript(recordAlerts);
        await page.addInitScript(() => window.localStorage.setItem('vit-console-lang', 'fa'));
        await page.goto(`${url}/console`);
        await page.getByTestId('login-username').fill('sara');
        await page.getByTestId('login-password').fill('correct horse battery');
        await page.getByTestId('login-submit').click();
        return page;
      })();
      const card = sara.getByTestId('waiting-item');
      await card.waitFor();
      await sara.getByTestId('alerts-switch').click();
      expect(await card.getAttribute('class')).not.toContain('overdue');
      expect(await sara.getByTestId('wait-alert').count()).toBe(0);

      const three = await sara.evaluate(() => new Intl.NumberFormat('fa').format(3));
      await sara.clock.fastForward('03:30');
      const chip = card.getByTestId('wait-alert');
      await chip.waitFor();
      expect(await chip.textContent()).toBe(shown('fa', 'notice.overdue', { minutes: three }));
      expect(await card.getAttribute('class')).toContain('overdue');
      await screenshot(sara, 'console-wait-alert-fa-390.png');
      const name = (await card.locator('.card-name').textContent()) ?? '';
      const tooLong = shown('fa', 'notice.waitTooLong', { name, count: 3, minutes: three });
      // One minute is said as one ("1 minuut", not "1 minuten").
      expect(shown('nl', 'notice.waitTooLong', { name: 'Amal', count: 1, minutes: '1' })).toBe('Amal wacht al langer dan 1 minuut');
      await waitFor(async () => (await bodies(sara)).includes(tooLong), 'the alert for the long wait');
      expect((await alerts(sara)).notices.find((n) => plain(n.body) === tooLong)).toMatchObject({ dir: 'rtl' });

      // Once: more time passes, the card stays marked, no second alert.
      await sara.clock.fastForward('02:00');
      await sara.clock.fastForward('02:00');
      expect((await bodies(sara)).filter((b) => b === tooLong)).toHaveLength(1);
      expect(await card.getAttribute('class')).toContain('overdue');
    } finally {
      await context.close();
      await stop();
    }
  });

  it.each(['ar', 'fa'] as const)('lays out the badges right to left in %s, axe clean', async (lng) => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', [lng]);
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await asksForMentor(person, lng, lng === 'ar' ? 'هل يمكنني العمل في IT؟' : 'آیا می‌توانم در IT کار کنم؟');
      const sara = await openConsole(context, url, 'sara', lng);
      expect(await sara.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await sara.getByTestId('waiting-item').getByTestId('claim').click();
      await sara.getByTestId('mine-item').waitFor({ state: 'attached' });
      await sara.getByTestId('timeline').getByTestId('message').first().waitFor(); // opened: what came so far is read
      await sara.locator('#back').click();
      const two = await sara.evaluate((l) => new Intl.NumberFormat(l).format(2), lng);
      await person.say(lng === 'ar' ? 'مرحبا؟' : 'سلام؟');
      await person.say(lng === 'ar' ? 'هل أنت هنا؟' : 'هستید؟');
      const item = sara.getByTestId('mine-item');
      const badge = item.getByTestId('unread-badge');
      await waitFor(async () => (await badge.count()) === 1 && (await badge.textContent()) === two, 'the badge counting two unread messages in the page\u2019s digits');
      expect(await badge.getAttribute('aria-label')).toBe(shown(lng, 'notice.unread', { count: two }));
      // Right to left: the name at the right edge of the card, the badge to its left.
      const nameBox = (await item.locator('.card-name').boundingBox())!;
      const badgeBox = (await badge.boundingBox())!;
      expect(badgeBox.x + badgeBox.width).toBeLessThanOrEqual(nameBox.x + 1);
      expect(await item.getByTestId('needs-reply').textContent()).toContain(shown(lng, 'notice.needsReply', { time: '' }).replace(/\s+$/, ''));
      expect(await sara.getByTestId('alerts-switch').getAttribute('role')).toBe('switch');
      expect(await sara.locator('label.switch').textContent()).toContain(shown(lng, 'notice.switch'));
      expect(await sara.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await axeViolations(sara)).toEqual([]);
      await screenshot(sara, `console-unread-${lng}-390.png`);
    } finally {
      await context.close();
      await stop();
    }
  });
});
