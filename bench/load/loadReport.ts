import type { LoadResult } from './loadRun';

/** The load benchmark's results: runs, the memory check, and how they read against the targets. */

export const SYSTEMS = ['bare', 'echo', 'echo2', 'bot', 'bot-cluster'] as const;
export type SystemName = (typeof SYSTEMS)[number];
export const LABELS: Record<SystemName, string> = { bare: 'bare restify', echo: 'stock echo bot', echo2: 'stock echo bot, two replies', bot: 'VIT Wegwijzer', 'bot-cluster': 'VIT Wegwijzer, Redis Cluster' };

export interface RunReport extends LoadResult {
  system: SystemName;
  concurrency: number;
  memory: { rssMiB: number; heapUsedMiB: number };
  /** The server process's CPU (user + system, all threads, GC included) per turn, warm-up included. */
  cpuMsPerTurn: number;
}

export interface MemorySample {
  turns: number;
  rssMiB: number;
  heapUsedMiB: number;
  /** How far the server's log (with --trace-gc lines) had grown when the sample was taken. */
  logBytes: number;
}

export interface MemoryReport {
  concurrency: number;
  turns: number;
  /**
   * Per tenth of the run: the median RSS of the samples in it, and the median heap left after each
   * full collection (Mark-Compact, from --trace-gc): what stays alive. A heap-used sample alone
   * mostly shows how much garbage is waiting to be collected.
   */
  windows: Array<{ turns: number; rssMiB: number; heapAfterGcMiB: number | null; fullGcs: number }>;
  /** Growth from the first to the last window, on a straight line fitted through them. */
  rssGrowthPercent: number;
  heapGrowthPercent: number;
  errors: number;
}

/** The table of runs (median run per system and concurrency), the memory check and the targets. */
export function printReport(reports: RunReport[], memory: MemoryReport | undefined, concurrency: number[], repeat: number): void {
  process.stdout.write(`\n${table(reports)}\n`);
  if (repeat > 1) process.stdout.write(`(the median of ${repeat} runs by turns/s; every run's turns/s in the last column)\n`);
  if (memory) {
    process.stdout.write(`\nmemory of ${LABELS.bot} over ${memory.turns} turns (${memory.concurrency} at once, ${memory.errors} errors):\n`);
    process.stdout.write(`  up to turn                      ${memory.windows.map((w) => String(w.turns).padStart(7)).join(' ')}\n`);
    process.stdout.write(`  RSS MiB (median)                ${memory.windows.map((w) => String(w.rssMiB).padStart(7)).join(' ')}\n`);
    process.stdout.write(`  heap MiB after full GC (median) ${memory.windows.map((w) => String(w.heapAfterGcMiB ?? '-').padStart(7)).join(' ')}\n`);
    process.stdout.write(`  full GCs                        ${memory.windows.map((w) => String(w.fullGcs).padStart(7)).join(' ')}\n`);
    process.stdout.write(`  growth (line fitted through the windows, first to last): RSS ${memory.rssGrowthPercent}%, heap ${memory.heapGrowthPercent}%\n`);
  }
  const checks = targets(reports, memory, concurrency);
  if (checks.length > 0) {
    process.stdout.write('\ntargets\n');
    for (const c of checks) process.stdout.write(`  ${c.met === undefined ? 'n/a   ' : c.met ? 'MET   ' : 'MISSED'}  ${c.target.padEnd(44)} ${c.actual}\n`);
  }
}

/** Per system and concurrency, the run with the median throughput. */
export function medianRuns(reports: RunReport[]): RunReport[] {
  const groups = new Map<string, RunReport[]>();
  for (const r of reports) groups.set(`${r.concurrency}|${r.system}`, [...(groups.get(`${r.concurrency}|${r.system}`) ?? []), r]);
  return [...groups.values()].map((runs) => [...runs].sort((a, b) => a.turnsPerSecond - b.turnsPerSecond)[Math.floor(runs.length / 2)]);
}

