import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { PROJECT_ROOT } from '../src/projectRoot';
import { SUPPORTED_LANGUAGES } from '../src/i18n/languages';
import { createTranslator } from '../src/i18n/translator';
import { startRedisServer, TestRedisServer } from '../support/redisServer';
import { startRedisCluster, TestRedisCluster } from '../support/redisCluster';
import { LeanConnector } from './load/leanConnector';
import { runLoad } from './load/loadRun';
import { growth, LABELS, medianRuns, MemoryReport, MemorySample, memoryWindows, printReport, RunReport, SYSTEMS, SystemName, targets } from './load/loadReport';
import { NewcomerScripts } from './load/newcomerScript';
import { startSystem, SystemProcess } from './load/systemProcess';

/**
 * Load benchmark of the Bot Framework path: many newcomers at once, each its own conversation,
 * walking the real conversation (hallo, language, consent, intake questions, FAQ questions, menu)
 * over HTTP in Emulator mode, replies received by a lean fake connector on loopback. The same load
 * runs against three servers, each a child process of its own, one at a time:
 *   bare  a restify server doing the same HTTP round trip with no bot (bench/reference/bareRestify.ts)
 *   echo  Microsoft's echo sample on CloudAdapter (bench/reference/echoBot.ts)
 *   echo2 the same sample sending two activities per turn (ECHO_REPLIES=2), as the bot does on the Emulator
 *   bot   VIT Wegwijzer itself (dist/src/index.js) on a redis-server of its own (AOF everysec)
 *   bot-cluster  the same with REDIS_CLUSTER=true on a Redis Cluster of 3 masters on this machine (AOF everysec, no replicas)
 * Run: npm run bench:load [-- --concurrency 200,50 --turns 20000 --warmup 2000 --memory-turns 100000
 *      --only bot,bot-cluster,echo,echo2,bare --repeat 3 --json --cpu-prof DIR --trace --node-flags "--max-semi-space-size=32"]
 */

const SCRIPTS: Record<SystemName, string> = {
  bare: 'dist/bench/reference/bareRestify.js',
  echo: 'dist/bench/reference/echoBot.js',
  echo2: 'dist/bench/reference/echoBot.js',
  bot: 'dist/src/index.js',
  'bot-cluster': 'dist/src/index.js',
};

