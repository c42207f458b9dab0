import type { Language } from '../../src/i18n/languages';
import { ChatDriver, translator } from '../support/chatDriver';
import { startAndConsent, tr, personRecord } from '../support/intakeScript';

/** Starts the intake and answers name and status, leaving the municipality question open. */
async function intoIntake(chat: ChatDriver, lng: Language) {
  await startAndConsent(chat, lng);
  await chat.tap(tr(lng, 'common:menu.intake'));
  await chat.say('Amina');
  await chat.tap(tr(lng, 'intake:fields.residenceStatus.options.statushouder'));
  expect(chat.texts().at(-1)).toBe(tr(lng, 'intake:fields.municipality.prompt'));
}

describe.each<Language>(['nl', 'ar'])('interruptions in %s', (lng) => {
  /** The first word the locale lists for a command, as a person of that language would type it. */
  const firstWord = (command: string) => translator().list(lng, `commands:${command}`)[0];

  it('changes language in the middle of the intake, keeps the answers and asks the same question again', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, lng);
    await chat.say(firstWord('language'));
    expect(chat.buttons().map((b) => b.title)).toContain('ትግርኛ');
    await chat.tap('ትግርኛ');
    expect(chat.texts()).toEqual([tr('ti', 'language:changed'), tr('ti', 'intake:fields.municipality.prompt')]);
    const person = await personRecord(chat);
    expect(person.language).toBe('ti');
    expect(person.intake.answers).toEqual({ firstName: 'Amina', residenceStatus: 'statushouder' });
  });

  it('"menu" leaves the intake for the menu; the answers stay', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, lng);
    await chat.say(firstWord('menu'));
    expect(chat.texts()).toEqual([tr(lng, 'common:menu.prompt')]);
    expect((await personRecord(chat)).intake.answers.residenceStatus).toBe('statushouder');
    await chat.tap(tr(lng, 'common:menu.intake'));
    expect(chat.texts()).toEqual([tr(lng, 'intake:fields.municipality.prompt')]);
  });

  it('"help" explains the commands and asks the same question again', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, lng);
    await chat.say(firstWord('help'));
    expect(chat.texts()).toEqual([tr(lng, 'common:help'), tr(lng, 'intake:fields.municipality.prompt')]);
  });

  it('"stop" stops the intake, says the answers are saved, and shows the menu', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, lng);
    await chat.say(firstWord('stop'));
    expect(chat.texts()).toEqual([tr(lng, 'common:stopped'), tr(lng, 'common:menu.prompt')]);
  });

  it('"restart" in the intake starts the intake again', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, lng);
    await chat.say(firstWord('restart'));
    expect(chat.texts()).toEqual([tr(lng, 'intake:intro'), tr(lng, 'intake:fields.firstName.prompt')]);
    expect((await personRecord(chat)).intake.answers).toEqual({});
  });

  it('"restart" at the menu greets again and asks the language', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await chat.say(firstWord('restart'));
    expect(chat.texts()[0]).toBe(tr(lng, 'common:greeting'));
    expect(chat.buttons()).toHaveLength(6);
  });

  it('"mentor" from anywhere puts the person in line; "stop" leaves the line for the menu', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, lng);
    await chat.say(firstWord('mentor'));
    expect(chat.texts()).toEqual([tr(lng, 'handoff:requested', { place: 1 }), tr(lng, 'handoff:howToWait')]);
    expect((await personRecord(chat)).mentorRequests).toEqual([{ at: '2026-11-25T10:00:00.000Z', reason: 'asked' }]);
    await chat.say(firstWord('stop'));
    expect(chat.texts()).toEqual([tr(lng, 'handoff:left'), tr(lng, 'common:menu.prompt')]);
    expect(await chat.handoffs.queue.waiting()).toEqual([]);
  });

  it('"delete" asks to confirm; "no" keeps everything', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, lng);
    await chat.say(firstWord('delete'));
    expect(chat.texts()).toEqual([tr(lng, 'delete:confirm')]);
    await chat.tap(tr(lng, 'delete:no'));
    expect(chat.texts()).toEqual([tr(lng, 'delete:cancelled'), tr(lng, 'common:menu.prompt')]);
    expect((await personRecord(chat)).intake.answers.firstName).toBe('Amina');
  });

  it('"delete" then "yes" erases the person and both states; the next message starts afresh', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, lng);
    await chat.say(firstWord('delete'));
    await chat.tap(tr(lng, 'delete:yes'));
    expect(chat.texts()).toEqual([tr(lng, 'delete:done')]);
    const left = await chat.storage.read(['test/users/person-1/', 'test/conversations/conversation-1/']);
    expect(left).toEqual({});
    await chat.say('hallo');
    expect(chat.texts()[0]).toBe(tr('nl', 'common:greeting')); // no language known any more: the default
  });

  it('"delete" also erases the person\'s place in the mentor queue', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, lng);
    await chat.say(firstWord('mentor'));
    expect(await chat.handoffs.queue.waiting()).toHaveLength(1);
    await chat.say(firstWord('delete'));
    expect(chat.texts()).toEqual([tr(lng, 'handoff:left'), tr(lng, 'delete:confirm')]);
    await chat.tap(tr(lng, 'delete:yes'));
    expect(await chat.handoffs.queue.latestFor('test', 'person-1')).toBeUndefined();
    expect(await chat.storage.read(['test/users/person-1/'])).toEqual({});
  });

  it('"back" goes to the previous question; at the first question it says so', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, lng);
    await chat.say(firstWord('back'));
    expect(chat.texts()).toEqual([tr(lng, 'intake:fields.residenceStatus.prompt')]);
    await chat.say(firstWord('back'));
    expect(chat.texts()).toEqual([tr(lng, 'intake:fields.firstName.prompt')]);
    await chat.say(firstWord('back'));
    expect(chat.texts()).toEqual([tr(lng, 'intake:firstQuestion'), tr(lng, 'intake:fields.firstName.prompt')]);
    await chat.say('Sara');
    // The status is still answered, so the intake goes on at the first open question.
    expect(chat.texts()).toEqual([tr(lng, 'intake:fields.municipality.prompt')]);
    expect((await personRecord(chat)).intake.answers.firstName).toBe('Sara');
  });

  it('"skip" skips an optional question and refuses a required one', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, lng);
    await chat.say(firstWord('skip'));
    expect(chat.texts()).toEqual([tr(lng, 'intake:fields.dutchLevel.prompt')]);
    await chat.say(firstWord('skip'));
    expect(chat.texts()).toEqual([tr(lng, 'intake:cannotSkip'), tr(lng, 'intake:fields.dutchLevel.prompt')]);
    expect((await personRecord(chat)).intake.answers.municipality).toBeNull();
  });

  it('answers a voice note or picture kindly and asks the question again', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, lng);
    await chat.say('', { attachments: [{ contentType: 'audio/ogg', contentUrl: 'https://example.org/voice.ogg' }] });
    expect(chat.texts()).toEqual([tr(lng, 'common:onlyText'), tr(lng, 'intake:fields.municipality.prompt')]);
  });
});

describe('commands in any language', () => {
  it('understands an Arabic command while the chat is in Dutch', async () => {
    const chat = new ChatDriver();
    await intoIntake(chat, 'nl');
    await chat.say('لغة');
    expect(chat.texts().join('\n')).toContain(tr('nl', 'language:prompt'));
  });
});
