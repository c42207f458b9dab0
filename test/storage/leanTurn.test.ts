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
/** A turn with one reply: no confirmation between two replies, so one round trip fewer. */
const ONE_REPLY = { commands: 17, roundTrips: 3 };

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

  /** Redis's counts for one turn of `who` saying `text`, and how many replies it got. */
  async function countTurn(who: Newcomer, conversation: string, text: string) {
    const repliesBefore = connector.repliesIn(conversation).length;
    await redis.config('RESETSTAT');
    const before = await counters(redis);
    await who.say(text); // answered when the POST is
    const after = await counters(redis);
    // Less the counting's own commands (one INFO commandstats, one INFO stats before; one INFO commandstats after).
    return { commands: after.commands - before.commands - 2, roundTrips: after.reads - before.reads - 2, replies: connector.repliesIn(conversation).length - repliesBefore };
  }

  it(`answers a FAQ question with at most ${BUDGET.commands} Redis commands in at most ${BUDGET.roundTrips} round trips`, async () => {
    const amina = new Newcomer(bot.url, connector, 'lean-1');
    await amina.startAndConsent('nl');
    await amina.say('wat is vit precies'); // the first question: the upkeep of every index is done here
    await amina.hears(translator().t('nl', 'common:menu.prompt'));

    // Two turns, the smaller count of each: a sweep of the handoff queue (every 30 s) landing in one turn is not the turn's.
    const counted = [await countTurn(amina, 'lean-1', 'mag ik mee doen ik heb status sinds 2022'), await countTurn(amina, 'lean-1', 'wat is vit precies')];
    expect(counted.map((c) => c.replies)).toEqual([2, 2]); // the answer and the menu
    const commands = Math.min(...counted.map((c) => c.commands));
    const roundTrips = Math.min(...counted.map((c) => c.roundTrips));
    expect({ commands: Math.min(commands, BUDGET.commands), roundTrips: Math.min(roundTrips, BUDGET.roundTrips) }).toEqual({ commands, roundTrips });
  });

  it(`answers a turn with a single reply (as every turn on WhatsApp and Teams, where replies are merged) in at most ${ONE_REPLY.roundTrips} round trips`, async () => {
    const daan = new Newcomer(bot.url, connector, 'lean-2');
    await daan.startAndConsent('nl');
    await daan.say('wat is vit precies');
    await daan.hears(translator().t('nl', 'common:menu.prompt'));

    const counted = [await countTurn(daan, 'lean-2', 'menu'), await countTurn(daan, 'lean-2', 'menu')];
    expect(counted.map((c) => c.replies)).toEqual([1, 1]);
    const commands = Math.min(...counted.map((c) => c.commands));
    const roundTrips = Math.min(...counted.map((c) => c.roundTrips));
    expect({ commands: Math.min(commands, ONE_REPLY.commands), roundTrips: Math.min(roundTrips, ONE_REPLY.roundTrips) }).toEqual({ commands, roundTrips });
  });
});
