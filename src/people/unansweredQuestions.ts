import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Language } from '../i18n/languages';
import type { Pseudonymizer } from '../logger';

/** The keyed digest an unanswered question names its author by: the one the audit log names people by. */
export const authorDigest = (pseudonym: Pseudonymizer, channelId: string, userId: string) => pseudonym(`${channelId}/${userId}`);

/** Why a question is shown to staff: the bot was not sure, or its answer was marked not helpful. */
export type UnansweredReason = 'unsure' | 'notHelpful';
/** What staff did with it; open until they do something. */
export type UnansweredStatus = 'open' | 'example' | 'out-of-scope' | 'new-answer';

export interface UnansweredQuestion {
  id: string;
  /** The question with e-mail addresses, numbers and introduced names masked. */
  text: string;
  lang: Language;
  at: string;
  reason: UnansweredReason;
  /** What the recognizer guessed (topic, command or "none") and how sure it was. */
  guess: { intent: string | null; confidence: number };
  /** A keyed digest of the author (never their id), so erasure and a subject-access export find their entries. */
  author: string;
  status: UnansweredStatus;
  /** For status "example": the topic it became an example of. */
  topic?: string;
  /** When and by whom (console user name) the status was set. */
  decidedAt?: string;
  decidedBy?: string;
}

export type NewUnanswered = Omit<UnansweredQuestion, 'id' | 'status' | 'topic' | 'decidedAt' | 'decidedBy'>;
export type Decision = { status: Exclude<UnansweredStatus, 'open'>; topic?: string; by: string; at: string };

/**
 * Questions the bot could not answer well, for staff. Open and decided entries are kept for the
 * retention period from when they were asked; entries that became examples are kept until their
 * author is erased (they are the recognizer's content now). Nothing here names the person.
 */
export interface UnansweredQuestions {
  add(entry: NewUnanswered): Promise<UnansweredQuestion>;
  /** Every entry still kept, newest first. */
  list(): Promise<UnansweredQuestion[]>;
  get(id: string): Promise<UnansweredQuestion | undefined>;
  /** Sets what staff decided; undefined when there is no such entry (expired, erased). */
  decide(id: string, decision: Decision): Promise<UnansweredQuestion | undefined>;
  /** The entries of one author digest (for a subject-access export). */
  byAuthor(author: string): Promise<UnansweredQuestion[]>;
  /** Removes every entry of one author digest; says how many there were. */
  eraseAuthor(author: string): Promise<number>;
}

const keep = (e: UnansweredQuestion, cutoff: string) => e.status === 'example' || e.at >= cutoff;
const newestFirst = (a: UnansweredQuestion, b: UnansweredQuestion) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);

export class MemoryUnansweredQuestions implements UnansweredQuestions {
  private readonly entries = new Map<string, UnansweredQuestion>();

  constructor(
    private readonly retentionMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async add(entry: NewUnanswered) {
    const kept: UnansweredQuestion = { ...entry, id: randomUUID(), status: 'open' };
    this.entries.set(kept.id, kept);
    return { ...kept };
  }

  async list() {
    this.prune();
    return [...this.entries.values()].sort(newestFirst).map((e) => ({ ...e }));
  }

  async get(id: string) {
    this.prune();
    const found = this.entries.get(id);
    return found && { ...found };
  }

  async decide(id: string, decision: Decision) {
    this.prune();
    const found = this.entries.get(id);
    if (!found) return undefined;
    const decided = withDecision(found, decision);
    this.entries.set(id, decided);
    return { ...decided };
  }

  async byAuthor(author: string) {
    return (await this.list()).filter((e) => e.author === author);
  }

  async eraseAuthor(author: string) {
    let count = 0;
    for (const [id, e] of this.entries) if (e.author === author && this.entries.delete(id)) count++;
    return count;
  }

  private prune() {
    const cutoff = new Date(this.now().getTime() - this.retentionMs).toISOString();
    for (const [id, e] of this.entries) if (!keep(e, cutoff)) this.entries.delete(id);
  }
}

function withDecision(entry: UnansweredQuestion, decision: Decision): UnansweredQuestion {
  const { topic: _previous, ...rest } = entry;
  return { ...rest, status: decision.status, decidedAt: decision.at, decidedBy: decision.by, ...(decision.status === 'example' && decision.topic ? { topic: decision.topic } : {}) };
}

/** Removes open and decided entries asked before the cutoff (ARGV[1], ms); entries that became examples stay. */
const PRUNE = `
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
for _, id in ipairs(old) do
  local raw = redis.call('HGET', KEYS[1], id)
  if not raw or not string.find(raw, '"status":"example"', 1, true) then
    redis.call('HDEL', KEYS[1], id)
    redis.call('ZREM', KEYS[2], id)
  end
end
return #old`;

/**
 * In Redis: one hash of entries (id → JSON) and one sorted set of ids by time, both under the hash tag
 * {unanswered} so they stay together in a cluster. Keys hold no personal data; the author is a digest.
 */
export class RedisUnansweredQuestions implements UnansweredQuestions {
  private readonly entriesKey: string;
  private readonly timesKey: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly retentionMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.entriesKey = `${prefix}{unanswered}:entries`;
    this.timesKey = `${prefix}{unanswered}:times`;
  }

  async add(entry: NewUnanswered) {
    const kept: UnansweredQuestion = { ...entry, id: randomUUID(), status: 'open' };
    await this.redis.multi().hset(this.entriesKey, kept.id, JSON.stringify(kept)).zadd(this.timesKey, Date.parse(kept.at), kept.id).exec();
    return kept;
  }

  async list() {
    await this.prune();
    const ids = await this.redis.zrevrange(this.timesKey, 0, -1);
    if (ids.length === 0) return [];
    const raw = await this.redis.hmget(this.entriesKey, ...ids);
    return raw.flatMap((r) => (r ? [JSON.parse(r) as UnansweredQuestion] : [])).sort(newestFirst);
  }

  async get(id: string) {
    await this.prune();
    const raw = await this.redis.hget(this.entriesKey, id);
    return raw ? (JSON.parse(raw) as UnansweredQuestion) : undefined;
  }

  async decide(id: string, decision: Decision) {
    const found = await this.get(id);
    if (!found) return undefined;
    const decided = withDecision(found, decision);
    // Only if it is still there: an erasure between the read and the write must not bring it back.
    const written = await this.redis.eval(
      "if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return 1 end return 0",
      1,
      this.entriesKey,
      id,
      JSON.stringify(decided),
    );
    return written === 1 ? decided : undefined;
  }

  async byAuthor(author: string) {
    return (await this.list()).filter((e) => e.author === author);
  }

  async eraseAuthor(author: string) {
    const all = await this.redis.hgetall(this.entriesKey);
    const ids = Object.entries(all).filter(([, raw]) => (JSON.parse(raw) as UnansweredQuestion).author === author).map(([id]) => id);
    if (ids.length === 0) return 0;
    await this.redis.multi().hdel(this.entriesKey, ...ids).zrem(this.timesKey, ...ids).exec();
    return ids.length;
  }

  private async prune() {
    await this.redis.eval(PRUNE, 2, this.entriesKey, this.timesKey, String(this.now().getTime() - this.retentionMs));
  }
}
