import { Redis } from 'ioredis';
import { FakeGraph, WhatsAppPerson, whatsAppEnv } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import { translator } from '../support/chatDriver';
import { keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';

const t = (key: string) => translator().t('en', key);

describe.each([
  ['memory', (): Record<string, string> => ({})],
  ['Redis', (): Record<string, string> => ({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() })],
])('erasure on WhatsApp (%s)', (_name, storageEnv) => {
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await new FakeGraph().start();
  });
  afterEach(async () => {
    await graph.stop();
  });

  it('sends the confirmation of "delete my data" before the WhatsApp address is erased, then keeps nothing', async () => {
    const env: Record<string, string> = { ...whatsAppEnv(graph), ...storageEnv() };
    const { url, stop } = await startTestApp(env);
    const person = new WhatsAppPerson(url, graph);
    try {
      await person.say('hello');
      await person.tap(t('language:names.en'));
      await person.tap(t('consent:agree'));
      await person.say('delete my data');
      expect(person.texts().at(-1)).toBe(t('delete:confirm'));
      const replies = await person.tap(t('delete:yes'));
      expect(replies.map((m) => m.text?.body)).toContain(t('delete:done'));
      if (env.REDIS_URL && env.REDIS_KEY_PREFIX) {
        const redis = new Redis(env.REDIS_URL);
        try {
          const left = (await keyspace(redis, env.REDIS_KEY_PREFIX)).filter(([key, value]) => `${key} ${value}`.includes(person.phone));
          expect(left).toEqual([]);
        } finally {
          redis.disconnect();
        }
      }
      // Erased: the next message starts afresh, with the language choice.
      await person.say('hi');
      const languageList = [...person.mine()].reverse().find((m) => m.type === 'interactive');
      expect(languageList?.interactive.action.sections[0].rows).toHaveLength(6);
    } finally {
      await stop();
    }
  });
});
