import { SUPPORTED_LANGUAGES, type Language } from '../../src/i18n/languages';
import { ChatDriver, translator } from '../support/chatDriver';
import { startAndConsent, tapThroughIntake, tr, personRecord, ELIGIBLE_ANSWERS } from '../support/intakeScript';

const base = ELIGIBLE_ANSWERS;

type Place = 'consent question' | 'menu' | 'can-do statement' | 'eligibility result' | 'FAQ follow-up' | 'delete confirmation';

/** Brings a new conversation in `lng` to the place, and checks it is there. */
const goTo: Record<Place, (chat: ChatDriver, lng: Language) => Promise<void>> = {
  'consent question': async (chat, lng) => {
    await chat.say('hi');
    await chat.tap(tr(lng, `language:names.${lng}`));
    expect(chat.texts().at(-1)).toBe(tr(lng, 'consent:question'));
  },
  menu: async (chat, lng) => {
    await startAndConsent(chat, lng);
    expect(chat.texts().at(-1)).toBe(tr(lng, 'common:menu.prompt'));
  },
  'can-do statement': async (chat, lng) => {
    await startAndConsent(chat, lng);
    await chat.tap(tr(lng, 'common:menu.intake'));
    await chat.tap(tr(lng, 'common:buttons.skip'));
    await chat.tap(tr(lng, 'intake:fields.residenceStatus.options.statushouder'));
    await chat.tap(tr(lng, 'common:buttons.skip'));
    await chat.tap(tr(lng, 'intake:levels.dontKnow'));
    expect(chat.texts().at(-1)).toBe(tr(lng, 'intake:canDo.A1', { language: tr(lng, 'intake:canDo.languages.dutch') }));
  },
  'eligibility result': async (chat, lng) => {
    await startAndConsent(chat, lng);
    await tapThroughIntake(chat, lng, base);
    expect(chat.texts().at(-1)).toBe(tr(lng, 'eligibility:mentorOffer'));
  },
  'FAQ follow-up': async (chat, lng) => {
    await startAndConsent(chat, lng);
    await chat.tap(tr(lng, 'common:menu.faq'));
    await chat.say('abc xyz');
    expect(chat.texts().at(-1)).toBe(tr(lng, 'faq:another'));
  },
  'delete confirmation': async (chat, lng) => {
    await startAndConsent(chat, lng);
    await chat.tap(tr(lng, 'common:menu.delete'));
    expect(chat.texts()).toEqual([tr(lng, 'delete:confirm')]);
  },
};

const PLACES = Object.keys(goTo) as Place[];
const COMMANDS = ['language', 'menu', 'stop', 'delete', 'mentor'] as const;
type Command = (typeof COMMANDS)[number];

/** What the person sees after the command, checked on the last turn. */
async function expectAfter(chat: ChatDriver, lng: Language, place: Place, command: Command) {
  const texts = chat.texts();
  const beforeConsent = place === 'consent question';
  switch (command) {
    case 'language':
      expect(texts.at(-1)).toContain(tr(lng, 'language:prompt'));
      expect(chat.buttons()).toHaveLength(6);
      break;
    case 'menu':
    case 'stop':
      // At the consent question "stop" is a "no, thanks" (then the menu); "menu" asks the question alone, not the notice again.
      if (beforeConsent && command === 'stop') expect(texts).toEqual([tr(lng, 'consent:declined'), tr(lng, 'common:menu.prompt')]);
      else if (beforeConsent) expect(texts).toEqual([tr(lng, 'consent:question')]);
      else if (command === 'stop' && place === 'can-do statement') expect(texts).toEqual([tr(lng, 'common:stopped'), tr(lng, 'common:menu.prompt')]);
      else expect(texts).toEqual([tr(lng, 'common:menu.prompt')]);
      break;
    case 'delete':
      expect(texts).toEqual([tr(lng, 'delete:confirm')]);
      break;
    case 'mentor':
      if (beforeConsent) {
        expect(texts.at(-1)).toBe(tr(lng, 'consent:question'));
      } else {
        expect(texts).toContain(tr(lng, 'handoff:requested', { place: 1 }));
        expect(await chat.handoffs.queue.waiting()).toHaveLength(1);
      }
      break;
  }
}

