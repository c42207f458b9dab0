import type { Redis } from 'ioredis';

/**
 * How far each mentor has read each conversation: the number of the handoff's messages they have seen
 * (messages are only ever appended, so a count is a place). What the unread badges count from.
 */
export interface ReadMarkers {
  /**
   * Notes that `reader` (an account id) has seen the first `count` messages of the handoff. A marker
   * never goes back: a lower count (an older tab) leaves it as it is. Resolves with the marker now.
   */
  markRead(handoffId: string, reader: string, count: number): Promise<number>;
  /** The markers of `reader` for these handoffs (0 for a conversation never read). */
  readCounts(handoffIds: readonly string[], reader: string): Promise<Map<string, number>>;
  /** Drops every reader's marker of these handoffs (the person was erased; their handoffs are gone). */
  forget(handoffIds: readonly string[]): Promise<void>;
}

export class MemoryReadMarkers implements ReadMarkers {
  private readonly markers = new Map<string, Map<string, number>>();

  async markRead(handoffId: string, reader: string, count: number): Promise<number> {
    const of = this.markers.get(handoffId) ?? new Map<string, number>();
    this.markers.set(handoffId, of);
    const now = Math.max(of.get(reader) ?? 0, Math.max(0, Math.floor(count)));
    of.set(reader, now);
    return now;
  }

  async readCounts(handoffIds: readonly string[], reader: string): Promise<Map<string, number>> {
    return new Map(handoffIds.map((id) => [id, this.markers.get(id)?.get(reader) ?? 0]));
  }

  async forget(handoffIds: readonly string[]): Promise<void> {
    for (const id of handoffIds) this.markers.delete(id);
  }
}

/** Raises a reader's marker in the handoff's hash, never lowers it, and keeps the hash for the retention. */
const MARK_READ = `
local now = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local asked = tonumber(ARGV[2])
if asked > now then
  redis.call('HSET', KEYS[1], ARGV[1], asked)
  now = asked
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return now
`;

interface ReadMarkerCommands {
  vitMarkRead(keys: number, key: string, reader: string, count: string, ttlSeconds: string): Promise<number>;
}

/**
 * One hash per handoff, `<prefix>handoff-read:{<handoff id>}` (the handoff's own hash tag), field: the
 * reader's account id, value: their marker. No person in it; it expires with the ended handoffs'
 * retention (refreshed at every read), so nothing outlives the conversation it counts.
 */
export class RedisReadMarkers implements ReadMarkers {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {
    if (!('vitMarkRead' in redis)) redis.defineCommand('vitMarkRead', { lua: MARK_READ });
  }

  private key = (handoffId: string) => `${this.prefix}handoff-read:{${handoffId}}`;

  async markRead(handoffId: string, reader: string, count: number): Promise<number> {
    const commands = this.redis as unknown as ReadMarkerCommands;
    return Number(await commands.vitMarkRead(1, this.key(handoffId), reader, String(Math.max(0, Math.floor(count))), String(this.ttlSeconds)));
  }

  async readCounts(handoffIds: readonly string[], reader: string): Promise<Map<string, number>> {
    // One command per key: the handoffs live in different hash slots on a cluster.
    const values = await Promise.all(handoffIds.map((id) => this.redis.hget(this.key(id), reader)));
    return new Map(handoffIds.map((id, i) => [id, Number(values[i] ?? 0) || 0]));
  }

  async forget(handoffIds: readonly string[]): Promise<void> {
    // One DEL per key, as above: each handoff has its own slot.
    await Promise.all(handoffIds.map((id) => this.redis.del(this.key(id))));
  }
}
