import { Redis } from 'ioredis';
import { startRedisServer, TestRedisServer } from '../support/redisServer';
import { startTestApp } from '../support/testApp';
import { FakeConnector } from '../support/fakeConnector';
import { Newcomer } from '../support/newcomer';
import { translator } from '../support/chatDriver';
import { MemoryTimedJobs } from '../../src/jobs/timedJobs';

/**
 * What one FAQ turn costs Redis, counted on a redis-server of the test's own: commands from INFO
 * commandstats (those inside scripts count too) and round trips from INFO stats' total_reads_processed
 * (one read per batch a client sends; nothing else talks to this server during the turn). Both are
 * counts, not timings: a change that adds a command or a round trip to every turn fails here.
 * See bench/README.md ("Load") for what each command is.
 */
const BUDGET = { commands: 18, roundTrips: 4 };

async function counters(redis: Redis) {
  const stats = await redis.info('commandstats');
  const commands = [...stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].reduce((sum, [, , calls]) => sum + Number(calls), 0);
  const reads = Number(/total_reads_processed:(\d+)/.exec(await redis.info('stats'))![1]);
  return { commands, reads };
}

describe('a lean FAQ turn', () => {
  let server: TestRedisServer;
  let redis: Redis;
  let connector: FakeConnector;
  let bot: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
    connector = await new FakeConnector().start();
    // Timed jobs in memory: their queue would talk to this server on its own clock, in the middle of a turn.
    bot = await startTestApp({ REDIS_URL: server.url, REDIS_KEY_PREFIX: 'lean:' }, { timedJobs: new MemoryTimedJobs() });
  });

  afterAll(async () => {
    await bot?.stop();
    await connector?.stop();
    redis?.disconnect();
    await server?.dispose();
  });

  it(`answers a FAQ question with at most ${BUDGET.commands} Redis commands in at most ${BUDGET.roundTrips} round trips`, async () => {
    const amina = new Newcomer(bot.url, connector, 'lean-1');
    await amina.startAndConsent('nl');
    await amina.say('wat is vit precies'); // the first question: the upkeep of every index is done here
    await amina.hears(translator().t('nl', 'common:menu.prompt'));
    const repliesBefore = connector.repliesIn('lean-1').length;

    // Two turns, the smaller count of each: a sweep of the handoff queue (every 30 s) landing in one turn is not the turn's.
    const counted: Array<{ commands: number; roundTrips: number }> = [];
    for (const question of ['mag ik mee doen ik heb status sinds 2022', 'wat is vit precies']) {
      await redis.config('RESETSTAT');
      const before = await counters(redis);
      await amina.say(question); // answered when the POST is
      const after = await counters(redis);
      // Less the counting's own commands (one INFO commandstats, one INFO stats before; one INFO commandstats after).
      counted.push({ commands: after.commands - before.commands - 2, roundTrips: after.reads - before.reads - 2 });
    }
    expect(connector.repliesIn('lean-1').length).toBeGreaterThan(repliesBefore + 2);
    const commands = Math.min(...counted.map((c) => c.commands));
    const roundTrips = Math.min(...counted.map((c) => c.roundTrips));
    expect({ commands: Math.min(commands, BUDGET.commands), roundTrips: Math.min(roundTrips, BUDGET.roundTrips) }).toEqual({ commands, roundTrips });
  });
});
