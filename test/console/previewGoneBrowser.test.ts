import type { Page } from 'playwright-core';
import { startTestApp } from '../support/testApp';
import { addAccount, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('en', key, vars);
const consoleText = (key: string, vars?: Record<string, unknown>) => t(`console:${key}`, vars).replace(/[\u2068\u2069]/g, '');

async function signIn(page: Page, url: string, username: string) {
  await page.goto(`${url}/console`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('correct horse battery');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('waiting-list').waitFor();
}

/** Counts the page's GET /console/api/handoffs/<id> (the open conversation) and GET /console/api/handoffs (the lists). */
function countRequests(page: Page, id: () => string | undefined) {
  const counts = { conversation: 0, lists: 0 };
  page.on('request', (request) => {
    if (request.method() !== 'GET') return;
    const path = new URL(request.url()).pathname;
    if (path === '/console/api/handoffs') counts.lists++;
    else if (id() && path === `/console/api/handoffs/${id()}`) counts.conversation++;
  });
  return counts;
}

describe('a mentor previewing a waiting person who is taken or leaves (headless Chromium, two mentors)', () => {
  const suite = browserWithConnector();

  async function previewing(lng: 'en') {
    const started = await startTestApp();
    await addAccount(started.app, 'sara', 'mentor', [lng]);
    await addAccount(started.app, 'omar', 'mentor', [lng]);
    const person = new Newcomer(started.url, suite.connector, `conv-${uniquePrefix()}`);
    await person.startAndConsent(lng);
    await person.say(t('common:menu.mentor'));
    await person.hears(t('handoff:howToWait'));
    await person.say('Can I work in IT without a diploma?');
    await person.hears(t('handoff:messageKept'));
    return { ...started, person };
  }

  /**
   * Sara (on a phone) previews the waiting person, counting her requests; Omar (on a laptop) takes
   * them, and Sara's page says so. `close` ends both browser contexts; if this fails, the app is stopped too.
   */
  async function omarTakesWhatSaraPreviews({ url, person, stop }: { url: string; person: Newcomer; stop: () => Promise<void> }) {
    const saraContext = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
    const omarContext = await suite.browser.newContext();
    const close = async () => {
      await saraContext.close();
      await omarContext.close();
    };
    try {
      const sara = await saraContext.newPage();
      const omar = await omarContext.newPage();
      let id: string | undefined;
      const counts = countRequests(sara, () => id);
      await signIn(sara, url, 'sara');
      await signIn(omar, url, 'omar');
      const card = sara.getByTestId('waiting-item');
      await card.waitFor();
      id = (await card.getAttribute('data-handoff-id')) ?? undefined;
      await card.locator('.card-open').click(); // a preview, not a take
      await sara.getByTestId('timeline').getByTestId('message').filter({ hasText: 'Can I work in IT without a diploma?' }).waitFor();

      await omar.getByTestId('waiting-item').getByTestId('claim').click();
      await person.hears(t('handoff:claimed', { mentor: 'Omar' }));
      const note = sara.locator('#read-only-note');
      await waitFor(async () => (await note.textContent())?.includes(consoleText('conversation.takenBy', { name: 'Omar' })) ?? false, 'the note that Omar took the person');
      return { sara, omar, counts, id: id!, note, close };
    } catch (error) {
      await close();
      await stop();
      throw error;
    }
  }

  it('tells her who took the person, with no Take button, and asks the server only a handful of times', async () => {
    const started = await previewing('en');
    const { app, stop, person } = started;
    const { sara, counts, id, close } = await omarTakesWhatSaraPreviews(started);
    try {
      expect(await sara.locator('#conv-claim').isVisible()).toBe(false);
      expect(await sara.getByTestId('error-banner').isVisible()).toBe(false);

      // The person writes to Omar: Sara's page hears of it and reloads its lists; the conversation is not asked for again.
      const afterTake = { ...counts };
      await person.say('Thank you, Omar');
      await waitFor(async () => {
        const handoff = await app.handoffs.service.queue.get(id);
        return handoff?.messages.some((m) => m.text === 'Thank you, Omar') ?? false;
      }, 'the message kept');
      await waitFor(async () => counts.lists > afterTake.lists, 'Sara\u2019s lists reloaded after the message');
      expect(counts.conversation - afterTake.conversation).toBe(0);
      expect(counts.conversation).toBeLessThanOrEqual(5); // the preview, the take's echo, the answer that ends it
    } finally {
      await close();
      await stop();
    }
  });

  it('shows the person waiting again, with Take, once the other mentor gives them back (one request, no loop)', async () => {
    const started = await previewing('en');
    const { stop, person } = started;
    const { sara, omar, counts, note, close } = await omarTakesWhatSaraPreviews(started);
    try {
      const beforeRelease = counts.conversation;
      await omar.getByTestId('release').click();
      await omar.getByTestId('release-yes').click();
      await waitFor(async () => (await sara.locator('#conversation').getAttribute('data-status')) === 'waiting', 'Sara\u2019s preview showing the person waiting');
      await sara.locator('#conv-claim').waitFor({ state: 'visible' });
      expect(await note.textContent()).toBe(consoleText('conversation.takeFirst'));
      expect(await sara.locator('#conv-meta').textContent()).not.toContain(consoleText('card.mentor', { name: 'Omar' }));
      expect(counts.conversation - beforeRelease).toBe(1);

      // From now on the preview follows the person as before: their next message is shown, asked for once more.
      await person.say('Is anyone there?');
      await sara.getByTestId('timeline').getByTestId('message').filter({ hasText: 'Is anyone there?' }).waitFor();
      expect(counts.conversation - beforeRelease).toBe(2);
    } finally {
      await close();
      await stop();
    }
  });

  it('tells her the person left the line, and stops', async () => {
    const { app, url, stop } = await previewing('en');
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const sara = await context.newPage();
      let id: string | undefined;
      const counts = countRequests(sara, () => id);
      await signIn(sara, url, 'sara');
      const card = sara.getByTestId('waiting-item');
      await card.waitFor();
      id = (await card.getAttribute('data-handoff-id')) ?? undefined;
      await card.locator('.card-open').click();
      await sara.getByTestId('timeline').getByTestId('message').first().waitFor();

      const handoff = await app.handoffs.service.queue.get(id!);
      expect((await app.handoffs.service.leave(handoff!)).ok).toBe(true); // what "stop" in the chat does
      await sara.getByTestId('status-closed').filter({ hasText: consoleText('closed.abandoned') }).waitFor();
      expect(await sara.locator('#conv-claim').isVisible()).toBe(false);
      await waitFor(async () => (await sara.getByTestId('waiting-item').count()) === 0, 'the card leaving the list');
      expect(counts.conversation).toBeLessThanOrEqual(4);
    } finally {
      await context.close();
      await stop();
    }
  });
});
