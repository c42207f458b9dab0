import type { BrowserContext, Page } from 'playwright-core';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { browserWithConnector } from '../support/browser';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';
import type { FakeConnector } from '../support/fakeConnector';
import type { Language } from '../../src/i18n/languages';
import { throughIntake } from '../support/throughIntake';
import { signInToConsole } from '../support/consoleSignIn';

/**
 * Every console page on a phone (390×844), signed in as a mentor, staff and an admin, over a few
 * synthetic newcomers who went through the bot. Each page must fit the phone's width (nothing wider
 * than the screen, so nothing is cut off or needs sideways scrolling). With CONSOLE_SCREENSHOTS=1
 * (`npm run docs:screenshots`) it also writes the pictures of docs/console.md's gallery.
 */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 } as const;
const WRITE = process.env.CONSOLE_SCREENSHOTS === '1';

const t = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);

async function shoot(page: Page, name: string): Promise<void> {
  // Nothing on the page is wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect({ page: name, overflow }).toEqual({ page: name, overflow: 0 });
  if (WRITE) await page.screenshot({ path: `docs/screenshots/gallery-${name}.png` });
}


/** Goes to a page by its address, as a tab does, and waits for its section. */
async function open(page: Page, route: string, testId: string): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/${route}`);
  await page.getByTestId(testId).waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Scrolls the page's own content (below the navigation) to the top of the phone. */
async function toContent(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).evaluate((node) => node.scrollIntoView({ block: 'start' }));
}

/** A newcomer who asks for a mentor straight from the menu (the console shows a short code for them). */
async function asksForMentor(url: string, connector: FakeConnector, lng: Language, id: string): Promise<Newcomer> {
  const person = new Newcomer(url, connector, `gallery-${id}-${uniquePrefix()}`);
  await person.asksForMentor(lng);
  return person;
}

/** A Dutch-speaking newcomer who starts the intake, gives a first name and then asks for a mentor. */
async function namedAsksForMentor(url: string, connector: FakeConnector, name: string): Promise<Newcomer> {
  const person = new Newcomer(url, connector, `gallery-${name}-${uniquePrefix()}`);
  await person.startAndConsent('nl');
  await person.say(t('nl', 'common:menu.intake'));
  await person.hears(t('nl', 'intake:fields.firstName.prompt'));
  await person.say(name);
  await person.hears(t('nl', 'intake:fields.residenceStatus.prompt'));
  await person.say('mentor');
  await person.hears(t('nl', 'handoff:howToWait'));
  return person;
}


describe('the console on a phone, page by page (headless Chromium)', () => {
  const suite = browserWithConnector();

  it('fits every page into 390 pixels for a mentor, staff and an admin, in Dutch and in Arabic', async () => {
    const { app, url, stop } = await startTestApp();
    const contexts: BrowserContext[] = [];
    /** A phone of its own for each person signed in (a session is a cookie). */
    const phone = async (locale = 'nl-NL') => {
      const context = await suite.browser.newContext({ ...PHONE, locale });
      contexts.push(context);
      return context.newPage();
    };
    try {
      await addAccount(app, 'sanne', 'mentor', ['nl', 'en']);
      await addAccount(app, 'omar', 'mentor', ['nl', 'ar']);
      await addAccount(app, 'lotte', 'staff');
      await addAccount(app, 'admin', 'admin');

      // Two people who did the intake (one in Arabic), a question the bot could not answer.
      await throughIntake(url, suite.connector, 'nl', 'Bram', 'Groningen', 'Ik wil graag programmeren leren', { education: 'bachelor', conversationId: `gallery-intake-${uniquePrefix()}` });
      await throughIntake(url, suite.connector, 'ar', 'آمنة', 'Zwolle', 'أحب البرمجة وأريد أن أعمل مطورة', { education: 'bachelor', conversationId: `gallery-intake-${uniquePrefix()}` });
      const asking = new Newcomer(url, suite.connector, `gallery-faq-${uniquePrefix()}`);
      await asking.startAndConsent('nl');
      await asking.say(t('nl', 'common:menu.faq'));
      await asking.hears(t('nl', 'faq:ask'));
      await asking.say('Waar kan ik een goedkope fiets kopen?');
      await asking.hears(t('nl', 'faq:notSure'));

      // People waiting for a mentor; Sanne talks with one and closes another with a follow-up.
      const yonas = await namedAsksForMentor(url, suite.connector, 'Yonas');
      const fatma = await namedAsksForMentor(url, suite.connector, 'Fatma');
      await namedAsksForMentor(url, suite.connector, 'Dilan');
      const amina = await asksForMentor(url, suite.connector, 'ar', 'amina');
      await asksForMentor(url, suite.connector, 'nl', 'reza');
      const waiting = await app.handoffs.service.queue.waiting();
      const handoffOf = (person: Newcomer) => {
        const found = waiting.find((h) => h.conversation.conversation.id === person.conversationId);
        if (!found) throw new Error(`no handoff for ${person.conversationId}`);
        return found.id;
      };
      const sanneApi = new ConsoleClient(url);
      await sanneApi.login('sanne');
      const yonasId = handoffOf(yonas);
      await sanneApi.post(`/console/api/handoffs/${yonasId}/claim`);
      await sanneApi.post(`/console/api/handoffs/${yonasId}/messages`, { text: 'Hoi, ik ben Sanne. Waar kan ik je mee helpen?' });
      await yonas.hears('Hoi, ik ben Sanne. Waar kan ik je mee helpen?');
      await yonas.say('Ik zoek een stage als developer');
      const fatmaId = handoffOf(fatma);
      await sanneApi.post(`/console/api/handoffs/${fatmaId}/claim`);
      await sanneApi.post(`/console/api/handoffs/${fatmaId}/messages`, { text: 'Ik bel je volgende week over je cv.' });
      const nextWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      await sanneApi.post(`/console/api/handoffs/${fatmaId}/close`, { outcome: 'follow-up', followUp: nextWeek, note: 'cv bespreken' });
      const omarApi = new ConsoleClient(url);
      await omarApi.login('omar');
      const aminaId = handoffOf(amina);
      await omarApi.post(`/console/api/handoffs/${aminaId}/claim`);
      await omarApi.post(`/console/api/handoffs/${aminaId}/messages`, { text: 'مرحبًا، أنا عمر. كيف أستطيع مساعدتك؟' });
      await amina.say('أبحث عن دورة في البرمجة');
      await waitFor(async () => ((await app.handoffs.service.queue.get(aminaId))?.messages.length ?? 0) >= 2, 'Amina’s message in the handoff');

      // The mentor: the lists, one conversation open, the follow-ups, sign-in settings.
      const sanne = await phone();
      await signInToConsole(sanne, url, 'sanne', 'nl');
      await sanne.getByTestId('waiting-item').first().waitFor();
      await shoot(sanne, 'mentor-conversations');
      await open(sanne, `handoffs/${encodeURIComponent(yonasId)}`, 'message-input');
      await sanne.getByText('Ik zoek een stage als developer').scrollIntoViewIfNeeded();
      await shoot(sanne, 'mentor-conversation');
      await open(sanne, 'followups', 'followups-page');
      await sanne.getByTestId('follow-up-item').first().waitFor();
      await toContent(sanne, 'followups-page');
      await shoot(sanne, 'mentor-follow-ups');
      await open(sanne, 'security', 'security-page');
      await toContent(sanne, 'security-page');
      await shoot(sanne, 'mentor-my-sign-in');
      await sanne.close();

      // The same console in Arabic, right to left, with Amina's conversation open.
      const omar = await phone('ar');
      await signInToConsole(omar, url, 'omar', 'ar');
      expect(await omar.locator('html').getAttribute('dir')).toBe('rtl');
      await open(omar, `handoffs/${encodeURIComponent(aminaId)}`, 'message-input');
      await omar.getByText('أبحث عن دورة في البرمجة').scrollIntoViewIfNeeded();
      await shoot(omar, 'mentor-conversation-ar');
      await omar.close();

      // Staff: transcripts, one transcript, numbers, people, the journey board, questions, answers, ready replies.
      const lotte = await phone();
      await signInToConsole(lotte, url, 'lotte', 'nl');
      await open(lotte, 'transcripts', 'transcripts-page');
      await waitFor(async () => (await lotte.getByTestId('transcript-item').count()) >= 2, 'transcripts listed');
      await toContent(lotte, 'transcripts-page');
      await shoot(lotte, 'staff-transcripts');
      await lotte.getByTestId('transcript-item').filter({ hasText: 'Bram' }).first().click();
      await lotte.getByTestId('transcript-result').locator('[data-field="outcome"]').waitFor();
      await shoot(lotte, 'staff-transcript');
      await open(lotte, 'numbers', 'numbers-page');
      await lotte.getByTestId('by-language').locator('tr').first().waitFor();
      await toContent(lotte, 'numbers-page');
      await shoot(lotte, 'staff-numbers');
      await open(lotte, 'people', 'people-page');
      await lotte.getByTestId('person-item').first().waitFor();
      await toContent(lotte, 'people-page');
      await shoot(lotte, 'staff-people');
      await open(lotte, 'journey', 'journey-page');
      await lotte.getByTestId('journey-person').first().waitFor();
      await toContent(lotte, 'journey-page');
      await shoot(lotte, 'staff-journey');
      await open(lotte, 'questions', 'questions-page');
      await lotte.getByTestId('question-group').first().waitFor();
      await toContent(lotte, 'questions-page');
      await shoot(lotte, 'staff-questions');
      await open(lotte, 'answers', 'answers-page');
      await toContent(lotte, 'answers-page');
      await shoot(lotte, 'staff-answers');
      await open(lotte, 'replies', 'replies-page');
      await toContent(lotte, 'replies-page');
      await shoot(lotte, 'staff-ready-replies');
      await lotte.close();

      // The admin: accounts and the audit log.
      const admin = await phone();
      await signInToConsole(admin, url, 'admin', 'nl');
      await open(admin, 'accounts', 'accounts-page');
      await admin.getByTestId('accounts-page').getByText('sanne').first().waitFor();
      await admin.getByTestId('account-card').first().evaluate((node) => node.scrollIntoView({ block: 'start' }));
      await shoot(admin, 'admin-accounts');
      await open(admin, 'audit', 'audit-page');
      await admin.locator('#audit-rows tr').first().waitFor();
      await toContent(admin, 'audit-page');
      await shoot(admin, 'admin-audit');
      await admin.close();
    } finally {
      for (const context of contexts) await context.close();
      await stop();
    }
  }, 240_000);
});
