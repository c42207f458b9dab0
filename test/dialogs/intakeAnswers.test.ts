import { RedisStorage } from '../../src/storage/redisStorage';
import { ChatDriver } from '../support/chatDriver';
import { startAndConsent, tr, personRecord } from '../support/intakeScript';
import { connectTestRedis, uniquePrefix, testDigest } from '../support/testRedis';

describe('typed answers in the intake', () => {
  async function atDutchLevel(chat: ChatDriver) {
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.say('Amina');
    await chat.say('statushouder');
    await chat.say('ik woon in Zwolle');
    expect(chat.texts()).toEqual([
      tr('nl', 'intake:fields.municipality.found', { municipality: 'Zwolle', province: 'Overijssel' }),
      tr('nl', 'intake:fields.dutchLevel.prompt'),
    ]);
  }

  it('takes a level typed as "B 1" and "ik weet het niet" leads to can-do statements and an estimate', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.say('B 1');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.englishLevel.prompt')]);
    await chat.say('ik weet het niet');
    expect(chat.texts()[0]).toBe(tr('nl', 'intake:canDo.intro', { language: 'Engels' }));
    for (const answer of ['ja', 'ja', 'nee', 'ja', 'nee']) await chat.say(answer);
    expect(chat.texts()).toEqual([
      tr('nl', 'intake:canDo.estimate', { language: 'Engels', level: 'B1' }),
      tr('nl', 'intake:fields.education.prompt'),
    ]);
    const person = await personRecord(chat);
    expect(person.intake.answers).toMatchObject({ municipality: 'Zwolle', dutchLevel: 'B1', englishLevel: 'B1' });
    expect(person.intake.estimated).toEqual(['englishLevel']);
  });

  it('re-asks with a clear message when the answer does not fit', async () => {
    const chat = new ChatDriver();
    await atDutchLevel(chat);
    await chat.say('banaan');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.dutchLevel.retry')]);
    expect(chat.buttons().map((b) => b.title)).toEqual([
      ...['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'dontKnow'].map((l) => tr('nl', `intake:levels.${l}`)),
      tr('nl', 'common:buttons.back'),
      tr('nl', 'common:buttons.menu'),
    ]);
  });

  it('offers close municipality names as buttons when a guess is unsafe', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.say('Amina');
    await chat.say('statushouder');
    await chat.say('Bergen');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.municipality.didYouMean', { answer: 'Bergen' })]);
    expect(chat.buttons().map((b) => b.title)).toEqual(['Bergen (L)', 'Bergen (NH)', 'Bergen op Zoom', ...['skip', 'back', 'menu'].map((b) => tr('nl', `common:buttons.${b}`))]);
    await chat.tap('Bergen (NH)');
    expect(chat.texts()[0]).toBe(tr('nl', 'intake:fields.municipality.found', { municipality: 'Bergen (NH)', province: 'Noord-Holland' }));
    await chat.say('Damascus');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.dutchLevel.retry')]);
  });

  it('hours accept typed numbers in Arabic digits and refuse more than 80', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'ar');
    await chat.tap(tr('ar', 'common:menu.intake'));
    for (const tap of [tr('ar', 'common:buttons.skip'), tr('ar', 'intake:fields.residenceStatus.options.statushouder'), tr('ar', 'common:buttons.skip')]) await chat.tap(tap);
    await chat.say('B1');
    await chat.say('A2');
    await chat.tap(tr('ar', 'intake:fields.education.options.primary'));
    await chat.tap(tr('ar', 'intake:fields.itExperience.options.none'));
    await chat.tap(tr('ar', 'common:buttons.yes'));
    await chat.tap(tr('ar', 'common:buttons.skip'));
    await chat.say('٩٠');
    expect(chat.texts()).toEqual([tr('ar', 'intake:fields.hoursPerWeek.retry')]);
    await chat.say('٣٢');
    expect((await personRecord(chat)).intake.answers.hoursPerWeek).toBe(32);
    expect((await personRecord(chat)).assessment.outcome).toBe('eligible');
  });
});

