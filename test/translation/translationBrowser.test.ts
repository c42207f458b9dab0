import nock from 'nock';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { axeViolations } from '../support/axe';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import type { Language } from '../../src/i18n/languages';

const t = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);
const ENDPOINT = 'https://api.cognitive.microsofttranslator.com';
const TRANSLATOR = { TRANSLATOR_KEY: 'translator-key', TRANSLATOR_REGION: 'westeurope', TRANSLATOR_ENDPOINT: ENDPOINT };
const ASKED = 'هل أحتاج إلى شهادة في تكنولوجيا المعلومات؟';
const ASKED_NL = 'Heb ik een diploma in IT nodig?';
const REPLY = 'Nee, dat is niet nodig. Je motivatie telt.';
const REPLY_AR = 'لا، هذا ليس ضروريًا. دافعك هو المهم.';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const SHOTS = process.env.VIT_SCREENSHOTS; // a folder to keep screenshots in, when looking at the pages by eye

/** Azure's answer to whatever the console asks: each text "translated" by `translate`, its language given as `from`. */
function azureTranslates(to: Language, from: string, translate: (text: string) => string, delayMs = 0) {
  return nock(ENDPOINT)
    .post('/translate')
    .query((q) => q.to === to && q['api-version'] === '3.0')
    .delay(delayMs)
    .reply(200, (_uri, body) => (body as Array<{ Text: string }>).map((item) => ({ detectedLanguage: { language: from, score: 1 }, translations: [{ text: translate(item.Text), to }] })));
}

async function newcomerAsksForMentor(person: Newcomer, lng: Language, message: string) {
  await person.startAndConsent(lng);
  await person.say(t(lng, 'common:menu.mentor'));
  await person.hears(t(lng, 'handoff:howToWait'));
  await person.say(message);
  await person.hears(t(lng, 'handoff:messageKept'));
}

/**
 * Signs in with the console in `lang` (as the mentor chose it before) and takes the person waiting. The
 * mentor does not speak the person's language (that is what translation is for), so the console warns
 * first and the mentor takes the person anyway.
 */
