import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import type { Redis } from 'ioredis';
import { entityTag, IdDigest } from './idDigest';
import { DueEvery, UPKEEP_PERIOD_MS } from './dueEvery';

const PAGE_SIZE = 100;

/**
 * Appends a turn's activities to the conversation's list. When `upkeep` is 1 (due at most once a
 * period per list and process, see DueEvery) it also drops what is past the retention from its head
 * and renews its expiry to ttl + period; a list the write creates gets its expiry at once. So a list
 * is kept at least ttl after its last activity and at most a period longer.
 * KEYS: the conversation's list. ARGV: ttl s, oldest time kept (ms), upkeep (1/0), period s, then each
 * stored JSON (each starts with {"vitAt":<ms>).
 */
const APPEND = `
local length = redis.call('RPUSH', KEYS[1], unpack(ARGV, 5))
if ARGV[3] == '1' then
  local oldest = tonumber(ARGV[2])
  while true do
    local head = redis.call('LINDEX', KEYS[1], 0)
    local at = head and tonumber(string.match(head, '^{"vitAt":(%d+)'))
    if not at or at >= oldest then break end
    redis.call('LPOP', KEYS[1])
  end
end
if ARGV[3] == '1' or length == #ARGV - 4 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[4])) end
return 0
`;

type AppendCommand = Redis & {
  vitTranscriptBatch(n: number, list: string, ttl: string, oldest: string, upkeep: string, period: string, ...json: string[]): Promise<number>;
};

/** The stored form: the activity with its time in ms first, so the script can read it without parsing. */
interface Stored extends Activity {
  vitAt?: number;
}

function parse(raw: string): { at: number; activity: Activity } {
  const { vitAt, ...activity } = JSON.parse(raw) as Stored;
  return { at: vitAt ?? new Date(activity.timestamp ?? 0).getTime(), activity: activity as Activity };
}

/**
 * Bot Framework's TranscriptStore on Redis: one list of activities per conversation
 * (p:transcript:{tag}, the conversation's keyed digest as with its state and lease, never its id) and a sorted set per channel of conversations by their
 * last activity (p:transcripts:<channel>). Each activity is kept `retentionSeconds` from its own
 * time: older ones are never read and are dropped at the first write after they are due (checked at
 * most once a period, see DueEvery); a list and an index with no write for the retention period expire on their own.
 */
export class RedisTranscriptStore implements TranscriptStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionSeconds: number,
    private readonly digest: IdDigest,
    private readonly upkeepPeriodMs = UPKEEP_PERIOD_MS,
  ) {
    this.upkeep = new DueEvery(upkeepPeriodMs);
    // One script call per conversation and turn: a turn logs several activities, each once a five-command transaction.
    if (!('vitTranscriptBatch' in redis)) redis.defineCommand('vitTranscriptBatch', { lua: APPEND });
  }

  /** When each list and index was last trimmed and its expiry renewed by this process. */
  private readonly upkeep: DueEvery;

  private key = (channelId: string, conversationId: string) => `${this.prefix}transcript:${entityTag(this.digest, channelId, conversationId)}`;
  private indexKey = (channelId: string) => `${this.prefix}transcripts:${channelId}`;
  private oldest = () => Date.now() - this.retentionSeconds * 1000;

  async logActivity(activity: Activity): Promise<void> {
    await this.logActivities([activity]);
  }

  /**
   * Logs a turn's activities: per conversation one script call (the list) and one ZADD (the channel's
   * index), sent together; the index is trimmed and its expiry renewed when due (at most once a period
   * per process, see DueEvery), the list's head when due for that conversation.
   */
  async logActivities(activities: Activity[]): Promise<void> {
    const byList = new Map<string, { channelId: string; conversationId: string; json: string[]; at: number }>();
    for (const activity of activities) {
      const channelId = activity.channelId;
      const conversationId = activity.conversation?.id;
      if (!channelId || !conversationId) throw new Error('RedisTranscriptStore.logActivity(): the activity has no channel or conversation');
      // A clock far off on the sender's side must not keep a message longer (or drop it at once).
      const at = Math.min(new Date(activity.timestamp ?? Date.now()).getTime() || Date.now(), Date.now());
      const { vitAt: _ignored, ...rest } = activity as Stored;
      const key = this.key(channelId, conversationId);
      const entry = byList.get(key) ?? { channelId, conversationId, json: [], at: 0 };
      entry.json.push(JSON.stringify({ vitAt: at, ...rest }));
      entry.at = Math.max(entry.at, at);
      byList.set(key, entry);
    }
    const redis = this.redis as AppendCommand;
    const [ttl, oldest] = [String(this.retentionSeconds), String(this.oldest())];
    const writes: Array<Promise<unknown>> = [];
    // Sent together (auto-pipelining); the list first, so an index entry always has a list behind it.
    for (const [key, { channelId, conversationId, json, at }] of byList) {
      writes.push(redis.vitTranscriptBatch(1, key, ttl, oldest, this.upkeep.due(key) ? '1' : '0', String(Math.ceil(this.upkeepPeriodMs / 1000)), ...json));
      const index = this.indexKey(channelId);
      const due = this.upkeep.due(index);
      const expire = () => this.redis.expire(index, this.retentionSeconds + Math.ceil(this.upkeepPeriodMs / 1000));
      // A new member may be the first of an index that was emptied (its expiry gone with it): it gets one now.
      writes.push(this.redis.zadd(index, 'GT', String(at), conversationId).then((added) => (added > 0 && !due ? expire() : undefined)));
      if (due) {
        writes.push(this.redis.zremrangebyscore(index, '-inf', `(${oldest}`));
        // Renewed once a period: a period longer, so it never expires before the retention after its last write.
        writes.push(expire());
      }
    }
    await Promise.all(writes);
  }

  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    const start = Number(continuationToken ?? 0);
    const raw = await this.redis.lrange(this.key(channelId, conversationId), String(start), String(start + PAGE_SIZE - 1));
    const oldest = Math.max(this.oldest(), startDate?.getTime() ?? 0);
    const items = raw
      .map(parse)
      .filter((a) => a.at >= oldest)
      .map((a) => a.activity);
    return { items, continuationToken: raw.length === PAGE_SIZE ? String(start + PAGE_SIZE) : '' };
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const start = Number(continuationToken ?? 0);
    const entries = await this.redis.zrangebyscore(this.indexKey(channelId), String(this.oldest()), '+inf', 'WITHSCORES', 'LIMIT', start, PAGE_SIZE);
    const ids: string[] = [];
    for (let i = 0; i < entries.length; i += 2) ids.push(entries[i]);
    // One command per conversation (each its own slot on a cluster); auto-pipelining sends them together on a single Redis.
    const firsts = await Promise.all(ids.map((id) => this.redis.lindex(this.key(channelId, id), 0)));
    const items: TranscriptInfo[] = ids.map((id, i) => ({ channelId, id, created: new Date(firsts[i] ? parse(firsts[i]!).at : Number(entries[2 * i + 1])) }));
    return { items, continuationToken: entries.length / 2 === PAGE_SIZE ? String(start + PAGE_SIZE) : '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    // Two slots on a cluster: the list first; an index entry left by a stop in between lists an empty transcript until it expires.
    await this.redis.del(this.key(channelId, conversationId));
    await this.redis.zrem(this.indexKey(channelId), conversationId);
  }
}
