import type { Language } from '../../src/i18n/languages';
import { ChatDriver } from '../support/chatDriver';
import { startAndConsent, tr } from '../support/intakeScript';

describe('"My result" before there is one', () => {
  it.each<[Language, string]>([
    ['fa', 'نتیجه من'],
    ['ar', 'نتيجتي'],
    ['nl', 'mijn uitslag'],
    ['en', 'my result'],
  ])('in %s, "%s" at the menu says there is no result yet and offers the questions', async (lng, text) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await chat.say(text);
    expect(chat.texts()).toEqual([tr(lng, 'common:noResultYet', { button: tr(lng, 'common:menu.intake') }), tr(lng, 'common:menu.prompt')]);
    expect(chat.buttons().map((b) => b.title)).toContain(tr(lng, 'common:menu.intake'));
  });
});

describe('thanks after a mentor closed the conversation', () => {
  it('"شكرا" at the rating question gets the thanks reply and the menu, not the welcome again', async () => {
    const chat = new ChatDriver(undefined, {}, () => new Date());
    await startAndConsent(chat, 'ar');
    await chat.tap(tr('ar', 'common:menu.mentor'));
    const handoff = (await chat.handoffs.queue.openFor('test', 'person-1'))!;
    await chat.handoffs.claim(handoff.id, { id: 'm1', firstName: 'Sara' });
    await chat.say('عندي سؤال عن شهادتي');
    await chat.handoffs.close(handoff.id, 'm1', 'helped', '');
    expect(chat.messenger.texts()).toContain(tr('ar', 'handoff:rateQuestion'));
    await chat.say('شكرا');
    expect(chat.texts()).toEqual([tr('ar', 'common:thanksReply'), tr('ar', 'common:menu.prompt')]);
  });
});

describe('polite thanks in Turkish and the other languages', () => {
  it.each<[Language, string]>([
    ['tr', 'sağolun'],
    ['tr', 'sagolun'],
    ['tr', 'sağ olun'],
    ['tr', 'sagol'],
    ['nl', 'dankjewel'],
    ['nl', 'merci'],
    ['ar', 'شكرا'],
    ['ar', 'shukran'],
    ['fa', 'mersi'],
    ['fa', 'mamnoon'],
    ['fa', 'مرسی'],
    ['fa', 'ممنون'],
    ['ti', 'የቐንየለይ'],
  ])('in %s, "%s" at the menu gets the thanks reply', async (lng, text) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await chat.say(text);
    expect(chat.texts()).toEqual([tr(lng, 'common:thanksReply'), tr(lng, 'common:menu.prompt')]);
  });
});

describe('the check of a level said in words', () => {
  it('shows Yes, No and Menu, as the other yes/no questions do; Menu goes to the menu', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.tap(tr('nl', 'common:buttons.skip'));
    await chat.tap(tr('nl', 'intake:fields.residenceStatus.options.statushouder'));
    await chat.tap(tr('nl', 'common:buttons.skip'));
    await chat.say('goed');
    expect(chat.texts()[0]).toContain(tr('nl', 'intake:canDo.B2', { language: tr('nl', 'intake:canDo.languages.dutch') }));
    expect(chat.buttons().map((b) => b.title)).toEqual([tr('nl', 'common:buttons.yes'), tr('nl', 'common:buttons.no'), tr('nl', 'common:buttons.menu')]);
    await chat.tap(tr('nl', 'common:buttons.menu'));
    expect(chat.texts()).toContain(tr('nl', 'common:menu.prompt'));
  });
});

describe('"not sure" at the result\'s mentor question', () => {
  it('asks the mentor question again with Yes and No only: no second way to the same mentor', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.say('Amina');
    await chat.tap(tr('nl', 'intake:fields.residenceStatus.options.asylum-seeker'));
    expect(chat.texts().at(-1)).toBe(tr('nl', 'eligibility:mentorOffer'));
    await chat.say('waar kan ik een goedkope fiets kopen?');
    expect(chat.texts()).toEqual([tr('nl', 'faq:notSure'), tr('nl', 'eligibility:mentorOffer')]);
    const buttons = chat.buttons().map((b) => b.title);
    expect(buttons).toEqual(expect.arrayContaining([tr('nl', 'common:buttons.yes'), tr('nl', 'common:buttons.no')]));
    expect(buttons).not.toContain(tr('nl', 'common:menu.mentor'));
  });
});
