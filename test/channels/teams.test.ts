import nock from 'nock';
import type { Activity } from 'botbuilder';
import { FakeConnector } from '../support/fakeConnector';
import { FakeChannelIssuer } from '../support/fakeChannelIssuer';
import { startTestApp } from '../support/testApp';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { BOT, cardButtons, TeamsPerson } from '../support/teamsPerson';
import { tr, faqAnswerButtons } from '../support/intakeScript';
import { Language, languageFromLocale } from '../../src/i18n/languages';
import { formatForTeams } from '../../src/channels/teams/teamsRendering';
import { installationChange } from '../../src/channels/teams/teamsInstallation';
import { oggOpusSilence } from '../support/oggOpus';


/** A text of ours as Teams must get it: every line break doubled (Teams drops a single one). */
const teamsText = (text: string) => text.split('\n').join('\n\n');

const NAMES = (lng: Language) => tr(lng, `language:names.${lng}`);

describe('newcomers in Microsoft Teams (personal chat)', () => {
  let connector: FakeConnector;
  let issuer: FakeChannelIssuer;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    issuer = await new FakeChannelIssuer().start();
  });
  afterAll(async () => {
    await connector.stop();
    await issuer.stop();
  });

  it('greets on install with the language question as a card, the Teams locale first, and only once', async () => {
    const { url, stop } = await startTestApp({}, { channelIssuer: issuer });
    try {
      const amina = new TeamsPerson(url, connector, 'ar-SA');
      await amina.addsTheApp();
      // One message: the greeting, then the language question with its card.
      const question = await amina.hears(tr('ar', 'common:greeting'));
      expect(amina.replies()).toHaveLength(1);
      expect(question.textFormat).toBe('markdown');
      expect(question.suggestedActions).toBeUndefined();
      expect(question.text).toBe([tr('ar', 'common:greeting'), ...['ar', 'nl', 'en', 'tr', 'fa', 'ti'].map((l) => tr(l as Language, 'language:prompt'))].join('\n\n'));
      expect(cardButtons(question).map((b) => b.title)).toEqual(['ar', 'nl', 'en', 'tr', 'fa', 'ti'].map((l) => NAMES(l as Language)));
      expect(cardButtons(question).every((b) => b.type === 'Action.Submit' && b.data.msteams.type === 'messageBack')).toBe(true);
      const afterGreeting = amina.replies().length;

      // Teams also sends installationUpdate "add" for the same install: no second greeting.
      await amina.installationUpdate('add');
      expect(amina.replies()).toHaveLength(afterGreeting);

      await amina.presses(NAMES('ar'));
      await amina.hears(tr('ar', 'language:changed'), afterGreeting);
    } finally {
      await stop();
    }
  });

  it('greets on installationUpdate "add" when it comes first, and ignores the conversationUpdate after it', async () => {
    const { url, stop } = await startTestApp({}, { channelIssuer: issuer });
    try {
      const omar = new TeamsPerson(url, connector, 'fa-IR');
      await omar.installationUpdate('add');
      await omar.hears(tr('fa', 'common:greeting'));
      const question = await waitFor(() => omar.replies().find((r) => cardButtons(r).length > 0), 'the language card');
      expect(cardButtons(question)[0].title).toBe(NAMES('fa'));
      const afterGreeting = omar.replies().length;
      await omar.addsTheApp();
      expect(omar.replies()).toHaveLength(afterGreeting);
    } finally {
      await stop();
    }
  });

  it.each([
    ['ar-SA', 'ar'],
    ['fa-IR', 'fa'],
    ['ti-ER', 'ti'],
    ['tr-TR', 'tr'],
    ['nl-NL', 'nl'],
    ['en-US', 'en'],
  ] as Array<[string, Language]>)('offers the language of Teams locale %s first', async (locale, lng) => {
    expect(languageFromLocale(locale)).toBe(lng);
    const { url, stop } = await startTestApp({}, { channelIssuer: issuer });
    try {
      const person = new TeamsPerson(url, connector, locale);
      await person.installationUpdate('add');
      await person.hears(tr(lng, 'common:greeting'));
      const question = await waitFor(() => person.replies().find((r) => cardButtons(r).length > 0), 'the language card');
      expect(cardButtons(question)[0].title).toBe(NAMES(lng));
      expect(question.text?.split('\n\n').slice(0, 2)).toEqual([tr(lng, 'common:greeting'), tr(lng, 'language:prompt')]);
    } finally {
      await stop();
    }
  });

  it('advances the dialog by card buttons: language, consent, menu, an intake question', async () => {
    const { url, stop } = await startTestApp({}, { channelIssuer: issuer });
    try {
      const sara = new TeamsPerson(url, connector, 'en-US');
      await sara.installationUpdate('add');
      await waitFor(() => sara.replies().find((r) => cardButtons(r).length > 0), 'the language card');

      await sara.presses('English');
      await sara.hears(tr('en', 'language:changed'));
      const consent = await sara.hears(tr('en', 'consent:question'));
      expect(cardButtons(consent).map((b) => b.title)).toEqual([tr('en', 'consent:agree'), tr('en', 'consent:more'), tr('en', 'consent:decline')]);

      await sara.presses(tr('en', 'consent:agree'));
      const menu = await sara.hears(tr('en', 'common:menu.prompt'));
      expect(cardButtons(menu).map((b) => b.title)).toEqual(['intake', 'faq', 'mentor', 'language', 'delete'].map((c) => tr('en', `common:menu.${c}`)));

      // A client that sends only the card's data (no messageBack text) works the same.
      await sara.pressesSendingDataOnly(tr('en', 'common:menu.intake'));
      await sara.hears(tr('en', 'intake:fields.firstName.prompt'));
      await sara.presses(tr('en', 'common:buttons.skip'));
      const status = await sara.hears(tr('en', 'intake:fields.residenceStatus.prompt'));
      expect(cardButtons(status).map((b) => b.title)).toContain(tr('en', 'intake:fields.residenceStatus.options.statushouder'));

      await sara.presses(tr('en', 'intake:fields.residenceStatus.options.statushouder'));
      await sara.hears(tr('en', 'intake:fields.municipality.prompt'));
    } finally {
      await stop();
    }
  });

  it('goes the short way in Teams: language, consent, a question answered, texts formatted for Teams', async () => {
    const { app, url, stop } = await startTestApp({}, { channelIssuer: issuer });
    try {
      const yonas = new TeamsPerson(url, connector, 'nl-NL');
      await yonas.addsTheApp();
      await waitFor(() => yonas.replies().find((r) => cardButtons(r).length > 0), 'the language card');
      await yonas.presses(NAMES('nl'));

      // The privacy notice has five lines: in Teams each line break is doubled, or the lines run together.
      // It comes in one message with the language's confirmation before it and the consent question after it.
      const notice = await yonas.hears(teamsText(tr('nl', 'consent:notice', { answerDays: 180, chatDays: 180 })));
      expect(notice.text?.split('\n\n')).toHaveLength(1 + 1 + 5 + 1);
      expect(notice.textFormat).toBe('markdown');

      await yonas.presses(tr('nl', 'consent:agree'));
      await yonas.presses(tr('nl', 'common:menu.faq'));
      await yonas.hears(tr('nl', 'faq:ask'));
      const before = yonas.replies().length;
      await yonas.types('wie mag er meedoen');
      await yonas.hears(teamsText(tr('nl', 'faq:topics.who-can-join.answer')), before);
      const another = await yonas.hears(tr('nl', 'faq:another'), before);
      expect(cardButtons(another).map((b) => b.title)).toEqual(faqAnswerButtons('nl'));

      // The transcript keeps what the bot said, as on every channel, not the Teams rendering of it.
      const kept = await waitFor(async () => {
        const items = (await app.transcripts.store.getTranscriptActivities('msteams', yonas.conversationId)).items;
        // The answer and the follow-up question, merged into one message, as the bot said them (not rendered for Teams).
        return items.find((a) => a.text === `${tr('nl', 'faq:topics.who-can-join.answer')}\n\n${tr('nl', 'faq:another')}`);
      }, 'the transcript keeping the follow-up question');
      expect(kept.suggestedActions?.actions.map((a) => a.title)).toEqual(cardButtons(another).map((b) => b.title));
      expect(kept.attachments ?? []).toEqual([]);
    } finally {
      await stop();
    }
  });

  it('understands an audio file sent in Teams: fetched from SharePoint, transcribed, confirmed, then answered', async () => {
    const { url, stop } = await startTestApp({ SPEECH_KEY: 'speech-key', SPEECH_REGION: 'westeurope' }, { channelIssuer: issuer });
    const sharepoint = 'https://contoso-my.sharepoint.com';
    try {
      const sam = new TeamsPerson(url, connector, 'en-US');
      await sam.addsTheApp();
      await waitFor(() => sam.replies().find((r) => cardButtons(r).length > 0), 'the language card');
      await sam.presses(NAMES('en'));
      await sam.presses(tr('en', 'consent:agree'));
      await sam.presses(tr('en', 'common:menu.faq'));
      await sam.hears(tr('en', 'faq:ask'));
      const download = nock(sharepoint).get('/personal/amina/_layouts/15/download.aspx').query(true).reply(200, Buffer.from(oggOpusSilence(2)), { 'Content-Type': 'application/octet-stream' });
      const speech = nock('https://westeurope.api.cognitive.microsoft.com')
        .post('/speechtotext/transcriptions:transcribe', (body: string) => Buffer.from(body, 'hex').toString('latin1').includes('{"locales":["en-US"]'))
        .query(true)
        .reply(200, { combinedPhrases: [{ text: 'Who can join?' }] });
      const before = sam.replies().length;
      await sam.sendsFile('voice.ogg', 'ogg', `${sharepoint}/personal/amina/_layouts/15/download.aspx?UniqueId=1&tempauth=x`);
      const heard = await sam.hears(teamsText(tr('en', 'voice:heard', { text: 'Who can join?' })), before);
      expect(download.isDone() && speech.isDone()).toBe(true);
      expect(cardButtons(heard).map((b) => b.title)).toEqual([tr('en', 'common:buttons.yes'), tr('en', 'common:buttons.no')]);
      await sam.presses(tr('en', 'common:buttons.yes'));
      await sam.hears(teamsText(tr('en', 'faq:topics.who-can-join.answer')), before);

      // A file address elsewhere than SharePoint is not fetched at all.
      const elsewhere = nock('https://evil.example').get(/.*/).reply(200, 'x');
      const beforeEvil = sam.replies().length;
      await sam.sendsFile('voice.ogg', 'ogg', 'https://evil.example/voice.ogg');
      await sam.hears(tr('en', 'voice:notReceived'), beforeEvil);
      expect(elsewhere.isDone()).toBe(false);
    } finally {
      nock.cleanAll();
      await stop();
    }
  });

  it('keeps right-to-left text intact and formats a typed command\'s list for Teams', async () => {
    const { url, stop } = await startTestApp({}, { channelIssuer: issuer });
    try {
      const layla = new TeamsPerson(url, connector, 'ar-SA');
      await layla.installationUpdate('add');
      await waitFor(() => layla.replies().find((r) => cardButtons(r).length > 0), 'the language card');
      await layla.presses(NAMES('ar'));
      const notice = await layla.hears(teamsText(tr('ar', 'consent:notice', { answerDays: 180, chatDays: 180 })));
      // The same characters in the same order; only the line breaks changed.
      expect(notice.text?.replace(/\n\n/g, '\n')).toContain(tr('ar', 'consent:notice', { answerDays: 180, chatDays: 180 }));
      const before = layla.replies().length;
      await layla.types('مساعدة');
      await layla.hears(teamsText(tr('ar', 'common:help')), before);
    } finally {
      await stop();
    }
  });

  it('delivers a mentor\'s message to the Teams chat formatted for Teams', async () => {
    const { app, url, stop } = await startTestApp({}, { channelIssuer: issuer });
    try {
      const amira = new TeamsPerson(url, connector, 'nl-NL');
      await amira.installationUpdate('add');
      await waitFor(() => amira.replies().find((r) => cardButtons(r).length > 0), 'the language card');
      await amira.presses(NAMES('nl'));
      await amira.presses(tr('nl', 'consent:agree'));
      await amira.presses(tr('nl', 'common:menu.mentor'));
      await amira.hears(tr('nl', 'handoff:requested', { place: 1 }));
      const handoff = await app.handoffs.service.queue.openFor('msteams', amira.userId);
      const mentor = { id: 'mentor-sara', firstName: 'Sara' };
      expect((await app.handoffs.service.claim(handoff!.id, mentor)).ok).toBe(true);
      await amira.hears(tr('nl', 'handoff:claimed', { mentor: 'Sara' }));
      expect((await app.handoffs.service.fromMentor(handoff!.id, mentor, 'Hoi *Amira*\nWelkom bij VIT')).ok).toBe(true);
      await amira.hears('Hoi **Amira**\n\nWelkom bij VIT');

      // The rating question after the mentor closes comes as a card too, and a press answers it.
      expect((await app.handoffs.service.close(handoff!.id, mentor.id, 'helped', '')).ok).toBe(true);
      const rating = await amira.hears(tr('nl', 'handoff:rateQuestion'));
      expect(cardButtons(rating).map((b) => b.title)).toEqual(['1', '2', '3', '4', '5']);
      await amira.presses('4');
      await amira.hears(tr('nl', 'handoff:ratingThanks'));
      expect((await app.handoffs.service.queue.get(handoff!.id))?.rating).toBe(4);
    } finally {
      await stop();
    }
  });

  it('takes a person who removes the app out of the mentor queue, tells mentors why, and sends nothing more (Redis)', async () => {
    const { app, url, stop, logs } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() }, { channelIssuer: issuer });
    try {
      const mehmet = new TeamsPerson(url, connector, 'tr-TR');
      await mehmet.installationUpdate('add');
      await waitFor(() => mehmet.replies().find((r) => cardButtons(r).length > 0), 'the language card');
      await mehmet.presses(NAMES('tr'));
      await mehmet.presses(tr('tr', 'consent:agree'));
      await mehmet.presses(tr('tr', 'common:menu.mentor'));
      await mehmet.hears(tr('tr', 'handoff:requested', { place: 1 }));
      const waiting = await app.handoffs.service.queue.openFor('msteams', mehmet.userId);
      expect(waiting?.status).toBe('waiting');

      // Someone else waits behind him (in the Emulator).
      const other = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
      await other.startAndConsent('nl');
      await other.say(tr('nl', 'common:menu.mentor'));
      await other.hears(tr('nl', 'handoff:requested', { place: 2 }));

      const sentBefore = mehmet.replies().length;
      await mehmet.installationUpdate('remove');
      expect(await app.handoffs.service.queue.openFor('msteams', mehmet.userId)).toBeUndefined();
      const left = await app.handoffs.service.queue.get(waiting!.id);
      expect(left).toMatchObject({ status: 'abandoned', note: tr('nl', 'teams:removedNote') });
      expect((await app.handoffs.service.queue.waiting()).map((h) => h.person.userId)).toEqual([`user-${other.conversationId}`]);
      await other.hears(tr('nl', 'handoff:place', { place: 1 }));

      // Teams may also send the membersRemoved update; a mentor may still try to take him: nothing reaches the chat.
      await mehmet.botRemovedFromChat();
      expect((await app.handoffs.service.claim(waiting!.id, { id: 'mentor-sara', firstName: 'Sara' })).ok).toBe(false);
      expect(mehmet.replies()).toHaveLength(sentBefore);

      const removal = logs.lines.filter((l) => l.msg === 'the bot was removed from a personal Teams chat');
      expect(removal[0]).toMatchObject({ channel: 'msteams', handoff: waiting!.id, leftQueue: true });
      for (const secret of [mehmet.userId, mehmet.conversationId, mehmet.aadObjectId]) expect(logs.text).not.toContain(secret);

      // His data stays (removal is not erasure); installing again starts afresh with a greeting.
      expect((await app.handoffs.service.queue.allFor('msteams', mehmet.userId)).map((h) => h.id)).toEqual([waiting!.id]);
      await mehmet.addsTheApp();
      await mehmet.hears(tr('tr', 'common:greeting'), sentBefore);
    } finally {
      await stop();
    }
  });
});

