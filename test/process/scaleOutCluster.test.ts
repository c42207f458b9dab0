import { appDigest } from '../support/testRedis';
import type { Redis } from 'ioredis';
import { RedisStorage } from '../../src/storage/redisStorage';
import { RedisHandoffQueue } from '../../src/handoff/redisHandoffQueue';
import { userStateKey } from '../../src/storage/botStateKeys';
import { hashSlot } from '../../src/storage/hashSlot';
import { createRedisClient } from '../../src/storage/redisClient';
import { createLogger } from '../../src/logger';
import type { PersonRecord } from '../../src/domain/person';
import { startBotProcess, BotProcess } from '../support/botProcess';
import { freePort } from '../support/redisServer';
import { startRedisCluster, TestRedisCluster } from '../support/redisCluster';
import { RoundRobinFront } from '../support/roundRobinFront';
import { FakeConnector } from '../support/fakeConnector';
import { Newcomer } from '../support/newcomer';
import { waitFor } from '../support/consoleClient';
import { translator } from '../support/chatDriver';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);
const PREFIX = 'cluster:';
/**
 * Says `text` as a person does while a master fails over: a turn that met the switch says "try again
 * in a minute" and keeps nothing, so the person sends it again (at most three times) until `expected`.
 */
async function sayUntilHeard(connector: FakeConnector, person: Newcomer, text: string, expected: string): Promise<void> {
  for (let tries = 0; tries < 3; tries++) {
    const before = connector.repliesIn(person.conversationId).length;
    await person.say(text);
    const heard = await waitFor(() => {
      const news = connector.repliesIn(person.conversationId).slice(before).map((a) => a.text);
      return news.includes(expected) ? 'done' : news.includes(t('common:errors.tryAgain')) ? 'again' : undefined;
    }, `the newcomer hearing "${expected}" or "try again"`, 30000);
    if (heard === 'done') return;
  }
  throw new Error(`"${text}" was not taken after three tries`);
}

const PEOPLE = ['conv-c1', 'conv-c2', 'conv-c3', 'conv-c4', 'conv-c5', 'conv-c6'];

/**
 * Three bot processes with REDIS_CLUSTER=true on a real Redis Cluster (3 masters, a replica each)
 * behind a round-robin front. Masters fail over (CLUSTER FAILOVER on a replica) while people talk
 * and mentors claim: no conversation is lost, no claim is won twice.
 */
describe('three instances on a Redis Cluster', () => {
  let cluster: TestRedisCluster;
  let redis: Redis;
  let connector: FakeConnector;
  let front: RoundRobinFront;
  const bots: BotProcess[] = [];
  const digest = appDigest(PREFIX);

  const person = async (conversation: string) => {
    const userId = `user-${conversation}`;
    const items = await new RedisStorage(redis, { prefix: PREFIX, digest }).read([userStateKey('emulator', userId)]);
    return items[userStateKey('emulator', userId)]?.person as PersonRecord | undefined;
  };

  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3, replicas: 1 });
    redis = createRedisClient({ url: cluster.url, cluster: true }, createLogger('silent'), 'test');
    connector = await new FakeConnector().start();
    const ports = [await freePort(), await freePort(), await freePort()];
    front = await new RoundRobinFront(ports.map((p) => `http://127.0.0.1:${p}`)).start();
    for (const port of ports) {
      bots.push(await startBotProcess({ REDIS_URL: cluster.url, REDIS_CLUSTER: 'true', REDIS_KEY_PREFIX: PREFIX, TURN_LOCK_TTL_MS: '3000', TURN_LOCK_WAIT_MS: '30000', LOG_LEVEL: 'warn', PORT: String(port) }));
    }
    await Promise.all(bots.map((b) => waitFor(async () => (await fetch(`${b.url}/readyz`).catch(() => undefined))?.status === 200, 'the instance being ready', 120000)));
  }, 240000);

  afterAll(async () => {
    for (const bot of bots) bot.kill('SIGKILL');
    await Promise.all(bots.map((b) => b.exited));
    await front?.stop();
    await connector?.stop();
    redis?.disconnect();
    await cluster?.dispose();
  });

  it('loses no conversation and wins no claim twice while masters fail over during traffic', async () => {
    const people = PEOPLE.map((id) => new Newcomer(front.url, connector, id));
    await Promise.all(people.map((p) => p.startAndConsent('nl')));

    // Everyone asks for a mentor while another master than the queue's fails over.
    const queueSlot = hashSlot('{queue}');
    const asking = Promise.all(people.map((p) => sayUntilHeard(connector, p, t('common:menu.mentor'), t('handoff:howToWait'))));
    await cluster.failover((queueSlot + 5461) % 16384);
    await asking;

    // Everyone writes, and five mentors claim every handoff at once, while the queue's master fails over.
    const queue = new RedisHandoffQueue(redis, { prefix: PREFIX, endedTtlSeconds: 0, digest });
    const waiting = await queue.waiting();
    expect(waiting.map((h) => h.person.userId).sort()).toEqual(PEOPLE.map((id) => `user-${id}`).sort());
    const failover = cluster.failover(queueSlot);
    await Promise.all(people.map((p) => sayUntilHeard(connector, p, 'Is er al iemand?', t('handoff:messageKept'))));
    const claims = Promise.all(
      waiting.flatMap((h) => ['sara', 'omar', 'lina', 'yonas', 'reza'].map((mentor) => queue.claim(h.id, { id: mentor, firstName: mentor }, new Date()))),
    );
    await failover;
    const results = await claims;
    for (const handoff of waiting) {
      const won = results.filter((r) => r.ok && r.handoff.id === handoff.id);
      expect([handoff.person.userId, won.length]).toEqual([handoff.person.userId, 1]);
      expect((await queue.get(handoff.id))?.claims).toBe(1);
    }
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'already-taken')).toBe(true);

    // Nothing lost: every person's consent, handoff and kept message are there.
    const active = await queue.active();
    expect(active).toHaveLength(PEOPLE.length);
    for (const handoff of active) expect(handoff.messages.map((m) => m.text)).toEqual(['Is er al iemand?']);
    for (const id of PEOPLE) expect((await person(id))?.consent?.given).toBe(true);
    expect(bots.every((b) => b.child.exitCode === null)).toBe(true);
  }, 180000);
});
