import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { idDigestFor } from '../src/storage/idDigest';
import { RedisJourneyStore } from '../src/people/journeyStore';
import { Journeys } from '../src/people/journeys';
import { startRedisServer } from '../support/redisServer';

/**
 * Journey moves and the board on a real redis-server (started here, AOF on as in production): for
 * each person, `staff` people make a different allowed move at the same moment, each over a connection
 * of their own; exactly one move must win each race (the others are judged on the winner's stage).
 * Then reads the board's list of every journey. Run: npm run bench:journeys [-- PEOPLE STAFF]
 */
async function main(): Promise<void> {
  const people = Number(process.argv[2] ?? 1000);
  const staff = Number(process.argv[3] ?? 3);
  const server = await startRedisServer({ appendOnly: true, fsync: 'everysec' });
  const clients = Array.from({ length: staff }, () => new Redis(server.url));
  const retention = 180 * 86_400_000;
  const digest = idDigestFor({ REDIS_KEY_PREFIX: 'bench:' });
  try {
    await Promise.all(clients.map((c) => c.ping()));
    const journeys = clients.map((c) => new Journeys(new RedisJourneyStore(c, 'bench:', digest, retention), { homeworkDays: 14 }));
    const begin: number[] = [];
    const moves: number[] = [];
    let won = 0;
    // From intake-done staff may go to motivation, not-selected or talent-pool: three different moves racing.
    const targets = ['motivation', 'not-selected', 'talent-pool'] as const;
    for (let i = 0; i < people; i++) {
      const person = { channelId: 'bench', userId: `u${i}` };
      const start = performance.now();
      await journeys[0].begin(person, 'direct-route', undefined, new Date());
      begin.push(performance.now() - start);
      const results = await Promise.all(
        journeys.map(async (j, s) => {
          const t0 = performance.now();
          const r = await j.moveTo(person, targets[s % targets.length], { kind: 'staff', id: `s${s}`, firstName: `S${s}` }, 'bench', new Date());
          moves.push(performance.now() - t0);
          return r;
        }),
      );
      const winners = results.filter((r) => r.ok).length;
      const stored = await journeys[0].of(person);
      // The first move wins; a later one is allowed only where the winner's stage allows it (not-selected → talent-pool).
      if (winners < 1 || stored!.moves.length !== 1 + winners) throw new Error(`person ${i}: ${winners} moves won, ${stored!.moves.length} stored`);
      won += winners;
    }
    const t0 = performance.now();
    const listed = await journeys[0].store.list(2000, new Date());
    const listMs = performance.now() - t0;
    if (listed.length !== Math.min(people, 2000)) throw new Error(`listed ${listed.length} of ${people}`);
    const stats = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(3);
      return `n=${s.length} p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms, max ${s[s.length - 1].toFixed(3)} ms`;
    };
    process.stdout.write(`journeys on redis-server (AOF everysec), ${people} people, ${staff} staff moving each at once\n`);
    process.stdout.write(`start a journey: ${stats(begin)}\n`);
    process.stdout.write(`racing moves: ${stats(moves)}\n`);
    process.stdout.write(`moves that won ${won} of ${moves.length} (the rest refused on the winner's stage); every journey holds exactly the moves that won: no lost update\n`);
    process.stdout.write(`the board's list of ${listed.length} journeys: ${listMs.toFixed(1)} ms\n`);
  } finally {
    await Promise.all(clients.map((c) => c.quit()));
    await server.dispose();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
