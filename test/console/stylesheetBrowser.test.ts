import { startTestApp } from '../support/testApp';
import { launchBrowser } from '../support/browser';
import type { Browser } from 'playwright-core';

/**
 * The console's one stylesheet, as Chromium reads it. A rule left without its closing brace does not
 * fail loudly: with CSS nesting every rule after it becomes a nested rule that matches nothing, so
 * whole parts of the console (the translation preview, the journey board, hand-over, accounts) lose
 * their layout. Only @media blocks hold rules here; no style rule may hold another.
 */
describe('the console stylesheet (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has every style rule at the top level or in an @media block, none nested in another', async () => {
    const { url, stop } = await startTestApp();
    const page = await browser.newPage();
    try {
      await page.goto(`${url}/console`);
      const found = await page.evaluate(() => {
        const sheet = Array.from(document.styleSheets).find((s) => (s.href ?? '').endsWith('/app.css'));
        if (!sheet) return null;
        const nested: string[] = [];
        const topLevel: string[] = [];
        const visit = (rules: CSSRuleList, inMedia: boolean) => {
          for (const rule of Array.from(rules)) {
            if (rule instanceof CSSMediaRule) visit(rule.cssRules, true);
            else if (rule instanceof CSSStyleRule) {
              if (!inMedia) topLevel.push(rule.selectorText);
              if (rule.cssRules && rule.cssRules.length > 0) {
                nested.push(`${rule.selectorText} { ${Array.from(rule.cssRules).map((r) => (r as CSSStyleRule).selectorText).join(', ')} }`);
                visit(rule.cssRules, true);
              }
            }
          }
        };
        visit(sheet.cssRules, false);
        return { nested, topLevel };
      });
      expect(found).not.toBeNull();
      expect(found!.nested).toEqual([]);
      // Rules from the end of the file are where the browser reads them.
      for (const selector of ['.chip-overdue', '.translate-toggle', '.reply-translation-actions', '.journey-counts', '.status-picker', '.private-note', '.qr-box']) {
        expect(found!.topLevel).toContain(selector);
      }
    } finally {
      await page.close();
      await stop();
    }
  });
});
