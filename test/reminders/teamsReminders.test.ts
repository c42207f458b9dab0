import { FakeConnector } from '../support/fakeConnector';
import { FakeChannelIssuer } from '../support/fakeChannelIssuer';
import { startTestApp } from '../support/testApp';
import { BOT, TeamsPerson } from '../support/teamsPerson';
import { tr } from '../support/intakeScript';
import { MemoryTimedJobs } from '../../src/jobs/timedJobs';
import { formatWhen } from '../../src/reminders/reminders';

const HOUR = 3_600_000;
const LINK = 'https://teams.microsoft.com/l/meetup-join/xyz';

/** A newcomer in Teams (authenticated as the channel would), speaking Arabic, with the reminders' clock moved by the test. */
describe('reminders in Microsoft Teams', () => {
  let connector: FakeConnector;
  let issuer: FakeChannelIssuer;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    issuer = await new FakeChannelIssuer().start();
  });
  afterAll(async () => {
    await connector.stop();
    await issuer.stop();
  });

  it('reminds an Arabic speaker in her chat, the time and link isolated in the right-to-left text; "إيقاف التذكيرات" stops it mid-question', async () => {
    const clock = { now: Date.now() };
    const jobs = new MemoryTimedJobs({ now: () => new Date(clock.now) });
    const { app, url, stop } = await startTestApp({}, { channelIssuer: issuer, timedJobs: jobs });
    try {
      const amina = new TeamsPerson(url, connector, 'ar-SA');
      await amina.addsTheApp();
      await amina.hears(tr('ar', 'common:greeting'));
      await amina.presses(tr('ar', 'language:names.ar'));
      await amina.presses(tr('ar', 'consent:agree'));
      const person = {
        channelId: 'msteams',
        userId: amina.userId,
        conversation: { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: amina.conversationId, conversationType: 'personal' }, user: { id: amina.userId }, bot: BOT },
        language: 'ar' as const,
      };
      const startsAt = new Date(Date.now() + 5 * HOUR);
      expect(await app.reminders.forBooking({ id: 'teams-1', person, startsAt, link: LINK })).toEqual(['hour']);
      const before = amina.replies().length;
      clock.now = startsAt.getTime() - HOUR;
      await jobs.runDue();
      const reminder = await amina.hears(tr('ar', 'reminders:talk.hour', { when: formatWhen('ar', startsAt), link: LINK }), before);
      expect(reminder.text).toContain(`\u2068${LINK}\u2069`);
      expect(amina.replies().length).toBe(before + 1);

      // In the middle of the intake: recorded, confirmed, and the question is asked again.
      await amina.presses(tr('ar', 'common:menu.intake'));
      const asked = amina.replies().length;
      const question = amina.replies().at(-1)!.text!;
      await amina.types('ايقاف التذكيرات');
      await amina.hears(tr('ar', 'reminders:stopped'), asked);
      expect(await app.reminders.isStopped(person)).toBe(true);
      expect(amina.replies().slice(asked).map((r) => r.text ?? '').join('\n')).toContain(question.split('\n').at(-1)!);
    } finally {
      await stop();
    }
  });
});
