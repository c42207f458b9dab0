import type { Redis } from 'ioredis';
import type { WhatsAppAddress } from './inbound';

export interface WhatsAppPerson {
  address: WhatsAppAddress;
  lastInboundAt?: string;
}

/**
 * What the WhatsApp channel remembers: message ids already handled (Meta retries for up to 7 days),
 * each person's address and last message (the 24-hour window), and mentor messages held while the
 * window was closed. Memory or Redis; everything about a person is erasable.
 */
export interface WhatsAppStore {
  /** True the first time a message id is seen, false for every repeat (across instances with Redis). */
  firstDelivery(messageId: string): Promise<boolean>;
  touch(personKey: string, address: WhatsAppAddress, at: Date): Promise<void>;
  person(personKey: string): Promise<WhatsAppPerson | undefined>;
  /** Keeps a message until the person writes again; returns how many are held now. */
  hold(personKey: string, text: string): Promise<number>;
  /** The held messages, oldest first, removed as they are taken. */
  takeHeld(personKey: string): Promise<string[]>;
  erase(personKey: string): Promise<void>;
}

const SEEN_SECONDS = 7 * 24 * 60 * 60;

export class MemoryWhatsAppStore implements WhatsAppStore {
  private readonly seen = new Map<string, number>();
  private readonly people = new Map<string, WhatsAppPerson>();
  private readonly held = new Map<string, string[]>();

  async firstDelivery(messageId: string) {
    const now = Date.now();
    if ((this.seen.get(messageId) ?? 0) > now) return false;
    this.seen.set(messageId, now + SEEN_SECONDS * 1000);
    if (this.seen.size > 100_000) for (const [id, until] of this.seen) if (until <= now) this.seen.delete(id);
    return true;
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

  async takeHeld(personKey: string) {
    const held = this.held.get(personKey) ?? [];
    this.held.delete(personKey);
    return held;
  }

  async erase(personKey: string) {
    this.people.delete(personKey);
    this.held.delete(personKey);
  }
}

/** p:wa:seen:<message id> (7 days), p:wa:person:<key> (hash, kept `retentionSeconds`), p:wa:held:<key> (list). */
export class RedisWhatsAppStore implements WhatsAppStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionSeconds: number,
  ) {}

  private personKey = (key: string) => `${this.prefix}wa:person:${key}`;
  private heldKey = (key: string) => `${this.prefix}wa:held:${key}`;

  async firstDelivery(messageId: string) {
    return (await this.redis.set(`${this.prefix}wa:seen:${messageId}`, '1', 'EX', SEEN_SECONDS, 'NX')) === 'OK';
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

  async takeHeld(personKey: string) {
    const [[, held]] = (await this.redis.multi().lrange(this.heldKey(personKey), '0', '-1').del(this.heldKey(personKey)).exec())! as [[null, string[]]];
    return held;
  }

  async erase(personKey: string) {
    await this.redis.del(this.personKey(personKey), this.heldKey(personKey));
  }
}
