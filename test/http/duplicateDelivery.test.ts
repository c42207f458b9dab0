import { FakeConnector, emulatorMessage } from '../support/fakeConnector';
import { startTestApp, postActivity } from '../support/testApp';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';

describe('a message the channel delivers twice', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it.each([
    ['memory storage, one instance', 1, () => ({})],
    ['Redis, two instances', 2, () => ({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() })],
  ])('is handled once, even when both deliveries arrive at once (%s)', async (_name, instances, makeEnv) => {
    const env = makeEnv();
    const apps = await Promise.all(Array.from({ length: instances }, () => startTestApp(env)));
    try {
      const conversation = { id: `conv-${uniquePrefix()}` };
      const hello = emulatorMessage(connector.url, 'hoi', { conversation });
      await postActivity(apps[0].url, hello);
      const afterFirst = (await connector.waitForReplies(conversation.id, 2)).length;

      const choice = emulatorMessage(connector.url, 'Nederlands', { conversation });
      const statuses = await Promise.all([postActivity(apps[0].url, choice), postActivity(apps.at(-1)!.url, choice)]);
      expect(statuses.map((r) => r.status)).toEqual([200, 200]);
      await postActivity(apps[0].url, hello); // and a late retry of the first one
      const replies = connector.repliesIn(conversation.id).slice(afterFirst);
      expect(replies.map((r) => r.replyToId)).toEqual(replies.map(() => choice.id)); // nothing twice, the retry of "hoi" ignored
      expect(replies.filter((r) => r.text === 'Oké, ik schrijf in het Nederlands.')).toHaveLength(1);

      // A different message with its own id is handled as usual.
      await postActivity(apps.at(-1)!.url, emulatorMessage(connector.url, 'help', { conversation }));
      expect(connector.repliesIn(conversation.id).some((r) => r.text?.startsWith('Je kunt altijd deze woorden typen'))).toBe(true);
    } finally {
      for (const app of apps) await app.stop();
    }
  });
});
