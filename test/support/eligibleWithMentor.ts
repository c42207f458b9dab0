import type { FakeConnector } from './fakeConnector';
import { ConsoleClient, waitFor } from './consoleClient';
import { throughIntake } from './throughIntake';
import { translator } from './chatDriver';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);

/**
 * An Arabic-speaking newcomer who does the intake (with a motivation of her own, so she is eligible and
 * on her journey) over HTTP and asks for a mentor; Sara takes her. Her user id is `user-<conversation>`.
 */
export async function eligibleWithMentor(url: string, connector: FakeConnector, sara: ConsoleClient) {
  const person = await throughIntake(url, connector, 'ar', 'آمنة', 'Zwolle', 'أحب البرمجة وأريد أن أعمل مطورة', { education: 'bachelor' });
  await person.say(t('common:buttons.yes'));
  await person.hears(t('handoff:howToWait'));
  const [handoff] = await waitFor(async () => {
    const list = (await (await sara.get('/console/api/handoffs')).json()) as { waiting: Array<{ id: string }> };
    return list.waiting.length > 0 && list.waiting;
  }, 'the handoff');
  await sara.post(`/console/api/handoffs/${handoff.id}/claim`);
  return { person, handoffId: handoff.id, userId: `user-${person.conversationId}` };
}
