import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { eligibleWithMentor } from '../support/eligibleWithMentor';
import { translator } from '../support/chatDriver';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';
import { formatSlotTime } from '../../src/domain/mentorSlots';
import type { SlotList } from '../../src/console/consoleApi';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const HOUR = 3_600_000;
const LINK = 'https://teams.microsoft.com/l/meetup-join/lisa';
/** A whole hour two days from now. */
const inTwoDays = () => new Date(Math.ceil((Date.now() + 48 * HOUR) / HOUR) * HOUR).toISOString();

describe('the intake interview in staff slots: console API on Redis', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('staff publish interview times (mentors may not), a move to selection-intake invites the person, who books in the chat; staff see it beside the journey, cancel it, and the outcome stays a journey move', async () => {
    const prefix = uniquePrefix();
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    const redis = connectTestRedis();
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      await addAccount(app, 'lisa', 'staff', ['ar']);
      const [sara, lisa] = [new ConsoleClient(url), new ConsoleClient(url)];
      await sara.login('sara');
      await lisa.login('lisa');
      const start = inTwoDays();
      const interview = { start, durationMinutes: 30, languages: ['ar', 'nl'], link: LINK, weeks: 1, kind: 'interview' };

      // Interview times are staff's; the kind is checked at the edge.
      const bySara = await sara.post('/console/api/talks/slots', interview);
      expect(bySara.status).toBe(403);
      expect((await sara.post('/console/api/talks/slots', { ...interview, kind: 'party' })).status).toBe(400);
      const published = await lisa.post('/console/api/talks/slots', interview);
      expect(published.status).toBe(201);
      expect(((await published.json()) as SlotList).items.map((i) => i.kind)).toEqual(['interview']);
      // One person, one agenda: a talk of Lisa's overlapping her interview is refused.
      const clash = await lisa.post('/console/api/talks/slots', { ...interview, kind: 'talk', start: new Date(Date.parse(start) + 15 * 60_000).toISOString() });
      expect(clash.status).toBe(409);
      expect(await clash.json()).toMatchObject({ error: 'slot-refused', refusal: { problem: 'overlap', at: start } });

      // Amina (Arabic) is eligible; no talk time is free (an interview time is no talk), so she asks a mentor; Sara had her.
      const { person, handoffId } = await eligibleWithMentor(url, connector, sara);
      await sara.post(`/console/api/handoffs/${handoffId}/close`, { outcome: 'helped', note: '' });
      await person.hears(t('handoff:rateQuestion'));
      await person.say('5');
      await person.hears(t('handoff:ratingThanks'));

      // Lisa moves her on to the interview: she is invited, with the free time in Arabic, and a button.
      const journeyPath = `/console/api/handoffs/${handoffId}/journey`;
      let moved: any;
      for (const to of ['mentor-talk-booked', 'mentor-talk-held', 'homework-given', 'homework-submitted', 'homework-reviewed', 'selection-intake']) {
        moved = await (await lisa.post(`${journeyPath}/moves`, { to, reason: `stap ${to}` })).json();
        expect(moved.journey.stage).toBe(to);
      }
      expect(moved.delivery).toBe('sent');
      const invite = await waitFor(() => connector.repliesIn(person.conversationId).find((a) => a.text?.startsWith(t('interview:invite'))), 'the invitation');
      expect(invite.text).toContain(formatSlotTime(start, 'ar'));
      expect(invite.suggestedActions?.actions.map((a) => a.title)).toEqual([t('interview:buttons.plan')]);

      // She taps the button, then types "1": booked; the journey stays at selection-intake.
      await person.say(t('interview:buttons.plan'));
      await waitFor(() => connector.repliesIn(person.conversationId).some((a) => a.text?.startsWith(t('interview:offer'))), 'the interview times');
      await person.say('1');
      await waitFor(() => connector.repliesIn(person.conversationId).some((a) => a.text?.includes(formatSlotTime(start, 'ar')) && a.text.includes(`\u2068${LINK}\u2069`) && a.text.includes('Lisa')), 'the confirmation');
      const view = (await (await lisa.get(journeyPath)).json()) as any;
      expect(view.journey.stage).toBe('selection-intake');
      expect(view.bookings).toEqual([{ kind: 'interview', start, durationMinutes: 30, host: 'Lisa', link: LINK, outcome: null }]);

      // Reminders are planned with the interview's texts.
      const amina = { channelId: 'emulator', userId: `user-${person.conversationId}` };
      expect((await app.reminders.export(amina))?.planned.map((p) => p.text).sort()).toEqual(['interview:reminder.day', 'interview:reminder.hour']);

      // On My slots Lisa sees who booked; held / missed is no way to record an interview.
      const mine = (await (await lisa.get('/console/api/talks/slots')).json()) as SlotList;
      const booked = mine.items.find((i) => i.kind === 'interview' && i.booked)!;
      expect(booked.booked).toMatchObject({ firstName: 'آمنة', language: 'ar' });
      const outcome = await lisa.post(`/console/api/talks/slots/${booked.id}/outcome`, { kind: 'held', note: 'x' });
      expect(outcome.status).toBe(409);
      expect(await outcome.json()).toMatchObject({ error: 'interview' });

      // Lisa cancels it: Amina is told in Arabic (no other time free), the reminders go, the journey stays.
      expect(await (await lisa.post(`/console/api/talks/slots/${booked.id}/cancel`)).json()).toEqual({ cancelled: true, told: true });
      await waitFor(() => connector.repliesIn(person.conversationId).some((a) => a.text === t('interview:mentorCancelled', { mentor: 'Lisa', time: formatSlotTime(start, 'ar') })), 'told of the cancellation');
      expect((await app.reminders.export(amina))?.planned ?? []).toEqual([]);
      expect(((await (await lisa.get(journeyPath)).json()) as any).journey.stage).toBe('selection-intake');

      // The decision is still staff's move.
      expect((await (await lisa.post(`${journeyPath}/moves`, { to: 'selected', reason: 'strong interview' })).json()).journey.stage).toBe('selected');
      await person.hears(t('journey:decision.selected'));
      // No key names the person; the lock of Lisa's publications is gone.
      const keys = (await keyspace(redis, prefix)).map(([key]) => key);
      expect(keys.filter((key) => key.includes(person.conversationId) || key.includes('slots:publish'))).toEqual([]);
    } finally {
      await redis.quit();
      await stop();
    }
  }, 120_000);
});