describe('consent', () => {
  it('shows the full privacy text on request, then asks again', async () => {
    const chat = new ChatDriver();
    await chat.say('hi');
    await chat.tap('English');
    expect(chat.texts()).toEqual([
      tr('en', 'language:changed'),
      tr('en', 'consent:short'),
      tr('en', 'consent:notice', { answerDays: 180, chatDays: 180 }),
      tr('en', 'consent:question'),
    ]);
    await chat.tap(tr('en', 'consent:more'));
    expect(chat.texts()).toEqual([tr('en', 'consent:full', { answerDays: 180, chatDays: 180 }), tr('en', 'consent:question')]);
    expect(chat.buttons().map((b) => b.title)).toEqual([tr('en', 'consent:agree'), tr('en', 'consent:decline')]);
    await chat.say('yes');
    expect((await personRecord(chat)).consent).toEqual({ given: true, at: '2026-11-25T10:00:00.000Z', language: 'en', privacyVersion: expect.any(String) });
  });

  it.each([
    ['nl', 'Nederlands', /antwoorden tot 30 dagen/, /elk bericht 90 dagen/],
    ['ar', 'العربية', /أجوبتك حتى \u206830\u2069 يومًا/, /كل رسالة \u206890\u2069 يومًا/],
  ] as const)('in %s tells each retention from its own setting: answers 30 days, the chat 90', async (lng, button, answers, chat90) => {
    const retention = { STATE_RETENTION_DAYS: 30, TRANSCRIPT_RETENTION_DAYS: 90 };
    const chat = new ChatDriver(undefined, {}, undefined, undefined, retention);
    await chat.say('hi');
    await chat.tap(button);
    const notice = chat.texts()[2];
    expect(notice).toBe(tr(lng, 'consent:notice', { answerDays: 30, chatDays: 90 }));
    expect(notice).toMatch(answers);
    expect(notice).toMatch(chat90);
    await chat.tap(tr(lng, 'consent:more'));
    const full = chat.texts()[0];
    expect(full).toBe(tr(lng, 'consent:full', { answerDays: 30, chatDays: 90 }));
    expect(full).toMatch(answers);
    expect(full).toContain('90');
  });

  it('without consent keeps no intake, still answers questions, and asks again before an intake', async () => {
    const chat = new ChatDriver();
    await chat.say('hi');
    await chat.tap('English');
    await chat.tap(tr('en', 'consent:decline'));
    expect(chat.texts()).toEqual([tr('en', 'consent:declined'), tr('en', 'common:menu.prompt')]);
    await chat.tap(tr('en', 'common:menu.faq'));
    await chat.say('how much does it cost');
    expect(chat.texts()[0]).toBe(tr('en', 'faq:topics.costs.answer'));
    await chat.tap(tr('en', 'common:buttons.menu'));
    await chat.tap(tr('en', 'common:menu.intake'));
    expect(chat.texts()[0]).toBe(tr('en', 'consent:needed'));
    await chat.tap(tr('en', 'consent:decline'));
    const person = await personRecord(chat);
    expect(person.consent.given).toBe(false);
    expect(person.intake).toBeUndefined();
    expect(chat.texts().at(-1)).toBe(tr('en', 'common:menu.prompt'));
  });
});

describe('resuming an unfinished intake', () => {
  it('continues after a restart of the bot, in a new conversation, from Redis', async () => {
    const redis = connectTestRedis();
    const prefix = uniquePrefix();
    try {
      const first = new ChatDriver(new RedisStorage(redis, { prefix, digest: testDigest }), { conversationId: 'monday' });
      await startAndConsent(first, 'ar');
      await first.tap(tr('ar', 'common:menu.intake'));
      await first.say('آمنة');
      await first.tap(tr('ar', 'intake:fields.residenceStatus.options.statushouder'));

      // A new process: new storage object, new bot, same Redis; the person comes back days later.
      const later = new ChatDriver(new RedisStorage(redis, { prefix, digest: testDigest }), { conversationId: 'friday' }, () => new Date('2026-11-29T10:00:00Z'));
      await later.say('مرحبا');
      expect(later.texts()).toEqual([tr('ar', 'common:greeting'), tr('ar', 'intake:resume')]);
      await later.tap(tr('ar', 'intake:resumeYes'));
      expect(later.texts()).toEqual([tr('ar', 'intake:fields.municipality.prompt')]);
      const person = (await later.storage.read(['test/users/person-1/']))['test/users/person-1/'].person;
      expect(person.intake.answers).toEqual({ firstName: 'آمنة', residenceStatus: 'statushouder' });
      expect(person.conversations.sort()).toEqual(['friday', 'monday']);
    } finally {
      await redis.quit();
    }
  });

  it('on WhatsApp-like endless conversations, asks again only after a pause', async () => {
    let now = new Date('2026-11-25T10:00:00Z');
    const chat = new ChatDriver(undefined, {}, () => now);
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.say('Amina');
    await chat.say('stop');
    expect(chat.texts()).toEqual([tr('nl', 'common:stopped'), tr('nl', 'common:menu.prompt')]);
    now = new Date('2026-11-25T12:00:00Z');
    await chat.say('menu');
    expect(chat.texts()).toEqual([tr('nl', 'intake:resume')]);
    await chat.tap(tr('nl', 'intake:resumeNo'));
    expect(chat.texts()).toEqual([tr('nl', 'common:menu.prompt')]);
  });
});
