import type { StoreItems } from 'botbuilder';
import type { Redis } from 'ioredis';
import { HANDLED_SECONDS, PendingOutbox, StoredReply, TurnJournal, TurnRecord } from './turnJournal';
import { RedisStorage, StorageConflictError } from './redisStorage';
import type { IdDigest } from './idDigest';
import { DueEvery, UPKEEP_PERIOD_MS } from './dueEvery';

/**
 * The turn's one write: the states (as RedisStorage's conditional write: every eTag checked first,
 * then all written), the activity's handled mark and the outbox. KEYS: the n state keys, the handled
 * set, the outbox. ARGV: n, state ttl seconds (0 = keep), per state (expected eTag, new eTag, document),
 * then activity, replies JSON ('' = none), seconds to keep the mark and the outbox, now (s), 1 when the
 * handled set's trimming is due (marks past their time dropped at most once a period per conversation
 * and process, see DueEvery; a mark is read with its time, so one past it counts for nothing in between),
 * the upkeep period (s), then per state 1 when its expiry is due for renewal. A state's expiry is set
 * when the write creates it and renewed at most once a period per key and process, to ttl + period:
 * it is kept at least ttl after its last write and at most a period longer. A new outbox replaces all
 * three fields of an old one.
 * Returns 0 on success, or the 1-based index of the first state whose stored eTag differs.
 */
const COMMIT = `
local n = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
for i = 1, n do
  local expected = ARGV[3 + (i - 1) * 3]
  if expected ~= '' and expected ~= '*' then
    local current = redis.call('HGET', KEYS[i], 'eTag')
    if current and current ~= expected then return i end
  end
end
local rest = 3 + n * 3
for i = 1, n do
  local base = 3 + (i - 1) * 3
  local created = redis.call('HSET', KEYS[i], 'eTag', ARGV[base + 1], 'doc', ARGV[base + 2]) > 0
  if created or ARGV[rest + 5 + i] == '1' then
    if ttl > 0 then redis.call('EXPIRE', KEYS[i], ttl + tonumber(ARGV[rest + 5])) else redis.call('PERSIST', KEYS[i]) end
  end
end
local keep = tonumber(ARGV[rest + 2])
local now = tonumber(ARGV[rest + 3])
if ARGV[rest + 4] == '1' then redis.call('ZREMRANGEBYSCORE', KEYS[n + 1], '-inf', now) end
redis.call('ZADD', KEYS[n + 1], now + keep, ARGV[rest])
redis.call('EXPIRE', KEYS[n + 1], keep)
if ARGV[rest + 1] ~= '' then
  redis.call('HSET', KEYS[n + 2], 'activity', ARGV[rest], 'replies', ARGV[rest + 1], 'sent', 0)
  redis.call('EXPIRE', KEYS[n + 2], keep)
else
  redis.call('DEL', KEYS[n + 2])
end
return 0
`;

/** KEYS: handled set. ARGV: activity, seconds to keep. A handled mark without a state write. */
const MARK = `
local now = tonumber(redis.call('TIME')[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
return redis.call('EXPIRE', KEYS[1], ARGV[2])
`;

/** KEYS: outbox. ARGV: activity, sent, total. Counts replies sent; clears the outbox when all went; ignores another turn's outbox. */
const CONFIRM = `
if redis.call('HGET', KEYS[1], 'activity') ~= ARGV[1] then return 0 end
if tonumber(ARGV[2]) >= tonumber(ARGV[3]) then return redis.call('DEL', KEYS[1]) end
return redis.call('HSET', KEYS[1], 'sent', ARGV[2])
`;

type JournalCommands = Redis & {
  /** RedisStorage's conditional write, defined by the storage this journal writes through. */
  vitConditionalWrite(numKeys: number, ...args: string[]): Promise<number>;
  vitCommitTurn(numKeys: number, ...args: string[]): Promise<number>;
  vitConfirmReplies(numKeys: number, ...args: string[]): Promise<number>;
  vitMarkHandled(numKeys: number, ...args: string[]): Promise<number>;
};

/**
 * The turn journal in Redis, next to RedisStorage's states: per conversation a sorted set of handled
 * activities (`<prefix>turn:{c}:handled`, member: the activity's keyed digest, score: until when) and
 * a hash with the outbox (`<prefix>turn:{c}:outbox`). `{c}` is the keyed digest of channel and
 * conversation id (see createIdDigest), the same hash tag as the conversation's lease and its state,
 * so they sit in one cluster slot. The state keys are the storage's own, shared with every other
 * reader of the state.
 */
export class RedisTurnJournal implements TurnJournal {
  private readonly redis: JournalCommands;

