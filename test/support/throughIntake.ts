import type { Language } from '../../src/domain/language';
import type { FakeConnector } from './fakeConnector';
import { waitFor } from './consoleClient';
import { Newcomer } from './newcomer';
import { translator } from './chatDriver';
import { uniquePrefix } from './testRedis';

/**
 * A newcomer who does the whole intake over HTTP in `lng` (a statushouder, Dutch B1, English A2, IT as
 * a hobby, 40 hours) and stops at the mentor offer, unanswered: eligible, with a journey. Without a
 * motivation they skip that question.
 */
export async function throughIntake(
  url: string,
  connector: FakeConnector,
  lng: Language,
  name: string,
  municipality: string,
  motivation: string | null,
  options: { education?: 'secondary' | 'bachelor'; conversationId?: string } = {},
): Promise<Newcomer> {
  const t = (key: string) => translator().t(lng, key);
  const person = new Newcomer(url, connector, options.conversationId ?? `conv-${uniquePrefix()}`);
  await person.startAndConsent(lng);
  await person.say(t('common:menu.intake'));
  await person.hears(t('intake:fields.firstName.prompt'));
  const answers = [name, t('intake:fields.residenceStatus.options.statushouder'), municipality, 'B1', 'A2', t(`intake:fields.education.options.${options.education ?? 'secondary'}`), t('common:buttons.no'), t('intake:fields.itExperience.options.hobby'), t('common:buttons.yes'), motivation ?? t('common:buttons.skip'), '40'];
  for (const answer of answers) {
    const before = connector.repliesIn(person.conversationId).length;
    await person.say(answer);
    await waitFor(() => connector.repliesIn(person.conversationId).length > before, `a reply to ${answer}`);
  }
  await person.hears(t('eligibility:mentorOffer'));
  return person;
}
