/**
 * The capacity model of docs/capacity.md: the figures measured by the capacity bench
 * (bench/results/capacity.json, `npm run bench:capacity`) and the assumptions and prices below give
 * instances, Redis size and monthly cost per yearly number of newcomers. `npm run docs:capacity`
 * writes the tables between the markers of docs/capacity.md; test/docs/capacityTables.test.ts fails
 * when the document differs from what the recorded figures give.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { PROJECT_ROOT } from '../src/projectRoot';

export const CAPACITY_RESULTS = path.join(PROJECT_ROOT, 'bench', 'results', 'capacity.json');
export const CAPACITY_DOC = path.join(PROJECT_ROOT, 'docs', 'capacity.md');

/** What the capacity bench records (bench/capacityBench.ts). */
export interface CapacityResults {
  date: string;
  machine: { cores: number; cpu: string; node: string; redis: string; loadAverage: number };
  commit: string;
  options: { people: number; warmup: number; concurrency: number; faqTurns: number; mentors: number };
  measured: {
    people: number;
    turns: number;
    handoffs: number;
    fullIntakes: number;
    consoleRequests: number;
    mentorMessages: number;
    journeyMoves: number;
    journeyRefusals: number;
    httpErrors: number;
    errorReplies: number;
    seconds: number;
  };
  perTurn: { botCpuMs: number; redisCpuMs: number; redisCommands: number; redisBytesIn: number; redisBytesOut: number };
  topCommands: Array<{ name: string; perTurn: number }>;
  perPerson: { turns: number; redisMemoryBytes: number; keys: number };
  keyKinds: Array<{ kind: string; keysPerPerson: number; bytesPerPerson: number; ttlDays: number | null }>;
  handoffs: { count: number; eventsPerHandoff: number; mentorMessagesPerHandoff: number; publishesPerTurn: number };
  bot: { rssMiB: number; heapUsedMiB: number; turnsPerSecond: number };
}

export function readCapacityResults(file = CAPACITY_RESULTS): CapacityResults {
  return JSON.parse(readFileSync(file, 'utf8')) as CapacityResults;
}

/**
 * The assumptions of the model, in one place. Change them here and run `npm run docs:capacity`.
 * Prices are USD list prices, pay as you go; see PRICES_SOURCE for where they come from.
 */
export const ASSUMPTIONS = {
  /** Turns one newcomer has with the bot in a year (a quarter of them also talk to a mentor). */
  turnsPerPersonPerYear: 40,
  /** Days over which one newcomer's turns fall (their state stays this long beyond the retention). */
  activeDaysPerPerson: 30,
  /** The busiest day of the year has this many times the turns of an average day (an information session, a campaign). */
  busiestDayFactor: 3,
  /** Share of a day's turns in its busiest hour. */
  peakHourShare: 0.15,
  /** Planned use of a bot instance's vCPU at the peak hour (headroom for bursts and a lost instance). */
  botCpuTarget: 0.5,
  /** vCPU and memory (GiB) of one Container Apps replica (consumption plan: 1 vCPU comes with 2 GiB). */
  vcpuPerInstance: 1,
  memoryGiBPerInstance: 2,
  /** Replicas that always run: two, so that one lost replica or an update does not stop the bot. */
  minInstances: 2,
  /** Planned use of one Redis shard's main thread at the peak hour. */
  redisCpuTarget: 0.5,
  /** Redis memory planned for the data: the SKU has this much more (replication and rewrite buffers, fragmentation, growth). */
  redisMemoryHeadroom: 1.5,
  /** Hours in a month, for prices per hour and per second. */
  hoursPerMonth: 730,
} as const;

/** The yearly numbers of newcomers the model is worked out for. */
export const SCALES = [10_000, 100_000, 1_000_000] as const;

export const PRICES_SOURCE =
  'Container Apps: the free monthly grants are from Microsoft Learn, "Billing in Azure Container Apps" (consumption plan: 180,000 vCPU-seconds, 360,000 GiB-seconds and 2 million requests a month free); ' +
  'the rates per vCPU-second, GiB-second and million requests and the Azure Managed Redis prices per hour are assumed list prices (USD, pay as you go, a West European region, December 2026) that were not checked against the price pages: ' +
  'check https://azure.microsoft.com/pricing/details/container-apps/ and https://azure.microsoft.com/pricing/details/managed-redis/ and change them in support/capacityModel.ts';

