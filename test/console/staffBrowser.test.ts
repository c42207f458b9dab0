import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);

describe('the staff pages in a real browser (headless Chromium)', () => {
  const suite = browserWithConnector();

  it('lists and shows a transcript, shows the funnel, and erases a person after a typed confirmation', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext();
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      await addAccount(app, 'lisa', 'staff');
      const person = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
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

      // An Arabic speaker who does the whole intake and gets a result (and asks for no mentor).
      const tAr = (key: string) => translator().t('ar', key);
      const arabic = new Newcomer(url, suite.connector, `conv-${uniquePrefix()}`);
      await arabic.startAndConsent('ar');
      await arabic.say(tAr('common:menu.intake'));
      await arabic.hears(tAr('intake:fields.firstName.prompt'));
      const answers = ['آمنة', tAr('intake:fields.residenceStatus.options.statushouder'), 'Zwolle', 'B1', 'A2', tAr('intake:fields.education.options.bachelor'), tAr('common:buttons.no'), tAr('intake:fields.itExperience.options.hobby'), tAr('common:buttons.yes'), 'أحب البرمجة', '40'];
      for (const answer of answers) {
        const before = suite.connector.repliesIn(arabic.conversationId).length;
        await arabic.say(answer);
        await waitFor(() => suite.connector.repliesIn(arabic.conversationId).length > before, `a reply to ${answer}`);
      }
      await arabic.hears(tAr('eligibility:mentorOffer'));

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();

      // Transcripts: the list, then the chat-like view with the intake beside it.
      await page.getByTestId('nav-transcripts').click();
      await page.getByTestId('transcripts-page').waitFor();
      const item = page.getByTestId('transcript-item');
      await waitFor(async () => (await item.count()) === 2, 'both transcripts listed');
      // A filter: Arabic only, then the Arabic conversation reads right to left with its result beside it.
      await page.getByTestId('transcript-filter-language').selectOption('ar');
      await page.getByTestId('transcript-filter-submit').click();
      await waitFor(async () => (await item.count()) === 1 && (await item.first().innerText()).includes('آمنة'), 'only the Arabic transcript');
      await item.first().click();
      const arabicView = page.getByTestId('transcript-view');
      const bubble = arabicView.locator('[data-testid="message"][data-from="person"]').filter({ hasText: 'أحب البرمجة' });
      await bubble.waitFor();
      expect(await bubble.getAttribute('dir')).toBe('rtl');
      expect(await arabicView.locator('[data-testid="message"][data-from="bot"]').first().getAttribute('dir')).toBe('rtl');
      const result = page.getByTestId('transcript-result');
      await result.locator('[data-field="outcome"]').waitFor();
      expect(await result.locator('[data-field="outcome"]').getAttribute('data-outcome')).toBe('eligible');
      expect(await result.locator('[data-field="reasons"] li').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('transcript-profile').innerText()).toContain('Zwolle');
      // Beside the chat, not below it, on a laptop-wide window.
      const chatBox = await arabicView.locator('[data-testid="message"]').first().boundingBox();
      const resultBox = await result.boundingBox();
      expect(chatBox && resultBox && (resultBox.x >= chatBox.x + chatBox.width || resultBox.x + resultBox.width <= chatBox.x)).toBe(true);

      await page.getByTestId('nav-transcripts').click();
      await page.getByTestId('transcript-filter-clear').click();
      await waitFor(async () => (await item.count()) === 2, 'both transcripts again');
      await page.getByTestId('transcript-filter-q').fill('Hoi Amina');
      await page.getByTestId('transcript-filter-submit').click();
      await waitFor(async () => (await item.count()) === 1 && (await item.first().innerText()).includes('Amina'), 'only the Dutch transcript');
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
      for (const [step, count] of [['started', '2'], ['consented', '2'], ['mentorAsked', '1'], ['mentorTook', '1'], ['ratings', '1']]) {
        expect(await funnel.locator(`[data-testid="funnel-row"][data-step="${step}"]`).getAttribute('data-count')).toBe(count);
      }
      // Charts: the funnel by language (a bar per language that has a number in a step), and the waits.
      const funnelChart = page.getByTestId('funnel-by-language-chart');
      await funnelChart.waitFor();
      const bars = await funnelChart.locator('rect').evaluateAll((rects) => rects.map((r) => `${r.getAttribute('data-group')}:${r.getAttribute('data-key')}=${r.getAttribute('data-value')}`));
      expect(bars).toEqual(['started:ar=1', 'started:nl=1', 'consented:ar=1', 'consented:nl=1', 'intakeCompleted:ar=1', 'mentorAsked:nl=1', 'mentorTook:nl=1', 'ratings:nl=1']);
      expect(await funnelChart.locator('rect title').first().textContent()).toContain(': 1');
      const waitWeek = page.getByTestId('wait-by-week-chart');
      expect(await waitWeek.locator('rect').count()).toBe(1);
      expect(await waitWeek.locator('rect').getAttribute('data-group')).toMatch(/^\d{4}-W\d{2}$/);
      const waitLanguage = page.getByTestId('wait-by-language-chart');
      expect(await waitLanguage.locator('rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('data-key')))).toEqual(['nl']);
      expect(await waitLanguage.locator('text.axis').allTextContents()).toEqual(['Nederlands']);
      expect(await page.getByTestId('export-csv').getAttribute('href')).toContain('/console/api/stats.csv?');

      // People: find Amina, erase after typing her name.
      await page.getByTestId('nav-people').click();
      await page.getByTestId('people-page').waitFor();
      await page.getByTestId('people-search').fill('amina');
      await page.getByTestId('people-search-submit').click();
      const row = page.getByTestId('person-item');
      // The page lists everyone before the search answers: wait for the answer, not for the first row.
      await waitFor(async () => (await row.count()) === 1, 'only Amina found');
      await row.first().getByTestId('person-erase').click();
      const confirm = page.getByTestId('erase-confirm');
      await confirm.waitFor();
      expect(await confirm.isDisabled()).toBe(true);
      await page.getByTestId('erase-confirm-input').fill('Amin');
      expect(await confirm.isDisabled()).toBe(true);
      // Typed as a person types it (small letters, a space too many) it is the same name.
      await page.getByTestId('erase-confirm-input').fill(' amina ');
      expect(await confirm.isDisabled()).toBe(false);
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