const rows = SUPPORTED_LANGUAGES.flatMap((lng) => PLACES.flatMap((place) => COMMANDS.map((command) => [lng, place, command] as const)));

describe('commands at every place, in every language', () => {
  it.each(rows)('%s: at the %s, the command "%s" works', async (lng, place, command) => {
    const chat = new ChatDriver();
    await goTo[place](chat, lng);
    const word = translator().list(lng, `commands:${command}`)[0];
    await chat.say(word);
    await expectAfter(chat, lng, place, command);
    // Nothing is lost by a command other than "delete" (which only asks first).
    if (place !== 'consent question') expect((await personRecord(chat)).consent.given).toBe(true);
    else if (command === 'stop') expect((await personRecord(chat)).consent.given).toBe(false);
    else expect((await personRecord(chat)).consent).toBeUndefined();
  });
});

describe('changing language at the result', () => {
  it('shows the same result again in the new language and keeps every answer (nl → ar)', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await tapThroughIntake(chat, 'nl', base);
    const before = await personRecord(chat);
    await chat.say('taal');
    await chat.tap('العربية');
    const text = chat.transcript();
    expect(chat.texts()[0]).toBe(tr('ar', 'language:changed'));
    expect(text).toContain(tr('ar', 'eligibility:outcomes.eligible.next'));
    expect(text).toContain(tr('ar', 'eligibility:routesTitle'));
    expect(text).not.toContain(tr('ar', 'intake:intro'));
    expect(chat.texts().at(-1)).toBe(tr('ar', 'eligibility:mentorOffer'));
    const after = await personRecord(chat);
    expect(after.language).toBe('ar');
    expect(after.intake).toEqual(before.intake);
    expect(after.assessment).toEqual(before.assessment);
    // The outcome is counted once, not again for showing it in another language.
    const day = (await chat.stats.days('2026-11-25', '2026-11-25')).get('2026-11-25')!;
    expect(day.get('nl')?.['outcome:eligible']).toBe(1);
    expect(day.get('ar')?.['outcome:eligible']).toBeUndefined();
    // The mentor offer still works, in the new language.
    await chat.tap(tr('ar', 'common:buttons.yes'));
    expect(chat.texts()[0]).toBe(tr('ar', 'handoff:requested', { place: 1 }));
    expect((await chat.handoffs.queue.waiting())[0]).toMatchObject({ reason: 'eligibility-follow-up', language: 'ar' });
  });

  it('"stop" at the result goes to the menu without "stopped": the intake was finished', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await tapThroughIntake(chat, 'nl', base);
    await chat.say('stop');
    expect(chat.texts()).toEqual([tr('nl', 'common:menu.prompt')]);
    expect((await personRecord(chat)).intake.completedAt).toBeDefined();
  });
});

describe('changing language halfway', () => {
  it('goes on in the new language to a result there, with the earlier answers kept (nl → ti)', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.say('Amina');
    await chat.tap(tr('nl', 'intake:fields.residenceStatus.options.statushouder'));
    await chat.say('Zwolle');
    await chat.tap('B1');
    await chat.say('taal');
    await chat.tap('ትግርኛ');
    expect(chat.texts()).toEqual([tr('ti', 'language:changed'), tr('ti', 'intake:fields.englishLevel.prompt')]);
    await chat.tap(tr('ti', 'intake:levels.A2'));
    await chat.tap(tr('ti', 'intake:fields.education.options.secondary'));
    await chat.tap(tr('ti', 'common:buttons.no'));
    await chat.tap(tr('ti', 'intake:fields.itExperience.options.hobby'));
    await chat.tap(tr('ti', 'common:buttons.yes'));
    await chat.tap(tr('ti', 'common:buttons.skip'));
    await chat.tap('40');
    expect(chat.transcript()).toContain(tr('ti', 'eligibility:outcomes.eligible.text', { level: 'B1', language: tr('ti', 'intake:canDo.languages.dutch') }));
    expect(chat.texts().at(-1)).toBe(tr('ti', 'eligibility:mentorOffer'));
    const person = await personRecord(chat);
    expect(person.intake.answers).toMatchObject({ firstName: 'Amina', residenceStatus: 'statushouder', municipality: 'Zwolle', dutchLevel: 'B1', englishLevel: 'A2' });
    expect(person.assessment).toMatchObject({ outcome: 'eligible' });
  });
});