/** Azure Container Apps, consumption plan, active replicas. */
export const CONTAINER_APPS = {
  perVcpuSecond: 0.000024,
  perGiBSecond: 0.000003,
  perMillionRequests: 0.4,
  freeVcpuSeconds: 180_000,
  freeGiBSeconds: 360_000,
  freeRequests: 2_000_000,
};

/** Azure Managed Redis, Balanced tier, with high availability (a replica): memory for data (GB) and an assumed price per hour. */
export const MANAGED_REDIS_SKUS: ReadonlyArray<{ sku: string; memoryGB: number; perHour: number }> = [
  { sku: 'Balanced B0', memoryGB: 0.5, perHour: 0.034 },
  { sku: 'Balanced B1', memoryGB: 1, perHour: 0.069 },
  { sku: 'Balanced B3', memoryGB: 3, perHour: 0.206 },
  { sku: 'Balanced B5', memoryGB: 6, perHour: 0.275 },
  { sku: 'Balanced B10', memoryGB: 12, perHour: 0.55 },
  { sku: 'Balanced B20', memoryGB: 24, perHour: 1.1 },
  { sku: 'Balanced B50', memoryGB: 60, perHour: 2.2 },
  { sku: 'Balanced B100', memoryGB: 120, perHour: 4.4 },
  { sku: 'Balanced B150', memoryGB: 180, perHour: 6.6 },
  { sku: 'Balanced B250', memoryGB: 240, perHour: 8.8 },
];

/** Key kinds whose size grows with the number of turns (the transcript, the turn's handled marks); the rest is per person. */
const GROWS_WITH_TURNS = /^(transcript:|turn:)/;

export interface RetentionSettings {
  STATE_RETENTION_DAYS: number;
  TRANSCRIPT_RETENTION_DAYS: number;
}

/** The retention defaults of the configuration (src/config.ts). */
export function retentionDefaults(): RetentionSettings {
  const result = loadConfig({});
  if (!result.ok) throw new Error(`capacityModel: the schema refuses an empty environment:\n${result.problems.join('\n')}`);
  return { STATE_RETENTION_DAYS: result.config.STATE_RETENTION_DAYS, TRANSCRIPT_RETENTION_DAYS: result.config.TRANSCRIPT_RETENTION_DAYS };
}

export interface ScalePlan {
  newcomersPerYear: number;
  turnsPerYear: number;
  peakTurnsPerSecond: number;
  botVcpuAtPeak: number;
  instances: number;
  redisCommandsPerSecondAtPeak: number;
  redisShardCpuAtPeak: number;
  redisDataGB: number;
  sku: string;
  containerAppsPerMonth: number;
  redisPerMonth: number;
  totalPerMonth: number;
}

export interface Limit {
  what: string;
  newcomersPerYear: number;
  then: string;
}

/** Bytes one person keeps in Redis at a time, averaged over the year (kinds by their expiry), at `turns` turns a year. */
export function residentBytesPerNewcomer(results: CapacityResults, turns: number): { bytes: number; overhead: number } {
  const scale = turns / results.perPerson.turns;
  const measuredKinds = results.keyKinds.reduce((sum, k) => sum + k.bytesPerPerson, 0);
  // used_memory counts what MEMORY USAGE of the keys does not (the dictionaries, expiry entries, allocator rounding).
  const overhead = Math.max(1, results.perPerson.redisMemoryBytes / Math.max(1, measuredKinds));
  const days = (ttl: number | null) => Math.min(ttl ?? 365, 3650) + ASSUMPTIONS.activeDaysPerPerson;
  const bytes = results.keyKinds.reduce((sum, k) => sum + k.bytesPerPerson * (GROWS_WITH_TURNS.test(k.kind) ? scale : 1) * (days(k.ttlDays) / 365), 0);
  return { bytes: bytes * overhead, overhead };
}

