import type { Redis } from 'ioredis';

/** What INFO says at one moment: counters that grow (commands, bytes, CPU) and memory. */
export interface RedisSnapshot {
  commands: Map<string, number>;
  netInputBytes: number;
  netOutputBytes: number;
  cpuSeconds: number;
  usedMemory: number;
  keys: number;
}

export async function redisSnapshot(redis: Redis): Promise<RedisSnapshot> {
  const info = await redis.info('all');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
  const commands = new Map([...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map(([, name, calls]) => [name, Number(calls)] as [string, number]));
  return {
    commands,
    netInputBytes: field('total_net_input_bytes'),
    netOutputBytes: field('total_net_output_bytes'),
    cpuSeconds: field('used_cpu_user') + field('used_cpu_sys'),
    usedMemory: field('used_memory'),
    keys: await redis.dbsize(),
  };
}

/** Commands by name between two snapshots (INFO's own and the bench's reads left out). */
export function commandsBetween(before: RedisSnapshot, after: RedisSnapshot): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, calls] of after.commands) {
    if (BENCH_OWN.has(name)) continue;
    const n = calls - (before.commands.get(name) ?? 0);
    if (n > 0) out.set(name, n);
  }
  return out;
}

const BENCH_OWN = new Set(['info', 'dbsize', 'psubscribe', 'config|resetstat', 'memory|usage', 'scan', 'ttl', 'pttl', 'type', 'flushall', 'ping']);

/** One kind of key (a key's name with its ids and tags left out), and what all keys of the kind take. */
export interface KeyKind {
  kind: string;
  keys: number;
  /** MEMORY USAGE summed over every key of the kind. */
  bytes: number;
  /** Days until the keys expire, the median over the kind; null: they do not expire. */
  ttlDays: number | null;
}

/** The name of a key with its tag, digests and numbers replaced, e.g. `state:{…}:user`. */
export function keyKind(key: string, prefix: string): string {
  return key
    .slice(key.startsWith(prefix) ? prefix.length : 0)
    .replace(/\{[^}]*\}/g, (tag) => (/^\{(queue|inbox|jobs|unanswered)\}$/.test(tag) ? tag : '{…}'))
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/(^|[:.])[A-Za-z0-9_-]{16,}(?=$|[:.])/g, '$1<id>')
    .replace(/\d+/g, '#');
}

/** Every key under the prefix by kind, with its memory (MEMORY USAGE, all samples) and expiry. */
export async function keyKinds(redis: Redis, prefix: string): Promise<KeyKind[]> {
  const kinds = new Map<string, { keys: number; bytes: number; ttls: number[] }>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of keys) {
      pipeline.memory('USAGE', key, 'SAMPLES', 0);
      pipeline.pttl(key);
    }
    const results = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const bytes = Number(results[i * 2]?.[1] ?? 0);
      const pttl = Number(results[i * 2 + 1]?.[1] ?? -1);
      const kind = keyKind(key, prefix);
      const entry = kinds.get(kind) ?? { keys: 0, bytes: 0, ttls: [] };
      entry.keys++;
      entry.bytes += bytes;
      entry.ttls.push(pttl);
      kinds.set(kind, entry);
    });
  } while (cursor !== '0');
  return [...kinds.entries()]
    .map(([kind, { keys, bytes, ttls }]) => {
      const sorted = ttls.sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      return { kind, keys, bytes, ttlDays: median < 0 ? null : Math.round((median / 86_400_000) * 10) / 10 };
    })
    .sort((a, b) => b.bytes - a.bytes);
}
