import { ChatDriver } from '../support/chatDriver';
import { startAndConsent, tr, personRecord } from '../support/intakeScript';

/** Into the intake in Dutch, at the status question. */
async function atStatus(chat: ChatDriver) {
  await startAndConsent(chat, 'nl');
  await chat.tap(tr('nl', 'common:menu.intake'));
  await chat.tap(tr('nl', 'common:buttons.skip'));
  expect(chat.texts()).toEqual([tr('nl', 'intake:fields.residenceStatus.prompt')]);
}

describe('a wrong answer is asked again, not taken for a question', () => {
  it.each([['weet ik niet'], ['ik weet het niet'], ['Syrië'], ['vluchteling'], ['fulltime']])(
    '"%s" at the status question gets the retry prompt, not an FAQ answer',
    async (text) => {
      const chat = new ChatDriver();
      await atStatus(chat);
      await chat.say(text);
      expect(chat.texts()).toEqual([tr('nl', 'intake:fields.residenceStatus.retry')]);
    },
  );

  it('an unknown place name and a level at the municipality question do not get FAQ answers', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'ar');
    await chat.tap(tr('ar', 'common:menu.intake'));
    await chat.tap(tr('ar', 'common:buttons.skip'));
    await chat.tap(tr('ar', 'intake:fields.residenceStatus.options.statushouder'));
    for (const text of ['قريه صغيره', 'b1']) {
      await chat.say(text);
      expect(chat.transcript()).not.toContain(tr('ar', 'faq:topics.make-it-work-north.answer'));
      expect(chat.transcript()).not.toContain(tr('ar', 'faq:topics.language-requirements.answer'));
      expect(chat.texts()).toEqual([tr('ar', 'intake:fields.municipality.unknown', { answer: text })]);
    }
    await chat.say('امستردام'); // Amsterdam in Arabic letters
    expect(chat.texts()).toEqual([
      tr('ar', 'intake:fields.municipality.found', { municipality: 'Amsterdam', province: 'Noord-Holland' }),
      tr('ar', 'intake:fields.dutchLevel.prompt'),
    ]);
  });

  it('a real question at the status question is still answered, then the question comes again', async () => {
    const chat = new ChatDriver();
    await atStatus(chat);
    await chat.say('wat kost het');
    expect(chat.texts()).toEqual([tr('nl', 'faq:topics.costs.answer'), tr('nl', 'intake:fields.residenceStatus.prompt')]);
  });

  it.each([
    ['en', 'will I get paid during the training?', 'pay-during-training'],
    ['tr', 'maaş alır mıyım eğitim sırasında', 'pay-during-training'],
  ] as const)('at the IT experience question, "%s: %s" holds an option word but is a question: answered, not stored', async (lng, question, topic) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await chat.tap(tr(lng, 'common:menu.intake'));
    await chat.tap(tr(lng, 'common:buttons.skip')); // first name
    await chat.tap(tr(lng, 'intake:fields.residenceStatus.options.statushouder'));
    await chat.tap(tr(lng, 'common:buttons.skip')); // municipality
    await chat.tap(tr(lng, 'intake:levels.B1'));
    await chat.tap(tr(lng, 'intake:levels.A2'));
    await chat.tap(tr(lng, 'intake:fields.education.options.secondary'));
    await chat.tap(tr(lng, 'common:buttons.no'));
    expect(chat.texts()).toEqual([tr(lng, 'intake:fields.itExperience.prompt')]);
    await chat.say(question);
    expect(chat.texts()[0]).toBe(tr(lng, `faq:topics.${topic}.answer`));
    expect(chat.texts().at(-1)).toBe(tr(lng, 'intake:fields.itExperience.prompt'));
    expect((await personRecord(chat)).intake.answers.itExperience).toBeUndefined();
    // A plain answer with the same word is still the answer.
    await chat.say(lng === 'en' ? 'a training' : 'eğitim');
    expect(chat.texts()).toEqual([tr(lng, 'intake:fields.motivatedForIT.prompt')]);
    expect((await personRecord(chat)).intake.answers.itExperience).toBe('course');
  });

  it('a question particle without "?" at the name step is a question, not a name', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'tr');
    await chat.tap(tr('tr', 'common:menu.intake'));
    await chat.say('ücretli mi');
    expect(chat.texts()).toEqual([tr('tr', 'faq:topics.costs.answer'), tr('tr', 'intake:fields.firstName.prompt')]);
    expect((await personRecord(chat)).intake.answers.firstName).toBeUndefined();
    await chat.say('Kim');
    expect(chat.texts()).toEqual([tr('tr', 'intake:fields.residenceStatus.prompt')]);
    expect((await personRecord(chat)).intake.answers.firstName).toBe('Kim');
  });
});

