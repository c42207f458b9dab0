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
 * The list of kept transcripts with their metadata: memory or Redis (p:transcript-meta:{tag} hash,
 * expiring with the transcript; p:transcript-catalog sorted by last activity). The catalog names
 * conversations (on WhatsApp a phone number), so the entries past the retention (and a period, see
 * RedisTranscriptCatalog) are dropped at the first write after they are due (at most once a period, see
 * DueEvery) and the whole set expires when nothing was written for the retention period and a period.
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
 * A conversation's meta hash in full, when new to this process, due for upkeep (at most once a period
 * per hash and process, see DueEvery) or just created by a plain write: the constant fields, firstAt if
 * it has none, lastAt, language, the count, and its expiry renewed to ttl + period (so it is kept at
 * least ttl after the conversation's last activity and at most a period longer). Between upkeeps a turn
 * writes only what changes, as plain commands (see noteAll). KEYS: the meta hash. ARGV: first time ISO,
 * last time ISO, channel, conversation, user, language ('' = unchanged), how many are messages, ttl s,
 * period s.
 */
const NOTE = `
redis.call('HSETNX', KEYS[1], 'firstAt', ARGV[1])
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[1], 'channelId', ARGV[3], 'conversationId', ARGV[4], 'userId', ARGV[5], 'lastAt', ARGV[2], 'language', ARGV[6])
else
  redis.call('HSET', KEYS[1], 'channelId', ARGV[3], 'conversationId', ARGV[4], 'userId', ARGV[5], 'lastAt', ARGV[2])
end
if ARGV[7] ~= '0' then redis.call('HINCRBY', KEYS[1], 'messageCount', ARGV[7]) end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[8]) + tonumber(ARGV[9]))
return 0
`;

type NoteCommand = Redis & {
  vitCatalogUpkeep(n: number, meta: string, first: string, last: string, channel: string, conversation: string, user: string, language: string, messages: string, ttl: string, period: string): Promise<number>;
};

/**
 * The catalog's entries are written when the conversation is new to this process or its meta hash was
 * just created, and then at most once a period (at the hash's upkeep), not at every turn: a score is
 * the conversation's last activity to within a period, never later. So the catalog is trimmed one
 * period past the retention, and between() reads one period further back than asked and judges each
 * conversation by the lastAt of its meta hash, which every turn writes.
 */
export class RedisTranscriptCatalog implements TranscriptCatalog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionSeconds: number,
    private readonly digest: IdDigest,
    private readonly upkeepPeriodMs = UPKEEP_PERIOD_MS,
  ) {
    this.upkeep = new DueEvery(upkeepPeriodMs);
    this.catalogUpkeep = new DueEvery(upkeepPeriodMs);
    if (!('vitCatalogUpkeep' in redis)) redis.defineCommand('vitCatalogUpkeep', { lua: NOTE });
  }

  /** When each meta hash was last written in full, its expiry renewed and its catalog entry written by this process (on the activities' clock). */
  private readonly upkeep: DueEvery;
  /** When the catalog was last trimmed and its expiry renewed by this process. */
  private readonly catalogUpkeep: DueEvery;

  /** Named by the conversation's keyed digest (the transcript's tag), never by its id. */
  private metaKey = (channelId: string, conversationId: string) => `${this.prefix}transcript-meta:${entityTag(this.digest, channelId, conversationId)}`;
  private catalogKey = () => `${this.prefix}transcript-catalog`;
  private oldest = () => Date.now() - this.retentionSeconds * 1000;
  private periodSeconds = () => Math.ceil(this.upkeepPeriodMs / 1000);

  async note(e: CatalogNote) {
    await this.noteAll([e]);
  }

  /**
   * Per conversation: when its upkeep is due (see above) one script call for its meta hash and a ZADD on
   * the catalog; else what changes, as plain commands: HSET lastAt (and the language, when known) and,
   * when the turn logged messages, HINCRBY messageCount. An HSET that added a field created the hash
   * (erased or expired since this process last wrote it; or the language is known for the first time):
   * the script and the catalog entry follow right after. Everything is sent together (auto-pipelining; between() skips a catalog entry whose
   * meta hash is not there).
   */
  async noteAll(entries: CatalogNote[]) {
    const byConversation = new Map<string, CatalogNote[]>();
    for (const e of entries) {
      const member = `${e.channelId}|${e.conversationId}`;
      byConversation.set(member, [...(byConversation.get(member) ?? []), e]);
    }
    const redis = this.redis as NoteCommand;
    const [ttl, period] = [String(this.retentionSeconds), String(this.periodSeconds())];
    const writes: Array<Promise<unknown>> = [];
    for (const [member, notes] of byConversation) {
      const { channelId, conversationId } = notes[0];
      const language = [...notes].reverse().find((n) => n.language)?.language ?? '';
      const messages = notes.filter((n) => n.message).length;
      const lastAt = notes.reduce((at, n) => (n.at > at ? n.at : at), notes[0].at);
      const meta = this.metaKey(channelId, conversationId);
      const upkeep = (count: number) =>
        Promise.all([
          redis.vitCatalogUpkeep(1, meta, notes[0].at.toISOString(), lastAt.toISOString(), channelId, conversationId, notes[notes.length - 1].userId, language, String(count), ttl, period),
          this.index(member, lastAt.getTime()),
        ]);
      // On the activities' clock: a catalog score is never more than a period behind the last activity noted.
      if (this.upkeep.due(meta, lastAt.getTime())) {
        writes.push(
          upkeep(messages).catch((error: unknown) => {
            this.upkeep.forget(meta); // not written (Redis failed): due again at the next turn
            throw error;
          }),
        );
        continue;
      }
      const changed = language ? ['lastAt', lastAt.toISOString(), 'language', language] : ['lastAt', lastAt.toISOString()];
      writes.push(this.redis.hset(meta, ...changed).then((added) => (added > 0 ? upkeep(0) : undefined)));
      if (messages > 0) writes.push(this.redis.hincrby(meta, 'messageCount', messages));
    }
    await Promise.all(writes);
  }

  /**
   * The conversation's catalog entry. The catalog is trimmed one period past the retention (a score may
   * be up to a period behind) and its expiry renewed when due (at most once a period per process).
   */
  private index(member: string, at: number): Promise<unknown> {
    const catalog = this.catalogKey();
    const due = this.catalogUpkeep.due(catalog);
    const expire = () => this.redis.expire(catalog, this.retentionSeconds + this.periodSeconds());
    // A new member may be the first of a catalog that was emptied (its expiry gone with it): it gets one now.
    const writes: Array<Promise<unknown>> = [this.redis.zadd(catalog, String(at), member).then((added) => (added > 0 && !due ? expire() : undefined))];
    if (due) {
      writes.push(this.redis.zremrangebyscore(catalog, '-inf', `(${this.oldest() - this.upkeepPeriodMs}`));
      // Renewed once a period: a period longer, so it never expires before the retention after its last write.
      writes.push(expire());
    }
    return Promise.all(writes);
  }

  /**
   * Newest first, by each meta hash's lastAt. The catalog's score may be up to a period behind it: the
   * catalog is read one period further back than `from` (or the retention), then each entry is judged
   * by its lastAt.
   */
  async between(from: Date, to: Date) {
    const since = Math.max(from.getTime(), this.oldest());
    const members = await this.redis.zrevrangebyscore(this.catalogKey(), '+inf', String(since - this.upkeepPeriodMs));
    // One command per conversation (each its own slot on a cluster); auto-pipelining sends them together on a single Redis.
    const metas = await Promise.all(
      members.map((m) => {
        const i = m.indexOf('|');
        return this.redis.hgetall(this.metaKey(m.slice(0, i), m.slice(i + 1)));
      }),
    );
    return metas
      .filter((h) => h.conversationId && Date.parse(h.lastAt) >= since && Date.parse(h.firstAt) <= to.getTime())
      .map(toMeta)
      .sort((a, b) => b.lastAt.localeCompare(a.lastAt));
  }

  async get(channelId: string, conversationId: string) {
    const h = await this.redis.hgetall(this.metaKey(channelId, conversationId));
    return h.conversationId ? toMeta(h) : undefined;
  }

  async remove(channelId: string, conversationId: string) {
    const meta = this.metaKey(channelId, conversationId);
    // Two slots on a cluster; between() skips an entry whose meta hash is gone.
    await this.redis.del(meta);
    await this.redis.zrem(this.catalogKey(), `${channelId}|${conversationId}`);
    // Noted again in this process (consent given anew): written in full at once.
    this.upkeep.forget(meta);
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
