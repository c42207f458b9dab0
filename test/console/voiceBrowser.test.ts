import nock from 'nock';
import type { Browser } from 'playwright-core';
import { FakeGraph, voiceMessage, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import type { App } from '../../src/app';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { launchBrowser } from '../support/browser';
import { translator } from '../support/chatDriver';
import { oggOpusSilence } from '../support/oggOpus';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);
const SPEECH = 'https://westeurope.api.cognitive.microsoft.com';
const SAID = 'Ik wil graag programmeur worden';

describe('a mentor listens to a voice note in the console (headless Chromium)', () => {
  let browser: Browser;
  let graph: FakeGraph;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    graph = await new FakeGraph().start();
  });
  afterEach(async () => {
    nock.cleanAll();
    await graph.stop();
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await browser?.close();
  });

  /** Mentor sara's account, and a Dutch WhatsApp newcomer who consented and asked for a mentor. */
  async function waitingForMentorSara(app: App, url: string): Promise<WhatsAppPerson> {
    await addAccount(app, 'sara', 'mentor', ['nl']);
    const person = new WhatsAppPerson(url, graph);
    await person.say('hi', 2);
    await person.tap('Nederlands', 4);
    await person.tap(t('consent:agree'), 2);
    await person.tap(t('common:menu.mentor'), 2);
    return person;
  }

  it('plays the voice note of a person in line, fetched through the server when played, with the transcript beside it', async () => {
    const { app, url, stop } = await startTestApp({ ...whatsAppEnv(graph), SPEECH_KEY: 'speech-key', SPEECH_REGION: 'westeurope' });
    const context = await browser.newContext();
    try {
      await addAccount(app, 'sara', 'mentor', ['nl']);
      await addAccount(app, 'joost', 'mentor', ['nl']);
      const person = new WhatsAppPerson(url, graph);
      await person.say('hi', 2);
      await person.tap('Nederlands', 4);
      await person.tap(t('consent:agree'), 2);
      // First a voice note to the bot, heard but not right: the transcript is kept (consent), the audio not.
      graph.addMedia('2001', oggOpusSilence(1));
      nock(SPEECH).post('/speechtotext/transcriptions:transcribe').query(true).reply(200, { combinedPhrases: [{ text: 'Ik zoek werk in de ICT.' }] });
      await person.send(voiceMessage('2001'));
      await person.tap(t('common:buttons.no'));
      await person.say(t('common:menu.mentor'), 2);
      graph.addMedia('2002', oggOpusSilence(2));
      nock(SPEECH).post('/speechtotext/transcriptions:transcribe').query(true).reply(200, { combinedPhrases: [{ text: `${SAID}.` }] });
      const [kept] = await person.send(voiceMessage('2002'));
      expect(kept.text.body).toBe(t('voice:keptForMentor'));

      // While the person waits, any mentor may listen, to decide to take them (as they may read their messages).
      const joost = new ConsoleClient(url);
      await joost.login('joost');
      const [waiting] = ((await (await joost.get('/console/api/handoffs')).json()) as { waiting: Array<{ id: string }> }).waiting;
      const { timeline: waitingTimeline } = (await (await joost.get(`/console/api/handoffs/${waiting.id}`)).json()) as { timeline: Array<{ kind?: string; at: string }> };
      const voiceAt = waitingTimeline.find((m) => m.kind === 'voice')!.at;
      const whileWaiting = await joost.get(`/console/api/handoffs/${waiting.id}/voice?at=${encodeURIComponent(voiceAt)}`);
      expect(whileWaiting.status).toBe(200);
      expect(Buffer.from(await whileWaiting.arrayBuffer())).toEqual(Buffer.from(oggOpusSilence(2)));
      const listened = graph.mediaRequests.length;

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('sara');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      const card = page.getByTestId('waiting-item');
      await card.waitFor();
      await card.getByTestId('claim').click();

      const timeline = page.getByTestId('timeline');
      const bubble = timeline.getByTestId('message').filter({ has: page.getByTestId('voice-note') });
      await bubble.waitFor();
      expect(await bubble.getAttribute('data-from')).toBe('person');
      expect(await bubble.getByTestId('voice-transcript').textContent()).toContain(SAID);
      // The voice note to the bot, in the conversation before: what the computer heard, no player (no audio was kept).
      const earlier = timeline.getByTestId('message').filter({ hasText: 'Ik zoek werk in de ICT' });
      expect(await earlier.getByTestId('voice-transcript').textContent()).toContain('Ik zoek werk in de ICT');
      expect(await earlier.getByTestId('voice-note').count()).toBe(0);
      // Nothing is fetched before the mentor presses play.
      expect(graph.mediaRequests.length).toBe(listened);

      const audio = bubble.getByTestId('voice-note');
      const box = (await audio.boundingBox())!;
      await page.mouse.click(box.x + 16, box.y + box.height / 2); // the player's play button
      await waitFor(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime > 0.3 && a.error === null), 'the voice note playing');
      expect(await audio.evaluate((a: HTMLAudioElement) => Math.round(a.duration))).toBe(2);
      expect(graph.mediaRequests.length).toBeGreaterThan(listened);
      expect(await page.getByTestId('voice-unavailable').isVisible()).toBe(false);

      // The same address for a mentor who did not take this person (now that it is taken), and without a session.
      const src = (await audio.getAttribute('src'))!;
      expect((await joost.get(src)).status).toBe(403);
      expect((await fetch(`${url}${src}`)).status).toBe(401);
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const direct = await sara.get(src);
      expect(direct.status).toBe(200);
      expect(direct.headers.get('content-type')).toBe('audio/ogg');
      expect(direct.headers.get('cache-control')).toBe('no-store');
      expect(Buffer.from(await direct.arrayBuffer())).toEqual(Buffer.from(oggOpusSilence(2)));
      expect((await sara.get(src.replace(/at=[^&]+/, 'at=2020-01-01T00%3A00%3A00.000Z'))).status).toBe(404);
    } finally {
      await context.close();
      await stop();
    }
  });

  it('opens the conversation of a voice note from the link a mentor in Teams gets (#/handoffs/<id>), also through the sign-in', async () => {
    const { app, url, stop } = await startTestApp(whatsAppEnv(graph));
    const context = await browser.newContext();
    try {
      const person = await waitingForMentorSara(app, url);
      await person.send(voiceMessage('4004'));
      const [handoff] = await app.handoffs.service.queue.waiting();
      await waitFor(async () => (await app.handoffs.service.queue.get(handoff.id))!.messages.some((m) => m.kind === 'voice'), 'the voice note kept for a mentor');

      const page = await context.newPage();
      await page.goto(`${url}/console#/handoffs/${encodeURIComponent(handoff.id)}`);
      await page.getByTestId('login-username').fill('sara');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      // Straight into that conversation, its voice note there to play, without a click in the list.
      await page.getByTestId('timeline').getByTestId('voice-note').waitFor();
      expect(await page.getByTestId('waiting-item').getAttribute('aria-current')).toBe('true');
      expect(new URL(page.url()).hash).toBe(`#/handoffs/${encodeURIComponent(handoff.id)}`);
    } finally {
      await context.close();
      await stop();
    }
  });

  it('says so when the voice note can no longer be fetched from WhatsApp', async () => {
    const { app, url, stop } = await startTestApp(whatsAppEnv(graph));
    const context = await browser.newContext();
    try {
      const person = await waitingForMentorSara(app, url);
      await person.send(voiceMessage('3003')); // never kept at the fake Graph API: gone

      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByTestId('login-username').fill('sara');
      await page.getByTestId('login-password').fill('correct horse battery');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('waiting-item').getByTestId('claim').click();
      const audio = page.getByTestId('voice-note');
      await audio.waitFor();
      const box = (await audio.boundingBox())!;
      await page.mouse.click(box.x + 16, box.y + box.height / 2);
      await page.getByTestId('voice-unavailable').waitFor();
      expect(await page.getByTestId('voice-unavailable').textContent()).toBe(translator().t('en', 'console:voice.unavailable')); // the browser's language
    } finally {
      await context.close();
      await stop();
    }
  });
});
