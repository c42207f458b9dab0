import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import type { Redis } from 'ioredis';
import { entityTag, IdDigest } from './idDigest';
import { DueEvery, UPKEEP_PERIOD_MS } from './dueEvery';

const PAGE_SIZE = 100;

/**
 * The upkeep of a conversation's list, when due (at most once a period per list and process, see
 * DueEvery): appends a turn's activities, drops what is past the retention from its head and renews its
 * expiry to ttl + period. Between upkeeps a turn is a plain RPUSH. So a list is kept at least ttl after
 * its last activity and at most a period longer.
 * KEYS: the conversation's list. ARGV: ttl s, oldest time kept (ms), period s, then each stored JSON
 * (each starts with {"vitAt":<ms>).
 */
const APPEND = `
redis.call('RPUSH', KEYS[1], unpack(ARGV, 4))
local oldest = tonumber(ARGV[2])
while true do
  local head = redis.call('LINDEX', KEYS[1], 0)
  local at = head and tonumber(string.match(head, '^{"vitAt":(%d+)'))
  if not at or at >= oldest then break end
  redis.call('LPOP', KEYS[1])
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[3]))
return 0
`;

type AppendCommand = Redis & {
  vitTranscriptUpkeep(n: number, list: string, ttl: string, oldest: string, period: string, ...json: string[]): Promise<number>;
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
 * (p:transcript:{tag}, the conversation's keyed digest as with its state and lease, never its id) and a
 * sorted set per channel of conversations by their last activity (p:transcripts:<channel>). Each
 * activity is kept `retentionSeconds` from its own time: older ones are never read and are dropped at
 * the first write after they are due (checked at most once a period, see DueEvery); a list and an index
 * with no write for the retention period expire on their own.
 *
 * An index entry is written when the conversation is new to this process or its list was just
 * created, and then at most once a period (at the list's upkeep), not at every turn: its score is the
 * conversation's last activity to within a period, never later. So the index is trimmed one period
 * past the retention, and listTranscripts() reads that extra period and checks the list's own last
 * activity for the entries in it: nothing goes from the list early, nothing past the retention is shown.
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
    this.indexUpkeep = new DueEvery(upkeepPeriodMs);
    if (!('vitTranscriptUpkeep' in redis)) redis.defineCommand('vitTranscriptUpkeep', { lua: APPEND });
  }

  /** When each conversation's list was last trimmed, its expiry renewed and its index entry written by this process (on the activities' clock). */
  private readonly upkeep: DueEvery;
  /** When each channel's index was last trimmed and its expiry renewed by this process. */
  private readonly indexUpkeep: DueEvery;

  private key = (channelId: string, conversationId: string) => `${this.prefix}transcript:${entityTag(this.digest, channelId, conversationId)}`;
  private indexKey = (channelId: string) => `${this.prefix}transcripts:${channelId}`;
  private oldest = () => Date.now() - this.retentionSeconds * 1000;
  private periodSeconds = () => Math.ceil(this.upkeepPeriodMs / 1000);

  async logActivity(activity: Activity): Promise<void> {
    await this.logActivities([activity]);
  }

  /**
   * Logs a turn's activities, per conversation: a plain RPUSH, or when its upkeep is due (new to this
   * process, or a period since the last) one script call that also trims the list's head and renews its
   * expiry, with a ZADD on the channel's index. A list the RPUSH created (erased or expired since this
   * process last wrote it: its length is the batch's) gets its expiry and its index entry right after.
   * Everything is sent together (auto-pipelining); the list first, so an index entry always has a list
   * behind it.
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
    const [ttl, oldest, period] = [String(this.retentionSeconds), String(this.oldest()), String(this.periodSeconds())];
    const writes: Array<Promise<unknown>> = [];
    for (const [key, { channelId, conversationId, json, at }] of byList) {
      // On the activities' clock: an index score is never more than a period behind the last activity logged.
      if (this.upkeep.due(key, at)) {
        // Not written (Redis failed): due again at the next turn.
        const failed = (error: unknown) => {
          this.upkeep.forget(key);
          throw error;
        };
        writes.push(redis.vitTranscriptUpkeep(1, key, ttl, oldest, period, ...json).catch(failed));
        writes.push(this.index(channelId, conversationId, at).catch(failed));
        continue;
      }
      writes.push(
        redis.rpush(key, ...json).then((length) => {
          if (length > json.length) return undefined;
          // Just created: its expiry now (a stop right before it leaves the list to the next upkeep, due in
          // the first turn any process logs of this conversation) and its index entry.
          return Promise.all([this.redis.expire(key, this.retentionSeconds + this.periodSeconds()), this.index(channelId, conversationId, at)]);
        }),
      );
    }
    await Promise.all(writes);
  }

  /**
   * The conversation's entry in its channel's index (never lowered). The index is trimmed one period
   * past the retention (a score may be up to a period behind) and its expiry renewed when due (at most
   * once a period per index and process).
   */
  private index(channelId: string, conversationId: string, at: number): Promise<unknown> {
    const index = this.indexKey(channelId);
    const due = this.indexUpkeep.due(index);
    const expire = () => this.redis.expire(index, this.retentionSeconds + this.periodSeconds());
    // A new member may be the first of an index that was emptied (its expiry gone with it): it gets one now.
    const writes: Array<Promise<unknown>> = [this.redis.zadd(index, 'GT', String(at), conversationId).then((added) => (added > 0 && !due ? expire() : undefined))];
    if (due) {
      writes.push(this.redis.zremrangebyscore(index, '-inf', `(${this.oldest() - this.upkeepPeriodMs}`));
      // Renewed once a period: a period longer, so it never expires before the retention after its last write.
      writes.push(expire());
    }
    return Promise.all(writes);
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

  /**
   * The channel's conversations with activity within the retention, oldest first. An entry's score may
   * be up to a period behind its conversation's last activity: the index is read one period further
   * back, and an entry in that extra period is listed only when its list's last activity is within the
   * retention.
   */
  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const start = Number(continuationToken ?? 0);
    const oldest = this.oldest();
    const entries = await this.redis.zrangebyscore(this.indexKey(channelId), String(oldest - this.upkeepPeriodMs), '+inf', 'WITHSCORES', 'LIMIT', start, PAGE_SIZE);
    const listed: Array<{ id: string; score: number }> = [];
    for (let i = 0; i < entries.length; i += 2) listed.push({ id: entries[i], score: Number(entries[i + 1]) });
    // One command per conversation (each its own slot on a cluster); auto-pipelining sends them together on a single Redis.
    const [firsts, lasts] = await Promise.all([
      Promise.all(listed.map(({ id }) => this.redis.lindex(this.key(channelId, id), 0))),
      Promise.all(listed.map(({ id, score }) => (score < oldest ? this.redis.lindex(this.key(channelId, id), -1) : null))),
    ]);
    const items: TranscriptInfo[] = [];
    listed.forEach(({ id, score }, i) => {
      if (score < oldest && !(lasts[i] && parse(lasts[i]!).at >= oldest)) return;
      items.push({ channelId, id, created: new Date(firsts[i] ? parse(firsts[i]!).at : score) });
    });
    return { items, continuationToken: entries.length / 2 === PAGE_SIZE ? String(start + PAGE_SIZE) : '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    const key = this.key(channelId, conversationId);
    // Two slots on a cluster: the list first; an index entry left by a stop in between lists an empty transcript until it expires.
    await this.redis.del(key);
    await this.redis.zrem(this.indexKey(channelId), conversationId);
    // Logged again in this process (consent given anew): written in full at once.
    this.upkeep.forget(key);
  }
}
