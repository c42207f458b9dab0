import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { idDigestFor } from '../src/storage/idDigest';
import { RedisHandoffQueue } from '../src/handoff/redisHandoffQueue';
import { startRedisServer } from '../support/redisServer';

/**
 * Claim latency on a real redis-server (started here, AOF on as in production): for each handoff,
 * `mentors` mentors claim at the same moment, each over a connection of their own. Prints the
 * latency of a claim call (one round trip: the Lua script) and checks that exactly one wins each time.
 * Run: npm run bench:claims [-- HANDOFFS MENTORS]
 */
async function main(): Promise<void> {
  const handoffs = Number(process.argv[2] ?? 200);
  const mentors = Number(process.argv[3] ?? 20);
  const server = await startRedisServer({ appendOnly: true, fsync: 'everysec' });
  const clients = Array.from({ length: mentors }, () => new Redis(server.url));
  try {
    await Promise.all(clients.map((c) => c.ping()));
    const queues = clients.map((c) => new RedisHandoffQueue(c, { prefix: 'bench:', endedTtlSeconds: 0, digest: idDigestFor({ REDIS_KEY_PREFIX: 'bench:' }) }));
    const single: number[] = [];
    const contended: number[] = [];
    let wins = 0;
    let taken = 0;
    for (let i = 0; i < handoffs; i++) {
      const person = { channelId: 'bench', userId: `u${i}` };
      const input = { person, conversation: { channelId: 'bench', serviceUrl: 'x', conversation: { id: `c${i}` }, user: { id: `u${i}` }, bot: { id: 'b' } }, language: 'nl' as const, reason: 'asked' as const };
      const { handoff } = await queues[0].enqueue(input, new Date());
      if (i % 2 === 0) {
        const start = performance.now();
        const r = await queues[0].claim(handoff.id, { id: 'solo', firstName: 'Solo' }, new Date());
        single.push(performance.now() - start);
        if (r.ok) wins++;
        continue;
      }
      const results = await Promise.all(
        queues.map(async (q, m) => {
          const start = performance.now();
          const r = await q.claim(handoff.id, { id: `m${m}`, firstName: `M${m}` }, new Date());
          contended.push(performance.now() - start);
          return r;
        }),
      );
      const won = results.filter((r) => r.ok).length;
      if (won !== 1) throw new Error(`handoff ${i}: ${won} claims won instead of one`);
      wins += won;
      taken += results.filter((r) => !r.ok && r.reason === 'already-taken').length;
    }
    const stats = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(3);
      return `n=${s.length} p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms, max ${s[s.length - 1].toFixed(3)} ms`;
    };
    process.stdout.write(`claims on redis-server (AOF everysec), ${handoffs} handoffs, ${mentors} mentors racing on every second one\n`);
    process.stdout.write(`uncontended claim: ${stats(single)}\n`);
    process.stdout.write(`contended claims (${mentors} at once): ${stats(contended)}\n`);
    process.stdout.write(`winners ${wins} of ${handoffs} handoffs (exactly one each), "already taken" answers ${taken}\n`);
  } finally {
    await Promise.all(clients.map((c) => c.quit()));
    await server.dispose();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`claim benchmark failed: ${error.message}\n`);
  process.exit(1);
});
