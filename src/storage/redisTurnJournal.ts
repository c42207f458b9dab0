import type { StoreItems } from 'botbuilder';
import type { Redis } from 'ioredis';
import { HANDLED_SECONDS, PendingOutbox, StoredReply, TurnJournal, TurnRecord } from './turnJournal';
import { RedisStorage, StorageConflictError } from './redisStorage';
import type { IdDigest } from './idDigest';
import { DueEvery, UPKEEP_PERIOD_MS } from './dueEvery';

/**
 * The turn's one write: the states (as RedisStorage's conditional write: every eTag checked first,
 * then all written) with the activity's handled mark and the outbox, which go into the conversation
 * state's hash in the same HSET as its eTag and doc (in an HSET of their own when the turn writes no
 * conversation state). KEYS: the n state keys, the conversation state's key (the journal). ARGV: n,
 * state ttl seconds (0 = keep), per state (expected eTag, new eTag, document), then activity, replies
 * JSON ('' = none), seconds a handled mark counts, now (s), 1 when the journal's upkeep is due (marks
 * past their time dropped at most once a period per conversation and process, see DueEvery; a mark is
 * read with its time, so one past it counts for nothing in between), the upkeep period (s), then per
 * state 1 when its expiry is due for renewal. A key's expiry (the states' ttl: the journal lives and
 * goes with its conversation's state) is set when the write creates it (adds more fields than the new
 * mark) and renewed at most once a period per key and process, to ttl + period: it is kept at least
 * ttl after its last write and at most a period longer. A new outbox replaces all three fields of an
 * old one; a turn without replies writes them empty (no DEL).
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
local period = tonumber(ARGV[rest + 5])
local journal = KEYS[n + 1]
local now = tonumber(ARGV[rest + 3])
local due = ARGV[rest + 4] == '1'
local function expire(key)
  if ttl > 0 then redis.call('EXPIRE', key, ttl + period) else redis.call('PERSIST', key) end
end
if due then
  local fields = redis.call('HGETALL', journal)
  local past = {}
  for i = 1, #fields, 2 do
    if string.sub(fields[i], 1, 2) == 'h:' and tonumber(fields[i + 1]) <= now then past[#past + 1] = fields[i] end
  end
  for i = 1, #past, 1000 do redis.call('HDEL', journal, unpack(past, i, math.min(i + 999, #past))) end
end
local ends = now + tonumber(ARGV[rest + 2])
local record = {'h:' .. ARGV[rest], ends, 'activity', ARGV[rest], 'replies', ARGV[rest + 1], 'sent', '', 'until', ends}
local carried = false
for i = 1, n do
  local base = 3 + (i - 1) * 3
  local fields = {'eTag', ARGV[base + 1], 'doc', ARGV[base + 2]}
  local mark = 0
  if KEYS[i] == journal then
    for _, v in ipairs(record) do fields[#fields + 1] = v end
    carried = true
    mark = 1
  end
  local added = redis.call('HSET', KEYS[i], unpack(fields))
  if added > mark or ARGV[rest + 5 + i] == '1' or (mark == 1 and due) then expire(KEYS[i]) end
end
if not carried and (redis.call('HSET', journal, unpack(record)) > 1 or due) then expire(journal) end
return 0
`;

/**
 * KEYS: journal. ARGV: activity, seconds a mark counts, the states' ttl (s, 0 = keep), the upkeep period
 * (s). A handled mark without a state write (rare: a mentor's command in Teams, a conversation update);
 * the hash gets the states' expiry when this creates it.
 */
const MARK = `
local now = tonumber(redis.call('TIME')[1])
local existed = redis.call('EXISTS', KEYS[1])
redis.call('HSET', KEYS[1], 'h:' .. ARGV[1], now + tonumber(ARGV[2]))
if existed == 0 and tonumber(ARGV[3]) > 0 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]) + tonumber(ARGV[4])) end
return 0
`;

/**
 * The journal of an earlier version, in two keys (KEYS[2]: a sorted set of handled marks, KEYS[3]: a
 * hash with the outbox), moved into the conversation state's hash (KEYS[1]) once, by the first look-up
 * that finds no outbox fields there. ARGV: the looked-up activity, now (s), the states' ttl (s, 0 =
 * keep), the upkeep period (s). An existing hash keeps its expiry (the state's); one this creates gets
 * the states' expiry. Returns what the look-up reads: the activity's mark, the outbox's activity,
 * replies, sent and until.
 */
