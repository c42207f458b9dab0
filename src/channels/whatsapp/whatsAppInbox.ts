import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { InboundMessage } from './inbound';
import { INBOX_TAG } from '../../storage/hashSlot';

/** A kept message: `orphaned` when the instance that took it is gone, so its claim on the id is stale. */
export interface InboxEntry {
  id: string;
  message: InboundMessage;
  orphaned: boolean;
}

/**
 * Incoming WhatsApp messages kept from before the webhook's 200 until their turn ran, so a message
 * is not lost when the instance dies in between (Meta does not resend after a 200). Without
 * durability (one process, memory) nothing is kept and nothing is taken over.
 */
export interface WhatsAppInbox {
  readonly durable: boolean;
  /** Keeps the messages, one entry each, in order; throws when they could not be kept (answer 503). */
  append(messages: InboundMessage[]): Promise<Array<string | undefined>>;
  /** This process works on the entry now: no sweep here takes it. */
  working(entryId: string): void;
  /** The entry's turn ran, or the message needs no turn: it is forgotten. */
  done(entryId: string): Promise<void>;
  /** The entry's turn failed: it stays kept and is tried again once idle past the limit. */
  failed(entryId: string): void;
  /**
   * Entries left idle past the limit by an instance that is gone, or by this one after a failure,
   * now taken by this one; those delivered too often are moved to the dead-letter list and counted.
   */
  takeOver(): Promise<{ entries: InboxEntry[]; dead: number }>;
  /** Removes every kept or dead entry for anyone of `ids` (person key, phone number, BSUID). */
  erase(ids: string[]): Promise<void>;
  /** This instance stops taking part: the others may take over what it left at once. */
  close(): Promise<void>;
}

/** The inbox of a single process: nothing to keep, since nothing else could take over. */
export class MemoryWhatsAppInbox implements WhatsAppInbox {
  readonly durable = false;
  async append(messages: InboundMessage[]) {
    return messages.map(() => undefined);
  }
  working() {}
  async done() {}
  failed() {}
  async takeOver() {
    return { entries: [], dead: 0 };
  }
  async erase() {}
  async close() {}
}

export interface RedisInboxOptions {
  prefix: string;
  /** How long a dead-lettered message is kept (the state retention). */
  deadSeconds: number;
  /** How long an entry must be idle before another instance takes it over. */
  idleMs?: number;
  /** How often this instance sweeps; its heartbeat lasts three sweeps. */
  sweepMs?: number;
  /** Deliveries after which an entry is given up into the dead-letter list. */
  maxDeliveries?: number;
  /** About how many entries the stream keeps at most (XADD MAXLEN ~). */
  maxLength?: number;
  consumer?: string;
}

export const INBOX_DEFAULTS = { idleMs: 60_000, sweepMs: 15_000, maxDeliveries: 5, maxLength: 10_000 };
const GROUP = 'handlers';

/**
 * Creates the group when missing, appends every message, reads them into this consumer's pending
 * list at once (every append does, so the only entries never read are the new ones) and renews the
 * consumer's heartbeat. KEYS: stream, heartbeat; ARGV: group, consumer, maxlen, heartbeat ms, messages…
 */
const APPEND = `
redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
local ids = {}
for i = 5, #ARGV do ids[#ids + 1] = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'm', ARGV[i]) end
redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'STREAMS', KEYS[1], '>')
redis.call('SET', KEYS[2], '1', 'PX', ARGV[4])
return ids`;

/** KEYS: stream, dead list; ARGV: group, entry id, dead ttl seconds. Moves one entry to the dead list. */
const BURY = `
local found = redis.call('XRANGE', KEYS[1], ARGV[2], ARGV[2])
if found[1] then
  redis.call('RPUSH', KEYS[2], found[1][2][2])
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
return found[1] and 1 or 0`;

/**
 * A Redis Stream p:wa:{inbox} read by one consumer group; each instance is one consumer with a
 * heartbeat (p:wa:{inbox}:alive:<consumer>). Entries are deleted once handled; what failed too often
 * goes to the list p:wa:{inbox}:dead, kept as long as a person's state. Both hold phone numbers and are
 * scanned on erasure. The hash tag {inbox} keeps the three in one slot on a Redis Cluster, so each
 * script and transaction here stays on one node.
 */
export class RedisWhatsAppInbox implements WhatsAppInbox {
  readonly durable = true;
  readonly consumer: string;
  private readonly options: Required<Omit<RedisInboxOptions, 'consumer'>>;
  private readonly busy = new Set<string>();
  private readonly stream: string;
  private readonly dead: string;

