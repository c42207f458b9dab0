import type { FakeConnector } from './fakeConnector';
import { ConsoleClient, waitFor } from './consoleClient';
import { Newcomer } from './newcomer';
import { translator } from './chatDriver';
import { uniquePrefix } from './testRedis';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);

/**
 * An Arabic-speaking newcomer who does the intake (with a motivation of her own, so she is eligible and
 * on her journey) over HTTP and asks for a mentor; Sara takes her. Her user id is `user-<conversation>`.
 */
export async function eligibleWithMentor(url: string, connector: FakeConnector, sara: ConsoleClient) {
  const person = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
  await person.startAndConsent('ar');
  await person.say(t('common:menu.intake'));
  await person.hears(t('intake:fields.firstName.prompt'));
  const answers = ['آمنة', t('intake:fields.residenceStatus.options.statushouder'), 'Zwolle', 'B1', 'A2', t('intake:fields.education.options.bachelor'), t('common:buttons.no'), t('intake:fields.itExperience.options.hobby'), t('common:buttons.yes'), 'أحب البرمجة وأريد أن أعمل مطورة', '40'];
  for (const answer of answers) {
    const before = connector.repliesIn(person.conversationId).length;
    await person.say(answer);
    await waitFor(() => connector.repliesIn(person.conversationId).length > before, `a reply to ${answer}`);
  }
  await person.hears(t('eligibility:mentorOffer'));
  await person.say(t('common:buttons.yes'));
  await person.hears(t('handoff:howToWait'));
  const [handoff] = await waitFor(async () => {
    const list = (await (await sara.get('/console/api/handoffs')).json()) as { waiting: Array<{ id: string }> };
    return list.waiting.length > 0 && list.waiting;
  }, 'the handoff');
  await sara.post(`/console/api/handoffs/${handoff.id}/claim`);
  return { person, handoffId: handoff.id, userId: `user-${person.conversationId}` };
}