const ADOPT = `
if redis.call('HEXISTS', KEYS[1], 'activity') == 1 then
  return redis.call('HMGET', KEYS[1], 'h:' .. ARGV[1], 'activity', 'replies', 'sent', 'until')
end
local existed = redis.call('EXISTS', KEYS[1])
local now = tonumber(ARGV[2])
local marks = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. now, '+inf', 'WITHSCORES')
for i = 1, #marks, 2 do redis.call('HSET', KEYS[1], 'h:' .. marks[i], marks[i + 1]) end
local outbox = redis.call('HMGET', KEYS[3], 'activity', 'replies', 'sent')
local sent = ''
if outbox[1] and outbox[3] then sent = outbox[1] .. ':' .. outbox[3] end
local left = redis.call('TTL', KEYS[3])
local kept = ''
if left > 0 then kept = now + left end
redis.call('HSET', KEYS[1], 'activity', outbox[1] or '', 'replies', outbox[2] or '', 'sent', sent, 'until', kept)
if existed == 0 and tonumber(ARGV[3]) > 0 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]) + tonumber(ARGV[4])) end
redis.call('DEL', KEYS[2], KEYS[3])
return redis.call('HMGET', KEYS[1], 'h:' .. ARGV[1], 'activity', 'replies', 'sent', 'until')
`;

type JournalCommands = Redis & {
  /** RedisStorage's conditional write, defined by the storage this journal writes through. */
  vitConditionalWrite(numKeys: number, ...args: string[]): Promise<number>;
  vitCommitTurn(numKeys: number, ...args: string[]): Promise<number>;
  vitMarkHandled(numKeys: number, ...args: string[]): Promise<number>;
  vitAdoptJournal(numKeys: number, ...args: string[]): Promise<Array<string | null>>;
};

