import { appDigest } from '../support/testRedis';
import { Redis } from 'ioredis';
import { RedisStorage } from '../../src/storage/redisStorage';
import { RedisHandoffQueue } from '../../src/handoff/redisHandoffQueue';
import { RedisTranscriptStore } from '../../src/storage/redisTranscriptStore';
import { userStateKey } from '../../src/storage/botStateKeys';
import type { PersonRecord } from '../../src/domain/person';
import { startBotProcess, BotProcess } from '../support/botProcess';
import { startRedisServer, TestRedisServer, freePort } from '../support/redisServer';
import { RoundRobinFront } from '../support/roundRobinFront';
import { FakeConnector, emulatorMessage } from '../support/fakeConnector';
import { Newcomer } from '../support/newcomer';
import { postActivity } from '../support/testApp';
import { waitFor } from '../support/consoleClient';
import { translator } from '../support/chatDriver';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('nl', key, vars);
const PREFIX = 'scale:';

/**
 * Three bot processes on one redis-server (AOF on) behind a round-robin front, as in production:
 * instances die, Redis goes away, one person sends many messages at once.
 */
describe('three instances on one Redis', () => {
  let redisServer: TestRedisServer;
  let redis: Redis;
  let connector: FakeConnector;
  let front: RoundRobinFront;
  const ports: number[] = [];
  const bots: BotProcess[] = [];

  const env = () => ({
    REDIS_URL: redisServer.url,
    REDIS_KEY_PREFIX: PREFIX,
    TURN_LOCK_TTL_MS: '2000',
    TURN_LOCK_WAIT_MS: '30000',
    LOG_LEVEL: 'warn',
  });

  async function ensureAllRunning(): Promise<void> {
    for (let i = 0; i < ports.length; i++) {
      if (bots[i] && bots[i].child.exitCode === null && bots[i].child.signalCode === null) continue;
      bots[i] = await startBotProcess({ ...env(), PORT: String(ports[i]) });
    }
    await Promise.all(bots.map((b) => waitFor(async () => (await fetch(`${b.url}/readyz`).catch(() => undefined))?.status === 200, 'the instance being ready', 20000)));
  }

  const logs = () => bots.map((b) => b.stdout() + b.stderr()).join('\n');
  const person = async (userId: string) => {
    const items = await new RedisStorage(redis, { prefix: PREFIX, digest: appDigest(PREFIX) }).read([userStateKey('emulator', userId)]);
    return items[userStateKey('emulator', userId)]?.person as PersonRecord | undefined;
  };

  beforeAll(async () => {
    redisServer = await startRedisServer({ appendOnly: true });
    redis = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
    connector = await new FakeConnector().start();
    for (let i = 0; i < 3; i++) ports.push(await freePort());
    front = await new RoundRobinFront(ports.map((p) => `http://127.0.0.1:${p}`)).start();
    await ensureAllRunning();
  }, 60000);

  beforeEach(async () => {
    connector.delayMs = 0;
    await ensureAllRunning();
  }, 60000);

  afterAll(async () => {
    for (const bot of bots) bot.kill('SIGKILL');
    await Promise.all(bots.map((b) => b.exited));
    await front?.stop();
    await connector?.stop();
    redis?.disconnect();
    await redisServer?.dispose();
  });

  it('answers 20 messages sent at once by one person one at a time, in the order sent, with no conflict surfacing', async () => {
    const amina = new Newcomer(front.url, connector, 'conv-burst');
    await amina.startAndConsent('nl');
    const before = connector.repliesIn('conv-burst').length;
    connector.delayMs = 150; // every reply takes a while, so the 20 turns overlap heavily

    const sent: string[] = [];
    const posts: Array<Promise<Response>> = [];
    for (let i = 0; i < 20; i++) {
      const activity = emulatorMessage(connector.url, 'help', { conversation: { id: 'conv-burst' }, from: { id: 'user-conv-burst', name: 'Amina', role: 'user' } });
      sent.push(activity.id!);
      posts.push(postActivity(front.url, activity));
      // The input itself, not a wait: a person sending twenty messages 10 ms apart, each sent after the one before.
      await new Promise((r) => setTimeout(r, i === 0 ? 50 : 10));
    }
    const statuses = (await Promise.all(posts)).map((r) => r.status);
    expect(statuses).toEqual(sent.map(() => 200));

    const replies = connector.repliesIn('conv-burst').slice(before);
    const order = replies.map((r) => r.replyToId).filter((id, i, all) => all.indexOf(id) === i);
    expect(order).toEqual(sent); // every message answered, in the order sent
    const runs = replies.map((r) => r.replyToId).filter((id, i, all) => i === 0 || all[i - 1] !== id);
    expect(runs).toEqual(sent); // one turn's replies are never interleaved with another's
    for (const id of sent) {
      // each turn said the same whole thing: the help text and the menu again, nothing lost or doubled
      expect(replies.filter((r) => r.replyToId === id).map((r) => r.text)).toEqual([t('common:help'), t('common:menu.prompt')]);
    }
    expect(new Set(front.chosen.slice(-20)).size).toBe(3); // the messages really went to all three instances
    expect(logs()).not.toMatch(/eTag conflict|turn failed/);
  }, 90000);

  it('goes on with an intake at another instance after kill -9, also of the instance in the middle of a turn', async () => {
    const omar = new Newcomer(front.url, connector, 'conv-kill');
    await omar.startAndConsent('nl');
    await omar.say(t('common:menu.intake'));
    await omar.hears(t('intake:fields.firstName.prompt'));
    await omar.say('Omar');
    await omar.hears(t('intake:fields.residenceStatus.prompt'));

    // The instance that answered last dies between two turns.
    const first = bots[front.chosen.at(-1)!];
    first.kill('SIGKILL');
    await first.exited; // gone, not dying: a request to a dying process is a 502, which is not this scenario
    await omar.say(t('intake:fields.residenceStatus.options.statushouder'));
    await omar.hears(t('intake:fields.municipality.prompt'));

    // Another dies in the middle of a turn: its reply is still on the way, its lease still held.
    connector.delayMs = 2000;
    const inFlight = postActivity(front.url, emulatorMessage(connector.url, 'Utrecht', { conversation: { id: 'conv-kill' }, from: { id: 'user-conv-kill', name: 'Omar', role: 'user' } }));
    await waitFor(async () => (await person('user-conv-kill'))?.intake?.answers.municipality !== undefined, 'the turn saving its state', 10000);
    const victim = front.chosen.at(-1)!;
    bots[victim].kill('SIGKILL');
    await bots[victim].exited;
    expect((await inFlight).status).toBe(502); // the front lost that request with the instance
    connector.delayMs = 0;

    // The next message reaches the last instance, which waits out the dead lease and continues.
    await omar.say('B1');
    await omar.hears(t('intake:fields.englishLevel.prompt'));
    const record = await person('user-conv-kill');
    expect(record?.intake?.answers).toMatchObject({ firstName: 'Omar', residenceStatus: 'statushouder', municipality: 'Utrecht', dutchLevel: 'B1' });
    expect(bots.filter((b) => b.child.exitCode === null && b.child.signalCode === null)).toHaveLength(1);
  }, 90000);

  it('rides out Redis being stopped for 5 s: not ready, "try again" meanwhile, then the conversation and the queue go on with nothing lost', async () => {
    const sara = new Newcomer(front.url, connector, 'conv-outage-intake');
    const yusuf = new Newcomer(front.url, connector, 'conv-outage-queue');
    await sara.startAndConsent('nl');
    await sara.say(t('common:menu.intake'));
    await sara.hears(t('intake:fields.firstName.prompt'));
    await yusuf.startAndConsent('nl');
    await yusuf.say(t('common:menu.mentor'));
    await yusuf.hears(t('handoff:howToWait'));
    await yusuf.say('Is er al iemand?');
    await yusuf.hears(t('handoff:messageKept'));

    await redisServer.stop();
    const stoppedAt = Date.now();
    for (const bot of bots) {
      await waitFor(async () => (await fetch(`${bot.url}/readyz`)).status === 503, 'the instance saying it is not ready', 10000);
    }
    const tryAgainBefore = connector.repliesIn('conv-outage-intake').filter((r) => r.text === t('errors.tryAgain')).length;
    await sara.say('Sara');
    await waitFor(
      () => connector.repliesIn('conv-outage-intake').filter((r) => r.text === t('errors.tryAgain')).length > tryAgainBefore,
      'the person being told to try again',
      15000,
    );
    // The scenario, not a wait: Redis stays away for 5 s in all.
    await new Promise((r) => setTimeout(r, Math.max(0, 5000 - (Date.now() - stoppedAt))));
    await redisServer.start();
    for (const bot of bots) {
      await waitFor(async () => (await fetch(`${bot.url}/readyz`)).status === 200, 'the instance ready again by itself', 20000);
    }
    expect(bots.every((b) => b.child.exitCode === null)).toBe(true); // nothing crashed

    await sara.say('Sara');
    await sara.hears(t('intake:fields.residenceStatus.prompt'));
    expect((await person('user-conv-outage-intake'))?.intake?.answers.firstName).toBe('Sara');

    const queue = new RedisHandoffQueue(redis, { prefix: PREFIX, endedTtlSeconds: 0, digest: appDigest(PREFIX) });
    const waiting = await waitFor(async () => (await queue.waiting()).find((h) => h.person.userId === 'user-conv-outage-queue'), "Yusuf's place in the queue");
    expect(waiting.messages.map((m) => m.text)).toEqual(['Is er al iemand?']);
    // The transcript kept what was said before the outage and goes on after it.
    const transcript = await new RedisTranscriptStore(redis, PREFIX, 3600, appDigest(PREFIX)).getTranscriptActivities('emulator', 'conv-outage-intake');
    const said = transcript.items.map((a) => a.text);
    expect(said.indexOf(t('common:menu.intake'))).toBeGreaterThanOrEqual(0);
    expect(said.indexOf(t('intake:fields.residenceStatus.prompt'))).toBeGreaterThan(said.indexOf(t('common:menu.intake')));
  }, 120000);
});
