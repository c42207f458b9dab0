import type { Language } from '../../src/i18n/languages';
import type { Profile } from '../../src/domain/profile';
import { ChatDriver, translator } from './chatDriver';

export const tr = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);

/** Start to main menu with buttons only: language, consent. */
export async function startAndConsent(chat: ChatDriver, lng: Language): Promise<void> {
  await chat.say('hi');
  await chat.tap(tr(lng, `language:names.${lng}`));
  await chat.tap(tr(lng, 'consent:agree'));
}

/**
 * Answers the whole intake by tapping buttons only (Skip for the typed questions), so the profile
 * the bot builds is `profile` (province null: the municipality is skipped).
 */
export async function tapThroughIntake(chat: ChatDriver, lng: Language, profile: Omit<Profile, 'province'>): Promise<void> {
  const yesNo = (v: boolean) => tr(lng, v ? 'common:buttons.yes' : 'common:buttons.no');
  await chat.tap(tr(lng, 'common:menu.intake'));
  await chat.tap(tr(lng, 'common:buttons.skip')); // first name
  await chat.tap(tr(lng, `intake:fields.residenceStatus.options.${profile.residenceStatus}`));
  await chat.tap(tr(lng, 'common:buttons.skip')); // municipality
  await chat.tap(tr(lng, `intake:levels.${profile.dutchLevel}`));
  await chat.tap(tr(lng, `intake:levels.${profile.englishLevel}`));
  await chat.tap(tr(lng, `intake:fields.education.options.${profile.education}`));
  if (profile.education !== 'none' && profile.education !== 'primary') await chat.tap(yesNo(profile.itEducation));
  await chat.tap(tr(lng, 'intake:fields.itExperience.options.hobby'));
  await chat.tap(yesNo(profile.motivatedForIT));
  if (profile.motivatedForIT) await chat.tap(tr(lng, 'common:buttons.skip')); // motivation
  await chat.tap(String(profile.hoursPerWeek));
}
