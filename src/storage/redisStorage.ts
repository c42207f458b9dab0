import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Redis } from 'ioredis';
import { entityTag, IdDigest } from './idDigest';
import { bySlot } from './hashSlot';
import { isCluster } from './redisClient';

/**
 * Checks every eTag first and writes only when all match, so a batch is all-or-nothing.
 * KEYS: the item keys. ARGV: ttl seconds (0 = keep), then per key: expected eTag ('' = any), new eTag, document.
 * Returns 0 on success, or the 1-based index of the first key whose stored eTag differs.
 */
const CONDITIONAL_WRITE = `
local ttl = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local expected = ARGV[2 + (i - 1) * 3]
  if expected ~= '' and expected ~= '*' then
    local current = redis.call('HGET', key, 'eTag')
    if current and current ~= expected then return i end
  end
end
for i, key in ipairs(KEYS) do
  local base = 2 + (i - 1) * 3
  redis.call('HSET', key, 'eTag', ARGV[base + 1], 'doc', ARGV[base + 2])
  if ttl > 0 then redis.call('EXPIRE', key, ttl) else redis.call('PERSIST', key) end
end
return 0
`;

export class StorageConflictError extends Error {
  constructor(readonly key: string) {
    super(`RedisStorage.write(): eTag conflict on "${key}"`);
    this.name = 'StorageConflictError';
  }
}

export interface RedisStorageOptions {
  /** Prepended to every key, e.g. "vit:". */
  prefix: string;
  /** Items expire this many seconds after their last write; 0 keeps them until deleted. */
  ttlSeconds?: number;
  /** The keyed digest the key names are made with (see stateRedisKey). */
  digest: IdDigest;
}

/** botbuilder's names for user and conversation state (see botStateKeys.ts): channel, kind, id. */
const BOT_STATE_KEY = /^([^/]+)\/(users|conversations)\/(.+)\/$/;

/**
 * The Redis key of a storage item: `state:{tag}:user` for a person's user state, `state:{tag}:conversation`
 * for a conversation's, where the tag is the entity's keyed digest (see entityTag): the conversation's
 * is the one its lease and turn journal use. Any other item is kept under the digest of its whole key.
 * The storage key itself, which holds the user or conversation id (the phone number on WhatsApp), is
 * never part of the name. Exported for the key migration, which computes the same names.
 */
export function stateRedisKey(prefix: string, digest: IdDigest, key: string): string {
  const match = BOT_STATE_KEY.exec(key);
  if (!match) return `${prefix}state:{${digest(key)}}`;
  const [, channelId, kind, id] = match;
  return `${prefix}state:${entityTag(digest, channelId, id)}:${kind === 'users' ? 'user' : 'conversation'}`;
}

/**
 * Bot Framework Storage on Redis with optimistic concurrency: an item written with the eTag it was
 * read with fails if someone wrote it since; eTag "*" or no eTag always writes; delete is idempotent.
 * Each item is a hash { eTag, doc } under a name made from the key's keyed digest (see stateRedisKey).
 * A conversation's state hash holds the turn journal's fields too (see RedisTurnJournal): a write here
 * sets eTag and doc only and keeps them; delete removes them with the state (erasure).
 */
