import { Redis } from 'ioredis';
import { FakeGraph, WhatsAppPerson, whatsAppEnv } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import { translator } from '../support/chatDriver';
import { keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('ti', key, vars);

describe('"where am I?" on WhatsApp, on Redis', () => {
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await new FakeGraph().start();
  });
  afterEach(async () => {
    await graph.stop();
  });

  it('a Tigrinya speaker gets a journey from the intake, finds "where am I?" in the menu list, asks it in words, and leaves no trace when erased', async () => {
    const prefix = uniquePrefix();
    const { url, stop } = await startTestApp({ ...whatsAppEnv(graph), REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix });
    const redis = new Redis(testRedisUrl());
    const person = new WhatsAppPerson(url, graph);
    try {
      await person.say('ሰላም');
      await person.tap(t('language:names.ti'));
      await person.tap(t('consent:agree'));
      await person.tap(t('common:menu.intake'));
      for (const answer of ['ሳባ', t('intake:fields.residenceStatus.options.statushouder'), 'Utrecht', 'B1', 'A2', t('intake:fields.education.options.secondary'), t('common:buttons.no'), t('intake:fields.itExperience.options.hobby'), t('common:buttons.yes'), 'ኮምፒተር ምጽጋን እፈቱ እየ', '40']) {
        await person.say(answer);
      }
      await person.tap(t('common:buttons.no')); // no mentor now: the menu
      const menu = [...person.mine()].reverse().find((m) => m.type === 'interactive');
      const rows = menu?.interactive.action.sections[0].rows.map((r: { title: string }) => r.title);
      expect(rows).toContain(t('common:menu.status'));
      for (const row of rows) expect(row.length).toBeLessThanOrEqual(24);

      const replies = await person.say('ኣበይ በጺሐ ኣለኹ?');
      const told = replies.map((m) => m.text?.body ?? m.interactive?.body?.text ?? '').join('\n');
      expect(told).toContain(t('journey:stage.motivation'));
      expect(told).toContain(t('journey:next.motivation'));
      expect(told).toContain(t('journey:askAnyMentor'));
      expect((await keyspace(redis, prefix)).some(([key]) => key.startsWith(`${prefix}journey:`))).toBe(true);

      await person.say('delete my data');
      await person.tap(t('delete:yes'));
      const left = (await keyspace(redis, prefix)).filter(([key, value]) => key.startsWith(`${prefix}journey`) || `${key} ${value}`.includes(person.phone));
      expect(left).toEqual([]);
    } finally {
      redis.disconnect();
      await stop();
    }
  });
});
