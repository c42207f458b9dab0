import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Summarises a V8 CPU profile (.cpuprofile, as written by `node --cpu-prof`): where the time went,
 * by package (node_modules/<pkg>, the project's own src/ and dialogs/, Node's internals) and by
 * function, by self time and by total time (a function counted once per sample, however deep).
 * Run: node dist/bench/profileSummary.js FILE.cpuprofile [--top 25]
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Who a frame belongs to: node_modules/<pkg>, src/<folder>, dialogs, node:<module>, or V8's own. */
export function packageOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const parts = url.replace(/^file:\/\//, '').split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) return `node_modules/${parts[nm + 1]?.startsWith('@') ? `${parts[nm + 1]}/${parts[nm + 2]}` : parts[nm + 1]}`;
  const src = parts.lastIndexOf('src');
  if (src >= 0) return src + 2 < parts.length ? `src/${parts[src + 1]}` : 'src';
  if (parts.includes('dialogs')) return 'dialogs';
  if (parts.includes('bench')) return 'bench';
  return path.basename(url);
}

function functionKey(frame: CallFrame): string {
  const file = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'} ${file}`.trim();
}

export interface Summary {
  totalMs: number;
  idleMs: number;
  bySelf: Array<{ key: string; pkg: string; ms: number }>;
  byTotal: Array<{ key: string; pkg: string; ms: number }>;
  packagesBySelf: Array<{ pkg: string; ms: number }>;
  packagesByTotal: Array<{ pkg: string; ms: number }>;
}

export function summarise(profile: CpuProfile): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const pkgSelf = new Map<string, number>();
  const pkgTotal = new Map<string, number>();
  const pkgOfKey = new Map<string, string>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let totalUs = 0;
  let idleUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(id)!;
    totalUs += us;
    if (leaf.callFrame.functionName === '(idle)') {
      idleUs += us;
      return;
    }
    const leafKey = functionKey(leaf.callFrame);
    pkgOfKey.set(leafKey, packageOf(leaf.callFrame));
    add(self, leafKey, us);
    add(pkgSelf, packageOf(leaf.callFrame), us);
    const seenKeys = new Set<string>();
    const seenPkgs = new Set<string>();
    for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parent.get(node.id) ?? -1)) {
      if (node.callFrame.functionName === '(root)') break;
      const key = functionKey(node.callFrame);
      const pkg = packageOf(node.callFrame);
      pkgOfKey.set(key, pkg);
      if (!seenKeys.has(key)) add(total, key, us), seenKeys.add(key);
      if (!seenPkgs.has(pkg)) add(pkgTotal, pkg, us), seenPkgs.add(pkg);
    }
  });
  const ms = (us: number) => Math.round(us / 100) / 10;
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: ms(totalUs),
    idleMs: ms(idleUs),
    bySelf: sorted(self).map(([key, us]) => ({ key, pkg: pkgOfKey.get(key)!, ms: ms(us) })),
    byTotal: sorted(total).map(([key, us]) => ({ key, pkg: pkgOfKey.get(key)!, ms: ms(us) })),
    packagesBySelf: sorted(pkgSelf).map(([pkg, us]) => ({ pkg, ms: ms(us) })),
    packagesByTotal: sorted(pkgTotal).map(([pkg, us]) => ({ pkg, ms: ms(us) })),
  };
}

function print(file: string, top: number): void {
  const summary = summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const busy = summary.totalMs - summary.idleMs;
  const pct = (x: number) => `${((100 * x) / busy).toFixed(1).padStart(5)}%`;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`${path.basename(file)}: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy (${((100 * busy) / summary.totalMs).toFixed(0)}%); percentages are of busy time`);
  out('\nby package, self time');
  for (const p of summary.packagesBySelf.slice(0, top)) out(`  ${pct(p.ms)}  ${p.pkg}`);
  out('\nby package, total time (the package anywhere on the stack)');
  for (const p of summary.packagesByTotal.slice(0, top)) out(`  ${pct(p.ms)}  ${p.pkg}`);
  out(`\ntop ${top} functions by self time`);
  for (const f of summary.bySelf.slice(0, top)) out(`  ${pct(f.ms)}  ${f.pkg.padEnd(36)} ${f.key}`);
  out(`\ntop ${top} functions by total time`);
  for (const f of summary.byTotal.slice(0, top)) out(`  ${pct(f.ms)}  ${f.pkg.padEnd(36)} ${f.key}`);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  const files = args.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1));
  if (files.length === 0) {
    process.stderr.write('usage: node dist/bench/profileSummary.js FILE.cpuprofile [--top 25]\n');
    process.exit(2);
  }
  for (const file of files) print(file, top);
}