interface Options {
  concurrency: number[];
  turns: number;
  warmup: number;
  memoryTurns: number;
  sampleEvery: number;
  only: SystemName[];
  json: boolean;
  cpuProf?: string;
  timeoutMs: number;
  turnsPerNewcomer: number;
  trace: boolean;
  /** Extra Node flags for every server under test (e.g. GC settings to try). */
  nodeFlags: string[];
  /** Each system runs this many times, interleaved; the table shows the median run. */
  repeat: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string, fallback: number) => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number (got ${raw})`);
    return n;
  };
  const only = (value('only') ?? SYSTEMS.join(',')).split(',').filter(Boolean);
  for (const s of only) if (!(SYSTEMS as readonly string[]).includes(s)) throw new Error(`--only takes ${SYSTEMS.join(', ')} (got ${s})`);
  const concurrency = (value('concurrency') ?? '200,50').split(',').map(Number);
  if (concurrency.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('--concurrency takes whole numbers, e.g. 200 or 200,50');
  return {
    concurrency,
    turns: number('turns', 20_000),
    warmup: number('warmup', 2_000),
    memoryTurns: number('memory-turns', 100_000),
    sampleEvery: number('sample-every', 1_000),
    only: SYSTEMS.filter((s) => only.includes(s)),
    json: argv.includes('--json'),
    cpuProf: value('cpu-prof'),
    timeoutMs: number('timeout-ms', 10_000),
    turnsPerNewcomer: number('turns-per-newcomer', 16),
    trace: argv.includes('--trace'),
    nodeFlags: (value('node-flags') ?? '').split(' ').filter(Boolean),
    repeat: Math.max(1, number('repeat', 1)),
  };
}

const MiB = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const say = (line: string) => (options.json ? process.stderr : process.stdout).write(`${line}\n`);
  const translator = createTranslator();
  const errorTexts = [
    ...SUPPORTED_LANGUAGES.map((lng) => JSON.stringify(translator.t(lng, 'errors.tryAgain')).slice(1, -1)),
    'The bot encountered an error or bug.', // the echo sample's error reply
  ];
  const scripts = new NewcomerScripts(translator, options.turnsPerNewcomer);
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'vit-loadbench-'));
  if (options.cpuProf) mkdirSync(options.cpuProf, { recursive: true });
  const connector = await new LeanConnector(errorTexts).start();
  let redisServer: TestRedisServer | undefined;
  let redis: Redis | undefined;
  if (options.only.includes('bot')) {
    redisServer = await startRedisServer({ appendOnly: true, fsync: 'everysec' });
    redis = new Redis(redisServer.url);
  }
  let cluster: TestRedisCluster | undefined;
  if (options.only.includes('bot-cluster')) cluster = await startRedisCluster({ masters: 3, replicas: 0, appendOnly: true });
  say(`load benchmark: ${os.cpus().length} cores, Node ${process.version}; server logs in ${logDir}`);

  const logFileOf = (label: string) => path.join(logDir, `${label}.log`);
  const start = async (system: SystemName, label: string, extraFlags: string[] = []): Promise<SystemProcess> => {
    const profile = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProf}`, `--cpu-prof-name=${label}.cpuprofile`] : [];
    const env: Record<string, string> = system === 'bot' ? { REDIS_URL: redisServer!.url, REDIS_KEY_PREFIX: 'bench:', LOG_LEVEL: 'info' } : {};
    if (system === 'echo2') env.ECHO_REPLIES = '2';
    if (system === 'bot') await redis!.flushall();
    if (system === 'bot-cluster') {
      env.REDIS_URL = cluster!.url;
      env.REDIS_CLUSTER = 'true';
      env.REDIS_KEY_PREFIX = 'bench:';
      env.LOG_LEVEL = 'info';
      for (const port of cluster!.ports) {
        const node = new Redis(port, '127.0.0.1');
        await node.flushall();
        node.disconnect();
      }
    }
    return startSystem({ script: path.join(PROJECT_ROOT, SCRIPTS[system]), nodeFlags: [...options.nodeFlags, ...extraFlags, ...profile], env, logFile: logFileOf(label) });
  };

  const reports: RunReport[] = [];
  let memory: MemoryReport | undefined;
  try {
    const runOnce = async (system: SystemName, concurrency: number, label: string) => {
      const server = await start(system, label);
      if (system === 'bot') await redis!.config('RESETSTAT');
      const redisCpuBefore = system === 'bot' ? redisCpuSeconds(await redis!.info('cpu')) : 0;
      const redisReadsBefore = system === 'bot' ? redisReads(await redis!.info('stats')) : 0;
      const redisBytesBefore = system === 'bot' ? redisInputBytes(await redis!.info('stats')) : 0;
      const cpuBefore = processCpuSeconds(server.pid);
      try {
        say(`${LABELS[system]}: ${concurrency} newcomers at once, ${options.warmup} warm-up + ${options.turns} measured turns…`);
        const result = await runLoad({
          botUrl: server.url,
          connector,
          scripts,
          concurrency,
          warmup: options.warmup,
          turns: options.turns,
          timeoutMs: options.timeoutMs,
          runId: label,
          trace: options.trace && system === 'bot' && !reports.some((r) => r.system === 'bot') ? say : undefined,
        });
        const serverCpu = processCpuSeconds(server.pid) - cpuBefore;
        const cpuMsPerTurn = Math.round((100_000 * serverCpu) / (options.warmup + options.turns)) / 100;
        const mem = await server.memory();
        reports.push({ system, concurrency, ...result, memory: { rssMiB: MiB(mem.rss), heapUsedMiB: MiB(mem.heapUsed) }, cpuMsPerTurn });
        say(`  ${result.turnsPerSecond} turns/s, p99 ${result.latency.p99} ms, ${result.errors.total} errors ${JSON.stringify(result.errors)}; ${cpuMsPerTurn.toFixed(2)} ms of the server's CPU per turn`);
        if (system === 'bot') {
          const cpu = redisCpuSeconds(await redis!.info('cpu')) - redisCpuBefore;
          const all = options.warmup + options.turns;
          const stats = await redis!.info('stats');
          const reads = redisReads(stats) - redisReadsBefore;
          const kib = (redisInputBytes(stats) - redisBytesBefore) / 1024 / all;
          say(`  redis: ${redisCommandsPerTurn(await redis!.info('commandstats'), all)}; ${(reads / all).toFixed(1)} reads and ${kib.toFixed(1)} KiB sent to redis-server per turn; ${((1000 * cpu) / all).toFixed(2)} ms of redis-server CPU per turn`);
        }
      } finally {
        await server.stop();
      }
    };
    for (let round = 1; round <= options.repeat; round++) {
      for (const concurrency of options.concurrency) {
        for (const system of options.only) await runOnce(system, concurrency, `${system}-c${concurrency}${options.repeat > 1 ? `-r${round}` : ''}`);
      }
    }
    if (options.memoryTurns > 0 && options.only.includes('bot')) {
      const concurrency = options.concurrency[0];
      const label = `bot-memory-c${concurrency}`;
      const server = await start('bot', label, ['--trace-gc']);
      try {
        say(`${LABELS.bot}: memory over ${options.memoryTurns} turns at ${concurrency} at once, a sample every ${options.sampleEvery}…`);
        const samples: MemorySample[] = [];
        const result = await runLoad({
          botUrl: server.url,
          connector,
          scripts,
          concurrency,
          warmup: options.warmup,
          turns: options.memoryTurns,
          timeoutMs: options.timeoutMs,
          runId: `bot-memory-c${concurrency}`,
          sampleEvery: options.sampleEvery,
          sample: async (turns) => {
            const m = await server.memory();
            samples.push({ turns, rssMiB: MiB(m.rss), heapUsedMiB: MiB(m.heapUsed), logBytes: statSync(logFileOf(label)).size });
          },
        });
        const windows = memoryWindows(samples, options.memoryTurns, readFileSync(logFileOf(label)));
        memory = {
          concurrency,
          turns: result.turns,
          windows,
          rssGrowthPercent: growth(windows.map((w) => [w.turns, w.rssMiB])),
          heapGrowthPercent: growth(windows.filter((w) => w.heapAfterGcMiB !== null).map((w) => [w.turns, w.heapAfterGcMiB!])),
          errors: result.errors.total,
        };
      } finally {
        await server.stop();
      }
    }
  } finally {
    await connector.stop();
    redis?.disconnect();
    await redisServer?.dispose();
    await cluster?.dispose();
  }

  if (options.json) {
    process.stdout.write(`${JSON.stringify({ options, runs: reports, medians: medianRuns(reports), memory, targets: targets(reports, memory, options.concurrency) }, null, 2)}\n`);
    return;
  }
  printReport(reports, memory, options.concurrency, options.repeat);
}

