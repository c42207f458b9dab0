import { Redis } from 'ioredis';
import { RedisStorage } from '../../src/storage/redisStorage';
import { conversationStateKey, userStateKey } from '../../src/storage/botStateKeys';
import { entityTag } from '../../src/storage/idDigest';
import { hashSlot } from '../../src/storage/hashSlot';
import { createRedisClient } from '../../src/storage/redisClient';
import { createLogger } from '../../src/logger';
import type { PersonRecord } from '../../src/domain/person';
import { clusterInfo, startRedisCluster, TestRedisCluster } from '../support/redisCluster';
import { appDigest } from '../support/testRedis';
import { startTestApp } from '../support/testApp';
import { FakeConnector } from '../support/fakeConnector';
import { Newcomer } from '../support/newcomer';
import { translator } from '../support/chatDriver';
import { waitFor } from '../support/consoleClient';

const t = (key: string) => translator().t('nl', key);
const PREFIX = 'steps:';

/** Which third of the slots (one per master of a fresh 3-master cluster) a slot lies in. */
const third = (slot: number) => (slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2);

/**
 * On a cluster the turn's write is two steps: the person's user state (a slot of its own), then the
 * conversation's slot (its state, the handled mark, the outbox). Here the conversation's master and
 * its replica are lost exactly between the two: the user-state master holds the first step (CLIENT
 * PAUSE WRITE) until the conversation's nodes are killed, then lets it through.
 */
describe('REDIS_CLUSTER=true: a node lost between the two steps of the turn write', () => {
  let cluster: TestRedisCluster;
  let redis: Redis;
  beforeAll(async () => {
    // Every write on disk at once, so the killed nodes come back with exactly what they had.
    cluster = await startRedisCluster({ masters: 3, replicas: 1, appendOnly: true, fsync: 'always' });
    redis = createRedisClient({ url: cluster.url, cluster: true }, createLogger('silent'), 'test');
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await cluster?.dispose();
  });

  it('tells the person to try again, keeps the conversation as it was, and the same message again completes the turn', async () => {
    const digest = appDigest(PREFIX);
    let n = 0;
    while (third(hashSlot(entityTag(digest, 'emulator', `user-steps-${n}`))) === third(hashSlot(entityTag(digest, 'emulator', `steps-${n}`)))) n++;
    const conversation = `steps-${n}`;
    const userKey = userStateKey('emulator', `user-${conversation}`);
    const conversationKey = conversationStateKey('emulator', conversation);
    const tag = entityTag(digest, 'emulator', conversation);
    const storage = new RedisStorage(redis, { prefix: PREFIX, digest });
    const journal = async () => {
      const fields = await redis.hgetall(`${PREFIX}state:${tag}:conversation`);
      return {
        handled: Object.keys(fields)
          .filter((field) => field.startsWith('h:'))
          .sort(), // a hash's field order is not kept when a node reloads it from disk
        outbox: [fields.activity, fields.replies, fields.sent],
      };
    };

    const connector = await new FakeConnector().start();
    const { url, stop } = await startTestApp({ REDIS_URL: cluster.url, REDIS_CLUSTER: 'true', REDIS_KEY_PREFIX: PREFIX });
    const userNodes = await cluster.servers(hashSlot(entityTag(digest, 'emulator', `user-${conversation}`)));
    const conversationNodes = await cluster.servers(hashSlot(tag));
    const userMaster = new Redis(userNodes[0].port, '127.0.0.1');
    try {
      const amina = new Newcomer(url, connector, conversation);
      await amina.say('hi');
      await amina.hears(t('common:greeting'));
      await amina.say(t('language:names.nl'));
      await amina.hears(t('consent:question'));
      // The person hears a reply before the turn confirms it in the outbox (`sent`): the snapshot waits
      // for that confirmation, so it is the conversation as the finished turn left it.
      await waitFor(async () => {
        const { outbox } = await journal();
        const [activity, replies, sent] = outbox;
        return !!activity && !!replies && sent === `${activity}:${(JSON.parse(replies) as unknown[]).length}`;
      }, 'the last reply confirmed in the outbox');
      const before = await storage.read([userKey, conversationKey]);
      const journalBefore = await journal();
      expect((before[userKey].person as PersonRecord).consent?.given).not.toBe(true);

      // The agreement changes both states. Its first step (the user state) waits at its paused master…
      await userMaster.call('CLIENT', 'PAUSE', '20000', 'WRITE');
      const agreeing = amina.say(t('consent:agree'));
      await waitFor(
        async () => String(await userMaster.call('CLIENT', 'LIST')).split('\n').some((line) => / name=vit-bot:main .*flags=b .*cmd=eval(sha)? /.test(line)),
        'the turn write waiting at the user state master',
      );
      // …while the conversation's master and its replica are lost; then the first step goes through.
      for (const node of conversationNodes) await node.kill();
      await userMaster.call('CLIENT', 'UNPAUSE');
      await agreeing;
      await amina.hears(t('common:errors.tryAgain'));

      // The first step was written: the user state holds the agreement (as docs/operations.md says).
      const between = await storage.read([userKey]);
      expect(between[userKey].eTag).not.toBe(before[userKey].eTag);
      expect((between[userKey].person as PersonRecord).consent?.given).toBe(true);

      // The conversation's nodes come back with what they had: its state, handled marks and outbox as before the message.
      for (const node of conversationNodes) await node.restart();
      for (const port of cluster.ports) await waitFor(async () => (await clusterInfo(port)).cluster_state === 'ok', `cluster node ${port} serving all slots again`, 60_000);
      const after = await storage.read([conversationKey]);
      expect(after[conversationKey].eTag).toBe(before[conversationKey].eTag);
      expect(await journal()).toEqual(journalBefore);
      expect(amina.texts()).not.toContain(t('common:menu.prompt'));

      // The person does as told: the same answer again runs the turn on the state as it is, once.
      await amina.say(t('consent:agree'));
      await amina.hears(t('common:menu.prompt'));
      expect(amina.texts().filter((text) => text === t('common:menu.prompt'))).toHaveLength(1);
      const done = await storage.read([userKey, conversationKey]);
      expect((done[userKey].person as PersonRecord).consent?.given).toBe(true);
      expect(done[conversationKey].eTag).not.toBe(before[conversationKey].eTag);
      expect((await journal()).handled.length).toBeGreaterThan(journalBefore.handled.length);
    } finally {
      userMaster.disconnect();
      await stop();
      await connector.stop();
    }
  }, 150_000);
});
