import { Redis } from 'ioredis';
import { FakeGraph, WhatsAppPerson, whatsAppEnv } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import { translator } from '../support/chatDriver';
import { appDigest, keyspace, namesAnyOf, testRedisUrl, uniquePrefix } from '../support/testRedis';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);

/**
 * The wired product on a real redis-server (BullMQ's timed jobs included): a WhatsApp newcomer joins
 * the pool in the chat; their place is one key named by their digest, the planned check-in's job names
 * only that digest; "delete my data" leaves no key, value or job about them.
 */
describe('the talent pool on WhatsApp, on Redis', () => {
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await new FakeGraph().start();
  });
  afterEach(async () => {
    await graph.stop();
  });

  it('keeps the place in the pool under the person\'s digest, plans the check-in as a job that names no one, and erases both with the person', async () => {
    const prefix = uniquePrefix();
    const { app, url, stop } = await startTestApp({ ...whatsAppEnv(graph), REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    const redis = new Redis(testRedisUrl());
    const person = new WhatsAppPerson(url, graph);
    try {
      await app.ready(); // the timed jobs' worker
      await person.say('hoi');
      await person.tap(t('language:names.nl'));
      await person.tap(t('consent:agree'));
      await person.tap(t('common:menu.intake'));
      for (const answer of ['Yonas', t('intake:fields.residenceStatus.options.statushouder'), 'Leeuwarden', 'A1', 'A1', t('intake:fields.education.options.vocational'), t('common:buttons.no'), t('intake:fields.itExperience.options.hobby'), t('common:buttons.yes'), t('common:buttons.skip'), '32']) {
        await person.say(answer);
      }
      expect(person.texts().join('\n')).toContain(t('pool:consent.question', { weeks: 8 }));
      await person.say('jaa 👍');
      expect(person.texts().join('\n')).toContain(t('pool:consent.yes', { weeks: 8 }));
      const userId = `NL.${person.phone}`;
      const digest = appDigest(prefix)(`whatsapp:${userId}`);
      const keys = await keyspace(redis, prefix);
      expect(keys.map(([key]) => key)).toContain(`${prefix}pool:{${digest}}`);
      const job = keys.find(([key]) => key.includes('{jobs}') && key.includes(`followup.${digest}.`));
      expect(job).toBeDefined();
      expect(namesAnyOf(`${job![0]} ${job![1]}`, [person.phone, 'Yonas'])).toBe(false);
      expect(await app.pool.of({ channelId: 'whatsapp', userId })).toMatchObject({ status: 'active', province: 'Friesland' });

      await person.say('delete my data');
      await person.tap(t('delete:yes'));
      // The pool's numbers (joined, left) outlive her and name no one; nothing else about her is left.
      const remaining = await keyspace(redis, prefix);
      const left = remaining.filter(([key, value]) => (key.includes('pool:') && !key.includes('{outcomes}')) || key.includes('followup') || namesAnyOf(`${key} ${value}`, [person.phone]));
      expect(left).toEqual([]);
      expect(remaining.filter(([key]) => key.includes('{outcomes}:pool:')).map(([, value]) => (JSON.parse(value) as string[]).map((e) => JSON.parse(e).kind))).toEqual([['joined', 'left']]);
    } finally {
      redis.disconnect();
      await stop();
    }
  });
});
