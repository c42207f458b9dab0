import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { browserWithConnector } from '../support/browser';
import { axeViolations } from '../support/axe';
import { translator } from '../support/chatDriver';
import { PARTNER_STEPS } from '../../src/domain/partnerSteps';
import { throughIntake } from '../support/throughIntake';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const tAr = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const tEn = (key: string, vars?: Record<string, unknown>) => translator().t('en', key, vars);

describe('the partner panel in a real browser (headless Chromium, on a phone)', () => {
  const suite = browserWithConnector();

  it('staff ask the person, refer her after her yes, record the steps (a short contract refused) and copy the summary', async () => {
    const { app, url, stop } = await startTestApp();
    const context = await suite.browser.newContext({ ...PHONE, locale: 'en-GB' });
    try {
      await addAccount(app, 'lisa', 'staff');
      const person = await throughIntake(url, suite.connector, 'ar', 'آمنة', 'Zwolle', 'أحب البرمجة وأريد أن أعمل مطورة');
      await person.say(tAr('common:buttons.no'));
      // The selection itself is the journey's (tested elsewhere): staff move her to selected over the API.
      const api = new ConsoleClient(url);
      await api.login('lisa');
      const key = ((await (await api.get('/console/api/journeys')).json()) as any).items[0].key;
      for (const to of ['mentor-talk-booked', 'mentor-talk-held', 'homework-given', 'homework-submitted', 'homework-reviewed', 'selection-intake', 'selected']) {
        expect((await api.post(`/console/api/people/${key}/journey/moves`, { to, reason: 'ok' })).status).toBe(200);
      }

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('lisa');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-journey').click();
      const board = page.getByTestId('journey-page');
      const amina = board.locator(`[data-testid="journey-person"][data-key="${key}"]`);
      await amina.getByTestId('journey-open').click();
      const panel = amina.getByTestId('partner-panel');
      await panel.getByTestId('partner-choice').waitFor();

      // A referral before her yes is refused, in words.
      await panel.getByTestId('partner-choice').selectOption('itph-academy');
      await panel.getByTestId('partner-refer').click();
      await panel.getByTestId('partner-refused').filter({ hasText: tEn('partners:console.refused.no-consent') }).waitFor();
      // The question goes to her chat, naming the partner, in Arabic.
      await panel.getByTestId('partner-ask').click();
      await panel.locator('[data-testid="partner-delivery"][data-delivery="sent"]').waitFor();
      await panel.locator('[data-testid="partner-consent"][data-answer="waiting"]').waitFor();
      await person.hears(tAr('partners:consent.question', { partner: 'ITPH Academy' }));
      await person.say('نعم');
      await person.hears(tAr('partners:consent.yes', { partner: 'ITPH Academy' }));

      await page.reload();
      await page.getByTestId('nav-journey').click();
      await amina.getByTestId('journey-open').click();
      await panel.locator('[data-testid="partner-consent"][data-answer="yes"]').waitFor();
      await panel.getByTestId('partner-refer').click();
      await panel.getByTestId('partner-referred').waitFor();
      await person.hears(tAr('partners:referred', { partner: 'ITPH Academy' }));

      // The steps, one by one, in order: the form offers only the next one.
      for (const step of PARTNER_STEPS.slice(0, 7)) {
        await panel.locator(`[data-testid="partner-step-form"][data-step="${step}"]`).waitFor();
        await panel.getByTestId('partner-step-note').fill(`noot ${step}`);
        await panel.getByTestId('partner-step-submit').click();
        await panel.locator(`[data-testid="partner-step"][data-step="${step}"]`).waitFor();
      }
      // A contract of 4 months is refused and says why; a real one is recorded.
      await panel.locator('[data-testid="partner-step-form"][data-step="contract-signed"]').waitFor();
      await panel.getByTestId('partner-contract-months').fill('4');
      await panel.getByTestId('partner-contract-hours').fill('36');
      await panel.getByTestId('partner-contract-off').check();
      await panel.getByTestId('partner-step-submit').click();
      await panel.getByTestId('partner-refused').filter({ hasText: tEn('partners:console.refused.contract-too-short') }).waitFor();
      await panel.screenshot({ path: '/tmp/partner-refused.png' });
      // What was typed stays: only the months change.
      expect(await panel.getByTestId('partner-contract-hours').inputValue()).toBe('36');
      expect(await panel.getByTestId('partner-contract-off').isChecked()).toBe(true);
      await panel.getByTestId('partner-contract-months').fill('12');
      await panel.getByTestId('partner-step-submit').click();
      await panel.locator('[data-testid="partner-step"][data-step="contract-signed"]').waitFor();
      await person.hears(tAr('partners:steps.contract-signed', { partner: 'ITPH Academy' }));

      // The summary: copied as text (or shown to select where the clipboard is closed).
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
      await panel.getByTestId('partner-copy').click();
      const copied = await waitFor(async () => {
        const box = await panel.getByTestId('partner-summary-text').count();
        if (box > 0) return panel.getByTestId('partner-summary-text').inputValue();
        const text = await page.evaluate(() => navigator.clipboard.readText().catch(() => ''));
        return text.includes('ITPH Academy') && text;
      }, 'the summary copied');
      expect(copied).toContain('آمنة');
      expect(copied).toContain('Overijssel');
      expect(await panel.getByTestId('partner-download').getAttribute('href')).toContain('/summary?lang=');
      await page.screenshot({ path: '/tmp/partner-panel.png', fullPage: true });
      await panel.screenshot({ path: '/tmp/partner-panel-only.png' });
      expect((await panel.getByTestId('partner-contract').innerText()).replace(/[\u2068\u2069]/g, '')).toBe(tEn('partners:console.contract', { months: 12, hours: 36 }));
      expect(await axeViolations(page)).toEqual([]);
      // In Arabic the panel reads right to left, with the partner's name isolated.
      await page.getByTestId('lang-select').selectOption('ar');
      await panel.getByTestId('partner-referred').filter({ hasText: 'ITPH Academy' }).waitFor();
      expect(await panel.getByTestId('partner-referred').innerText()).toContain('\u2068ITPH Academy\u2069');
      await panel.screenshot({ path: '/tmp/partner-panel-ar.png' });
    } catch (error) {
      const [page] = context.pages();
      if (page) await page.screenshot({ path: '/tmp/partner-failure.png', fullPage: true });
      throw error;
    } finally {
      await context.close();
      await stop();
    }
  }, 150_000);
});
