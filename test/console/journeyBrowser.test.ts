import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { browserWithConnector } from '../support/browser';
import { axeViolations } from '../support/axe';
import { translator } from '../support/chatDriver';
import type { Language } from '../../src/i18n/languages';
import { throughIntake } from '../support/throughIntake';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;


describe('the journey board in a real browser (headless Chromium, on a phone)', () => {
  const suite = browserWithConnector();

  it('staff move a person through the stages, the counts follow, a forbidden move is refused, and it reads right to left in Arabic', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'lisa', 'staff');
      await throughIntake(url, suite.connector, 'ar', 'آمنة', 'Zwolle', 'أحب البرمجة وأريد أن أعمل مطورة');
      await throughIntake(url, suite.connector, 'nl', 'Bram', 'Groningen', null);

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-journey').click();
      const board = page.getByTestId('journey-page');
      const count = (stage: string) => board.locator(`[data-testid="journey-count"][data-stage="${stage}"] strong`);
      await waitFor(async () => (await count('motivation').textContent()) === '1' && (await count('intake-done').textContent()) === '1', 'one person at intake-done, one at motivation');
      expect(await board.getByTestId('journey-person').count()).toBe(2);
      // Every word of a stage name stays whole on its tile ("Selectiegesprek", not "Selectiegespr / ek"),
      // on the phone and on a wide screen, where the tiles are narrowest.
      const cutWords = () => board.locator('.journey-count-name').evaluateAll((names) =>
        names.flatMap((name) => {
          const text = name.firstChild;
          if (!text || !text.textContent) return [];
          return [...text.textContent.matchAll(/\S+/g)].flatMap((word) => {
            const range = document.createRange();
            range.setStart(text, word.index ?? 0);
            range.setEnd(text, (word.index ?? 0) + word[0].length);
            const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
            return lines.size > 1 ? [word[0]] : [];
          });
        }),
      );
      expect(await cutWords()).toEqual([]);

      // A filter: Arabic only.
      await board.getByTestId('journey-filter-language').selectOption('ar');
      await board.getByTestId('journey-filter-submit').click();
      await waitFor(async () => (await board.getByTestId('journey-person').count()) === 1 && (await count('intake-done').textContent()) === '0', 'only Amina');
      const amina = board.locator('[data-testid="journey-person"]').filter({ hasText: 'آمنة' });
      expect(await amina.innerText()).toContain('Overijssel');

      // Move her on: the talk is booked; the counts follow.
      await amina.getByTestId('journey-open').click();
      const panel = amina.getByTestId('journey-panel');
      await panel.getByTestId('journey-form').waitFor();
      expect(await panel.getByTestId('journey-to').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['mentor-talk-booked', 'not-selected', 'talent-pool']);
      await panel.getByTestId('journey-to').selectOption('mentor-talk-booked');
      await panel.getByTestId('journey-reason').fill('Dinsdag 10:00 online');
      await panel.getByTestId('journey-move-submit').click();
      await waitFor(async () => (await count('mentor-talk-booked').textContent()) === '1' && (await count('motivation').textContent()) === '0', 'the board counts the move');
      const moved = board.locator('[data-testid="journey-person"][data-stage="mentor-talk-booked"]');
      await moved.getByTestId('journey-done').waitFor();
      expect(await moved.getByTestId('journey-moves').innerText()).toContain('Dinsdag 10:00 online');

      // Without a reason: refused with the rules' words.
      await moved.getByTestId('journey-to').selectOption('mentor-talk-held');
      await moved.getByTestId('journey-move-submit').click();
      await moved.getByTestId('journey-refused').waitFor();
      const lang = ((await page.locator('html').getAttribute('lang')) ?? 'nl') as Language;
      const text = (key: string) => translator().t(lang, `console:journey.${key}`);
      expect(await moved.getByTestId('journey-refused').textContent()).toBe(text('refused.reason-missing'));

      // A form left open while someone else moved her: the stale choice is refused by the table, in words.
      const key = (await moved.getAttribute('data-key'))!;
      const other = new ConsoleClient(url);
      await other.login('lisa');
      expect((await other.post(`/console/api/people/${key}/journey/moves`, { to: 'mentor-talk-missed', reason: 'Niet gekomen' })).status).toBe(200);
      await moved.getByTestId('journey-to').selectOption('mentor-talk-held');
      await moved.getByTestId('journey-reason').fill('Goed gesprek');
      await moved.getByTestId('journey-move-submit').click();
      await moved.getByTestId('journey-refused').filter({ hasText: text('stages.mentor-talk-held') }).waitFor();
      expect(await moved.getByTestId('journey-refused').textContent()).toContain(text('stages.mentor-talk-missed'));

      // Her transcript, with the journey beside it.
      await page.reload();
      await page.getByTestId('nav-journey').click();
      const overdue = board.locator('[data-testid="journey-person"][data-stage="mentor-talk-missed"]');
      await overdue.getByTestId('journey-overdue').waitFor();
      expect(await overdue.getByTestId('journey-overdue').getAttribute('data-overdue')).toBe('talk-missed');
      await overdue.getByTestId('journey-transcript').click();
      const side = page.getByTestId('transcript-journey');
      await side.locator('[data-testid="journey-stage"][data-stage="mentor-talk-missed"]').waitFor();
      expect(await side.getByTestId('journey-move').count()).toBe(4);

      // In Arabic: right to left, the stages in Arabic, no accessibility problem.
      await page.getByTestId('nav-journey').click();
      await page.getByTestId('lang-select').selectOption('ar');
      await waitFor(async () => (await page.locator('html').getAttribute('dir')) === 'rtl', 'the page reads right to left');
      const arabicStage = translator().t('ar', 'console:journey.stages.mentor-talk-missed');
      await board.locator('[data-testid="journey-count"][data-stage="mentor-talk-missed"]').filter({ hasText: arabicStage }).waitFor();
      await overdue.getByTestId('journey-open').click();
      await overdue.getByTestId('journey-form').waitFor();
      expect(await overdue.getByTestId('journey-to').locator('option').first().textContent()).toBe(translator().t('ar', 'console:journey.stages.mentor-talk-booked'));
      const counts = await board.getByTestId('journey-counts').boundingBox();
      expect(counts && counts.width <= 390).toBe(true);
      await page.screenshot({ path: '/tmp/journey-board-ar.png', fullPage: true });
      expect(await axeViolations(page)).toEqual([]);

      // In Dutch on a wide screen, where the tiles are narrowest, the long stage names stay whole too.
      await page.getByTestId('lang-select').selectOption('nl');
      await board.locator('[data-testid="journey-count"][data-stage="mentor-talk-missed"]').filter({ hasText: translator().t('nl', 'console:journey.stages.mentor-talk-missed') }).waitFor();
      await page.setViewportSize({ width: 1440, height: 900 });
      expect(await cutWords()).toEqual([]);
    } catch (error) {
      const [page] = context.pages();
      if (page) await page.screenshot({ path: '/tmp/journey-board-failure.png', fullPage: true });
      throw error;
    } finally {
      await context.close();
      await stop();
    }
  }, 120_000);

  it('a mentor moves the person she talks with beside the conversation, and the person hears where she is', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      const tAr = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
      const person = await throughIntake(url, suite.connector, 'ar', 'آمنة', 'Zwolle', 'أحب البرمجة وأريد أن أعمل مطورة');
      await person.say(tAr('common:buttons.yes'));
      await person.hears(tAr('handoff:howToWait'));
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const [waiting] = ((await (await sara.get('/console/api/handoffs')).json()) as { waiting: Array<{ id: string }> }).waiting;
      expect((await sara.post(`/console/api/handoffs/${waiting.id}/claim`)).status).toBe(200);

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('sara');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      expect(await page.getByTestId('nav-journey').count()).toBe(0); // the board is staff's
      await page.getByTestId('mine-item').locator('.card-open').click();
      const journey = page.getByTestId('conversation-journey');
      await journey.locator('summary').click();
      await journey.getByTestId('journey-form').waitFor();
      // A mentor's choices from motivation: only the talk; the decisions are staff's.
      expect(await journey.getByTestId('journey-to').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['mentor-talk-booked']);
      await journey.getByTestId('journey-reason').fill('Donderdag 14:00 via Teams');
      await journey.getByTestId('journey-move-submit').click();
      await journey.locator('[data-testid="journey-stage"][data-stage="mentor-talk-booked"]').waitFor();
      expect(await journey.getByTestId('journey-moves').innerText()).toContain('Donderdag 14:00 via Teams');
      expect(await axeViolations(page)).toEqual([]);

      // The mentor ends the talk; the person asks where she is and hears it with Sara's name.
      await sara.post(`/console/api/handoffs/${waiting.id}/close`, { outcome: 'helped' });
      await person.hears(tAr('handoff:rateQuestion'));
      await person.say('5');
      await person.hears(tAr('handoff:ratingThanks'));
      await person.say(tAr('common:menu.status'));
      await waitFor(() => suite.connector.repliesIn(person.conversationId).some((a) => a.text?.includes(tAr('journey:stage.mentor-talk-booked'))), 'the stage told');
      const told = suite.connector.repliesIn(person.conversationId).find((a) => a.text?.includes(tAr('journey:stage.mentor-talk-booked')))!;
      expect(told.text).toContain(tAr('journey:askMentor', { name: 'Sara' }));
    } finally {
      await context.close();
      await stop();
    }
  }, 120_000);
});
