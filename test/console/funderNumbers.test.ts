import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { Newcomer } from '../support/newcomer';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import type { App } from '../../src/app';
import type { Language } from '../../src/i18n/languages';

const DAY = 86400000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A newcomer in `lng` who consents and asks for a mentor, through the bot over HTTP; returns the waiting handoff's id. */
async function asksForMentor(app: App, url: string, connector: FakeConnector, lng: Language): Promise<string> {
  const person = new Newcomer(url, connector, `conv-${uniquePrefix()}`);
  await person.asksForMentor(lng);
  const open = await waitFor(() => app.handoffs.service.queue.openFor('emulator', `user-${person.conversationId}`), 'the handoff');
  return open.id;
}

/** The staff API's rows for the range added up per language: field → language → number. */
function byLanguage(rows: Array<Record<string, any>>, field: string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const row of rows) if (row[field]) sums[row.language] = (sums[row.language] ?? 0) + row[field];
  return sums;
}

describe('a funder asks: how many people reached a mentor in a period, by language?', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('gives exact numbers per language for the dates asked, in the API and the CSV, counting a re-claimed handoff once', async () => {
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() });
    try {
      await addAccount(app, 'sara', 'mentor', ['ar', 'tr', 'en']);
      await addAccount(app, 'lisa', 'staff');
      const sara = new ConsoleClient(url);
      const lisa = new ConsoleClient(url);
      await sara.login('sara');
      await lisa.login('lisa');

      // Today, through the product: two Arabic and one Turkish speaker reach a mentor; an English speaker asks but waits.
      const arabic1 = await asksForMentor(app, url, connector, 'ar');
      const arabic2 = await asksForMentor(app, url, connector, 'ar');
      const turkish = await asksForMentor(app, url, connector, 'tr');
      await asksForMentor(app, url, connector, 'en');
      // Taken, given back, taken again: one person reached a mentor once.
      expect((await sara.post(`/console/api/handoffs/${arabic1}/claim`)).status).toBe(200);
      expect((await sara.post(`/console/api/handoffs/${arabic1}/release`)).status).toBe(200);
      expect((await sara.post(`/console/api/handoffs/${arabic1}/claim`)).status).toBe(200);
      expect((await sara.post(`/console/api/handoffs/${arabic2}/claim`)).status).toBe(200);
      expect((await sara.post(`/console/api/handoffs/${turkish}/claim`)).status).toBe(200);

      // Earlier days, in the numbers the product keeps (no person in them): inside and outside the period.
      const today = Date.parse(`${dayOf(Date.now())}T12:00:00Z`);
      const from = dayOf(today - 10 * DAY);
      const to = dayOf(today);
      const seed = async (daysAgo: number, language: string, step: 'started' | 'mentorAsked' | 'mentorTook', times: number) => {
        for (let i = 0; i < times; i++) await app.records.stats.count(step, language, new Date(today - daysAgo * DAY));
      };
      await seed(5, 'ar', 'mentorTook', 1); // inside
      await seed(5, 'tr', 'mentorTook', 1); // inside
      await seed(10, 'fa', 'mentorTook', 1); // the first day of the period: inside
      await seed(10, 'fa', 'mentorAsked', 1);
      await seed(11, 'ar', 'mentorTook', 5); // the day before: outside
      await seed(-1, 'tr', 'mentorTook', 7); // the day after: outside
      await seed(40, 'en', 'mentorTook', 3); // a month before: outside

      const response = await lisa.get(`/console/api/stats?from=${from}&to=${to}`);
      expect(response.status).toBe(200);
      const stats = (await response.json()) as any;
      expect(stats).toMatchObject({ from, to });
      expect(byLanguage(stats.rows, 'mentorTook')).toEqual({ ar: 3, tr: 2, fa: 1 });
      expect(byLanguage(stats.rows, 'mentorAsked')).toEqual({ ar: 2, tr: 1, en: 1, fa: 1 });
      expect(byLanguage(stats.rows, 'consented')).toEqual({ ar: 2, tr: 1, en: 1 });
      expect(byLanguage(stats.rows, 'started')).toEqual({ ar: 2, tr: 1, en: 1 });
      expect(stats.totals).toMatchObject({ mentorTook: 6, mentorAsked: 5, started: 4, consented: 4 });

      // The same numbers in the CSV a funder gets.
      const csv = await lisa.get(`/console/api/stats.csv?from=${from}&to=${to}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-disposition')).toContain(`vit-numbers-${from}-${to}.csv`);
      const [header, ...lines] = (await csv.text()).trim().split('\n').map((l) => l.split(','));
      const column = (name: string) => header.indexOf(name);
      const csvTook: Record<string, number> = {};
      for (const line of lines) {
        const took = Number(line[column('mentorTook')]);
        if (took) csvTook[line[column('language')]] = (csvTook[line[column('language')]] ?? 0) + took;
      }
      expect(csvTook).toEqual({ ar: 3, tr: 2, fa: 1 });

      // A period the API cannot read is refused with a reason, not swapped for the default period.
      for (const [query, word] of [
        ['from=2026-13-01', '"from"'],
        ['from=2026-02-31', '"from"'],
        ['to=31-12-2026', '"to"'],
        [`from=${from}&to=yesterday`, '"to"'],
      ]) {
        const bad = await lisa.get(`/console/api/stats?${query}`);
        expect([query, bad.status]).toEqual([query, 400]);
        expect(((await bad.json()) as any).message).toContain(word);
        expect((await lisa.get(`/console/api/stats.csv?${query}`)).status).toBe(400);
      }
      const reversed = await lisa.get(`/console/api/stats?from=${to}&to=${from}`);
      expect(reversed.status).toBe(400);
      expect(((await reversed.json()) as any).message).toBe('"from" is after "to"');
    } finally {
      await stop();
    }
  });
});