function table(allRuns: RunReport[]): string {
  const reports = medianRuns(allRuns);
  const repeated = reports.length < allRuns.length;
  const head = ['system', 'conc', 'turns', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', '1st p50', 'replies/turn', 'CPU ms/turn', 'errors', 'RSS MiB', 'heap MiB', 'vs echo', 'vs bare', ...(repeated ? ['all turns/s'] : [])];
  const rows = reports.map((r) => {
    const all = allRuns.filter((o) => o.system === r.system && o.concurrency === r.concurrency).map((o) => o.turnsPerSecond);
    const peer = (s: SystemName) => reports.find((o) => o.system === s && o.concurrency === r.concurrency);
    const ratio = (s: SystemName) => {
      const p = peer(s);
      return p && p !== r ? `${(r.turnsPerSecond / p.turnsPerSecond).toFixed(2)}x` : '';
    };
    return [LABELS[r.system], r.concurrency, r.turns, r.turnsPerSecond, r.latency.p50, r.latency.p95, r.latency.p99, r.firstReply.p50, r.repliesPerTurn, r.cpuMsPerTurn, r.errors.total, r.memory.rssMiB, r.memory.heapUsedMiB, ratio('echo'), ratio('bare'), ...(repeated ? [all.join(' ')] : [])].map(String);
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

export function targets(allRuns: RunReport[], memory: MemoryReport | undefined, concurrency: number[]) {
  const reports = medianRuns(allRuns);
  const at = (system: SystemName, concurrency: number) => reports.find((r) => r.system === system && r.concurrency === concurrency);
  const primary = concurrency.includes(200) ? 200 : concurrency[0];
  const ours = at('bot', primary);
  const echo = at('echo', primary);
  const checks: Array<{ target: string; met?: boolean; actual: string }> = [];
  if (!ours) return checks;
  if (echo) checks.push({ target: `throughput >= 1.0x stock echo bot (at ${primary})`, met: ours.turnsPerSecond >= echo.turnsPerSecond, actual: `${(ours.turnsPerSecond / echo.turnsPerSecond).toFixed(2)}x` });
  checks.push({ target: `p99 < 250 ms at ${primary} at once`, met: primary === 200 ? ours.latency.p99 < 250 : undefined, actual: `${ours.latency.p99} ms` });
  if (primary === 200) checks.push({ target: 'RSS <= 300 MiB at 200 at once', met: ours.memory.rssMiB <= 300, actual: `${ours.memory.rssMiB} MiB` });
  const ourRuns = allRuns.filter((r) => r.system === 'bot');
  const errors = ourRuns.reduce((sum, r) => sum + r.errors.total, 0) + (memory?.errors ?? 0);
  checks.push({ target: 'zero errors (every run of VIT Wegwijzer)', met: errors === 0, actual: `${errors}` });
  if (memory) {
    const worst = Math.max(memory.rssGrowthPercent, memory.heapGrowthPercent);
    checks.push({ target: `memory growth < 10% over ${memory.turns} turns`, met: memory.turns >= 100_000 ? worst < 10 : undefined, actual: `RSS ${memory.rssGrowthPercent}%, heap ${memory.heapGrowthPercent}%` });
  }
  return checks;
}

/** Samples grouped into tenths of the run: median RSS, and the median heap after the full GCs in each. */
export function memoryWindows(samples: MemorySample[], turns: number, log: Buffer) {
  const size = Math.max(1, Math.ceil(turns / 10));
  const groups = new Map<number, MemorySample[]>();
  for (const s of samples) {
    const end = Math.min(turns, Math.ceil(s.turns / size) * size);
    groups.set(end, [...(groups.get(end) ?? []), s]);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  let logFrom = 0;
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([end, group]) => {
      const logTo = group[group.length - 1].logBytes;
      const afterGc = [...log.subarray(logFrom, logTo).toString('utf8').matchAll(FULL_GC)].map((m) => Number(m[1]));
      logFrom = logTo;
      return { turns: end, rssMiB: median(group.map((g) => g.rssMiB)), heapAfterGcMiB: afterGc.length ? median(afterGc) : null, fullGcs: afterGc.length };
    });
}

/** A --trace-gc line of a full collection: "Mark-Compact 95.6 (128.2) -> 76.2 (120.4) MB"; group 1 is the heap after it. */
const FULL_GC = /Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/g;

/** Growth in percent from the first to the last x of a least-squares line through the points. */
export function growth(points: Array<[number, number]>): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const slope = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const at = (x: number) => my + slope * (x - mx);
  const first = at(points[0][0]);
  return Math.round(((at(points[n - 1][0]) - first) / first) * 1000) / 10;
}

