import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import type { Redis } from 'ioredis';
import { entityTag, IdDigest } from './idDigest';

const PAGE_SIZE = 100;

/**
 * Appends one activity and drops what is past the retention, so nothing waits for a reader to go.
 * KEYS: the conversation's list. ARGV: stored JSON (starts with {"vitAt":<ms>), ttl s, oldest time kept (ms).
 */
const APPEND = `
redis.call('RPUSH', KEYS[1], ARGV[1])
local oldest = tonumber(ARGV[3])
while true do
  local head = redis.call('LINDEX', KEYS[1], 0)
  local at = head and tonumber(string.match(head, '^{"vitAt":(%d+)'))
  if not at or at >= oldest then break end
  redis.call('LPOP', KEYS[1])
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 0
`;

/**
 * Moves a conversation up the channel's index and drops what is past the retention. A slot of its
 * own on a Redis Cluster, so a script apart from APPEND. KEYS: the index. ARGV: time ms, conversation id, ttl s, oldest time kept (ms).
 */
const INDEX = `
redis.call('ZADD', KEYS[1], 'GT', ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 0
`;

type AppendCommand = Redis & {
  vitTranscriptAppend(n: number, list: string, json: string, ttl: string, oldest: string): Promise<number>;
  vitTranscriptIndex(n: number, index: string, at: string, id: string, ttl: string, oldest: string): Promise<number>;
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
 * time: older ones are dropped at every write and never read; a list and an index with no write for
 * the retention period expire on their own.
 */
export class RedisTranscriptStore implements TranscriptStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionSeconds: number,
    private readonly digest: IdDigest,
  ) {
    // One script call per activity: a turn logs several, and each used to be a five-command transaction.
    if (!('vitTranscriptAppend' in redis)) redis.defineCommand('vitTranscriptAppend', { lua: APPEND });
    if (!('vitTranscriptIndex' in redis)) redis.defineCommand('vitTranscriptIndex', { lua: INDEX });
  }

  private key = (channelId: string, conversationId: string) => `${this.prefix}transcript:${entityTag(this.digest, channelId, conversationId)}`;
  private indexKey = (channelId: string) => `${this.prefix}transcripts:${channelId}`;
  private oldest = () => Date.now() - this.retentionSeconds * 1000;

  async logActivity(activity: Activity): Promise<void> {
    const channelId = activity.channelId;
    const conversationId = activity.conversation?.id;
    if (!channelId || !conversationId) throw new Error('RedisTranscriptStore.logActivity(): the activity has no channel or conversation');
    // A clock far off on the sender's side must not keep a message longer (or drop it at once).
    const at = Math.min(new Date(activity.timestamp ?? Date.now()).getTime() || Date.now(), Date.now());
    const { vitAt: _ignored, ...rest } = activity as Stored;
    const json = JSON.stringify({ vitAt: at, ...rest });
    const redis = this.redis as AppendCommand;
    const [ttl, oldest] = [String(this.retentionSeconds), String(this.oldest())];
    // Sent together (auto-pipelining); the list first, so an index entry always has a list behind it.
    await Promise.all([
      redis.vitTranscriptAppend(1, this.key(channelId, conversationId), json, ttl, oldest),
      redis.vitTranscriptIndex(1, this.indexKey(channelId), String(at), conversationId, ttl, oldest),
    ]);
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
