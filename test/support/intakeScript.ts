import type { Language } from '../../src/i18n/languages';
import type { Profile } from '../../src/domain/profile';
import { ChatDriver, translator } from './chatDriver';

export const tr = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);

/** The buttons under a sure answer in the FAQ: the follow-ups, did this help?, and the menu. */
export const faqAnswerButtons = (lng: Language): string[] =>
  ['common:menu.intake', 'common:menu.mentor', 'faq:feedback.helpful', 'faq:feedback.notHelpful', 'common:buttons.menu'].map((key) => tr(lng, key));

/** Start to main menu with buttons only: language, consent. */
export async function startAndConsent(chat: ChatDriver, lng: Language): Promise<void> {
  await chat.say('hi');
  await chat.tap(tr(lng, `language:names.${lng}`));
  await chat.tap(tr(lng, 'consent:agree'));
}

/**
 * Answers the whole intake by tapping buttons only (Skip for the typed questions), so the profile
 * the bot builds is `profile` (province null: the municipality is skipped). Where the answers settle
 * the outcome (not a statushouder, no wish to work in IT) the bot asks no more, and neither does this.
 */
export async function tapThroughIntake(chat: ChatDriver, lng: Language, profile: Omit<Profile, 'province'>): Promise<void> {
  const yesNo = (v: boolean) => tr(lng, v ? 'common:buttons.yes' : 'common:buttons.no');
  await chat.tap(tr(lng, 'common:menu.intake'));
  await chat.tap(tr(lng, 'common:buttons.skip')); // first name
  await chat.tap(tr(lng, `intake:fields.residenceStatus.options.${profile.residenceStatus}`));
  if (profile.residenceStatus !== 'statushouder') return; // the outcome is settled: no more questions
  await chat.tap(tr(lng, 'common:buttons.skip')); // municipality
  await chat.tap(tr(lng, `intake:levels.${profile.dutchLevel}`));
  await chat.tap(tr(lng, `intake:levels.${profile.englishLevel}`));
  await chat.tap(tr(lng, `intake:fields.education.options.${profile.education}`));
  if (profile.education !== 'none' && profile.education !== 'primary') await chat.tap(yesNo(profile.itEducation));
  await chat.tap(tr(lng, 'intake:fields.itExperience.options.hobby'));
  await chat.tap(yesNo(profile.motivatedForIT));
  if (!profile.motivatedForIT) return; // settled: other orientation
  if (profile.motivatedForIT) await chat.tap(tr(lng, 'common:buttons.skip')); // motivation
  await chat.tap(String(profile.hoursPerWeek));
}

/** Where the test person's user state is kept in the chat driver's storage. */
export const PERSON_KEY = 'test/users/person-1/';

/** What the bot keeps on the test person (their user state's person record). */
export async function personRecord(chat: ChatDriver) {
  return (await chat.storage.read([PERSON_KEY]))[PERSON_KEY]?.person;
}

/** An eligible person's answers (B1 Dutch, A2 English, full time): tests change what they are about. */
export const ELIGIBLE_ANSWERS: Omit<Profile, 'province'> = {
  residenceStatus: 'statushouder',
  dutchLevel: 'B1',
  englishLevel: 'A2',
  motivatedForIT: true,
  hoursPerWeek: 40,
  education: 'secondary',
  itEducation: false,
};


/**
 * On WhatsApp (a WhatsAppPerson): greets with `hello`, taps the language and consent, and answers the
 * intake the way of an eligible person (Amina, statushouder, Zwolle, Dutch B1, English A2), typing and
 * tapping as the list rows read; ends at the eligible result's offer.
 */
export async function eligibleIntakeOnWhatsApp(person: { say(text: string): Promise<unknown>; tap(title: string): Promise<unknown> }, lng: Language, hello: string): Promise<void> {
  const t = (key: string) => tr(lng, key);
  await person.say(hello);
  await person.tap(t(`language:names.${lng}`));
  await person.tap(t('consent:agree'));
  await person.tap(t('common:menu.intake'));
  for (const answer of ['Amina', t('intake:fields.residenceStatus.options.statushouder'), 'Zwolle', 'B1', 'A2', t('intake:fields.education.options.secondary'), t('common:buttons.no'), t('intake:fields.itExperience.options.hobby'), t('common:buttons.yes'), t('common:buttons.skip'), '40']) {
    await person.say(answer);
  }
}
