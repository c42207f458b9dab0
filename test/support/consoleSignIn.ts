import type { Page } from 'playwright-core';
import type { Language } from '../../src/i18n/languages';

/**
 * Signs in to the console in a browser page, with the console in `lng` (as if chosen earlier on this
 * device), and waits for the signed-in page. `live`: also waits until live updates are on, so the
 * refresh that follows the stream's opening has come before the test opens anything (as a mentor
 * sees the page).
 */
export async function signInToConsole(page: Page, url: string, username: string, lng: Language, { live = false } = {}): Promise<void> {
  await page.addInitScript((lang) => window.localStorage.setItem('vit-console-lang', lang), lng);
  await page.goto(`${url}/console`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('correct horse battery');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-handoffs').or(page.getByTestId('nav-transcripts')).first().waitFor();
  if (live) await page.locator('[data-testid="live-indicator"][data-state="on"]').waitFor({ state: 'attached' });
}
