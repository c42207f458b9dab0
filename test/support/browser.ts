import { chromium, Browser } from 'playwright-core';
import { FakeConnector } from './fakeConnector';

/** Debian's Chromium, headless, without the background traffic this closed network refuses. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A browser and a fake Bot Connector shared by the tests of one describe block: started before them, stopped after. */
export function browserWithConnector(): { readonly browser: Browser; readonly connector: FakeConnector } {
  const suite = {} as { browser: Browser; connector: FakeConnector };
  beforeAll(async () => {
    suite.browser = await launchBrowser();
    suite.connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.connector?.stop();
  });
  return suite;
}