describe('negated answers', () => {
  it('"ik heb geen status" is asked again, not stored as "statushouder"', async () => {
    const chat = new ChatDriver();
    await atStatus(chat);
    await chat.say('ik heb geen status');
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.residenceStatus.retry')]);
    expect((await personRecord(chat)).intake.answers.residenceStatus).toBeUndefined();
    await chat.say('ik heb nog geen status');
    expect((await personRecord(chat)).intake.answers.residenceStatus).toBe('asylum-seeker');
  });

  it('"ليس عندي اقامة" in Arabic is asked again', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'ar');
    await chat.tap(tr('ar', 'common:menu.intake'));
    await chat.tap(tr('ar', 'common:buttons.skip'));
    await chat.say('ليس عندي اقامة');
    expect(chat.texts()).toEqual([tr('ar', 'intake:fields.residenceStatus.retry')]);
  });
});

describe('when the bot is not sure', () => {
  it('in the FAQ, the mentor asked for after "not sure" is asked for because the bot was unsure', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.faq'));
    await chat.say('where can i buy a cheap bicycle');
    expect(chat.texts()[0]).toBe(tr('en', 'faq:notSure'));
    await chat.tap(tr('en', 'common:menu.mentor'));
    expect(chat.texts()[0]).toBe(tr('en', 'handoff:requested', { place: 1 }));
    const [handoff] = await chat.handoffs.queue.waiting();
    expect(handoff.reason).toBe('bot-unsure');
    expect((await personRecord(chat)).mentorRequests).toEqual([{ at: '2026-11-25T10:00:00.000Z', reason: 'bot-unsure' }]);
  });

  it('a mentor asked for after a sure answer is just "asked"', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.faq'));
    await chat.say('how much does it cost');
    expect(chat.texts()[0]).toBe(tr('en', 'faq:topics.costs.answer'));
    await chat.tap(tr('en', 'common:menu.mentor'));
    const [handoff] = await chat.handoffs.queue.waiting();
    expect(handoff.reason).toBe('asked');
  });

  it('in the intake, "not sure" comes with a mentor button next to the question\'s own buttons', async () => {
    const chat = new ChatDriver();
    await atStatus(chat);
    await chat.say('waar kan ik een goedkope fiets kopen?');
    expect(chat.texts()).toEqual([tr('nl', 'faq:notSure'), tr('nl', 'intake:fields.residenceStatus.prompt')]);
    const buttons = chat.buttons().map((b) => b.title);
    expect(buttons).toContain(tr('nl', 'intake:fields.residenceStatus.options.statushouder'));
    expect(buttons.at(-1)).toBe(tr('nl', 'common:menu.mentor'));
    // The question still takes its answers.
    await chat.tap(tr('nl', 'intake:fields.residenceStatus.options.statushouder'));
    expect(chat.texts()).toEqual([tr('nl', 'intake:fields.municipality.prompt')]);
  });

  it('in the intake, the mentor button puts the person in line with reason "bot-unsure"', async () => {
    const chat = new ChatDriver();
    await atStatus(chat);
    await chat.say('waar kan ik een goedkope fiets kopen?');
    await chat.tap(tr('nl', 'common:menu.mentor'));
    expect(chat.texts()[0]).toBe(tr('nl', 'handoff:requested', { place: 1 }));
    const [handoff] = await chat.handoffs.queue.waiting();
    expect(handoff.reason).toBe('bot-unsure');
  });
});

describe('when the bot is not sure at the menu', () => {
  it('keeps the menu\'s own mentor button, which then asks with reason "bot-unsure"', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.say('waar kan ik een goedkope fiets kopen?');
    expect(chat.texts()).toEqual([tr('nl', 'faq:notSure'), tr('nl', 'common:menu.prompt')]);
    expect(chat.buttons().map((b) => b.title)).toEqual(['intake', 'faq', 'mentor', 'language', 'delete'].map((c) => tr('nl', `common:menu.${c}`)));
    await chat.tap(tr('nl', 'common:menu.mentor'));
    const [handoff] = await chat.handoffs.queue.waiting();
    expect(handoff.reason).toBe('bot-unsure');
  });
});

describe('commands said in other words inside the FAQ', () => {
  it('"verwijder al mijn gegevens" asks to confirm the deletion', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.faq'));
    await chat.say('verwijder al mijn gegevens');
    expect(chat.texts()).toEqual([tr('nl', 'delete:confirm')]);
    await chat.tap(tr('nl', 'delete:yes'));
    expect(await chat.storage.read(['test/users/person-1/'])).toEqual({});
  });

  it('"ik wil met een mens praten" puts the person in line for a mentor', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.faq'));
    await chat.say('wat kost het');
    await chat.say('ik wil met een mens praten');
    expect(chat.texts()[0]).toBe(tr('nl', 'handoff:requested', { place: 1 }));
    const [handoff] = await chat.handoffs.queue.waiting();
    expect(handoff.reason).toBe('asked');
  });
});
