import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { PROJECT_ROOT } from '../src/projectRoot';
import { SUPPORTED_LANGUAGES } from '../src/i18n/languages';
import { createTranslator } from '../src/i18n/translator';
import { RedisAccountStore } from '../src/accounts/accountStore';
import { hashPassword } from '../src/accounts/passwords';
import { idDigestFor } from '../src/storage/idDigest';
import { startRedisServer } from '../support/redisServer';
import { CapacityConnector } from './capacity/capacityConnector';
import { CapacityMix, NewcomerPlan } from './capacity/capacityMix';
import { commandsBetween, keyKinds, redisSnapshot, RedisSnapshot } from './capacity/redisFigures';
import { startSystem, SystemProcess } from './load/systemProcess';
import { CAPACITY_RESULTS, CapacityResults } from '../support/capacityModel';

/**
 * Capacity benchmark: measures what one newcomer costs, for the capacity model in docs/capacity.md.
 * Plays a realistic mix of newcomers (see CapacityMix: intake, FAQ, a quarter of those with an intake
 * asking for a mentor, whom a mentor answers in the console, moves on their journey and closes with)
 * against the real bot (dist/src/index.js) on a redis-server of its own (AOF everysec), a few at once,
 * and measures over the measured newcomers (after a warm-up): the bot's CPU per turn (/proc of the
 * child), Redis commands, bytes in and out and redis-server CPU per turn (INFO), Redis memory and keys
 * per person (used_memory and every key's MEMORY USAGE by kind, with its expiry), handoff events per
 * handoff (pub/sub messages seen by a subscriber of the bench's own) and the bot's RSS.
 * Writes bench/results/capacity.json; `npm run docs:capacity` then writes the figures into docs/capacity.md.
 * Run: npm run bench:capacity [-- --people 600 --warmup 60 --concurrency 20 --faq-turns 9 --out FILE]
 */

const PREFIX = 'cap:';
const PASSWORD = 'capacity bench password';
const MENTORS = 3;

