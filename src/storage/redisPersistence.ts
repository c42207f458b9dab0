import type { Redis } from 'ioredis';

/** Whether the Redis server keeps its data over a restart: AOF, RDB snapshots, neither, or unknown. */
export type Persistence = { state: 'aof' | 'rdb' | 'aof+rdb' } | { state: 'none' } | { state: 'unknown'; reason: string };

/**
 * Reads the server's persistence settings (CONFIG GET appendonly, save). Managed Redis services often
 * forbid CONFIG: that is "unknown", with the server's reason, not a failure.
 */
export async function readPersistence(redis: Redis): Promise<Persistence> {
  try {
    const [, appendonly] = (await redis.config('GET', 'appendonly')) as string[];
    const [, save] = (await redis.config('GET', 'save')) as string[];
    const aof = appendonly === 'yes';
    const rdb = typeof save === 'string' && save.trim() !== '';
    if (aof && rdb) return { state: 'aof+rdb' };
    if (aof) return { state: 'aof' };
    if (rdb) return { state: 'rdb' };
    if (appendonly === undefined) return { state: 'unknown', reason: 'CONFIG GET returned nothing' };
    return { state: 'none' };
  } catch (error) {
    return { state: 'unknown', reason: (error as Error).message.split('\n')[0] };
  }
}