  constructor(
    private readonly redis: Redis,
    options: RedisInboxOptions,
  ) {
    this.options = { ...INBOX_DEFAULTS, ...options };
    this.consumer = options.consumer ?? randomUUID();
    this.stream = `${options.prefix}wa:${INBOX_TAG}`;
    this.dead = `${options.prefix}wa:${INBOX_TAG}:dead`;
  }

  private alive = (consumer: string) => `${this.options.prefix}wa:${INBOX_TAG}:alive:${consumer}`;
  private get heartbeatMs() {
    return 3 * this.options.sweepMs;
  }

  async append(messages: InboundMessage[]) {
    if (messages.length === 0) return [];
    const ids = (await this.redis.eval(
      APPEND,
      2,
      this.stream,
      this.alive(this.consumer),
      GROUP,
      this.consumer,
      String(this.options.maxLength),
      String(this.heartbeatMs),
      ...messages.map((m) => JSON.stringify(m)),
    )) as string[];
    return ids;
  }

  working(entryId: string) {
    this.busy.add(entryId);
  }

  failed(entryId: string) {
    this.busy.delete(entryId);
  }

  async done(entryId: string) {
    this.busy.delete(entryId);
    await this.redis.multi().xack(this.stream, GROUP, entryId).xdel(this.stream, entryId).exec();
  }

  async takeOver() {
    await this.ensureGroup();
    await this.redis.set(this.alive(this.consumer), '1', 'PX', this.heartbeatMs);
    const pending = (await this.redis.xpending(this.stream, GROUP, 'IDLE', this.options.idleMs, '-', '+', 100)) as Array<[string, string, number, number]>;
    const owners = [...new Set(pending.map(([, owner]) => owner).filter((owner) => owner !== this.consumer))];
    const heartbeats = owners.length ? await this.redis.mget(...owners.map(this.alive)) : [];
    const living = new Set(owners.filter((_owner, i) => heartbeats[i] !== null));
    const entries: InboxEntry[] = [];
    let dead = 0;
    for (const [id, owner, , deliveries] of pending) {
      if (owner === this.consumer ? this.busy.has(id) : living.has(owner)) continue; // still being worked on
      const claimed = (await this.redis.xclaim(this.stream, GROUP, this.consumer, this.options.idleMs, id)) as Array<[string, string[] | null]>;
      const [entry] = claimed;
      if (!entry) continue; // another instance was quicker
      if (!entry[1]) {
        await this.done(id);
        continue;
      }
      if (deliveries >= this.options.maxDeliveries) {
        dead += (await this.redis.eval(BURY, 2, this.stream, this.dead, GROUP, id, String(this.options.deadSeconds))) as number;
        continue;
      }
      const message = revive(entry[1][1]);
      if (!message) {
        await this.done(id); // unreadable: nothing could ever handle it
        continue;
      }
      this.busy.add(id);
      entries.push({ id, message, orphaned: owner !== this.consumer });
    }
    return { entries, dead };
  }

  async erase(ids: string[]) {
    const names = new Set(ids.filter(Boolean));
    if (names.size === 0) return;
    const concerns = (raw: string) => {
      const message = revive(raw);
      return !!message && [message.personKey, message.address.phone, message.address.bsuid, message.activity.from?.id].some((id) => id !== undefined && names.has(id));
    };
    let start = '-';
    for (;;) {
      const batch = await this.redis.xrange(this.stream, start, '+', 'COUNT', 500);
      const mine = batch.filter(([, fields]) => concerns(fields[1] ?? '')).map(([id]) => id);
      if (mine.length) await this.redis.multi().xack(this.stream, GROUP, ...mine).xdel(this.stream, ...mine).exec();
      if (batch.length < 500) break;
      start = `(${batch[batch.length - 1][0]}`;
    }
    for (const raw of new Set(await this.redis.lrange(this.dead, 0, -1))) if (concerns(raw)) await this.redis.lrem(this.dead, 0, raw);
  }

  async close() {
    await this.redis.del(this.alive(this.consumer));
  }

  private async ensureGroup() {
    try {
      await this.redis.xgroup('CREATE', this.stream, GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  }
}

/** A kept message as the turn wants it (dates back as dates); undefined when it cannot be read. */
function revive(raw: string): InboundMessage | undefined {
  try {
    const message = JSON.parse(raw) as InboundMessage;
    if (typeof message?.id !== 'string' || !message.address || !message.activity) return undefined;
    const timestamp = new Date(message.timestamp);
    return { ...message, timestamp, activity: { ...message.activity, timestamp } };
  } catch {
    return undefined;
  }
}
