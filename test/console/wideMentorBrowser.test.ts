import type { Locator, Page } from 'playwright-core';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { browserWithConnector } from '../support/browser';
import { eligibleWithMentor } from '../support/eligibleWithMentor';
import type { Language } from '../../src/i18n/languages';
import { signInToConsole } from '../support/consoleSignIn';

const WIDE = { viewport: { width: 1440, height: 900 } } as const;


/**
 * Where a value's text sits in its cell (the element, or with `inParent` the element's parent): the gap from
 * the text to the cell's start edge (right in RTL, left in LTR).
 */
const gapToStart = (value: Locator, rtl: boolean, inParent = false) =>
  value.evaluate(
    (node, [rtlPage, parent]) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      const text = range.getBoundingClientRect();
      const cell = ((parent ? node.parentElement : node) ?? node).getBoundingClientRect();
      const style = getComputedStyle(parent ? (node.parentElement ?? node) : node);
      const padding = parseFloat(rtlPage ? style.paddingRight : style.paddingLeft);
      return (rtlPage ? cell.right - text.right : text.left - cell.left) - padding;
    },
    [rtl, inParent] as const,
  );

/**
 * The person's intake beside the conversation, on a wide screen (1440 px), as mentor Sara reads it in Arabic
 * and in Dutch: a value typed in another script (the municipality "Zwolle" on the Arabic page, the Arabic
 * motivation on the Dutch page) sits beside its label, not at the far edge of the cell; the motivation
 * takes a whole row rather than a narrow column of short lines; a Dutch reason in the journey's steps
 * sits under its date.
 */
describe('the intake beside the conversation on a wide screen', () => {
  const suite = browserWithConnector();

  it('values typed in another script align with their labels and steps, and the motivation has a whole row, in Arabic and in Dutch', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      await addAccount(app, 'sara', 'mentor', ['ar', 'nl']);
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const { handoffId } = await eligibleWithMentor(url, suite.connector, sara);
      // Sara notes the talk she planned with her, in Dutch: a step with a reason in another script on the Arabic page.
      expect((await sara.post(`/console/api/handoffs/${handoffId}/journey/moves`, { to: 'mentor-talk-booked', reason: 'Dinsdag 10:00 online' })).status).toBe(200);
      for (const lng of ['ar', 'nl'] as const) {
        const context = await suite.browser.newContext(WIDE);
        try {
          const page = await context.newPage();
          await signInToConsole(page, url, 'sara', lng, { live: true });
          await page.getByTestId('mine-item').locator('.card-open').click();
          const intake = page.locator('#intake-content');
          const municipality = intake.locator('[data-field="municipality"] dd');
          await municipality.waitFor();
          expect(await municipality.innerText()).toBe('Zwolle');
          const rtl = lng === 'ar';
          expect(await gapToStart(municipality, rtl)).toBeLessThan(2);
          expect(await gapToStart(intake.locator('[data-field="motivation"] dd'), rtl)).toBeLessThan(2);
          const row = (await intake.locator('dl.facts').boundingBox())!;
          const motivation = (await intake.locator('[data-field="motivation"]').boundingBox())!;
          expect(motivation.width).toBeGreaterThan(row.width - 2);
          // The journey beside it: the step's reason (Dutch) under its date, at the same edge.
          const journey = page.getByTestId('conversation-journey');
          await journey.locator('summary').click();
          const reason = journey.locator('.journey-move-reason').filter({ hasText: 'Dinsdag 10:00 online' });
          await reason.waitFor();
          expect(await gapToStart(reason, rtl, true)).toBeLessThan(2);
          // Who moved her: "Sara (mentor)", the name first in either direction.
          const by = journey.locator('[data-testid="journey-move"]').filter({ hasText: 'Dinsdag 10:00 online' }).locator('.journey-move-by');
          const nameFirst = await by.evaluate((node, rtlPage) => {
            const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            for (let text = walker.nextNode(); text; text = walker.nextNode()) {
              const at = (text.textContent ?? '').indexOf('Sara');
              if (at < 0) continue;
              range.setStart(text, at);
              range.setEnd(text, at + 4);
              const name = range.getBoundingClientRect();
              range.selectNodeContents(node);
              const line = range.getBoundingClientRect();
              return rtlPage ? line.right - name.right : name.left - line.left;
            }
            return Infinity;
          }, rtl);
          expect(nameFirst).toBeLessThan(2);
          await page.screenshot({ path: `/tmp/wide-mentor-intake-${lng}.png` });
        } finally {
          await context.close();
        }
      }
    } finally {
      await stop();
    }
  }, 120_000);
});
