import type { Redis } from 'ioredis';
import { entityTag, IdDigest } from './idDigest';
import { DueEvery, UPKEEP_PERIOD_MS } from './dueEvery';

/** What staff filter transcripts by, kept beside each transcript and gone with it. */
export interface TranscriptMeta {
  channelId: string;
  conversationId: string;
  userId: string;
  language?: string;
  firstAt: string;
  lastAt: string;
  messageCount: number;
}

export interface CatalogNote {
  channelId: string;
  conversationId: string;
  userId: string;
  language?: string;
  at: Date;
  message: boolean;
}

/**
 * The list of kept transcripts with their metadata: memory or Redis (p:transcript-meta:<channel>:<conv>
 * hash, expiring with the transcript; p:transcript-catalog sorted by last activity). The catalog names
 * conversations (on WhatsApp a phone number), so the entries past the retention are dropped at the
 * first write after they are due (at most once a period, see DueEvery) and the whole set expires when
 * nothing was written for the retention period.
 */
export interface TranscriptCatalog {
  /** Records one more logged activity of a conversation. */
  note(entry: CatalogNote): Promise<void>;
  /** Records a turn's logged activities (as `note` for each, in order, written together). */
  noteAll(entries: CatalogNote[]): Promise<void>;
  /** Conversations with activity in [from, to], newest first. */
  between(from: Date, to: Date): Promise<TranscriptMeta[]>;
  get(channelId: string, conversationId: string): Promise<TranscriptMeta | undefined>;
  remove(channelId: string, conversationId: string): Promise<void>;
}

export class MemoryTranscriptCatalog implements TranscriptCatalog {
  private readonly entries = new Map<string, TranscriptMeta>();

  constructor(private readonly retentionMs: number) {}

  async noteAll(entries: CatalogNote[]) {
    for (const e of entries) await this.note(e);
  }

  async note(e: CatalogNote) {
    const key = `${e.channelId}|${e.conversationId}`;
    const at = e.at.toISOString();
    const current = this.entries.get(key) ?? { channelId: e.channelId, conversationId: e.conversationId, userId: e.userId, firstAt: at, lastAt: at, messageCount: 0 };
    current.lastAt = at;
    if (e.language) current.language = e.language;
    if (e.message) current.messageCount++;
    this.entries.set(key, current);
  }

  async between(from: Date, to: Date) {
    const oldest = Date.now() - this.retentionMs;
    return [...this.entries.values()]
      .filter((m) => Date.parse(m.lastAt) >= Math.max(from.getTime(), oldest) && Date.parse(m.firstAt) <= to.getTime())
      .sort((a, b) => b.lastAt.localeCompare(a.lastAt))
      .map((m) => ({ ...m }));
  }

  async get(channelId: string, conversationId: string) {
    const m = this.entries.get(`${channelId}|${conversationId}`);
    return m && { ...m };
  }

  async remove(channelId: string, conversationId: string) {
    this.entries.delete(`${channelId}|${conversationId}`);
  }
}

/**
 * Notes a turn's activities of one conversation in its meta hash. KEYS: the meta hash. ARGV: first
 * time ISO, last time ISO, channel, conversation, user, language ('' = unchanged), how many are
 * messages, ttl s, 1 when its expiry is due for renewal (at most once a period per hash and process,
 * see DueEvery), period s. A hash the write creates gets its expiry at once, renewed to ttl + period:
 * kept at least ttl after the conversation's last activity and at most a period longer.
 */
const NOTE = `
local created = redis.call('HSETNX', KEYS[1], 'firstAt', ARGV[1]) == 1
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[1], 'channelId', ARGV[3], 'conversationId', ARGV[4], 'userId', ARGV[5], 'lastAt', ARGV[2], 'language', ARGV[6])
else
  redis.call('HSET', KEYS[1], 'channelId', ARGV[3], 'conversationId', ARGV[4], 'userId', ARGV[5], 'lastAt', ARGV[2])
end
if ARGV[7] ~= '0' then redis.call('HINCRBY', KEYS[1], 'messageCount', ARGV[7]) end
if created or ARGV[9] == '1' then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[8]) + tonumber(ARGV[10])) end
return 0
`;

type NoteCommand = Redis & {
  vitCatalogNoteAll(n: number, meta: string, first: string, last: string, channel: string, conversation: string, user: string, language: string, messages: string, ttl: string, renew: string, period: string): Promise<number>;
};