/**
 * The turn journal in Redis, in the conversation state's own hash (`<prefix>state:{c}:conversation`,
 * RedisStorage's key, beside its `eTag` and `doc`): the handled activities (a field
 * `h:<activity's keyed digest>` each, its value until when, in seconds) and the outbox (fields
 * `activity`, `replies`, `sent`, and `until`: unsent replies are delivered for as long as their
 * activity counts as handled, HANDLED_SECONDS, not for as long as the state is kept). `{c}` is the keyed digest of channel and conversation id (see
 * createIdDigest), the same hash tag as the conversation's lease, so they sit in one cluster slot.
 * The journal lives and goes with the state: its expiry (STATE_RETENTION_DAYS; a mark counts
 * HANDLED_SECONDS at most), an erasure's DEL. A turn costs the journal one HMGET (the look-up, which
 * reads the conversation state with it: see RedisStorage.primeRead), no command of its own in the
 * turn's write (its fields ride on the state's HSET) and one HSET per confirmed reply.
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
    if (!('vitMarkHandled' in redis)) redis.defineCommand('vitMarkHandled', { lua: MARK });
    if (!('vitAdoptJournal' in redis)) redis.defineCommand('vitAdoptJournal', { lua: ADOPT });
  }

  /** Keyed, so neither a conversation (a phone number on WhatsApp) nor a message id can be recomputed from a guess. */
  name(...parts: string[]) {
    return this.digest(parts.join(':'));
  }

  /** The conversation state's key: `name(channel, conversation id)` is its tag (see entityTag). */
  private journalKey = (conversation: string) => this.storage.conversationKeyOf(conversation);
  /** An earlier version's two keys, read once per conversation (see ADOPT) and deleted with an erasure. */
  private oldKeys = (conversation: string) => [`${this.prefix}turn:{${conversation}}:handled`, `${this.prefix}turn:{${conversation}}:outbox`];

  /** When each conversation's journal was last trimmed, and each state's expiry renewed, by this process. */
  private readonly upkeep: DueEvery;

  private get periodSeconds() {
    return String(Math.ceil(this.upkeepPeriodMs / 1000));
  }

  async commit(changes: StoreItems, record: TurnRecord) {
    const batch = this.storage.prepareWrite(changes);
    const replies = record.replies.length > 0 ? JSON.stringify(record.replies) : '';
    const journal = this.journalKey(record.conversation);
    // On a single Redis one script writes everything. On a cluster a script reaches one slot, and the
    // person's user state has a slot of its own (other readers find it by the person alone): the
    // states outside the conversation's slot are written first, each slot all-or-nothing, then the
    // conversation's slot with its state, the handled mark and the outbox. A conflict in the first
    // step writes nothing. One in the last step after the first wrote needs another writer of this
    // conversation's state while this turn holds its lease (only an erasure, which takes the lease
    // too, or a lease lost past its TTL): the turn then runs again on the state as it is, the user
    // state holding this run's write, and no reply, handled mark or outbox of the lost run is kept.
    const groups = this.storage.slotGroups([...batch.redisKeys, journal]);
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
      states.length + 1,
      ...states.map((i) => batch.redisKeys[i]),
      journal,
      String(states.length),
      String(batch.ttlSeconds),
      ...states.flatMap((i) => batch.args.slice(i * 3, i * 3 + 3)),
      record.activity,
      replies,
      String(this.keepSeconds),
      String(Math.floor(Date.now() / 1000)),
      this.upkeep.due(`journal ${journal}`) ? '1' : '0',
      this.periodSeconds,
      ...states.map((i) => (this.upkeep.due(batch.redisKeys[i]) ? '1' : '0')),
    );
    if (conflict > 0) throw new StorageConflictError(batch.keys[states[conflict - 1]]);
    batch.written();
  }

  async markHandled(conversation: string, activity: string) {
    await this.redis.vitMarkHandled(1, this.journalKey(conversation), activity, String(this.keepSeconds), String(this.storage.ttl), this.periodSeconds);
  }

  /**
   * One HMGET of the activity's mark, the outbox and the conversation state's eTag and doc: a read of
   * that state sent while it is on its way (the turn's preload, started right after this) takes its
   * answer (RedisStorage.primeRead) instead of a command of its own.
   */
  async lookup(conversation: string, activity: string) {
    const key = this.journalKey(conversation);
    const read = this.redis.hmget(key, `h:${activity}`, 'activity', 'replies', 'sent', 'until', 'eTag', 'doc');
    this.storage.primeRead(
      key,
      read.then((fields) => fields.slice(5)),
    );
    let fields = (await read).slice(0, 5);
    // No outbox fields: the conversation's first turn since this version, or none at all yet. An earlier
    // version's journal (two keys) is moved in once, here (see ADOPT); later turns never read those keys.
    if (fields[1] === null) {
      fields = await this.redis.vitAdoptJournal(3, key, ...this.oldKeys(conversation), activity, String(Math.floor(Date.now() / 1000)), String(this.storage.ttl), this.periodSeconds);
    }
    const [until, ...outbox] = fields;
    return { handled: until !== null && Number(until) * 1000 > Date.now(), pending: readOutbox(outbox) };
  }

  /**
   * One plain HSET of `sent` = `<activity>:<n>`, no script checking first whose outbox it is: the
   * look-up counts `sent` only when its activity part is the outbox's, so a late confirmation of an
   * earlier turn counts for nothing, and n = total (the last reply) leaves nothing to deliver, with no
   * DEL. The turn confirming holds the conversation's lease (ConditionalTurn and SavedTurnMiddleware
   * confirm only while it is held), so no other turn writes the outbox meanwhile. What this gives up:
   * a turn that lost its lease past its TTL between that check and this command can overwrite the
   * next turn's `sent` with its own activity; that turn's replies then count as not sent and go out
   * once more (a duplicate with the same reply id, never a loss). The same late HSET after an erasure
   * would leave a hash with `sent` alone (digests, no personal data) and no expiry.
   */
  async confirm(conversation: string, activity: string, sent: number, total: number) {
    void total; // "all sent" is sent = the number of replies: the look-up finds nothing left
    await this.redis.hset(this.journalKey(conversation), 'sent', `${activity}:${sent}`);
  }

  /** Deletes the conversation state's hash with the journal in it (as the erasure does), and any key of the earlier journal. */
  async erase(conversations: string[]) {
    for (const conversation of conversations) await this.redis.del(this.journalKey(conversation), ...this.oldKeys(conversation));
  }
}

/**
 * The outbox fields as HMGET returns them: activity, replies, sent (`<activity>:<n>`, n counted only for
 * this activity), until (s; past it the replies are not delivered any more).
 */
function readOutbox([activity, replies, sent, until]: Array<string | null>): PendingOutbox | undefined {
  if (!activity || !replies || (until && Number(until) * 1000 <= Date.now())) return undefined;
  try {
    const stored = JSON.parse(replies) as StoredReply[];
    if (!Array.isArray(stored)) return undefined;
    const at = sent ? sent.lastIndexOf(':') : -1;
    const count = at >= 0 && sent!.slice(0, at) === activity ? Number(sent!.slice(at + 1)) || 0 : 0;
    return count < stored.length ? { activity, replies: stored, sent: count } : undefined;
  } catch {
    return undefined; // unreadable: nothing could ever deliver it
  }
}
