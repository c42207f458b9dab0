import { Redis } from 'ioredis';
import { RedisStorage } from '../../src/storage/redisStorage';
import { conversationStateKey } from '../../src/storage/botStateKeys';
import { entityTag } from '../../src/storage/idDigest';
import { hashSlot } from '../../src/storage/hashSlot';
import { createRedisClient } from '../../src/storage/redisClient';
import { createLogger } from '../../src/logger';
import { startBotProcess } from '../support/botProcess';
import { startRedisCluster, TestRedisCluster } from '../support/redisCluster';
import { appDigest, testRedisUrl } from '../support/testRedis';
import { startTestApp } from '../support/testApp';
import { FakeConnector } from '../support/fakeConnector';
import { Newcomer } from '../support/newcomer';
import { translator } from '../support/chatDriver';
import { waitFor } from '../support/consoleClient';

const t = (key: string) => translator().t('nl', key);
const PREFIX = 'down:';

/** Which third of the slots (one per master of a fresh 3-master cluster) a slot lies in. */
const third = (slot: number) => (slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2);

describe('REDIS_CLUSTER=true when the cluster is not what it should be', () => {
  let cluster: TestRedisCluster;
  let redis: Redis;
  const down = new Set<number>();
  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3, replicas: 1 });
    redis = createRedisClient({ url: cluster.url, cluster: true }, createLogger('silent'), 'test');
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await cluster?.dispose();
  });

  it('stops the start with one readable line when REDIS_URL is not a cluster node', async () => {
    const bot = await startBotProcess({ REDIS_URL: testRedisUrl(), REDIS_CLUSTER: 'true', REDIS_KEY_PREFIX: PREFIX });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr().trim().split('\n')).toEqual(['vit-bot: not started; REDIS_CLUSTER=true but REDIS_URL is not a Redis Cluster node (cluster support is disabled there): unset REDIS_CLUSTER or point REDIS_URL at a cluster node']);
  }, 60_000);

  it('tells the person to try again in a minute when the node of their state is down mid-turn, and writes nothing half', async () => {
    const digest = appDigest(PREFIX);
    // A person whose user state and conversation lie with different masters.
    let n = 0;
    while (third(hashSlot(entityTag(digest, 'emulator', `user-conv-${n}`))) === third(hashSlot(entityTag(digest, 'emulator', `conv-${n}`)))) n++;
    const conversation = `conv-${n}`;
    const connector = await new FakeConnector().start();
    const { url, stop } = await startTestApp({ REDIS_URL: cluster.url, REDIS_CLUSTER: 'true', REDIS_KEY_PREFIX: PREFIX });
    try {
      const amina = new Newcomer(url, connector, conversation);
      await amina.startAndConsent('nl');
      const storage = new RedisStorage(redis, { prefix: PREFIX, digest });
      const before = await storage.read([conversationStateKey('emulator', conversation)]);

      // The master of the person's user state and its replica go down: no failover can serve the slot.
      for (const node of await cluster.servers(hashSlot(entityTag(digest, 'emulator', `user-${conversation}`)))) {
        await node.kill();
        down.add(node.port);
      }
      await amina.say(t('common:menu.intake'));
      await amina.hears(t('common:errors.tryAgain'));

      // The conversation's own slot is up and holds the state from before the message, unchanged.
      const after = await storage.read([conversationStateKey('emulator', conversation)]);
      expect(after[conversationStateKey('emulator', conversation)].eTag).toBe(before[conversationStateKey('emulator', conversation)].eTag);
      expect(amina.texts()).not.toContain(t('intake:fields.firstName.prompt'));
    } finally {
      await stop();
      await connector.stop();
    }
  }, 90_000);

  it('stops the start with one readable line when a hash slot is not served', async () => {
    // The previous test left one third of the slots without a node; the start asks one that is up.
    const seed = cluster.ports.find((port) => !down.has(port))!;
    const node = new Redis(seed, '127.0.0.1', { maxRetriesPerRequest: 1 });
    try {
      // The nodes tell a lost master only after their node timeout: wait until the seed counts its slots as not served.
      await waitFor(async () => !/cluster_slots_ok:16384\b/.test(String(await node.call('CLUSTER', 'INFO'))), 'the cluster noticing the lost master', 30_000);
    } finally {
      node.disconnect();
    }
    const bot = await startBotProcess({ REDIS_URL: `redis://127.0.0.1:${seed}`, REDIS_CLUSTER: 'true', REDIS_KEY_PREFIX: PREFIX });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr().trim().split('\n')).toHaveLength(1);
    // Until the others mark the lost master failed, its slots count as possibly failed, not served: refused too.
    expect(bot.stderr()).toMatch(/^vit-bot: not started; REDIS_CLUSTER=true but the Redis Cluster is not whole: \d+ of 16384 hash slots are served \(cluster_state:(fail|ok)\)/);
  }, 60_000);
});
