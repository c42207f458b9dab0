import { startTestApp } from '../support/testApp';
import { launchBrowser } from '../support/browser';

/**
 * LatestLoad (src/console/public/js/latestLoad.js), the console's one rule for loads that may overlap:
 * run as the browser runs it, from the server, in a real Chromium.
 */
describe('LatestLoad in a real browser (headless Chromium)', () => {
  it('keeps only the newest load current: a later start makes an earlier one stale, drop() the one under way', async () => {
    const { url, stop } = await startTestApp();
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${url}/console`);
      const seen = await page.evaluate(async (src) => {
        const { LatestLoad } = (await import(src)) as { LatestLoad: new () => { start(): () => boolean; drop(): void } };
        const loads = new LatestLoad();
        const first = loads.start();
        const firstAlone = first();
        const second = loads.start();
        const afterSecond = [first(), second()];
        loads.drop();
        const afterDrop = [first(), second()];
        const third = loads.start();
        // Two LatestLoads know nothing of each other.
        const other = new LatestLoad().start();
        return { firstAlone, afterSecond, afterDrop, third: third(), other: other() };
      }, `${url}/console/js/latestLoad.js`);
      expect(seen).toEqual({ firstAlone: true, afterSecond: [false, true], afterDrop: [false, false], third: true, other: true });
    } finally {
      await browser.close();
      await stop();
    }
  });
});