describe('Teams formatting and install events (pure rules)', () => {
  it.each([
    ['one line', 'one line'],
    ['line 1\nline 2', 'line 1\n\nline 2'],
    ['a\r\nb\n\n\nc', 'a\n\nb\n\nc'],
    ['Hi *Amina*, *welcome*!', 'Hi **Amina**, **welcome**!'],
    ['5 * 3 = 15 and 2*x', '5 * 3 = 15 and 2*x'],
    ['_italic_ stays', '_italic_ stays'],
    ['مرحبا *أمينة*\nأهلا', 'مرحبا **أمينة**\n\nأهلا'],
  ])('formats %j for Teams as %j', (text, expected) => {
    expect(formatForTeams(text)).toBe(expected);
  });

  const personal = { channelId: 'msteams', recipient: BOT, conversation: { id: 'a:1', conversationType: 'personal', isGroup: false, name: '' } } as Partial<Activity>;
  it.each([
    ['conversationUpdate adding the bot', 'installed', { type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: '' }] }],
    ['conversationUpdate adding the bot and the person', 'installed', { type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: '' }, { id: '29:1x', name: '' }] }],
    ['installationUpdate add', 'installed', { type: 'installationUpdate', action: 'add' }],
    ['installationUpdate add-upgrade', 'none', { type: 'installationUpdate', action: 'add-upgrade' }],
    ['installationUpdate remove', 'removed', { type: 'installationUpdate', action: 'remove' }],
    ['installationUpdate remove-upgrade', 'removed', { type: 'installationUpdate', action: 'remove-upgrade' }],
    ['conversationUpdate removing the bot', 'removed', { type: 'conversationUpdate', membersRemoved: [{ id: BOT.id, name: '' }] }],
    ['a message', 'none', { type: 'message', text: 'hoi' }],
    ['the bot added to a team channel', 'none', { type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: '' }], conversation: { id: '19:x@thread.tacv2', conversationType: 'channel', isGroup: true, name: '' } }],
  ] as Array<[string, string, Partial<Activity>]>)('reads %s as %s', (_name, expected, activity) => {
    expect(installationChange({ ...personal, ...activity })).toBe(expected);
  });

  it('leaves other channels to their own rule', () => {
    expect(installationChange({ ...personal, channelId: 'emulator', type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: '' }] })).toBeUndefined();
  });
});
