import type { Language } from '../../src/i18n/languages';
import { ChatDriver } from '../support/chatDriver';
import { startAndConsent, tr, faqAnswerButtons, personRecord } from '../support/intakeScript';

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

describe('did this answer help?', () => {
  // The driver's clock.
  const today = () => '2026-11-25';

  it('offers helpful / not helpful after an answer, counts a tap per topic and language, and waits for the next question', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.faq'));
    await chat.say('is er een leeftijdsgrens?');
    expect(chat.texts()).toEqual([tr('nl', 'faq:topics.age.answer'), tr('nl', 'faq:another')]);
    expect(chat.buttons().map((b) => b.title)).toEqual(faqAnswerButtons('nl'));
    await chat.tap(tr('nl', 'faq:feedback.helpful'));
    expect(chat.texts()).toEqual([tr('nl', 'faq:feedback.thanks'), tr('nl', 'faq:another')]);
    expect(chat.buttons().map((b) => b.title)).toEqual([tr('nl', 'common:menu.intake'), tr('nl', 'common:menu.mentor'), tr('nl', 'common:buttons.menu')]);
    const days = await chat.stats.days(today(), today());
    expect(days.get(today())?.get('nl')).toMatchObject({ 'faq:age:helpful': 1 });
    // The next question is answered as usual.
    await chat.say('wie betaalt de reiskosten');
    expect(chat.texts()[0]).toBe(tr('nl', 'faq:topics.travel-costs.answer'));
  });

  it('after "not helpful" says a mentor can help better and offers the mentor first', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'ar');
    await chat.tap(tr('ar', 'common:menu.faq'));
    await chat.say('بدي بيت');
    await chat.tap(tr('ar', 'faq:feedback.notHelpful'));
    expect(chat.texts()).toEqual([tr('ar', 'faq:feedback.sorry'), tr('ar', 'faq:another')]);
    expect(chat.buttons().map((b) => b.title)[0]).toBe(tr('ar', 'common:menu.mentor'));
    expect((await chat.stats.days(today(), today())).get(today())?.get('ar')).toMatchObject({ 'faq:other-help:notHelpful': 1 });
    await chat.tap(tr('ar', 'common:menu.mentor'));
    expect(chat.texts()[0]).toBe(tr('ar', 'handoff:requested', { place: 1 }));
  });

  it('typing the next question instead of tapping counts nothing', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.faq'));
    await chat.say('is there an age limit?');
    await chat.say('do I need my own laptop?');
    expect(chat.texts()[0]).toBe(tr('en', 'faq:topics.equipment.answer'));
    const counts = (await chat.stats.days(today(), today())).get(today())?.get('en') ?? {};
    expect(Object.keys(counts).filter((k) => k.startsWith('faq:'))).toEqual([]);
  });

  const feedbackPair = (lng: Language) => [tr(lng, 'faq:feedback.helpful'), tr(lng, 'faq:feedback.notHelpful')];
  const titles = (activity: { suggestedActions?: { actions: Array<{ title?: string }> } }) => (activity.suggestedActions?.actions ?? []).map((a) => a.title);

  it('puts the pair on an answer given at the menu, in the same message, and counts a tap', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    const replies = await chat.say('uitkering');
    expect(chat.texts()).toEqual([tr('nl', 'faq:topics.benefits.answer'), tr('nl', 'common:menu.prompt')]);
    expect(titles(replies[0])).toEqual(feedbackPair('nl'));
    // The menu keeps its own buttons, without the pair.
    expect(titles(replies[1])).toContain(tr('nl', 'common:menu.intake'));
    expect(titles(replies[1])).not.toContain(tr('nl', 'faq:feedback.helpful'));
    await chat.say(tr('nl', 'faq:feedback.helpful'));
    expect(chat.texts()).toEqual([tr('nl', 'faq:feedback.thanks'), tr('nl', 'common:menu.prompt')]);
    expect((await chat.stats.days(today(), today())).get(today())?.get('nl')).toMatchObject({ 'faq:benefits:helpful': 1 });
  });

  it('puts the pair on an answer in the intake; "not helpful" is counted once and the intake question comes back with the mentor', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.intake'));
    await chat.tap(tr('en', 'common:buttons.skip'));
    const replies = await chat.say('is there an age limit?');
    expect(chat.texts()).toEqual([tr('en', 'faq:topics.age.answer'), tr('en', 'intake:fields.residenceStatus.prompt')]);
    expect(titles(replies[0])).toEqual(feedbackPair('en'));
    expect(titles(replies[1])).not.toContain(tr('en', 'faq:feedback.helpful'));
    await chat.say(tr('en', 'faq:feedback.notHelpful'));
    expect(chat.texts()).toEqual([tr('en', 'faq:feedback.sorry'), tr('en', 'intake:fields.residenceStatus.prompt')]);
    expect(chat.buttons().map((b) => b.title)).toContain(tr('en', 'common:menu.mentor'));
    // A second tap under the same answer counts nothing and is not taken as the intake's answer.
    await chat.say(tr('en', 'faq:feedback.notHelpful'));
    expect(chat.texts()).toEqual([tr('en', 'intake:fields.residenceStatus.prompt')]);
    expect((await chat.stats.days(today(), today())).get(today())?.get('en')).toMatchObject({ 'faq:age:notHelpful': 1 });
  });

  it('lets the person ignore the pair: the intake answer that comes next is taken as before', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.intake'));
    await chat.tap(tr('en', 'common:buttons.skip'));
    await chat.say('is there an age limit?');
    await chat.tap(tr('en', 'intake:fields.residenceStatus.options.statushouder'));
    expect((await personRecord(chat)).intake.answers).toMatchObject({ residenceStatus: 'statushouder' });
    expect(chat.texts()).not.toContain(tr('en', 'intake:fields.residenceStatus.retry'));
    const counts = (await chat.stats.days(today(), today())).get(today())?.get('en') ?? {};
    expect(Object.keys(counts).filter((k) => k.startsWith('faq:'))).toEqual([]);
  });

  it('offers no feedback buttons when the bot was not sure', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.faq'));
    await chat.say('can you sing a song for my wedding?');
    expect(chat.texts()[0]).toBe(tr('en', 'faq:notSure'));
    expect(chat.buttons().map((b) => b.title)).not.toContain(tr('en', 'faq:feedback.helpful'));
  });
});
