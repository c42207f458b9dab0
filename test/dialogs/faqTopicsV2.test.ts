import { ChatDriver } from '../support/chatDriver';
import { startAndConsent, tr } from '../support/intakeScript';

describe('questions newcomers ask about daily life around the programme', () => {
  it.each([
    ['uitkering', 'benefits'],
    ['kinderopvangtoeslag', 'childcare-family'],
  ])('takes the single word %j at the menu as a question about %s', async (word, topic) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.say(word);
    expect(chat.texts()).toEqual([tr('nl', `faq:topics.${topic}.answer`), tr('nl', 'common:menu.prompt')]);
  });

  it('still asks for a button when a single word at the menu is about nothing it knows', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.say('fulltime');
    expect(chat.texts()).toEqual([tr('nl', 'common:chooseButton')]);
  });

  it('keeps a single word in the intake a wrong answer, not a question', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.tap(tr('nl', 'common:buttons.skip'));
    await chat.say('kinderopvangtoeslag');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.residenceStatus.retry')]);
  });

  it('says an answer depends on the municipality and adds the mentor button to the intake question', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.intake'));
    await chat.tap(tr('en', 'common:buttons.skip'));
    await chat.say('who pays my train ticket?');
    expect(chat.texts()).toEqual([tr('en', 'faq:topics.travel-costs.answer'), tr('en', 'intake:fields.residenceStatus.prompt')]);
    expect(tr('en', 'faq:topics.travel-costs.answer')).toContain('mentor');
    const titles = chat.buttons().map((b) => b.title);
    expect(titles).toContain(tr('en', 'common:menu.mentor'));
    await chat.tap(tr('en', 'common:menu.mentor'));
    expect(chat.texts()[0]).toBe(tr('en', 'handoff:requested', { place: 1 }));
  });

  it('gives an answer that does not depend on anyone without a mentor button in the intake', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.intake'));
    await chat.tap(tr('en', 'common:buttons.skip'));
    await chat.say('is there an age limit?');
    expect(chat.texts()).toEqual([tr('en', 'faq:topics.age.answer'), tr('en', 'intake:fields.residenceStatus.prompt')]);
    expect(chat.buttons().map((b) => b.title)).not.toContain(tr('en', 'common:menu.mentor'));
  });

  it('offers the mentor first in the FAQ when the answer depends on the partner', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'tr');
    await chat.tap(tr('tr', 'common:menu.faq'));
    await chat.say('eğitimde maaş var mı');
    expect(chat.texts()).toEqual([tr('tr', 'faq:topics.pay-during-training.answer'), tr('tr', 'faq:another')]);
    expect(chat.buttons().map((b) => b.title)[0]).toBe(tr('tr', 'common:menu.mentor'));
  });

  it('answers a life question outside the programme with where to go, in Arabic', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'ar');
    await chat.tap(tr('ar', 'common:menu.faq'));
    await chat.say('بدي بيت');
    expect(chat.texts()[0]).toBe(tr('ar', 'faq:topics.other-help.answer'));
    expect(chat.texts()[0]).toContain('\u2068VluchtelingenWerk\u2069');
    expect(chat.texts()[0]).toContain('112');
  });
});
