import type { Redis } from 'ioredis';
import { entityTag, IdDigest } from '../../storage/idDigest';
import type { WhatsAppAddress } from './inbound';

export interface WhatsAppPerson {
  address: WhatsAppAddress;
  lastInboundAt?: string;
}

/** A mentor's message that went out as free-form text, kept until WhatsApp reports how it went. */
export interface SentRelay {
  personKey: string;
  text: string;
  /** The message's locale, for the template's language if it must follow. */
  locale?: string;
  /** The handoff and the message's time there, so a failure marks that very message (with `text`). */
  handoffId?: string;
  at?: string;
}

/**
 * What the WhatsApp channel remembers (a message handled once is the turn journal's job, as on every
 * channel): each person's lasting key and address and last message (the 24-hour window), mentor
 * messages held while the window was closed, and mentor messages sent but not yet delivered. Memory
 * or Redis; everything about a person is erasable.
 */
export interface WhatsAppStore {
  /**
   * The person's lasting key: the first key seen for their phone number or BSUID, whichever Meta
   * sends now, and `proposed` when neither was seen before. Both are remembered for the next time.
   */
  personKeyFor(address: WhatsAppAddress, proposed: string): Promise<string>;
  touch(personKey: string, address: WhatsAppAddress, at: Date): Promise<void>;
  person(personKey: string): Promise<WhatsAppPerson | undefined>;
  /** Keeps a message until the person writes again; returns how many are held now. */
  hold(personKey: string, text: string): Promise<number>;
  heldCount(personKey: string): Promise<number>;
  /** The held messages, oldest first, left in place (for a subject-access export). */
  heldMessages(personKey: string): Promise<string[]>;
  /** The held messages, oldest first, removed as they are taken. */
  takeHeld(personKey: string): Promise<string[]>;
  /** Remembers which mentor message a Graph API message id carried, until its delivery status comes. */
  rememberSent(messageId: string, sent: SentRelay): Promise<void>;
  /** The mentor message a Graph API message id carried, and forgets it. */
  takeSent(messageId: string): Promise<SentRelay | undefined>;
  erase(personKey: string): Promise<void>;
}

/** Delivery statuses come within minutes; a failure is still worth acting on within a day. */
const SENT_SECONDS = 24 * 60 * 60;

const aliasNames = (address: WhatsAppAddress) => [...(address.phone ? [`phone:${address.phone}`] : []), ...(address.bsuid ? [`bsuid:${address.bsuid}`] : [])];