export function planFor(results: CapacityResults, newcomersPerYear: number): ScalePlan {
  const a = ASSUMPTIONS;
  const turnsPerYear = newcomersPerYear * a.turnsPerPersonPerYear;
  const peakTurnsPerSecond = ((turnsPerYear / 365) * a.busiestDayFactor * a.peakHourShare) / 3600;
  const botVcpuAtPeak = (peakTurnsPerSecond * results.perTurn.botCpuMs) / 1000;
  const instances = Math.max(a.minInstances, Math.ceil(botVcpuAtPeak / (a.vcpuPerInstance * a.botCpuTarget)));
  const redisShardCpuAtPeak = (peakTurnsPerSecond * results.perTurn.redisCpuMs) / 1000;
  const { bytes } = residentBytesPerNewcomer(results, a.turnsPerPersonPerYear);
  const redisDataGB = (bytes * newcomersPerYear) / 1e9;
  const needed = redisDataGB * a.redisMemoryHeadroom;
  const sku = MANAGED_REDIS_SKUS.find((s) => s.memoryGB >= needed) ?? MANAGED_REDIS_SKUS[MANAGED_REDIS_SKUS.length - 1];
  const seconds = a.hoursPerMonth * 3600;
  const c = CONTAINER_APPS;
  const requests = turnsPerYear / 12; // one HTTP request per turn; the console's requests are few beside them
  const containerAppsPerMonth =
    Math.max(0, instances * a.vcpuPerInstance * seconds - c.freeVcpuSeconds) * c.perVcpuSecond +
    Math.max(0, instances * a.memoryGiBPerInstance * seconds - c.freeGiBSeconds) * c.perGiBSecond +
    (Math.max(0, requests - c.freeRequests) / 1e6) * c.perMillionRequests;
  const redisPerMonth = sku.perHour * a.hoursPerMonth;
  return {
    newcomersPerYear,
    turnsPerYear,
    peakTurnsPerSecond,
    botVcpuAtPeak,
    instances,
    redisCommandsPerSecondAtPeak: peakTurnsPerSecond * results.perTurn.redisCommands,
    redisShardCpuAtPeak,
    redisDataGB,
    sku: sku.sku,
    containerAppsPerMonth,
    redisPerMonth,
    totalPerMonth: containerAppsPerMonth + redisPerMonth,
  };
}

/** Newcomers a year at which each resource reaches its planned limit at the peak hour, lowest first. */
export function limits(results: CapacityResults): Limit[] {
  const a = ASSUMPTIONS;
  const peakTurnsPerSecondPerNewcomer = ((a.turnsPerPersonPerYear / 365) * a.busiestDayFactor * a.peakHourShare) / 3600;
  const { bytes } = residentBytesPerNewcomer(results, a.turnsPerPersonPerYear);
  const smallest = MANAGED_REDIS_SKUS[0];
  const largest = MANAGED_REDIS_SKUS[MANAGED_REDIS_SKUS.length - 1];
  const byMemory = (gb: number) => (gb * 1e9) / a.redisMemoryHeadroom / bytes;
  const list: Limit[] = [
    {
      what: `Redis memory: the smallest SKU (${smallest.sku}, ${smallest.memoryGB} GB) is full`,
      newcomersPerYear: byMemory(smallest.memoryGB),
      then: 'the next SKU up (scaling up keeps the data and the address); the table above picks it by memory',
    },
    {
      what: `bot CPU: ${a.minInstances} replicas of ${a.vcpuPerInstance} vCPU reach ${pct(a.botCpuTarget)} at the peak hour`,
      newcomersPerYear: (a.minInstances * a.vcpuPerInstance * a.botCpuTarget * 1000) / results.perTurn.botCpuMs / peakTurnsPerSecondPerNewcomer,
      then: 'more replicas: a Container Apps scale rule on concurrent HTTP requests; the instances share nothing but Redis',
    },
    {
      what: `Redis CPU: one shard's main thread reaches ${pct(a.redisCpuTarget)} at the peak hour`,
      newcomersPerYear: (a.redisCpuTarget * 1000) / results.perTurn.redisCpuMs / peakTurnsPerSecondPerNewcomer,
      then: 'more shards: `REDIS_CLUSTER=true` on a clustered Azure Managed Redis (OSS cluster policy); conversations and people spread over all slots, the handoff queue and the WhatsApp inbox stay one slot each',
    },
    {
      what: `Redis memory: the largest Balanced SKU here (${largest.sku}, ${largest.memoryGB} GB) is full`,
      newcomersPerYear: byMemory(largest.memoryGB),
      then: 'shorter `TRANSCRIPT_RETENTION_DAYS` (the transcript is most of a person\'s bytes), or a Memory Optimized or Flash Optimized SKU',
    },
  ];
  return list.sort((x, y) => x.newcomersPerYear - y.newcomersPerYear);
}