async function signInAndTake(page: Page, url: string, username: string, lang: Language) {
  await page.addInitScript((l) => window.localStorage.setItem('vit-console-lang', l), lang);
  await page.goto(`${url}/console`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('correct horse battery');
  await page.getByTestId('login-submit').click();
  const card = page.getByTestId('waiting-item');
  await card.waitFor();
  await card.getByTestId('claim').click();
  await page.getByTestId('language-warning-take').click();
  await page.getByTestId('language-warning').waitFor({ state: 'hidden' });
}

async function screenshot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

// Each case walks a newcomer, a mentor in Chromium and a translation round trip: like the other long
// browser walks, it gets more than the default 30 s when the machine is busy.
jest.setTimeout(120_000);

describe('two-way translation in the console (headless Chromium, Azure AI Translator at nock)', () => {
  const suite = browserWithConnector();
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/); // the app, the fake connector and the browser's page stay reachable
  });
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it('a mentor reading in Dutch sees an Arabic newcomer’s message in Dutch, opens the original (right to left, isolated), and sends a reply translated into Arabic', async () => {
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix(), ...TRANSLATOR });
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await newcomerAsksForMentor(person, 'ar', ASKED);
      const incoming = azureTranslates('nl', 'ar', (text) => (text === ASKED ? ASKED_NL : `NL ${text}`));

      const page = await context.newPage();
      await signInAndTake(page, url, 'sara', 'nl');
      const bubble = page.getByTestId('timeline').getByTestId('message').filter({ hasText: ASKED_NL });
      await bubble.waitFor();
      expect(incoming.isDone()).toBe(true);
      expect(await bubble.getAttribute('data-from')).toBe('person');
      expect(await bubble.getByTestId('translated-text').getAttribute('lang')).toBe('nl');
      const original = bubble.getByTestId('original-text');
      expect(await original.isVisible()).toBe(false);
      const toggle = bubble.getByTestId('show-original');
      expect(await toggle.textContent()).toBe(t('nl', 'console:translation.showOriginal'));

      await toggle.click(); // one click
      expect(await original.isVisible()).toBe(true);
      expect(await original.textContent()).toBe(ASKED);
      expect(await original.getAttribute('lang')).toBe('ar');
      expect(await original.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      expect(await original.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
      expect(await bubble.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr'); // the Dutch translation leads the bubble
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await page.getByTestId('lower-quality').count()).toBe(0);
      await screenshot(page, 'translation-incoming-nl');

      // The reply: previewed in Arabic before anything goes out.
      const toggleReply = page.getByTestId('translate-reply');
      expect(await toggleReply.isChecked()).toBe(true);
      const outgoing = nock(ENDPOINT).post('/translate', [{ Text: REPLY }]).query({ 'api-version': '3.0', to: 'ar' }).reply(200, [{ detectedLanguage: { language: 'nl', score: 1 }, translations: [{ text: REPLY_AR, to: 'ar' }] }]);
      await page.getByTestId('message-input').fill(REPLY);
      const before = person.texts().length;
      await page.getByTestId('send').click();
      const preview = page.getByTestId('reply-preview-text');
      await preview.waitFor();
      expect(outgoing.isDone()).toBe(true);
      expect(await preview.textContent()).toBe(REPLY_AR);
      expect(await preview.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      expect(person.texts().length).toBe(before); // nothing sent yet
      expect(await page.getByTestId('reply-translation').textContent()).toBe(`${t('nl', 'console:translation.previewTitle')} العربية${REPLY_AR}${t('nl', 'console:translation.sendTranslation')}${t('nl', 'console:translation.edit')}`);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'translation-preview-nl');

      await page.getByTestId('send-translation').click();
      await person.hears(REPLY_AR);
      expect(person.texts().slice(before)).toEqual([REPLY_AR]);
      const mine = page.getByTestId('timeline').locator('[data-testid="message"][data-from="mentor"]').filter({ hasText: REPLY_AR });
      await mine.waitFor();
      expect(await mine.getByTestId('sent-original-text').textContent()).toBe(REPLY);
      expect(await mine.getByTestId('sent-original-text').evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
      expect(await page.getByTestId('message-input').inputValue()).toBe('');
      expect(await page.getByTestId('reply-translation').isVisible()).toBe(false);

      // A refresh shows the translation again, from what was kept: no call to Azure (none is set up).
      // The address names the open conversation (#/handoffs/<id>), so the reload opens it again.
      expect(new URL(page.url()).hash).toMatch(/^#\/handoffs\/[\w-]+$/);
      await page.reload();
      await page.getByTestId('timeline').getByTestId('message').filter({ hasText: ASKED_NL }).waitFor();
      expect(await page.getByTestId('translation-status').isVisible()).toBe(false);
      expect(await axeViolations(page)).toEqual([]);

    } finally {
      await context.close();
      await stop();
    }
  });

  it('staff read in the transcript both what the person got and what the mentor wrote', async () => {
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix(), ...TRANSLATOR });
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      await addAccount(app, 'nadia', 'staff');
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await newcomerAsksForMentor(person, 'ar', ASKED);
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const [waiting] = await app.handoffs.service.queue.waiting();
      expect((await sara.post(`/console/api/handoffs/${waiting.id}/claim`)).status).toBe(200);
      azureTranslates('ar', 'nl', () => REPLY_AR);
      expect((await sara.post(`/console/api/handoffs/${waiting.id}/reply-translation`, { text: REPLY })).status).toBe(200);
      expect((await sara.post(`/console/api/handoffs/${waiting.id}/messages/translated`, { text: REPLY })).status).toBe(200);
      await person.hears(REPLY_AR);

      const staff = await context.newPage();
      await staff.addInitScript(() => window.localStorage.setItem('vit-console-lang', 'nl'));
      await staff.goto(`${url}/console`);
      await staff.getByTestId('login-username').fill('nadia');
      await staff.getByTestId('login-password').fill('correct horse battery');
      await staff.getByTestId('login-submit').click();
      await staff.getByTestId('nav-transcripts').click();
      await staff.getByTestId('transcript-item').first().click();
      const kept = staff.getByTestId('transcript-view').locator('[data-testid="message"][data-from="mentor"]').filter({ hasText: REPLY_AR });
      await kept.waitFor();
      expect(await kept.getByTestId('sent-original-text').textContent()).toBe(REPLY);
      expect(await kept.getByTestId('sent-original-text').evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
      expect(await kept.getByTestId('sent-original').textContent()).toContain(t('nl', 'console:translation.sentTranslated'));
      // The Dutch note reads left to right inside the right-to-left bubble of an Arabic conversation.
      expect(await kept.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      expect(await kept.getByTestId('sent-original').locator('.bubble-note').evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
      expect(await axeViolations(staff)).toEqual([]);
      await screenshot(staff, 'translation-staff-transcript');
    } finally {
      await context.close();
      await stop();
    }
  });

  it('on a slow translation the mentor is told it was not translated and chooses: try again, or send as written', async () => {
    const { app, url, stop } = await startTestApp(TRANSLATOR, { translationTimeoutMs: 300 });
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await newcomerAsksForMentor(person, 'ar', ASKED);
      azureTranslates('nl', 'ar', () => ASKED_NL, 5000);

      const page = await context.newPage();
      await signInAndTake(page, url, 'sara', 'nl');
      const status = page.getByTestId('translation-status');
      await status.getByTestId('translation-retry').waitFor();
      expect(await status.textContent()).toContain(t('nl', 'console:translation.timeout'));
      expect(await page.getByTestId('timeline').getByTestId('message').filter({ hasText: ASKED }).count()).toBe(1); // shown as written

      const incoming = azureTranslates('nl', 'ar', (text) => (text === ASKED ? ASKED_NL : `NL ${text}`));
      await status.getByTestId('translation-retry').click();
      await page.getByTestId('timeline').getByTestId('message').filter({ hasText: ASKED_NL }).waitFor();
      expect(incoming.isDone()).toBe(true);

      azureTranslates('ar', 'nl', () => REPLY_AR, 5000);
      const before = person.texts().length;
      await page.getByTestId('message-input').fill(REPLY);
      await page.getByTestId('send').click();
      const problem = page.getByTestId('reply-not-translated');
      await problem.waitFor();
      expect(await problem.getAttribute('data-reason')).toBe('timeout');
      expect(await problem.textContent()).toBe(t('nl', 'console:translation.replyTimeout'));
      expect(person.texts().length).toBe(before); // nothing wrong, nothing empty: nothing at all
      expect(await page.getByTestId('send-original').evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'translation-timeout-nl');

      // Try again: still too slow; then the mentor sends it as written.
      azureTranslates('ar', 'nl', () => REPLY_AR, 5000);
      await page.getByTestId('retry-reply-translation').click();
      await page.getByTestId('reply-not-translated').waitFor();
      await page.getByTestId('send-original').click();
      await person.hears(REPLY);
      expect(person.texts().slice(before)).toEqual([REPLY]);
      const [handoff] = await app.handoffs.service.queue.active();
      expect(handoff.messages.filter((m) => m.from === 'mentor')).toEqual([expect.objectContaining({ text: REPLY })]);
      expect(handoff.messages.find((m) => m.from === 'mentor')).not.toHaveProperty('translatedFrom');
    } finally {
      await context.close();
      await stop();
    }
  });

  it('a mentor reading in Persian sees a Tigrinya newcomer’s message in Persian, marked less reliable, the original left to right inside the right-to-left page', async () => {
    const { app, url, stop } = await startTestApp(TRANSLATOR);
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'omar', 'mentor', ['fa']);
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      const ASKED_TI = 'ኣብ IT ክሰርሕ ደልየ ኣለኹ።';
      const ASKED_FA = 'می‌خواهم در IT کار کنم.';
      await newcomerAsksForMentor(person, 'ti', ASKED_TI);
      // Tigrinya is named, not detected (its script is shared with Amharic).
      const incoming = nock(ENDPOINT)
        .post('/translate')
        .query({ 'api-version': '3.0', to: 'fa', from: 'ti' })
        .reply(200, (_uri, body) => (body as Array<{ Text: string }>).map((item) => ({ translations: [{ text: item.Text === ASKED_TI ? ASKED_FA : `FA ${item.Text}`, to: 'fa' }] })));

      const page = await context.newPage();
      await signInAndTake(page, url, 'omar', 'fa');
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      const bubble = page.getByTestId('timeline').getByTestId('message').filter({ hasText: ASKED_FA });
      await bubble.waitFor();
      expect(incoming.isDone()).toBe(true);
      expect(await bubble.getByTestId('lower-quality').textContent()).toBe(t('fa', 'console:translation.lowerQuality'));
      expect(await bubble.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      await bubble.getByTestId('show-original').click();
      const original = bubble.getByTestId('original-text');
      expect(await original.textContent()).toBe(ASKED_TI);
      expect(await original.getAttribute('lang')).toBe('ti');
      expect(await original.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
      expect(await bubble.getByTestId('show-original').textContent()).toBe(t('fa', 'console:translation.hideOriginal'));
      // The reply goes into Tigrinya, marked less reliable in the preview too.
      nock(ENDPOINT).post('/translate').query({ 'api-version': '3.0', to: 'ti' }).reply(200, [{ detectedLanguage: { language: 'fa', score: 1 }, translations: [{ text: 'ሰላም፣ እወ።', to: 'ti' }] }]);
      await page.getByTestId('message-input').fill('سلام، بله.');
      await page.getByTestId('send').click();
      await page.getByTestId('reply-preview-text').waitFor();
      expect(await page.getByTestId('reply-translation').getByTestId('lower-quality').isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'translation-fa-ti');
    } finally {
      await context.close();
      await stop();
    }
  });

  it('without the settings the console says translation is off and sends what the mentor wrote', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await newcomerAsksForMentor(person, 'ar', ASKED);
      const page = await context.newPage();
      await signInAndTake(page, url, 'sara', 'nl');
      const status = page.getByTestId('translation-status');
      await status.waitFor();
      expect(await status.textContent()).toBe(t('nl', 'console:translation.off'));
      expect(await page.getByTestId('translate-reply').isVisible()).toBe(false);
      await page.getByTestId('message-input').fill(REPLY);
      await page.getByTestId('send').click();
      await person.hears(REPLY);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
      await stop();
    }
  });
});