interface Options {
  people: number;
  warmup: number;
  concurrency: number;
  faqTurns: number;
  out: string;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string, fallback: number) => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number above 0 (got ${raw})`);
    return n;
  };
  return {
    people: number('people', 600),
    warmup: number('warmup', 60),
    concurrency: number('concurrency', 20),
    faqTurns: number('faq-turns', 9),
    out: value('out') ?? CAPACITY_RESULTS,
  };
}

/** The bot process's CPU time so far (user and system), in milliseconds, from /proc/<pid>/stat. */
function processCpuMs(pid: number, ticksPerSecond: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** Counts of what the bench did, so per-turn and per-person figures have their denominators. */
interface Tally {
  people: number;
  turns: number;
  handoffs: number;
  fullIntakes: number;
  consoleRequests: number;
  mentorMessages: number;
  journeyMoves: number;
  journeyRefusals: number;
  httpErrors: number;
}

const emptyTally = (): Tally => ({ people: 0, turns: 0, handoffs: 0, fullIntakes: 0, consoleRequests: 0, mentorMessages: 0, journeyMoves: 0, journeyRefusals: 0, httpErrors: 0 });

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const translator = createTranslator();
  const mix = new CapacityMix(translator, options.faqTurns);
  const errorTexts = SUPPORTED_LANGUAGES.map((lng) => JSON.stringify(translator.t(lng, 'errors.tryAgain')).slice(1, -1));
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'vit-capacity-'));
  const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const redisServer = await startRedisServer({ appendOnly: true, fsync: 'everysec' });
  const redis = new Redis(redisServer.url);
  const subscriber = new Redis(redisServer.url);
  const connector = await new CapacityConnector(errorTexts).start();
  let bot: SystemProcess | undefined;
  say(`capacity benchmark: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; bot log in ${logDir}`);
  try {
    // Mentors' accounts, written where the bot reads them (the same prefix and digest).
    const accounts = new RedisAccountStore(redis, PREFIX, idDigestFor({ REDIS_KEY_PREFIX: PREFIX }));
    const passwordHash = await hashPassword(PASSWORD);
    for (let i = 0; i < MENTORS; i++) {
      await accounts.create({ username: `mentor${i}`, firstName: `Mentor${i}`, role: 'mentor', languages: [...SUPPORTED_LANGUAGES], passwordHash, disabled: false }, new Date());
    }
    bot = await startSystem({
      script: path.join(PROJECT_ROOT, 'dist/src/index.js'),
      nodeFlags: [],
      env: { REDIS_URL: redisServer.url, REDIS_KEY_PREFIX: PREFIX, LOG_LEVEL: 'warn', CONSOLE_REQUIRE_2FA: 'none' },
      logFile: path.join(logDir, 'bot.log'),
    });
    const mentors = await Promise.all(Array.from({ length: MENTORS }, (_, i) => new Console(bot!.url).login(`mentor${i}`)));

    // Pub/sub messages by channel, seen by a subscriber of the bench's own (its bytes are taken out of the output figure).
    const published = new Map<string, number>();
    let subscriberBytes = 0;
    await subscriber.psubscribe('*');
    subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => {
      published.set(channel, (published.get(channel) ?? 0) + 1);
      // RESP of a pmessage: the array header, "pmessage", the pattern, the channel and the payload, each with its length line.
      subscriberBytes += 40 + Buffer.byteLength(channel) + Buffer.byteLength(message);
    });

    const runPeople = async (from: number, count: number, tally: Tally) => {
      let next = from;
      const worker = async () => {
        while (next < from + count) {
          const n = next++;
          await playNewcomer(n, mix.plan(n), tally);
        }
      };
      const mentorWork = mentors.map((mentor) => mentorLoop(mentor, tally));
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      stopMentors = true;
      await Promise.all(mentorWork);
      stopMentors = false;
    };

    let stopMentors = false;
    const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency + MENTORS });
    const playNewcomer = async (n: number, plan: NewcomerPlan, tally: Tally) => {
      const conversationId = `cap-c${n}`;
      const userId = `cap-u${n}`;
      let i = 0;
      const send = async (step: NewcomerPlan['steps'][number]) => {
        const status = await postActivity(agent, bot!.url, activity(connector.url, conversationId, userId, plan.locale, i++, step));
        tally.turns++;
        if (status !== 200) tally.httpErrors++;
      };
      for (const step of plan.steps) await send(step);
      tally.people++;
      if (plan.fullIntake) tally.fullIntakes++;
      if (plan.handoff) {
        tally.handoffs++;
        await send({ kind: 'say', text: plan.handoff.ask });
        handoffsWaiting++;
        for (const text of plan.handoff.messages) await send({ kind: 'say', text });
      }
    };

    let handoffsWaiting = 0;
    const mentorLoop = async (mentor: Console, tally: Tally) => {
      for (;;) {
        if (stopMentors && handoffsWaiting <= 0) return;
        if (handoffsWaiting <= 0) {
          // The console learns of a new handoff by its event stream; the bench by its own count, without asking the server.
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        const list = (await mentor.get('/console/api/handoffs', tally)) as { waiting: Array<{ id: string }> };
        const waiting = list.waiting ?? [];
        if (waiting.length === 0) {
          await new Promise((r) => setTimeout(r, 50)); // the handoff is asked for but not in the list yet
          continue;
        }
        const id = waiting[Math.floor(Math.random() * waiting.length)].id;
        const claim = await mentor.post(`/console/api/handoffs/${id}/claim`, {}, tally);
        if (claim.status !== 200) continue; // another mentor took them
        handoffsWaiting--;
        await mentor.get(`/console/api/handoffs/${id}`, tally);
        for (const text of ['Hallo! Fijn dat je schrijft. Ik help je graag verder.', 'Kun je volgende week dinsdag om 10 uur bellen?']) {
          const sent = await mentor.post(`/console/api/handoffs/${id}/messages`, { text }, tally);
          if (sent.status === 200) tally.mentorMessages++;
          else tally.httpErrors++;
        }
        await mentor.post(`/console/api/handoffs/${id}/read`, { count: 10 }, tally);
        const moved = await mentor.post(`/console/api/handoffs/${id}/journey/moves`, { to: 'motivation', reason: 'Gesprek in de chat gehad' }, tally);
        if (moved.status === 200) tally.journeyMoves++;
        else tally.journeyRefusals++;
        const closed = await mentor.post(`/console/api/handoffs/${id}/close`, { outcome: 'helped' }, tally);
        if (closed.status !== 200) tally.httpErrors++;
      }
    };

    say(`warm-up: ${options.warmup} newcomers…`);
    const warm = emptyTally();
    await runPeople(0, options.warmup, warm);

    await redis.config('RESETSTAT');
    published.clear();
    subscriberBytes = 0;
    const before: RedisSnapshot = await redisSnapshot(redis);
    const cpuBefore = processCpuMs(bot.pid, ticks);
    const errorsBefore = connector.errorReplies;
    const started = Date.now();
    say(`measured: ${options.people} newcomers, ${options.concurrency} at once…`);
    const tally = emptyTally();
    await runPeople(options.warmup, options.people, tally);
    const seconds = (Date.now() - started) / 1000;
    const cpuMs = processCpuMs(bot.pid, ticks) - cpuBefore;
    const after = await redisSnapshot(redis);
    const memory = await bot.memory();
    const kinds = await keyKinds(redis, PREFIX);

    const commands = commandsBetween(before, after);
    const totalCommands = [...commands.values()].reduce((a, b) => a + b, 0);
    const handoffChannel = [...published.entries()].sort((a, b) => b[1] - a[1]).find(([channel]) => /handoff/i.test(channel));
    const everyone = options.warmup + options.people;
    const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
    const results: CapacityResults = {
      date: new Date().toISOString().slice(0, 10),
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model.trim() ?? 'unknown', node: process.version, redis: String(execFileSync('redis-server', ['--version'], { encoding: 'utf8' })).split(' ')[2]?.replace('v=', '') ?? 'unknown', loadAverage: round(os.loadavg()[0]) },
      commit: gitCommit(),
      options: { people: options.people, warmup: options.warmup, concurrency: options.concurrency, faqTurns: options.faqTurns, mentors: MENTORS },
      measured: { ...tally, seconds: round(seconds, 1), errorReplies: connector.errorReplies - errorsBefore },
      perTurn: {
        botCpuMs: round(cpuMs / tally.turns),
        redisCpuMs: round(((after.cpuSeconds - before.cpuSeconds) * 1000) / tally.turns, 3),
        redisCommands: round(totalCommands / tally.turns, 1),
        redisBytesIn: Math.round((after.netInputBytes - before.netInputBytes) / tally.turns),
        redisBytesOut: Math.round((after.netOutputBytes - before.netOutputBytes - subscriberBytes) / tally.turns),
      },
      topCommands: [...commands.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, calls]) => ({ name, perTurn: round(calls / tally.turns, 2) })),
      perPerson: {
        turns: round(tally.turns / tally.people, 1),
        redisMemoryBytes: Math.round((after.usedMemory - before.usedMemory) / tally.people),
        keys: round((after.keys - before.keys) / tally.people, 1),
      },
      keyKinds: kinds.map((k) => ({ kind: k.kind, keysPerPerson: round(k.keys / everyone, 2), bytesPerPerson: Math.round(k.bytes / everyone), ttlDays: k.ttlDays })),
      handoffs: { count: tally.handoffs, eventsPerHandoff: round((handoffChannel?.[1] ?? 0) / Math.max(1, tally.handoffs), 1), mentorMessagesPerHandoff: round(tally.mentorMessages / Math.max(1, tally.handoffs), 1), publishesPerTurn: round((commands.get('publish') ?? 0) / tally.turns, 2) },
      bot: { rssMiB: round(memory.rss / 1048576, 1), heapUsedMiB: round(memory.heapUsed / 1048576, 1), turnsPerSecond: round(tally.turns / seconds, 1) },
    };
    mkdirSync(path.dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
    say(JSON.stringify(results, null, 2));
    say(`written to ${options.out}; now npm run docs:capacity`);
    agent.destroy();
  } finally {
    await bot?.stop();
    await connector.stop();
    subscriber.disconnect();
    redis.disconnect();
    await redisServer.dispose();
  }
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'dialogs'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return 'unknown';
  }
}

/** A signed-in console user (mentor) on the JSON API, the way the browser talks to it. */
class Console {
  private cookie = '';
  private csrf = '';
  constructor(private readonly url: string) {}

  async login(username: string): Promise<this> {
    const response = await fetch(`${this.url}/console/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (!response.ok) throw new Error(`login of ${username}: ${response.status} ${await response.text()}`);
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    this.csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
    return this;
  }

  async get(pathname: string, tally: Tally): Promise<unknown> {
    tally.consoleRequests++;
    const response = await fetch(`${this.url}${pathname}`, { headers: { Cookie: this.cookie } });
    if (!response.ok) tally.httpErrors++;
    return response.json();
  }

  async post(pathname: string, body: unknown, tally: Tally): Promise<{ status: number }> {
    tally.consoleRequests++;
    const response = await fetch(`${this.url}${pathname}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: this.cookie, 'X-CSRF-Token': this.csrf }, body: JSON.stringify(body) });
    await response.arrayBuffer();
    return { status: response.status };
  }
}

function postActivity(agent: http.Agent, botUrl: string, activityBody: Record<string, unknown>): Promise<number> {
  const body = JSON.stringify(activityBody);
  return new Promise((resolve, reject) => {
    const req = http.request(`${botUrl}/api/messages`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.end(body);
  });
}

function activity(serviceUrl: string, conversationId: string, userId: string, locale: string, i: number, step: NewcomerPlan['steps'][number]): Record<string, unknown> {
  const base = {
    id: `${conversationId}-${i}`,
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    serviceUrl,
    from: { id: userId, name: 'Newcomer', role: 'user' },
    recipient: { id: 'bot', name: 'VIT Wegwijzer', role: 'bot' },
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal' },
    locale,
  };
  if (step.kind === 'join') return { ...base, type: 'conversationUpdate', membersAdded: [{ id: 'bot' }, { id: userId }] };
  return { ...base, type: 'message', text: step.text };
}

main().catch((error: Error) => {
  process.stderr.write(`capacity benchmark failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
