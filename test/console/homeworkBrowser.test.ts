import { startTestApp } from '../support/testApp';
import { addAccount, waitFor } from '../support/consoleClient';
import { browserWithConnector } from '../support/browser';
import { axeViolations } from '../support/axe';
import { translator } from '../support/chatDriver';
import { throughIntake } from '../support/throughIntake';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const tAr = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const HOMEWORK_AR = 'يُرجى صنع صفحة ويب صغيرة عن مدينتك.';

describe('homework and the decision in a real browser (headless Chromium, on a phone)', () => {
  const suite = browserWithConnector();

  it('staff set the homework, give it, review what came in from the chat, record the decision; the Numbers page counts it', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext(PHONE);
    try {
      await addAccount(app, 'lisa', 'staff');
      // Amina does the intake in Arabic with a motivation: her journey starts at motivation.
      const person = await throughIntake(url, suite.connector, 'ar', 'آمنة', 'Zwolle', 'أحب البرمجة وأريد أن أعمل مطورة');
      await person.say(tAr('common:buttons.no'));

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-journey').click();

      // Staff set the homework of the eligible track; a link that is not a web address is refused.
      const track = page.locator('details.homework-track[data-track="eligible"]');
      await track.locator('summary').click();
      await track.getByTestId('homework-text-ar').fill(HOMEWORK_AR);
      await track.getByTestId('homework-link').fill('javascript:alert(1)');
      await track.getByTestId('homework-days').fill('7');
      await track.getByTestId('homework-save').click();
      await track.locator('[data-testid="homework-message"][data-note="link-not-http"]').waitFor();
      await track.getByTestId('homework-link').fill('https://example.org/opdracht');
      await track.getByTestId('homework-save').click();
      await page.locator('details.homework-track[data-track="eligible"] [data-testid="homework-message"][data-note="saved"]').waitFor();

      // Move her through the talk to the homework, from her card on the board.
      const board = page.getByTestId('journey-page');
      const card = board.locator('[data-testid="journey-person"]').filter({ hasText: 'آمنة' });
      await card.getByTestId('journey-open').click();
      const key = (await card.getAttribute('data-key'))!;
      const amina = board.locator(`[data-testid="journey-person"][data-key="${key}"]`);
      for (const to of ['mentor-talk-booked', 'mentor-talk-held', 'homework-given']) {
        await amina.getByTestId('journey-form').waitFor();
        await amina.getByTestId('journey-to').selectOption(to);
        await amina.getByTestId('journey-reason').fill(`stap ${to}`);
        await amina.getByTestId('journey-move-submit').click();
        await board.locator(`[data-testid="journey-person"][data-key="${key}"][data-stage="${to}"]`).waitFor();
      }
      await amina.locator('[data-testid="journey-delivery"][data-delivery="sent"]').waitFor();
      const homework = await waitFor(() => suite.connector.repliesIn(person.conversationId).find((a) => a.text?.includes(HOMEWORK_AR)), 'the homework in her chat');
      expect(homework.text).toContain('https://example.org/opdracht');

      // She hands it in from the chat.
      await person.say('واجبي: https://github.com/amina/stad');
      await person.hears(tAr('journey:homework.received'));

      // Lisa sees it beside her card, and passes it with a note; Amina reads the note.
      await page.reload();
      await page.getByTestId('nav-journey').click();
      // The board's subtitle: homework is late after the eligible track's 7 days, or JOURNEY_HOMEWORK_DAYS (14) for the other tracks.
      const intro = translator().t('en', 'console:journey.boardIntroRange', { least: '7', most: '14' });
      await waitFor(async () => (await page.locator('#journey-intro').innerText()) === intro, 'the subtitle with the days the tracks set');
      await amina.getByTestId('journey-open').click();
      await amina.getByTestId('homework-review').waitFor();
      expect(await amina.getByTestId('homework-submission').locator('a').getAttribute('href')).toBe('https://github.com/amina/stad');
      await amina.getByTestId('homework-note').fill('Mooi werk!');
      await amina.getByTestId('homework-passed').click();
      await board.locator(`[data-testid="journey-person"][data-key="${key}"][data-stage="homework-reviewed"]`).waitFor();
      await person.hears(tAr('journey:homework.passed', { name: 'Lisa', note: 'Mooi werk!' }));
      // Her moves read as sentences: the review's verdict and the bot's hand-in, no code or text key.
      const reasons = await amina.locator('.journey-move-reason').allTextContents();
      expect(reasons).toContain(`${translator().t('en', 'console:journey.homework.verdict.passed')}: Mooi werk!`);
      expect(reasons).toContain(translator().t('en', 'console:journey.botReasons.homework-submitted-in-chat'));
      expect(reasons.join('\n')).not.toMatch(/homework-passed|journey\.botReasons/);

      // The intake interview, then the decision: selected; she hears it in Arabic.
      for (const to of ['selection-intake', 'selected']) {
        await amina.getByTestId('journey-form').waitFor();
        await amina.getByTestId('journey-to').selectOption(to);
        await amina.getByTestId('journey-reason').fill(`stap ${to}`);
        await amina.getByTestId('journey-move-submit').click();
        await board.locator(`[data-testid="journey-person"][data-key="${key}"][data-stage="${to}"]`).waitFor();
      }
      await person.hears(tAr('journey:decision.selected'));
      expect(await axeViolations(page)).toEqual([]);

      // The Numbers page: the journey funnel counts her at each stage she reached, with no name.
      await page.getByTestId('nav-numbers').click();
      const funnel = page.getByTestId('journey-funnel');
      await funnel.locator('[data-stage="selected"][data-count="1"]').waitFor();
      for (const stage of ['motivation', 'homework-given', 'homework-submitted', 'homework-reviewed']) expect(await funnel.locator(`[data-stage="${stage}"]`).getAttribute('data-count')).toBe('1');
      expect(await funnel.locator('[data-stage="not-selected"]').getAttribute('data-count')).toBe('0');
      expect(await page.getByTestId('journey-weeks').innerText()).not.toContain('آمنة');
      expect(await page.getByTestId('journey-csv').getAttribute('href')).toContain('/console/api/journey-funnel.csv');
      await page.screenshot({ path: '/tmp/journey-funnel.png', fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
    } catch (error) {
      const [page] = context.pages();
      if (page) await page.screenshot({ path: '/tmp/homework-failure.png', fullPage: true });
      throw error;
    } finally {
      await context.close();
      await stop();
    }
  }, 150_000);
});
