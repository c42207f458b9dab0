import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { BullMqTimedJobs, TIMED_QUEUE } from '../../src/jobs/bullMqTimedJobs';
import { RedisReminderStore } from '../../src/reminders/reminderStore';
import { Reminders, ReminderCrashPoint } from '../../src/reminders/reminders';
import { WhatsAppAdapter } from '../../src/channels/whatsapp/whatsAppAdapter';
import type { ConversationRef } from '../../src/domain/handoff';
import { createLogger } from '../../src/logger';
import { startBotProcess, BotProcess } from '../support/botProcess';
import { startRedisServer, TestRedisServer } from '../support/redisServer';
import { FakeGraph, deliver, metaWebhook, textMessage, whatsAppEnv } from '../support/fakeGraph';
import { waitFor } from '../support/consoleClient';
import { appDigest, keyspace, namesAnyOf } from '../support/testRedis';
import { translator } from '../support/chatDriver';

const PREFIX = 'remind:';
const N = 6;
const LINK = 'https://teams.microsoft.com/l/meetup-join/once';

/**
 * Two real bot processes (`dist/src/index.js`) on one real redis-server. Instance A runs the due
 * reminders one at a time and is killed (SIGKILL, by the test-only crash hook) at an exact point of
 * the third; instance B, started after, takes over what A left (A's job lock runs out, B's stalled
 * check puts the job back). The fake Graph API counts what each person got: every reminder exactly once.
 */
describe('reminders across instances, one killed with due jobs', () => {
  let redisServer: TestRedisServer;
  let redis: Redis;
  let graph: FakeGraph;
  const running: BotProcess[] = [];

  beforeAll(async () => {
    redisServer = await startRedisServer({ appendOnly: true });
    redis = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
    graph = await new FakeGraph().start();
  }, 30000);

  // Each case starts with no instance: one left running would take the next case's jobs.
  afterEach(async () => {
    for (const bot of running) bot.kill('SIGKILL');
    await Promise.all(running.splice(0).map((b) => b.exited));
  });

  afterAll(async () => {
    await graph?.stop();
    redis?.disconnect();
    await redisServer?.dispose();
  });

  async function start(extra: Record<string, string> = {}): Promise<BotProcess> {
    const bot = await startBotProcess({
      NODE_ENV: 'test',
      REDIS_URL: redisServer.url,
      REDIS_KEY_PREFIX: PREFIX,
      LOG_LEVEL: 'warn',
      JOBS_LOCK_MS: '1000',
      JOBS_CONCURRENCY: '1',
      WHATSAPP_INBOX_SWEEP_MS: '200',
      WHATSAPP_INBOX_IDLE_MS: '300',
      ...whatsAppEnv(graph),
      ...extra,
    });
    running.push(bot);
    await waitFor(async () => (await fetch(`${bot.url}/readyz`).catch(() => undefined))?.status === 200, 'the bot being ready', 45000);
    return bot;
  }

  /** What the booking does: plan a reminder for the person, from this (third) process, over the same Redis. */
  function planner() {
    const jobs = new BullMqTimedJobs({ url: redisServer.url, keyPrefix: PREFIX, lockMs: 1000, logger: createLogger('silent') });
    const reminders = new Reminders({
      jobs,
      store: new RedisReminderStore(redis, PREFIX, 86_400_000),
      messenger: { send: () => Promise.reject(new Error('the planner sends nothing')) },
      translator: translator(),
      digest: appDigest(PREFIX),
      logger: createLogger('silent'),
    });
    return { jobs, reminders };
  }

  const reminderText = (i: number) => translator().t('nl', 'reminders:talk.hour', { when: `slot ${i}`, link: LINK });
  const received = (phone: string, i: number) => graph.sent().filter((m) => m.to === phone && m.text?.body === reminderText(i)).length;

  it.each<[ReminderCrashPoint]>([['reminder-taken'], ['reminder-sent']])(
    'killed at %s of the third reminder: the other instance sends each reminder exactly once',
    async (point) => {
      const run = point === 'reminder-taken' ? 'a' : 'b';
      const phones = Array.from({ length: N }, (_, i) => `3162${run === 'a' ? 1 : 2}${String(i).padStart(6, '0')}`);
      const a = await start({ VIT_TEST_CRASH_AT: point, VIT_TEST_CRASH_ON: `once-${run}-2` });
      // Each person wrote once: their WhatsApp address is known and the window is open.
      for (const phone of phones) expect((await deliver(a.url, metaWebhook(textMessage('hoi'), phone))).status).toBe(200);
      await waitFor(async () => (await redis.xlen(`${PREFIX}wa:inbox`)) === 0 && phones.every((p) => graph.sent().some((m) => m.to === p)), 'the greetings answered');

      const { jobs, reminders } = planner();
      const soon = Date.now() + 1500;
      for (const [i, phone] of phones.entries()) {
        const userId = `NL.${phone}`;
        const person = { channelId: 'whatsapp', userId, conversation: WhatsAppAdapter.reference(userId) as unknown as ConversationRef, language: 'nl' as const };
        expect(await reminders.remindAt(person, `once-${run}-${i}`, new Date(soon + i * 200), 'reminders:talk.hour', { when: `slot ${i}`, link: LINK })).toBe(true);
      }
      // The queue holds no one: job payloads name people by their keyed digest only.
      const queued = (await keyspace(redis, `${PREFIX}{jobs}`)).map(([k, v]) => `${k} ${v}`).join('\n');
      expect(queued).toContain('once-');
      expect(namesAnyOf(queued, phones)).toBe(false);

      expect(await a.exited).toBeNull(); // killed by its signal at the third reminder
      expect(received(phones[0], 0) + received(phones[1], 1)).toBe(2); // the two before it went out
      await start();
      await waitFor(() => phones.every((p, i) => received(p, i) >= 1), 'every reminder sent', 60000);
      // Settled: no job waits, runs or is due any more (the third one was taken over and ended too).
      const watch = new Queue(TIMED_QUEUE, { connection: { url: redisServer.url }, prefix: `${PREFIX}{jobs}` });
      await waitFor(async () => {
        const counts = await watch.getJobCounts('wait', 'active', 'delayed', 'prioritized');
        return counts.wait + counts.active + counts.delayed + counts.prioritized === 0;
      }, 'every reminder job finished', 30000);
      await watch.close();
      await jobs.close();
      expect(phones.map((p, i) => received(p, i))).toEqual(phones.map(() => 1));
    },
    180000,
  );
});
