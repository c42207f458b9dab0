import { FakeConnector } from '../support/fakeConnector';
import { FakeChannelIssuer } from '../support/fakeChannelIssuer';
import { startTestApp } from '../support/testApp';
import { Newcomer } from '../support/newcomer';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { translator } from '../support/chatDriver';
import { uniquePrefix } from '../support/testRedis';
import { MemoryTimedJobs } from '../../src/jobs/timedJobs';
import type { PoolView } from '../../src/console/consoleApi';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('en', key, vars);
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CHANNEL = '19:5f6e7d8c9b0a41b2c3d4e5f6a7b8c9d0@thread.tacv2';
const WEEK = 7 * 86_400_000;

/**
 * A newcomer in the pool reaches a route's threshold at a check-in: the mentors' channel in Teams is
 * told (a first name and a language, nothing more), the console's ready list shows them (named to
 * staff, a code to a mentor), and the person is offered the next step: a talk with a mentor.
 */
describe('ready: a check-in reaches a route\'s threshold', () => {
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

  it('signals the mentors\' channel, lists the person as ready and offers the mentor talk\'s times', async () => {
    const clock = { now: Date.now() };
    const jobs = new MemoryTimedJobs({ now: () => new Date(clock.now) });
    const { app, url, stop } = await startTestApp(
      { TEAMS_MENTOR_CHANNEL_ID: CHANNEL, TEAMS_SERVICE_URL: connector.url, MicrosoftAppTenantId: TENANT, DEFAULT_LANGUAGE: 'en', MENTOR_HOURS: 'always' },
      { channelIssuer: issuer, timedJobs: jobs, poolClock: () => new Date(clock.now) },
    );
    try {
      const newcomer = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
      await newcomer.startAndConsent('en');
      await newcomer.say(t('common:menu.intake'));
      for (const answer of ['Amina', t('intake:fields.residenceStatus.options.statushouder'), 'Assen', 'A1', 'A1', t('intake:fields.education.options.bachelor'), t('common:buttons.no'), t('intake:fields.itExperience.options.hobby'), t('common:buttons.yes'), t('common:buttons.skip')]) {
        await newcomer.say(answer);
      }
      await newcomer.say('40');
      await newcomer.hears(t('pool:consent.question', { weeks: 8 }));
      await newcomer.say('yes please');
      await newcomer.hears(t('pool:consent.yes', { weeks: 8 }));
      await newcomer.say(t('common:buttons.no'));

      // A mentor has a free time in English next week.
      await addAccount(app, 'sara', 'mentor', ['en']);
      const published = await app.records.talks.publish({ id: 'sara', firstName: 'Sara' }, { start: new Date(Date.now() + 7 * 86_400_000).toISOString(), durationMinutes: 30, languages: ['en'], link: 'https://meet.example.org/sara', weeks: 1 }, new Date());
      expect(published.ok).toBe(true);

      clock.now += 8 * WEEK;
      await jobs.runDue();
      await newcomer.hears(t('pool:followUp.checkIn', { weeks: '8' }));
      await newcomer.say('hello, yes my english is better now');
      await newcomer.hears(t('intake:fields.dutchLevel.prompt'));
      await newcomer.say('A2');
      await newcomer.say('B2');
      await newcomer.say(t('common:buttons.yes'));
      await newcomer.hears(t('pool:checkIn.ready'));
      await waitFor(() => newcomer.texts().some((text) => text?.startsWith(t('talk:offer'))), 'the mentor talk\'s times offered');

      const before = connector.conversations.filter((c) => c.parameters.channelData?.channel?.id === CHANNEL);
      const signal = await connector.waitFor(() => before.find((c) => c.parameters.activity?.text?.startsWith('Talent pool')), 'the signal in the mentors\' channel');
      expect(signal.parameters.activity?.text).toBe(t('pool:teams.ready', { who: 'Amina', language: t('language:names.en') }));

      await addAccount(app, 'lisa', 'staff');
      const staff = new ConsoleClient(url);
      expect((await staff.login('lisa')).status).toBe(200);
      const view = (await (await staff.get('/console/api/pool')).json()) as PoolView;
      expect(view.named).toBe(true);
      expect(view.ready.map((i) => [i.name, i.status, i.dutch, i.english, i.track, i.province, i.north, i.trend])).toEqual([['Amina', 'ready', 'A2', 'B2', 'direct-route', 'Drenthe', true, 'up']]);
      const mentor = new ConsoleClient(url);
      expect((await mentor.login('sara')).status).toBe(200);
      const pseudonymised = (await (await mentor.get('/console/api/pool')).json()) as PoolView;
      expect(pseudonymised.named).toBe(false);
      expect(pseudonymised.ready).toHaveLength(1);
      expect(pseudonymised.ready[0].key).toBeNull();
      expect(pseudonymised.ready[0].name).toMatch(/^[A-Z0-9]{3}$/);
      expect(JSON.stringify(pseudonymised)).not.toContain('Amina');
      expect((await mentor.get('/console/api/pool?north=maybe')).status).toBe(400);
      const audited = await app.records.audit.between(new Date(Date.now() - 60_000), new Date(Date.now() + 60_000));
      expect(audited.filter((e) => e.action === 'view-pool').map((e) => [e.actor, e.role])).toEqual(expect.arrayContaining([['lisa', 'staff'], ['sara', 'mentor']]));
    } finally {
      await stop();
    }
  });

  it('staff\'s move to the talent pool asks the person whether we may contact them again, and a yes in their words puts them in', async () => {
    const { app, url, stop } = await startTestApp({ DEFAULT_LANGUAGE: 'en', MENTOR_HOURS: 'always' }, { channelIssuer: issuer });
    try {
      const nl = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);
      const newcomer = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
      await newcomer.startAndConsent('nl');
      await newcomer.say(nl('common:menu.intake'));
      for (const answer of ['Omar', nl('intake:fields.residenceStatus.options.statushouder'), 'Utrecht', 'B1', 'A2', nl('intake:fields.education.options.secondary'), nl('common:buttons.no'), nl('intake:fields.itExperience.options.hobby'), nl('common:buttons.yes'), 'Ik wil graag programmeren leren', '40']) {
        await newcomer.say(answer);
      }
      await newcomer.hears(nl('eligibility:mentorOffer'));
      expect(newcomer.texts().join('\n')).not.toContain(nl('pool:consent.question', { weeks: 8 })); // eligible: not asked
      await newcomer.say(nl('common:buttons.no'));

      await addAccount(app, 'lisa', 'staff');
      const staff = new ConsoleClient(url);
      expect((await staff.login('lisa')).status).toBe(200);
      const key = Buffer.from(JSON.stringify(['emulator', `user-${newcomer.conversationId}`])).toString('base64url');
      const moved = await staff.post(`/console/api/people/${key}/journey/moves`, { to: 'talent-pool', reason: 'Geen plek in deze ronde' });
      expect(moved.status).toBe(200);
      expect(((await moved.json()) as { delivery: string }).delivery).toBe('sent');
      await newcomer.hears(nl('pool:consent.question', { weeks: 8 }));
      await newcomer.say('ja graag');
      await newcomer.hears(nl('pool:consent.yes', { weeks: 8 }));
      expect(await app.pool.of({ channelId: 'emulator', userId: `user-${newcomer.conversationId}` })).toMatchObject({ status: 'active', reason: 'talent-pool', consent: { given: true, language: 'nl' } });
    } finally {
      await stop();
    }
  });
});
