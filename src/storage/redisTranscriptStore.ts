import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import type { Redis } from 'ioredis';

const PAGE_SIZE = 100;

/** Appends one activity. KEYS: the conversation's list, the channel's index. ARGV: activity JSON, ttl s, time ms, conversation id. */
const APPEND = `
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], 'NX', ARGV[3], ARGV[4])
return 0
`;

type AppendCommand = Redis & { vitTranscriptAppend(n: number, list: string, index: string, json: string, ttl: string, at: string, id: string): Promise<number> };

/**
 * Bot Framework's TranscriptStore on Redis: one list of activities per conversation
 * (p:transcript:<channel>:<conversation>) that expires `retentionSeconds` after its last activity,
 * and a sorted set per channel of conversations by their first activity (p:transcripts:<channel>).
 */
export class RedisTranscriptStore implements TranscriptStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionSeconds: number,
  ) {
    // One script call per activity: a turn logs several, and each used to be a five-command transaction.
    if (!('vitTranscriptAppend' in redis)) redis.defineCommand('vitTranscriptAppend', { lua: APPEND });
  }

  private key = (channelId: string, conversationId: string) => `${this.prefix}transcript:${channelId}:${conversationId}`;
  private indexKey = (channelId: string) => `${this.prefix}transcripts:${channelId}`;

  async logActivity(activity: Activity): Promise<void> {
    const channelId = activity.channelId;
    const conversationId = activity.conversation?.id;
    if (!channelId || !conversationId) throw new Error('RedisTranscriptStore.logActivity(): the activity has no channel or conversation');
    const at = new Date(activity.timestamp ?? Date.now()).getTime();
    const key = this.key(channelId, conversationId);
    await (this.redis as AppendCommand).vitTranscriptAppend(2, key, this.indexKey(channelId), JSON.stringify(activity), String(this.retentionSeconds), String(at), conversationId);
  }

  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    const start = Number(continuationToken ?? 0);
    const raw = await this.redis.lrange(this.key(channelId, conversationId), String(start), String(start + PAGE_SIZE - 1));
    const items = raw
      .map((r) => JSON.parse(r) as Activity)
      .filter((a) => !startDate || new Date(a.timestamp ?? 0).getTime() >= startDate.getTime());
    return { items, continuationToken: raw.length === PAGE_SIZE ? String(start + PAGE_SIZE) : '' };
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const start = Number(continuationToken ?? 0);
    const oldest = Date.now() - this.retentionSeconds * 1000;
    await this.redis.zremrangebyscore(this.indexKey(channelId), '-inf', String(oldest)); // their lists have expired too
    const entries = await this.redis.zrange(this.indexKey(channelId), String(start), String(start + PAGE_SIZE - 1), 'WITHSCORES');
    const items: TranscriptInfo[] = [];
    for (let i = 0; i < entries.length; i += 2) items.push({ channelId, id: entries[i], created: new Date(Number(entries[i + 1])) });
    return { items, continuationToken: items.length === PAGE_SIZE ? String(start + PAGE_SIZE) : '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    await this.redis.multi().del(this.key(channelId, conversationId)).zrem(this.indexKey(channelId), conversationId).exec();
  }
}