export class RedisStorage implements Storage {
  private readonly ttlSeconds: number;
  /** Reads of an item's eTag and doc already under way in another command (see primeRead), by Redis key. */
  private readonly primed = new Map<string, Promise<Array<string | null>>>();

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisStorageOptions,
  ) {
    this.ttlSeconds = options.ttlSeconds ?? 0;
    // defineCommand sends the script once and then calls it by its SHA (EVALSHA).
    if (!('vitConditionalWrite' in redis)) redis.defineCommand('vitConditionalWrite', { lua: CONDITIONAL_WRITE });
  }

  /** How long an item is kept after its last write, in seconds (0: until deleted). */
  get ttl(): number {
    return this.ttlSeconds;
  }

  /** The Redis key an item is kept under; exposed so erasure and tests can find it. */
  redisKey(key: string): string {
    return stateRedisKey(this.options.prefix, this.options.digest, key);
  }

  /**
   * The Redis key of a conversation's state from its tag (the keyed digest of channel and conversation
   * id, see entityTag): the turn journal keeps its fields in the same hash.
   */
  conversationKeyOf(tag: string): string {
    return `${this.options.prefix}state:{${tag}}:conversation`;
  }

  /**
   * An item's eTag and doc, read by a command of someone else that is on its way now (the turn
   * journal's look-up reads the conversation state's hash with its own fields): a read of that key
   * while the answer is outstanding takes it instead of sending HMGET. Only while it is outstanding: a
   * read sent later must see what was written meanwhile (on this connection a write sent after that
   * command is answered after it, so nothing a reader could have seen written is missed).
   */
  primeRead(redisKey: string, eTagAndDoc: Promise<Array<string | null>>): void {
    this.primed.set(redisKey, eTagAndDoc);
    const done = () => {
      if (this.primed.get(redisKey) === eTagAndDoc) this.primed.delete(redisKey);
    };
    eTagAndDoc.then(done, done);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new Error('RedisStorage.read(): keys must be an array');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    // One command per key (each key is a slot of its own on a cluster); auto-pipelining sends them together on a single Redis.
    const results = await Promise.all(
      keys.map((key) => {
        const redisKey = this.redisKey(key);
        const primed = this.primed.get(redisKey);
        if (!primed) return this.redis.hmget(redisKey, 'eTag', 'doc');
        this.primed.delete(redisKey);
        return primed;
      }),
    );
    results.forEach((value, i) => {
      const [eTag, doc] = value as [string | null, string | null];
      if (doc === null) return;
      items[keys[i]] = { ...(JSON.parse(doc) as object), eTag };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const batch = this.prepareWrite(changes);
    if (batch.keys.length === 0) return;
    const redis = this.redis as Redis & { vitConditionalWrite(n: number, ...a: string[]): Promise<number> };
    // On a cluster a script reaches one slot: the batch is written slot by slot, each all-or-nothing,
    // and a conflict stops the batch before the next slot (see docs/operations.md, "Redis Cluster").
    for (const group of this.slotGroups(batch.redisKeys)) {
      const args = group.flatMap((i) => batch.args.slice(i * 3, i * 3 + 3));
      const conflict = await redis.vitConditionalWrite(group.length, ...group.map((i) => batch.redisKeys[i]), String(this.ttlSeconds), ...args);
      if (conflict > 0) throw new StorageConflictError(batch.keys[group[conflict - 1]]);
    }
    batch.written();
  }

  /** The positions of `redisKeys` per step: all in one on a single Redis, one step per hash slot on a cluster. */
  slotGroups(redisKeys: string[]): number[][] {
    return isCluster(this.redis) ? bySlot(redisKeys) : [redisKeys.map((_, i) => i)];
  }

  /**
   * A conditional batch as CONDITIONAL_WRITE takes it, for a script that writes states together with
   * other keys (the turn journal): per key the expected eTag ('' = any), the new eTag and the document.
   * `written()` gives the items their new eTags once the write succeeded.
   */
  prepareWrite(changes: StoreItems): { keys: string[]; redisKeys: string[]; ttlSeconds: number; args: string[]; written(): void } {
    if (!changes || typeof changes !== 'object') throw new Error('RedisStorage.write(): changes must be an object');
    const keys = Object.keys(changes);
    const args: string[] = [];
    const newETags: string[] = [];
    for (const key of keys) {
      const { eTag, ...doc } = (changes[key] ?? {}) as { eTag?: string };
      const newETag = randomUUID();
      newETags.push(newETag);
      args.push(typeof eTag === 'string' ? eTag : '', newETag, JSON.stringify(doc));
    }
    return {
      keys,
      redisKeys: keys.map((k) => this.redisKey(k)),
      ttlSeconds: this.ttlSeconds,
      args,
      // Each written item now carries its new eTag, so the same object can be written again conditionally.
      written: () =>
        keys.forEach((key, i) => {
          const item = changes[key];
          if (item && typeof item === 'object') item.eTag = newETags[i];
        }),
    };
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new Error('RedisStorage.delete(): keys must be an array');
    if (keys.length === 0) return;
    // One DEL per key: on a cluster the keys lie in different slots.
    await Promise.all(keys.map((k) => this.redis.del(this.redisKey(k))));
  }
}
