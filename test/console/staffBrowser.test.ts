import type { Browser } from 'playwright-core';
import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { launchBrowser } from '../support/browser';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);

describe('the staff pages in a real browser (headless Chromium)', () => {
  let browser: Browser;
  let connector: FakeConnector;
  beforeAll(async () => {
    browser = await launchBrowser();
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await browser?.close();
    await connector?.stop();
  });

  it('lists and shows a transcript, shows the funnel, and erases a person after a typed confirmation', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await browser.newContext();
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      await addAccount(app, 'lisa', 'staff');
      const person = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
      await person.startAndConsent('nl');
      await person.say(t('common:menu.intake'));
      await person.hears(t('intake:fields.firstName.prompt'));
      await person.say('Amina');
      await person.hears(t('intake:fields.residenceStatus.prompt'));
      await person.say('mentor');
      await person.hears(t('handoff:howToWait'));
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const [handoff] = await app.handoffs.service.queue.waiting();
      await sara.post(`/console/api/handoffs/${handoff.id}/claim`);
      await sara.post(`/console/api/handoffs/${handoff.id}/messages`, { text: 'Hoi Amina, ik ben Sara.' });
      await person.hears('Hoi Amina, ik ben Sara.');
      await sara.post(`/console/api/handoffs/${handoff.id}/close`, { outcome: 'helped' });
      await person.hears(t('handoff:rateQuestion'));
      await person.say('4');
      await person.hears(t('handoff:ratingThanks'));

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();

      // Transcripts: the list, then the chat-like view with the intake beside it.
      await page.getByTestId('nav-transcripts').click();
      await page.getByTestId('transcripts-page').waitFor();
      const item = page.getByTestId('transcript-item');
      await item.first().waitFor();
      expect(await item.count()).toBe(1);
      expect(await item.first().innerText()).toContain('Amina');
      await item.first().click();
      const view = page.getByTestId('transcript-view');
      await view.waitFor();
      await view.locator('[data-testid="message"][data-from="mentor"]').filter({ hasText: 'Hoi Amina, ik ben Sara.' }).waitFor();
      await view.locator('[data-testid="message"][data-from="person"]').filter({ hasText: 'Amina' }).first().waitFor();
      expect(await view.locator('[data-testid="message"][data-from="bot"]').count()).toBeGreaterThan(3);
      expect(await page.getByTestId('transcript-profile').innerText()).toContain('Amina');

      // Numbers: the funnel shows the steps this person took.
      await page.getByTestId('nav-numbers').click();
      await page.getByTestId('numbers-page').waitFor();
      const funnel = page.getByTestId('funnel');
      await funnel.waitFor();
      for (const step of ['started', 'consented', 'mentorAsked', 'mentorTook', 'ratings']) {
        expect(await funnel.locator(`[data-testid="funnel-row"][data-step="${step}"]`).innerText()).toContain('1');
      }
      expect(await page.getByTestId('export-csv').getAttribute('href')).toContain('/console/api/stats.csv?');

      // People: find Amina, erase after typing her name.
      await page.getByTestId('nav-people').click();
      await page.getByTestId('people-page').waitFor();
      await page.getByTestId('people-search').fill('amina');
      await page.getByTestId('people-search-submit').click();
      const row = page.getByTestId('person-item');
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      await row.first().getByTestId('person-erase').click();
      const confirm = page.getByTestId('erase-confirm');
      await confirm.waitFor();
      expect(await confirm.isDisabled()).toBe(true);
      await page.getByTestId('erase-confirm-input').fill('Amin');
      expect(await confirm.isDisabled()).toBe(true);
      await page.getByTestId('erase-confirm-input').fill('Amina');
      expect(await confirm.isDisabled()).toBe(false);
      await confirm.click();
      await page.getByTestId('erase-done').waitFor();
      await waitFor(async () => (await page.getByTestId('person-item').count()) === 0, 'the row leaving the list');
      expect(await app.personRecords.find('amina')).toEqual([]);
      expect(await app.handoffs.service.queue.latestFor('emulator', `user-${person.conversationId}`)).toBeUndefined();
    } finally {
      await context.close();
      await stop();
    }
  });
});
