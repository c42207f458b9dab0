import type { Redis } from 'ioredis';
import { entityTag, IdDigest } from './idDigest';

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

/**
 * The list of kept transcripts with their metadata: memory or Redis (p:transcript-meta:<channel>:<conv>
 * hash, expiring with the transcript; p:transcript-catalog sorted by last activity). The catalog names
 * conversations (on WhatsApp a phone number), so every write drops the entries past the retention and
 * sets the whole set to expire when nothing was written for the retention period.
 */
export interface TranscriptCatalog {
  /** Records one more logged activity of a conversation. */
  note(entry: { channelId: string; conversationId: string; userId: string; language?: string; at: Date; message: boolean }): Promise<void>;
  /** Conversations with activity in [from, to], newest first. */
  between(from: Date, to: Date): Promise<TranscriptMeta[]>;
  get(channelId: string, conversationId: string): Promise<TranscriptMeta | undefined>;
  remove(channelId: string, conversationId: string): Promise<void>;
}

export class MemoryTranscriptCatalog implements TranscriptCatalog {
  private readonly entries = new Map<string, TranscriptMeta>();

  constructor(private readonly retentionMs: number) {}

  async note(e: Parameters<TranscriptCatalog['note']>[0]) {
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
 * Notes one activity in the conversation's meta hash. KEYS: the meta hash. ARGV: time ISO, channel,
 * conversation, user, language ('' = unchanged), 1 if a message, ttl s.
 */
const NOTE = `
redis.call('HSETNX', KEYS[1], 'firstAt', ARGV[1])
redis.call('HSET', KEYS[1], 'channelId', ARGV[2], 'conversationId', ARGV[3], 'userId', ARGV[4], 'lastAt', ARGV[1])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'language', ARGV[5]) end
if ARGV[6] == '1' then redis.call('HINCRBY', KEYS[1], 'messageCount', 1) end
redis.call('EXPIRE', KEYS[1], ARGV[7])
return 0
`;

/** The catalog's part (a slot of its own on a Redis Cluster). KEYS: the catalog. ARGV: time ms, member, ttl s, oldest time kept (ms). */
const LIST = `
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 0
`;

type NoteCommand = Redis & {
  vitCatalogNote(n: number, meta: string, at: string, channel: string, conversation: string, user: string, language: string, message: string, ttl: string): Promise<number>;
  vitCatalogList(n: number, catalog: string, atMs: string, member: string, ttl: string, oldest: string): Promise<number>;
};

export class RedisTranscriptCatalog implements TranscriptCatalog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionSeconds: number,
    private readonly digest: IdDigest,
  ) {
    // One script call per activity instead of an eight-command transaction.
    if (!('vitCatalogNote' in redis)) redis.defineCommand('vitCatalogNote', { lua: NOTE });
    if (!('vitCatalogList' in redis)) redis.defineCommand('vitCatalogList', { lua: LIST });
  }

  /** Named by the conversation's keyed digest (the transcript's tag), never by its id. */
  private metaKey = (channelId: string, conversationId: string) => `${this.prefix}transcript-meta:${entityTag(this.digest, channelId, conversationId)}`;
  private catalogKey = () => `${this.prefix}transcript-catalog`;
  private oldest = () => Date.now() - this.retentionSeconds * 1000;

  async note(e: Parameters<TranscriptCatalog['note']>[0]) {
    const redis = this.redis as NoteCommand;
    const ttl = String(this.retentionSeconds);
    // Sent together (auto-pipelining); between() skips a catalog entry whose meta hash is not there.
    await Promise.all([
      redis.vitCatalogNote(1, this.metaKey(e.channelId, e.conversationId), e.at.toISOString(), e.channelId, e.conversationId, e.userId, e.language ?? '', e.message ? '1' : '0', ttl),
      redis.vitCatalogList(1, this.catalogKey(), String(e.at.getTime()), `${e.channelId}|${e.conversationId}`, ttl, String(this.oldest())),
    ]);
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