export class MemoryWhatsAppStore implements WhatsAppStore {
  private readonly people = new Map<string, WhatsAppPerson>();
  private readonly aliases = new Map<string, string>();
  private readonly held = new Map<string, string[]>();
  private readonly sent = new Map<string, SentRelay & { until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async personKeyFor(address: WhatsAppAddress, proposed: string) {
    const names = aliasNames(address);
    const key = names.map((n) => this.aliases.get(n)).find((k) => k !== undefined) ?? proposed;
    for (const name of names) this.aliases.set(name, key);
    return key;
  }

  async touch(personKey: string, address: WhatsAppAddress, at: Date) {
    this.people.set(personKey, { address: { ...this.people.get(personKey)?.address, ...address }, lastInboundAt: at.toISOString() });
  }

  async person(personKey: string) {
    return this.people.get(personKey);
  }

  async hold(personKey: string, text: string) {
    const held = [...(this.held.get(personKey) ?? []), text];
    this.held.set(personKey, held);
    return held.length;
  }

  async heldMessages(personKey: string) {
    return [...(this.held.get(personKey) ?? [])];
  }

  async heldCount(personKey: string) {
    return this.held.get(personKey)?.length ?? 0;
  }

  async takeHeld(personKey: string) {
    const held = this.held.get(personKey) ?? [];
    this.held.delete(personKey);
    return held;
  }

  async rememberSent(messageId: string, sent: SentRelay) {
    const now = this.now();
    this.sent.set(messageId, { ...sent, until: now + SENT_SECONDS * 1000 });
    if (this.sent.size > 10_000) for (const [id, { until }] of this.sent) if (until <= now) this.sent.delete(id);
  }

  async takeSent(messageId: string) {
    const sent = this.sent.get(messageId);
    this.sent.delete(messageId);
    if (!sent || sent.until <= this.now()) return undefined;
    const { until: _until, ...relay } = sent;
    return relay;
  }

  async erase(personKey: string) {
    const address = this.people.get(personKey)?.address;
    for (const name of address ? aliasNames(address) : []) if (this.aliases.get(name) === personKey) this.aliases.delete(name);
    for (const [name, key] of this.aliases) if (key === personKey) this.aliases.delete(name);
    for (const [id, sent] of this.sent) if (sent.personKey === personKey) this.sent.delete(id);
    this.people.delete(personKey);
    this.held.delete(personKey);
  }
}

/** KEYS: one alias. ARGV: proposed key, seconds. The key the alias points to, set to the proposed one when it points nowhere yet. */
const ALIAS_OR_PROPOSED = `
local found = redis.call('GET', KEYS[1])
if found then return found end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return ARGV[1]`;

/**
 * p:wa:alias:{digest of phone|bsuid:<id>} (the person's lasting key), p:wa:person:{tag} (hash),
 * p:wa:held:{tag} (list), p:wa:sent:<message id digest> and p:wa:sentids:{tag} (a set of those digests;
 * a day), where {tag} is the keyed digest of the person's lasting key (see entityTag); a person's keys
 * are kept `retentionSeconds` after their last message. No key name holds a number, a BSUID or a
 * message id: each appears only as its keyed digest (see createIdDigest); Meta's message ids hold the
 * phone number in base64. Each alias is a slot of its own on a Redis Cluster, so personKeyFor works
 * one alias at a time, with the first alias (the phone's when Meta sends it) as the one that decides.
 */
export class RedisWhatsAppStore implements WhatsAppStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionSeconds: number,
    private readonly digest: IdDigest,
  ) {}

  /** A person's keys carry their tag (the keyed digest of the WhatsApp user id, as their bot state's), never the id. */
  private tag = (key: string) => entityTag(this.digest, 'whatsapp', key);
  private personKey = (key: string) => `${this.prefix}wa:person:${this.tag(key)}`;
  private heldKey = (key: string) => `${this.prefix}wa:held:${this.tag(key)}`;
  private aliasKey = (name: string) => `${this.prefix}wa:alias:{${this.digest(name)}}`;
  private sentKey = (id: string) => this.sentDigestKey(this.digest(id));
  private sentDigestKey = (digest: string) => `${this.prefix}wa:sent:${digest}`;
  private sentIdsKey = (key: string) => `${this.prefix}wa:sentids:${this.tag(key)}`;

  async personKeyFor(address: WhatsAppAddress, proposed: string) {
    const keys = aliasNames(address).map(this.aliasKey);
    if (keys.length === 0) return proposed;
    // The first key any alias points to wins; else the first alias takes the proposed key unless a
    // concurrent first message set it just before (then that one's key wins, for both).
    const found = (await Promise.all(keys.map((k) => this.redis.get(k)))).find((k): k is string => k !== null);
    const key = found ?? ((await this.redis.eval(ALIAS_OR_PROPOSED, 1, keys[0], proposed, String(this.retentionSeconds))) as string);
    await Promise.all(keys.map((k) => this.redis.set(k, key, 'EX', this.retentionSeconds)));
    return key;
  }

  async touch(personKey: string, address: WhatsAppAddress, at: Date) {
    const fields: string[] = ['lastInboundAt', at.toISOString()];
    if (address.phone) fields.push('phone', address.phone);
    if (address.bsuid) fields.push('bsuid', address.bsuid);
    await this.redis.multi().hset(this.personKey(personKey), ...fields).expire(this.personKey(personKey), this.retentionSeconds).exec();
  }

  async person(personKey: string) {
    const h = await this.redis.hgetall(this.personKey(personKey));
    if (!h.phone && !h.bsuid) return undefined;
    return { address: { phone: h.phone, bsuid: h.bsuid }, lastInboundAt: h.lastInboundAt };
  }

  async hold(personKey: string, text: string) {
    const [[, length]] = (await this.redis.multi().rpush(this.heldKey(personKey), text).expire(this.heldKey(personKey), this.retentionSeconds).exec())! as [[null, number]];
    return length;
  }

  async heldMessages(personKey: string) {
    return this.redis.lrange(this.heldKey(personKey), 0, -1);
  }

  async heldCount(personKey: string) {
    return this.redis.llen(this.heldKey(personKey));
  }

  async takeHeld(personKey: string) {
    const [[, held]] = (await this.redis.multi().lrange(this.heldKey(personKey), '0', '-1').del(this.heldKey(personKey)).exec())! as [[null, string[]]];
    return held;
  }

  async rememberSent(messageId: string, sent: SentRelay) {
    // Two slots on a cluster: the person's index first, so an erasure that runs between finds the message.
    await this.redis.multi().sadd(this.sentIdsKey(sent.personKey), this.digest(messageId)).expire(this.sentIdsKey(sent.personKey), SENT_SECONDS).exec();
    await this.redis.set(this.sentKey(messageId), JSON.stringify(sent), 'EX', SENT_SECONDS);
  }

  async takeSent(messageId: string) {
    const [[, raw]] = (await this.redis.multi().get(this.sentKey(messageId)).del(this.sentKey(messageId)).exec())! as [[null, string | null]];
    if (!raw) return undefined;
    const sent = JSON.parse(raw) as SentRelay;
    await this.redis.srem(this.sentIdsKey(sent.personKey), this.digest(messageId));
    return sent;
  }

  async erase(personKey: string) {
    const person = await this.person(personKey);
    const sentDigests = await this.redis.smembers(this.sentIdsKey(personKey));
    const aliases: string[] = [];
    for (const name of person ? aliasNames(person.address) : []) {
      if ((await this.redis.get(this.aliasKey(name))) === personKey) aliases.push(this.aliasKey(name));
    }
    // The sent messages and aliases first, the person's index last: a stop in between leaves the index to find them again.
    await Promise.all([...sentDigests.map(this.sentDigestKey), ...aliases].map((key) => this.redis.del(key)));
    await this.redis.del(this.personKey(personKey), this.heldKey(personKey), this.sentIdsKey(personKey));
  }
}