/** The sentence that names the first bottleneck and how far the others are. */
function firstBottleneck(r: CapacityResults, bytesPerNewcomer: number): string {
  const [first, ...rest] = limits(r);
  const perTenThousand = (bytesPerNewcomer * 10_000) / 1e9;
  const memory = first.what.startsWith('Redis memory')
    ? ` Redis memory is the resource that grows with the newcomers: every 10,000 newcomers a year keep about ${num(perTenThousand, 2)} GB at the retention periods.`
    : '';
  return `The first bottleneck: ${first.what}, at about ${approx(first.newcomersPerYear)} newcomers a year; then ${first.then}.${memory} The next limits: ${rest.map((l) => `${l.what} (about ${approx(l.newcomersPerYear)})`).join('; ')}.`;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const num = (x: number, digits: number) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const usd = (x: number) => `$${int(x)}`;
const kb = (bytes: number) => `${num(bytes / 1000, 1)} kB`;
const approx = (x: number) => {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, x))) - 1);
  return int(Math.round(x / magnitude) * magnitude);
};

/** The generated part of docs/capacity.md: the measured figures, the assumptions, the plan per scale and the limits. */
export function renderCapacityFigures(results: CapacityResults, retention: RetentionSettings = retentionDefaults()): string {
  const r = results;
  const a = ASSUMPTIONS;
  const { bytes, overhead } = residentBytesPerNewcomer(r, a.turnsPerPersonPerYear);
  const m = r.measured;
  const lines: string[] = [];
  lines.push(
    `Measured ${r.date} on ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}, Redis ${r.machine.redis}, commit \`${r.commit}\` (load average ${num(r.machine.loadAverage, 1)} at the end): ` +
      `${int(m.people)} newcomers after ${int(r.options.warmup)} for warm-up, ${r.options.concurrency} at once, ${int(m.turns)} turns in ${num(m.seconds, 1)} s ` +
      `(${int(m.fullIntakes)} whole intakes, ${int(m.handoffs)} handoffs with ${int(m.mentorMessages)} mentor messages and ${int(m.journeyMoves)} journey moves by ${r.options.mentors} mentors, ${int(m.consoleRequests)} console requests); ` +
      `${int(m.httpErrors)} HTTP errors, ${int(m.errorReplies)} "try again" replies, ${int(m.journeyRefusals)} refused moves.`,
    '',
    '| measured | per turn | per newcomer |',
    '| --- | --- | --- |',
    `| turns | 1 | ${num(r.perPerson.turns, 1)} |`,
    `| bot CPU | ${num(r.perTurn.botCpuMs, 2)} ms | ${num(r.perTurn.botCpuMs * r.perPerson.turns, 0)} ms |`,
    `| Redis commands (scripts' own commands counted) | ${num(r.perTurn.redisCommands, 1)} | ${int(r.perTurn.redisCommands * r.perPerson.turns)} |`,
    `| Redis bytes in (to Redis) | ${int(r.perTurn.redisBytesIn)} B | ${kb(r.perTurn.redisBytesIn * r.perPerson.turns)} |`,
    `| Redis bytes out (from Redis) | ${int(r.perTurn.redisBytesOut)} B | ${kb(r.perTurn.redisBytesOut * r.perPerson.turns)} |`,
    `| redis-server CPU | ${num(r.perTurn.redisCpuMs, 3)} ms | ${num(r.perTurn.redisCpuMs * r.perPerson.turns, 1)} ms |`,
    `| Redis memory (used_memory) | — | ${kb(r.perPerson.redisMemoryBytes)} |`,
    `| Redis keys | — | ${num(r.perPerson.keys, 1)} |`,
    '',
    `Most frequent commands per turn: ${r.topCommands.map((c) => `${c.name} ${num(c.perTurn, 1)}`).join(', ')}. ` +
      `Per handoff: ${num(r.handoffs.eventsPerHandoff, 1)} handoff events (pub/sub messages), ${num(r.handoffs.mentorMessagesPerHandoff, 1)} mentor messages. ` +
      `The bot's RSS at the end: ${num(r.bot.rssMiB, 0)} MiB (heap ${num(r.bot.heapUsedMiB, 0)} MiB), at ${num(r.bot.turnsPerSecond, 0)} turns/s with the console's work.`,
    '',
    '| key kind | keys per newcomer | bytes per newcomer (MEMORY USAGE) | expires after |',
    '| --- | --- | --- | --- |',
    ...r.keyKinds
      .filter((k) => k.bytesPerPerson >= 20)
      .map((k) => `| \`${k.kind}\` | ${k.keysPerPerson < 0.01 ? 'shared' : num(k.keysPerPerson, 2)} | ${int(k.bytesPerPerson)} | ${k.ttlDays === null ? 'no expiry' : `${num(k.ttlDays, k.ttlDays < 1 ? 1 : 0)} days`} |`),
    '',
    'Assumptions (support/capacityModel.ts, `ASSUMPTIONS`):',
    '',
    '| assumption | value |',
    '| --- | --- |',
    `| turns per newcomer per year | ${a.turnsPerPersonPerYear} |`,
    `| days over which a newcomer's turns fall | ${a.activeDaysPerPerson} |`,
    `| busiest day against an average day | ${a.busiestDayFactor}× |`,
    `| share of a day's turns in its busiest hour | ${pct(a.peakHourShare)} |`,
    `| planned CPU use of a bot replica at the peak hour | ${pct(a.botCpuTarget)} |`,
    `| replica size (Container Apps, consumption) | ${a.vcpuPerInstance} vCPU, ${a.memoryGiBPerInstance} GiB |`,
    `| replicas always running | ${a.minInstances} |`,
    `| planned use of a Redis shard's main thread at the peak hour | ${pct(a.redisCpuTarget)} |`,
    `| Redis memory planned against data | ${a.redisMemoryHeadroom}× |`,
    `| \`STATE_RETENTION_DAYS\`, \`TRANSCRIPT_RETENTION_DAYS\` (defaults) | ${retention.STATE_RETENTION_DAYS}, ${retention.TRANSCRIPT_RETENTION_DAYS} days |`,
    '',
    `At ${a.turnsPerPersonPerYear} turns a newcomer keeps on average ${kb(bytes)} in Redis over a year (each key kind for its expiry plus the ${a.activeDaysPerPerson} active days; ` +
      `the transcript and the handled marks grown from ${num(r.perPerson.turns, 1)} to ${a.turnsPerPersonPerYear} turns; used_memory is ${num(overhead, 2)}× what MEMORY USAGE gives per key).`,
    '',
    '| newcomers a year | turns a year | peak turns/s | bot vCPU at peak | replicas | Redis commands/s at peak | Redis main thread at peak | Redis data | Azure Managed Redis | Container Apps a month | Redis a month | total a month |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...SCALES.map((n) => planFor(r, n)).map(
      (p) =>
        `| ${int(p.newcomersPerYear)} | ${int(p.turnsPerYear)} | ${num(p.peakTurnsPerSecond, 2)} | ${num(p.botVcpuAtPeak, 3)} | ${p.instances} | ${int(p.redisCommandsPerSecondAtPeak)} | ${pct(p.redisShardCpuAtPeak)} | ${num(p.redisDataGB, 2)} GB | ${p.sku} | ${usd(p.containerAppsPerMonth)} | ${usd(p.redisPerMonth)} | ${usd(p.totalPerMonth)} |`,
    ),
    '',
    'Where each limit is reached (newcomers a year, at the assumptions above), first one first:',
    '',
    '| limit | reached at about | what is done then |',
    '| --- | --- | --- |',
    ...limits(r).map((l) => `| ${l.what} | ${approx(l.newcomersPerYear)} | ${l.then} |`),
    '',
    firstBottleneck(r, bytes),
    '',
    `Prices: ${PRICES_SOURCE}.`,
  );
  return lines.join('\n');
}

export const FIGURES_START = '<!-- capacity-figures:start (npm run docs:capacity writes this part from bench/results/capacity.json) -->';
export const FIGURES_END = '<!-- capacity-figures:end -->';

/** The document with the part between the markers replaced by what the recorded figures give. */
export function withCapacityFigures(document: string, results: CapacityResults = readCapacityResults()): string {
  const start = document.indexOf(FIGURES_START);
  const end = document.indexOf(FIGURES_END);
  if (start < 0 || end < start) throw new Error(`capacityModel: ${CAPACITY_DOC} lacks the markers ${FIGURES_START} … ${FIGURES_END}`);
  return `${document.slice(0, start + FIGURES_START.length)}\n${renderCapacityFigures(results)}\n${document.slice(end)}`;
}

if (require.main === module) {
  const before = readFileSync(CAPACITY_DOC, 'utf8');
  const after = withCapacityFigures(before);
  writeFileSync(CAPACITY_DOC, after);
  process.stdout.write(after === before ? `${CAPACITY_DOC} was already up to date\n` : `${CAPACITY_DOC} written\n`);
}
