import type { Redis } from 'ioredis';
import type { ConversationRef } from '../domain/handoff';
import type { Language } from '../i18n/languages';

/** Where and how to reach the person: their conversation and language (personal data). */
export interface ReminderContact {
  conversation: ConversationRef;
  language: Language;
}

/** A reminder waiting to be sent: when, which text with which values, and its template's values. */
export interface PlannedReminder {
  at: string;
  text: string;
  args: Record<string, string>;
  template: string[];
}

export interface ReminderRecord {
  contact?: ReminderContact;
  /** The person said "stop reminders". */
  stopped: boolean;
  planned: Record<string, PlannedReminder>;
}

/** How far a reminder's sending got: claimed now, or another instance claimed it first ('sending': it may have died mid-send), or it went out. */
export type ReminderClaim = 'claimed' | 'sending' | 'sent';

/**
 * Each person's reminders, their contact and their "stop reminders", under their keyed digest (`who`):
 * personal data, kept as long as the person's state, erased with them in one step. The claim of a
 * reminder (one per reminder and time) is the idempotency marker that keeps it from going out twice.
 */
export interface ReminderStore {
  get(who: string): Promise<ReminderRecord | undefined>;
  /** Keeps the reminder `id` (replacing one of that id) and the person's contact. */
  plan(who: string, contact: ReminderContact, id: string, planned: PlannedReminder): Promise<void>;
  unplan(who: string, id: string): Promise<void>;
  /** Records "stop reminders" (true) or "start reminders" (false); the contact when given. */
  setStopped(who: string, stopped: boolean, contact?: ReminderContact): Promise<void>;
  /** Claims the sending of reminder `id` at `at`, atomically: only one caller ever gets 'claimed'. */
  claim(who: string, id: string, at: string): Promise<ReminderClaim>;
  /** The send failed: the claim goes, so a later try may claim it again. */
  release(who: string, id: string, at: string): Promise<void>;
  /** It went out: the claim says so, and the reminder is no longer planned (unless it was planned anew for another time). */
  sent(who: string, id: string, at: string): Promise<void>;
  erase(who: string): Promise<void>;
}

const claimField = (id: string, at: string) => `claim:${id}:${Date.parse(at)}`;

export class MemoryReminderStore implements ReminderStore {
  private readonly people = new Map<string, { record: ReminderRecord; claims: Map<string, 'sending' | 'sent'> }>();

  private entry(who: string) {
    let entry = this.people.get(who);
    if (!entry) this.people.set(who, (entry = { record: { stopped: false, planned: {} }, claims: new Map() }));
    return entry;
  }

  async get(who: string) {
    const entry = this.people.get(who);
    return entry && structuredClone(entry.record);
  }

  async plan(who: string, contact: ReminderContact, id: string, planned: PlannedReminder) {
    const { record } = this.entry(who);
    record.contact = structuredClone(contact);
    record.planned[id] = structuredClone(planned);
  }

  async unplan(who: string, id: string) {
    delete this.people.get(who)?.record.planned[id];
  }

  async setStopped(who: string, stopped: boolean, contact?: ReminderContact) {
    const { record } = this.entry(who);
    record.stopped = stopped;
    if (contact) record.contact = structuredClone(contact);
  }

  async claim(who: string, id: string, at: string): Promise<ReminderClaim> {
    const { claims } = this.entry(who);
    const existing = claims.get(claimField(id, at));
    if (existing) return existing;
    claims.set(claimField(id, at), 'sending');
    return 'claimed';
  }

  async release(who: string, id: string, at: string) {
    this.people.get(who)?.claims.delete(claimField(id, at));
  }

  async sent(who: string, id: string, at: string) {
    const entry = this.entry(who);
    entry.claims.set(claimField(id, at), 'sent');
    if (entry.record.planned[id]?.at === at) delete entry.record.planned[id];
  }

  async erase(who: string) {
    this.people.delete(who);
  }
}

/**
 * One hash per person, `<prefix>reminders:{<digest>}`: `contact`, `stopped`, `plan:<id>` and the claims
 * `claim:<id>:<time>` (HSETNX). One key: erased with one DEL, expiring with the person's state.
 */
export class RedisReminderStore implements ReminderStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionMs: number,
  ) {}

  private key = (who: string) => `${this.prefix}reminders:{${who}}`;

  async get(who: string): Promise<ReminderRecord | undefined> {
    const hash = await this.redis.hgetall(this.key(who));
    if (Object.keys(hash).length === 0) return undefined;
    const planned: Record<string, PlannedReminder> = {};
    for (const [field, value] of Object.entries(hash)) if (field.startsWith('plan:')) planned[field.slice(5)] = JSON.parse(value) as PlannedReminder;
    return { contact: hash.contact ? (JSON.parse(hash.contact) as ReminderContact) : undefined, stopped: hash.stopped === '1', planned };
  }

  async plan(who: string, contact: ReminderContact, id: string, planned: PlannedReminder) {
    await this.redis
      .multi()
      .hset(this.key(who), 'contact', JSON.stringify(contact), `plan:${id}`, JSON.stringify(planned))
      .pexpire(this.key(who), this.retentionMs)
      .exec();
  }

  async unplan(who: string, id: string) {
    await this.redis.hdel(this.key(who), `plan:${id}`);
  }

  async setStopped(who: string, stopped: boolean, contact?: ReminderContact) {
    await this.redis
      .multi()
      .hset(this.key(who), 'stopped', stopped ? '1' : '0', ...(contact ? ['contact', JSON.stringify(contact)] : []))
      .pexpire(this.key(who), this.retentionMs)
      .exec();
  }

  async claim(who: string, id: string, at: string): Promise<ReminderClaim> {
    // A claim never outlives the person's hash: one written after an erasure expires too.
    const got = (await this.redis.eval(
      "if redis.call('HSETNX', KEYS[1], ARGV[1], 'sending') == 1 then if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end; return 'claimed' end; return redis.call('HGET', KEYS[1], ARGV[1])",
      1,
      this.key(who),
      claimField(id, at),
      this.retentionMs,
    )) as string;
    return got === 'claimed' || got === 'sent' ? got : 'sending';
  }

  async release(who: string, id: string, at: string) {
    await this.redis.hdel(this.key(who), claimField(id, at));
  }

  async sent(who: string, id: string, at: string) {
    // One script: the plan goes only when it is still for this time (not planned anew meanwhile).
    await this.redis.eval(
      "redis.call('HSET', KEYS[1], ARGV[1], 'sent'); if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end; local p = redis.call('HGET', KEYS[1], ARGV[2]); if p and cjson.decode(p).at == ARGV[3] then redis.call('HDEL', KEYS[1], ARGV[2]) end; return 1",
      1,
      this.key(who),
      claimField(id, at),
      `plan:${id}`,
      at,
      this.retentionMs,
    );
  }

  async erase(who: string) {
    await this.redis.del(this.key(who));
  }
}
