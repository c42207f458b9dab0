import { ChatDriver } from '../support/chatDriver';
import { startAndConsent, tr, faqAnswerButtons } from '../support/intakeScript';

describe('questions about working in IT', () => {
  it('answers "do I have to pay?" asked in Turkish in the middle of the intake, in the chosen language, and goes on', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.say('Amina');
    await chat.tap(tr('nl', 'intake:fields.residenceStatus.options.statushouder'));
    await chat.say('Utrecht');
    expect(chat.texts().at(-1)).toBe(tr('nl', 'intake:fields.dutchLevel.prompt'));
    await chat.say('para ödemem gerekiyor mu?');
    expect(chat.texts()).toEqual([tr('nl', 'faq:topics.costs.answer'), tr('nl', 'intake:fields.dutchLevel.prompt')]);
    await chat.tap('B1');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.englishLevel.prompt')]);
  });

  it('answers an Arabic question at the menu in Arabic and shows the menu again', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'ar');
    await chat.say('ما عندي شهادة بالكمبيوتر، هل هذه مشكلة؟');
    expect(chat.texts()).toEqual([tr('ar', 'faq:topics.no-it-background.answer'), tr('ar', 'common:menu.prompt')]);
  });

  it('keeps a typed name a name, but answers a question typed where a name is asked', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.intake'));
    await chat.say('what does it cost?');
    expect(chat.texts()).toEqual([tr('en', 'faq:topics.costs.answer'), tr('en', 'intake:fields.firstName.prompt')]);
    await chat.say('Sara');
    expect(chat.texts()).toEqual([tr('en', 'intake:fields.residenceStatus.prompt')]);
  });

  it('answers in the FAQ, offers the fitting follow-up, and starts the intake from it', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.faq'));
    expect(chat.texts()).toEqual([tr('nl', 'faq:ask')]);
    await chat.say('wie mag er meedoen');
    expect(chat.texts()).toEqual([tr('nl', 'faq:topics.who-can-join.answer'), tr('nl', 'faq:another')]);
    expect(chat.buttons().map((b) => b.title)).toEqual(faqAnswerButtons('nl'));
    await chat.say('en hoeveel uur per week moet ik werken');
    expect(chat.texts()[0]).toBe(tr('nl', 'faq:topics.hours-and-contract.answer'));
    await chat.tap(tr('nl', 'common:menu.mentor'));
    expect(chat.texts()[0]).toBe(tr('nl', 'handoff:requested', { place: 1 }));
  });

  it('says it is not sure instead of guessing, and offers a mentor', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.faq'));
    await chat.say('where can i buy a cheap bicycle');
    expect(chat.texts()).toEqual([tr('en', 'faq:notSure'), tr('en', 'faq:another')]);
    expect(chat.buttons().map((b) => b.title)).toEqual([tr('en', 'common:menu.mentor'), tr('en', 'common:buttons.menu')]);
    await chat.tap(tr('en', 'common:buttons.menu'));
    expect(chat.texts()).toEqual([tr('en', 'common:menu.prompt')]);
  });

  it('answers with the privacy retention period filled in', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.faq'));
    await chat.say('who can see my answers and how long do you keep them');
    expect(chat.texts()[0]).toBe(tr('en', 'faq:topics.privacy.answer', { answerDays: 180, chatDays: 180 }));
    expect(chat.texts()[0]).toContain('180');
  });

  it('tells the answers and the chat each their own retention when the settings differ', async () => {
    const chat = new ChatDriver(undefined, {}, undefined, undefined, { STATE_RETENTION_DAYS: 30, TRANSCRIPT_RETENTION_DAYS: 90 });
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.faq'));
    await chat.say('wie kan mijn antwoorden zien en hoe lang bewaren jullie ze');
    expect(chat.texts()[0]).toBe(tr('nl', 'faq:topics.privacy.answer', { answerDays: 30, chatDays: 90 }));
    expect(chat.texts()[0]).toMatch(/antwoorden worden gewist 30 dagen/);
    expect(chat.texts()[0]).toMatch(/gewist na 90 dagen/);
  });
});