main().catch((error: Error) => {
  process.stderr.write(`load benchmark failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});

/**
 * Redis commands per turn from INFO commandstats (commands inside Lua scripts count too), with the
 * five most frequent: a change that adds round trips or script work to every turn shows here first.
 */
function redisCommandsPerTurn(info: string, turns: number): string {
  const counts = [...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map(([, name, calls]) => ({ name, calls: Number(calls) }));
  const perTurn = (n: number) => (n / turns).toFixed(1);
  const total = counts.reduce((sum, c) => sum + c.calls, 0);
  const top = counts.sort((a, b) => b.calls - a.calls).slice(0, 5).map((c) => `${c.name} ${perTurn(c.calls)}`);
  return `${perTurn(total)} commands per turn (${top.join(', ')})`;
}

/**
 * Batches redis-server has read from its clients so far (INFO stats total_reads_processed): one per
 * batch a client sends, so per turn the round trips a turn makes, or fewer where the turns of many
 * conversations share a batch (auto-pipelining) at high concurrency. A single turn's round trips are
 * counted by test/storage/leanTurn.test.ts.
 */
function redisReads(info: string): number {
  return Number(/^total_reads_processed:(\d+)/m.exec(info)?.[1] ?? 0);
}

/**
 * Bytes redis-server has read from its clients so far (INFO stats total_net_input_bytes): per turn,
 * what the bot writes to its sockets for Redis (the states, transcripts and scripts' arguments), which
 * shows in the bot's profile as socket writes of strings.
 */
function redisInputBytes(info: string): number {
  return Number(/^total_net_input_bytes:(\d+)/m.exec(info)?.[1] ?? 0);
}

/**
 * CPU seconds a process has used so far (user and system, all its threads, GC included), from
 * /proc/<pid>/stat: per turn, what a turn costs the server whatever else runs on the machine.
 */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN; // not Linux
  }
}

/** CPU seconds redis-server has used so far (user and system, its main thread and others). */
function redisCpuSeconds(info: string): number {
  return ['used_cpu_user', 'used_cpu_sys'].reduce((sum, field) => sum + Number(new RegExp(`^${field}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0), 0);
}