  constructor(
    redis: Redis,
    private readonly storage: RedisStorage,
    private readonly prefix: string,
    private readonly digest: IdDigest,
    private readonly keepSeconds = HANDLED_SECONDS,
    private readonly upkeepPeriodMs = UPKEEP_PERIOD_MS,
  ) {
    this.upkeep = new DueEvery(upkeepPeriodMs);
    this.redis = redis as JournalCommands;
    if (!('vitCommitTurn' in redis)) redis.defineCommand('vitCommitTurn', { lua: COMMIT });
    if (!('vitConfirmReplies' in redis)) redis.defineCommand('vitConfirmReplies', { lua: CONFIRM });
    if (!('vitMarkHandled' in redis)) redis.defineCommand('vitMarkHandled', { lua: MARK });
  }

  /** Keyed, so neither a conversation (a phone number on WhatsApp) nor a message id can be recomputed from a guess. */
  name(...parts: string[]) {
    return this.digest(parts.join(':'));
  }

  private handledKey = (conversation: string) => `${this.prefix}turn:{${conversation}}:handled`;
  private outboxKey = (conversation: string) => `${this.prefix}turn:{${conversation}}:outbox`;

  /** When each conversation's handled set was last trimmed, and each state's expiry renewed, by this process. */
  private readonly upkeep: DueEvery;

  async commit(changes: StoreItems, record: TurnRecord) {
    const batch = this.storage.prepareWrite(changes);
    const replies = record.replies.length > 0 ? JSON.stringify(record.replies) : '';
    const handled = this.handledKey(record.conversation);
    const outbox = this.outboxKey(record.conversation);
    // On a single Redis one script writes everything. On a cluster a script reaches one slot, and the
    // person's user state has a slot of its own (other readers find it by the person alone): the
    // states outside the conversation's slot are written first, each slot all-or-nothing, then the
    // conversation's slot with its state, the handled mark and the outbox. A conflict in the first
    // step writes nothing. One in the last step after the first wrote needs another writer of this
    // conversation's state while this turn holds its lease (only an erasure, which takes the lease
    // too, or a lease lost past its TTL): the turn then runs again on the state as it is, the user
    // state holding this run's write, and no reply, handled mark or outbox of the lost run is kept.
    const groups = this.storage.slotGroups([...batch.redisKeys, handled]);
    const last = groups.find((g) => g.includes(batch.redisKeys.length))!;
    for (const group of groups) {
      if (group === last) continue;
      const conflict = await this.redis.vitConditionalWrite(
        group.length,
        ...group.map((i) => batch.redisKeys[i]),
        String(batch.ttlSeconds),
        ...group.flatMap((i) => batch.args.slice(i * 3, i * 3 + 3)),
      );
      if (conflict > 0) throw new StorageConflictError(batch.keys[group[conflict - 1]]);
    }
    const states = last.filter((i) => i < batch.redisKeys.length);
    const conflict = await this.redis.vitCommitTurn(
      states.length + 2,
      ...states.map((i) => batch.redisKeys[i]),
      handled,
      outbox,
      String(states.length),
      String(batch.ttlSeconds),
      ...states.flatMap((i) => batch.args.slice(i * 3, i * 3 + 3)),
      record.activity,
      replies,
      String(this.keepSeconds),
      String(Math.floor(Date.now() / 1000)),
      this.upkeep.due(handled) ? '1' : '0',
      String(Math.ceil(this.upkeepPeriodMs / 1000)),
      ...states.map((i) => (this.upkeep.due(batch.redisKeys[i]) ? '1' : '0')),
    );
    if (conflict > 0) throw new StorageConflictError(batch.keys[states[conflict - 1]]);
    batch.written();
  }

  async markHandled(conversation: string, activity: string) {
    await this.redis.vitMarkHandled(1, this.handledKey(conversation), activity, String(this.keepSeconds));
  }

  async lookup(conversation: string, activity: string) {
    // Two commands, not a pipeline of their own: auto-pipelining sends them with the turn's other first reads.
    const [until, outbox] = await Promise.all([this.redis.zscore(this.handledKey(conversation), activity), this.redis.hgetall(this.outboxKey(conversation))]);
    return { handled: until !== null && Number(until) * 1000 > Date.now(), pending: readOutbox(outbox) };
  }

  async confirm(conversation: string, activity: string, sent: number, total: number) {
    await this.redis.vitConfirmReplies(1, this.outboxKey(conversation), activity, String(sent), String(total));
  }

  async erase(conversations: string[]) {
    for (const conversation of conversations) await this.redis.del(this.handledKey(conversation), this.outboxKey(conversation));
  }
}

function readOutbox(hash: Record<string, string>): PendingOutbox | undefined {
  if (!hash.activity || !hash.replies) return undefined;
  try {
    const replies = JSON.parse(hash.replies) as StoredReply[];
    return Array.isArray(replies) ? { activity: hash.activity, replies, sent: Number(hash.sent) || 0 } : undefined;
  } catch {
    return undefined; // unreadable: nothing could ever deliver it
  }
}
