import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { eligibleWithMentor } from '../support/eligibleWithMentor';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';

const SELECTION = ['mentor-talk-booked', 'mentor-talk-held', 'homework-given', 'homework-submitted', 'homework-reviewed', 'selection-intake', 'selected'];

describe('the numbers funders ask for, through the product on Redis', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('counts a newcomer from first message to selected, per cohort, language and region; keeps the numbers after her erasure; CSV for staff, audited', async () => {
    const prefix = uniquePrefix();
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    const redis = connectTestRedis();
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      await addAccount(app, 'lisa', 'staff');
      await addAccount(app, 'root', 'admin');
      const [sara, lisa, root] = ['sara', 'lisa', 'root'].map(() => new ConsoleClient(url));
      for (const [client, name] of [[sara, 'sara'], [lisa, 'lisa'], [root, 'root']] as const) await client.login(name);
      const { userId, handoffId } = await eligibleWithMentor(url, connector, sara);
      const board = (await (await lisa.get('/console/api/journeys')).json()) as any;
      const key = board.items[0].key;
      for (const to of SELECTION) expect((await lisa.post(`/console/api/people/${key}/journey/moves`, { to, reason: 'went well' })).status).toBe(200);

      const month = new Date().toISOString().slice(0, 7);
      const report = (await (await lisa.get(`/console/api/outcomes?from=${month}&to=${month}`)).json()) as any;
      expect(report).toMatchObject({ from: month, to: month });
      expect(report.funnel.total.steps.map((s: any) => [s.step, s.people, s.shareOfStarted])).toEqual([
        ['started', 1, 1],
        ['intake', 1, 1],
        ['selected', 1, 1],
        ['referred', 0, 0],
        ['training-started', 0, 0],
        ['contract-signed', 0, 0],
      ]);
      expect(report.funnel.byCohort.map((g: any) => g.cohort)).toEqual([month]);
      expect(report.funnel.byLanguage.map((g: any) => [g.language, g.steps[2].people])).toEqual([['ar', 1]]);
      expect(report.funnel.byRegion.map((g: any) => [g.region, g.steps.map((s: any) => s.people)])).toEqual([['Overijssel', [null, 1, 1, 0, 0, 0]]]);

      // Erased: the numbers stay, and none of them names her.
      expect((await sara.post(`/console/api/handoffs/${handoffId}/close`, { outcome: 'helped', note: '' })).status).toBe(200);
      expect((await lisa.post(`/console/api/people/${key}/erase`, { confirm: true })).status).toBe(200);
      const after = (await (await lisa.get(`/console/api/outcomes?from=${month}&to=${month}&language=ar&region=Overijssel`)).json()) as any;
      expect(after.funnel.total.steps.map((s: any) => s.people)).toEqual([null, 1, 1, 0, 0, 0]);
      expect(JSON.stringify(after)).not.toMatch(new RegExp(`${userId}|آمنة|Zwolle`));
      const stored = (await keyspace(redis, prefix)).filter(([k]) => k.includes('{outcomes}'));
      expect(stored.map(([k]) => k)).toEqual([`${prefix}{outcomes}:steps:${month}`]);
      expect(JSON.stringify(stored)).not.toMatch(new RegExp(`${userId}|آمنة|Zwolle|emulator`));

      // Staff and admins only; a bad question gets a clear answer.
      expect((await sara.get('/console/api/outcomes')).status).toBe(403);
      expect((await sara.get('/console/api/outcomes.csv')).status).toBe(403);
      for (const [asked, message] of [
        ['from=2026-13', /"from" must be a month/],
        ['from=2026-11&to=2026-10', /"from" is after "to"/],
        ['to=2999-01', /in the future/],
        ['from=2001-01', /cohorts go back to/],
        ['language=de', /"language" must be one of/],
        ['region=Bavaria', /"region" must be a province/],
      ] as const) {
        const refused = await lisa.get(`/console/api/outcomes?${asked}`);
        expect([asked, refused.status]).toEqual([asked, 400]);
        expect(((await refused.json()) as any).message).toMatch(message);
      }

      const csv = await lisa.get(`/console/api/outcomes.csv?from=${month}&to=${month}`);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csv.headers.get('content-disposition')).toContain(`vit-outcomes-${month}-${month}.csv`);
      const lines = (await csv.text()).split('\n');
      expect(lines).toContain('total,all,all,all,selected,1,1,1,0,0');
      // The printable report is a page of its own, under the console's CSP.
      const reportPage = await fetch(`${url}/console/report`);
      expect(reportPage.headers.get('content-type')).toContain('text/html');
      expect(reportPage.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await reportPage.text()).toContain('/console/js/report.js');
      expect((await fetch(`${url}/console/report.css`)).headers.get('content-type')).toContain('text/css');
      const audit = (await (await root.get('/console/api/audit')).json()) as any;
      expect(audit.items.filter((e: any) => e.action === 'export-outcomes').map((e: any) => [e.actor, e.target])).toEqual([['lisa', `${month}..${month}`]]);
    } finally {
      await redis.quit();
      await stop();
    }
  }, 120_000);
});