export class RedisTranscriptCatalog implements TranscriptCatalog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionSeconds: number,
    private readonly digest: IdDigest,
    private readonly upkeepPeriodMs = UPKEEP_PERIOD_MS,
  ) {
    this.upkeep = new DueEvery(upkeepPeriodMs);
    // One script call per conversation and turn instead of an eight-command transaction per activity.
    if (!('vitCatalogNoteAll' in redis)) redis.defineCommand('vitCatalogNoteAll', { lua: NOTE });
  }

  /** When the catalog was last trimmed and its expiry renewed by this process. */
  private readonly upkeep: DueEvery;

  /** Named by the conversation's keyed digest (the transcript's tag), never by its id. */
  private metaKey = (channelId: string, conversationId: string) => `${this.prefix}transcript-meta:${entityTag(this.digest, channelId, conversationId)}`;
  private catalogKey = () => `${this.prefix}transcript-catalog`;
  private oldest = () => Date.now() - this.retentionSeconds * 1000;

  async note(e: CatalogNote) {
    await this.noteAll([e]);
  }

  /**
   * Per conversation one script call (its meta hash) and one ZADD (the catalog), sent together
   * (auto-pipelining; between() skips a catalog entry whose meta hash is not there). The catalog is
   * trimmed and its expiry renewed when due (at most once a period per process, see DueEvery).
   */
  async noteAll(entries: CatalogNote[]) {
    const byConversation = new Map<string, CatalogNote[]>();
    for (const e of entries) {
      const member = `${e.channelId}|${e.conversationId}`;
      byConversation.set(member, [...(byConversation.get(member) ?? []), e]);
    }
    const redis = this.redis as NoteCommand;
    const ttl = String(this.retentionSeconds);
    const catalog = this.catalogKey();
    const writes: Array<Promise<unknown>> = [];
    const due = byConversation.size > 0 && this.upkeep.due(catalog);
    const expire = () => this.redis.expire(catalog, this.retentionSeconds + Math.ceil(this.upkeepPeriodMs / 1000));
    for (const [member, notes] of byConversation) {
      const { channelId, conversationId } = notes[0];
      const language = [...notes].reverse().find((n) => n.language)?.language ?? '';
      const messages = notes.filter((n) => n.message).length;
      const lastAt = notes.reduce((at, n) => (n.at > at ? n.at : at), notes[0].at);
      const meta = this.metaKey(channelId, conversationId);
      writes.push(redis.vitCatalogNoteAll(1, meta, notes[0].at.toISOString(), lastAt.toISOString(), channelId, conversationId, notes[notes.length - 1].userId, language, String(messages), ttl, this.upkeep.due(meta) ? '1' : '0', String(Math.ceil(this.upkeepPeriodMs / 1000))));
      // A new member may be the first of a catalog that was emptied (its expiry gone with it): it gets one now.
      writes.push(this.redis.zadd(catalog, String(lastAt.getTime()), member).then((added) => (added > 0 && !due ? expire() : undefined)));
    }
    if (due) {
      writes.push(this.redis.zremrangebyscore(catalog, '-inf', `(${this.oldest()}`));
      // Renewed once a period: a period longer, so it never expires before the retention after its last write.
      writes.push(expire());
    }
    await Promise.all(writes);
  }

  async between(from: Date, to: Date) {
    const members = await this.redis.zrevrangebyscore(this.catalogKey(), '+inf', String(Math.max(from.getTime(), this.oldest())));
    // One command per conversation (each its own slot on a cluster); auto-pipelining sends them together on a single Redis.
    const metas = await Promise.all(
      members.map((m) => {
        const i = m.indexOf('|');
        return this.redis.hgetall(this.metaKey(m.slice(0, i), m.slice(i + 1)));
      }),
    );
    return metas
      .filter((h) => h.conversationId && Date.parse(h.firstAt) <= to.getTime())
      .map(toMeta);
  }

  async get(channelId: string, conversationId: string) {
    const h = await this.redis.hgetall(this.metaKey(channelId, conversationId));
    return h.conversationId ? toMeta(h) : undefined;
  }

  async remove(channelId: string, conversationId: string) {
    // Two slots on a cluster; between() skips an entry whose meta hash is gone.
    await this.redis.del(this.metaKey(channelId, conversationId));
    await this.redis.zrem(this.catalogKey(), `${channelId}|${conversationId}`);
  }
}

function toMeta(h: Record<string, string>): TranscriptMeta {
  return {
    channelId: h.channelId,
    conversationId: h.conversationId,
    userId: h.userId,
    language: h.language || undefined,
    firstAt: h.firstAt,
    lastAt: h.lastAt,
    messageCount: Number(h.messageCount ?? 0),
  };
}
