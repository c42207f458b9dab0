import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';

describe.each<[string, () => Record<string, string>]>([
  ['memory', () => ({})],
  ['Redis', () => ({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() })],
])('a mentor\u2019s cap on the accounts API (%s)', (_name, makeEnv) => {
  it('is given at create, shown in the list, changed and removed through the account service, bounded, and audited', async () => {
    const { app, url, stop } = await startTestApp(makeEnv());
    try {
      await addAccount(app, 'anna', 'admin');
      await addAccount(app, 'lisa', 'staff');
      const admin = new ConsoleClient(url);
      await admin.login('anna');

      const created = await admin.post('/console/api/accounts', { username: 'sara', firstName: 'Sara', role: 'mentor', languages: ['ar'], capacity: 3 });
      expect(created.status).toBe(201);
      const { account } = await created.json();
      expect(account).toMatchObject({ username: 'sara', capacity: 3 });
      expect((await app.accounts.byId(account.id))!.capacity).toBe(3);
      const noCap = await (await admin.post('/console/api/accounts', { username: 'omar', role: 'mentor' })).json();
      expect(noCap.account.capacity).toBeNull();

      const list = await (await admin.get('/console/api/accounts')).json();
      expect(list.maxCapacity).toBe(50);
      expect(Object.fromEntries(list.items.map((a: { username: string; capacity: number | null }) => [a.username, a.capacity]))).toEqual({ anna: null, lisa: null, omar: null, sara: 3 });

      // Changed with the other fields, removed with null; the handover's own address does the same.
      expect(await (await admin.post(`/console/api/accounts/${account.id}`, { languages: ['ar', 'nl'], capacity: 5 })).json()).toMatchObject({ account: { languages: ['ar', 'nl'], capacity: 5 } });
      expect(await (await admin.post(`/console/api/accounts/${account.id}`, { capacity: null })).json()).toMatchObject({ account: { capacity: null } });
      expect((await app.accounts.byId(account.id))!.capacity).toBeUndefined();
      expect(await (await admin.post(`/console/api/accounts/${account.id}/capacity`, { capacity: 2 })).json()).toEqual({ id: account.id, capacity: 2 });
      // The same cap again is no change (nothing audited for it).
      expect((await admin.post(`/console/api/accounts/${account.id}`, { capacity: 2 })).status).toBe(200);

      // Out of range, not whole, or not a number: refused at the edge; nothing changed.
      for (const capacity of [0, 51, 2.5, '3']) {
        const refused = await admin.post(`/console/api/accounts/${account.id}`, { capacity });
        expect([capacity, refused.status, (await refused.json()).error]).toEqual([capacity, 400, 'bad-request']);
      }
      expect((await admin.post('/console/api/accounts', { username: 'kees', role: 'mentor', capacity: 0 })).status).toBe(400);
      expect(await app.accounts.byUsername('kees')).toBeUndefined();
      expect((await app.accounts.byId(account.id))!.capacity).toBe(2);

      // Only admins set it.
      const staff = new ConsoleClient(url);
      await staff.login('lisa');
      expect((await staff.post(`/console/api/accounts/${account.id}`, { capacity: 9 })).status).toBe(403);
      expect((await staff.post(`/console/api/accounts/${account.id}/capacity`, { capacity: 9 })).status).toBe(403);
      expect((await app.accounts.byId(account.id))!.capacity).toBe(2);

      const audited = (await app.records.audit.between(new Date(Date.now() - 600_000), new Date(Date.now() + 1000)))
        .filter((e) => e.action === 'set-capacity' || e.action === 'create-account')
        .map((e) => `${e.actor} ${e.action} ${e.target}`)
        .reverse(); // the log reads newest first
      expect(audited).toEqual(['anna create-account sara (mentor, capacity 3)', 'anna create-account omar (mentor)', 'anna set-capacity sara=5', 'anna set-capacity sara=-', 'anna set-capacity sara=2']);
    } finally {
      await stop();
    }
  });
});
