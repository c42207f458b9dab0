import type { Redis } from 'ioredis';
import type { ConversationRef } from '../domain/handoff';
import type { Language } from '../domain/language';
import type { Slot } from '../domain/mentorSlots';
import { entityTag, IdDigest } from '../storage/idDigest';

/** A person on a channel (the user id may be a phone number: personal data). */
export interface SlotPerson {
  channelId: string;
  userId: string;
}

/** Who booked a slot: the person, where to reach them, in which language. Personal data. */
export interface SlotBooking {
  person: SlotPerson;
  conversation: ConversationRef;
  language: Language;
  bookedAt: string;
}

/** What the mentor recorded after the talk. */
export interface TalkOutcome {
  kind: 'held' | 'missed';
  note: string;
  at: string;
  by: { id: string; firstName: string };
}

export interface StoredSlot extends Slot {
  booking?: SlotBooking;
  outcome?: TalkOutcome;
}

export type BookResult = 'booked' | 'taken' | 'gone' | 'past';

/**
 * The mentors' slots and who booked them. A slot holds one person: `book` is atomic, of any number of
 * people booking one slot at once exactly one gets it. Bookings are personal data: a slot (with its
 * booking) is kept until `retentionMs` after its start, the person's list of bookings as long as their
 * state, and both are erased with the person.
 */
export interface SlotStore {
  /** Adds new slots (ids not used before). */
  add(slots: Slot[]): Promise<void>;
  get(id: string): Promise<StoredSlot | undefined>;
  /** Slots starting at or after `from`, soonest first, at most `limit`. */
  list(from: Date, limit: number): Promise<StoredSlot[]>;
  /** Books the slot for the person: 'taken' when someone else has it, 'gone' when it was removed, 'past' when it started. */
  book(id: string, booking: SlotBooking, now: Date): Promise<BookResult>;
  /** The person cancels: the slot is free again. False when it is not theirs (any more). */
  release(id: string, person: SlotPerson): Promise<boolean>;
  /** The mentor takes the slot away; gives it back as it was (with its booking, to tell the person), undefined when there was none. */
  remove(id: string): Promise<StoredSlot | undefined>;
  /** Records held / missed on a booked slot; false when it has no booking. */
  record(id: string, outcome: TalkOutcome): Promise<boolean>;
  /** The slots the person holds (past and future), soonest first. */
  bookingsOf(person: SlotPerson): Promise<StoredSlot[]>;
  /** Takes the person out of every slot they hold and forgets their bookings; the slots stay, free. */
  erase(person: SlotPerson): Promise<void>;
}

const samePerson = (a: SlotPerson, b: SlotPerson) => a.channelId === b.channelId && a.userId === b.userId;

export class MemorySlotStore implements SlotStore {
  private readonly slots = new Map<string, StoredSlot>();

  constructor(
    private readonly retentionMs: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private live(id: string): StoredSlot | undefined {
    const slot = this.slots.get(id);
    if (slot && Date.parse(slot.start) + this.retentionMs < this.clock().getTime()) {
      this.slots.delete(id);
      return undefined;
    }
    return slot;
  }

  async add(slots: Slot[]) {
    for (const slot of slots) this.slots.set(slot.id, structuredClone(slot));
  }

  async get(id: string) {
    const slot = this.live(id);
    return slot && structuredClone(slot);
  }

  async list(from: Date, limit: number) {
    return [...this.slots.keys()]
      .map((id) => this.live(id))
      .filter((s): s is StoredSlot => !!s && Date.parse(s.start) >= from.getTime())
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      .slice(0, limit)
      .map((s) => structuredClone(s));
  }

  async book(id: string, booking: SlotBooking, now: Date): Promise<BookResult> {
    const slot = this.live(id);
    if (!slot) return 'gone';
    if (slot.booking) return 'taken';
    if (Date.parse(slot.start) <= now.getTime()) return 'past';
    slot.booking = structuredClone(booking);
    return 'booked';
  }

  async release(id: string, person: SlotPerson) {
    const slot = this.live(id);
    if (!slot?.booking || !samePerson(slot.booking.person, person)) return false;
    delete slot.booking;
    delete slot.outcome;
    return true;
  }

  async remove(id: string) {
    const slot = this.live(id);
    this.slots.delete(id);
    return slot;
  }

  async record(id: string, outcome: TalkOutcome) {
    const slot = this.live(id);
    if (!slot?.booking) return false;
    slot.outcome = structuredClone(outcome);
    return true;
  }

  async bookingsOf(person: SlotPerson) {
    return [...this.slots.keys()]
      .map((id) => this.live(id))
      .filter((s): s is StoredSlot => !!s?.booking && samePerson(s.booking.person, person))
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      .map((s) => structuredClone(s));
  }

  async erase(person: SlotPerson) {
    for (const slot of this.slots.values()) {
      if (slot.booking && samePerson(slot.booking.person, person)) {
        delete slot.booking;
        delete slot.outcome;
      }
    }
  }
}

/** Claims a free, future slot for one person: the check and the write in one step, so one of many at once wins. */
const BOOK = `
local start = redis.call('HGET', KEYS[1], 'startMs')
if not start then return 'gone' end
if redis.call('HEXISTS', KEYS[1], 'booking') == 1 then return 'taken' end
if tonumber(start) <= tonumber(ARGV[3]) then return 'past' end
redis.call('HSET', KEYS[1], 'booking', ARGV[1], 'ptag', ARGV[2])
return 'booked'`;

/** Frees the slot when this person (their tag) holds it. */
const RELEASE = `
if redis.call('HGET', KEYS[1], 'ptag') ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[1], 'booking', 'ptag', 'outcome')
return 1`;

/** Records the talk's outcome on a booked slot. */
const RECORD = `
if redis.call('HEXISTS', KEYS[1], 'booking') == 0 then return 0 end
redis.call('HSET', KEYS[1], 'outcome', ARGV[1])
return 1`;

/** Reads the slot and deletes it in one step: the booking given back is the one that was removed. */
const REMOVE = `
local fields = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return fields`;

/**
 * p:slot:{slot:<id>} — a hash: the slot (JSON), its start (ms), and when booked the booking (JSON,
 * personal data) and the person's tag; it expires `retentionMs` after the start. p:slots — the index,
 * a sorted set of slot ids by start. p:bookings:{tag} — the person's slot ids (a sorted set by
 * start) under the person's keyed digest, expiring as their state does. No key names a person.
 *
 * A booking writes two keys in two cluster slots (the slot's, the person's), so it cannot be one
 * script. The order makes every crash safe: the person's list is written first (an intent), then the
 * slot is claimed atomically (BOOK), and the intent is taken back when the claim fails. The slot is
 * the truth: a list entry whose slot does not name the person is skipped and cleaned when read. A
 * crash between the two leaves at most such a harmless entry, never a booking that erasure cannot
 * find (erasure reads the list).
 */
export class RedisSlotStore implements SlotStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly digest: IdDigest,
    private readonly retentionMs: number,
  ) {}

  private slotKey = (id: string) => `${this.prefix}slot:{slot:${id}}`;
  private index = () => `${this.prefix}slots`;
  private tag = (p: SlotPerson) => entityTag(this.digest, p.channelId, p.userId);
  private bookingsKey = (p: SlotPerson) => `${this.prefix}bookings:${this.tag(p)}`;

  private static parse(fields: Record<string, string>): StoredSlot | undefined {
    if (!fields.slot) return undefined;
    return {
      ...(JSON.parse(fields.slot) as Slot),
      ...(fields.booking ? { booking: JSON.parse(fields.booking) as SlotBooking } : {}),
      ...(fields.outcome ? { outcome: JSON.parse(fields.outcome) as TalkOutcome } : {}),
    };
  }

  async add(slots: Slot[]) {
    for (const slot of slots) {
      const startMs = Date.parse(slot.start);
      await this.redis
        .multi()
        .hset(this.slotKey(slot.id), 'slot', JSON.stringify(slot), 'startMs', String(startMs))
        .pexpireat(this.slotKey(slot.id), startMs + this.retentionMs)
        .exec();
      await this.redis.zadd(this.index(), startMs, slot.id);
    }
  }

  async get(id: string) {
    return RedisSlotStore.parse(await this.redis.hgetall(this.slotKey(id)));
  }

  private async many(ids: string[]): Promise<Array<StoredSlot | undefined>> {
    if (ids.length === 0) return [];
    // Each slot has its own hash tag: on a cluster a pipeline may not span slots, so the reads go side by side.
    return Promise.all(ids.map(async (id) => RedisSlotStore.parse(await this.redis.hgetall(this.slotKey(id)))));
  }

  async list(from: Date, limit: number) {
    // Slots past the retention have expired; their index entries go here.
    await this.redis.zremrangebyscore(this.index(), '-inf', `(${from.getTime() - this.retentionMs}`);
    const ids = await this.redis.zrangebyscore(this.index(), String(from.getTime()), '+inf', 'LIMIT', 0, limit);
    return (await this.many(ids)).filter((s): s is StoredSlot => !!s);
  }

  async book(id: string, booking: SlotBooking, now: Date): Promise<BookResult> {
    const mine = this.bookingsKey(booking.person);
    const slot = await this.redis.hget(this.slotKey(id), 'startMs');
    if (!slot) return 'gone';
    await this.redis.multi().zadd(mine, slot, id).pexpire(mine, this.retentionMs).exec();
    const result = (await this.redis.eval(BOOK, 1, this.slotKey(id), JSON.stringify(booking), this.tag(booking.person), String(now.getTime()))) as BookResult;
    if (result !== 'booked') await this.dropIfNotHeld(booking.person, id);
    return result;
  }

  /** Takes the slot off the person's list unless they hold it (another booking of theirs may have made it). */
  private async dropIfNotHeld(person: SlotPerson, id: string) {
    if ((await this.redis.hget(this.slotKey(id), 'ptag')) !== this.tag(person)) await this.redis.zrem(this.bookingsKey(person), id);
  }

  async release(id: string, person: SlotPerson) {
    const released = (await this.redis.eval(RELEASE, 1, this.slotKey(id), this.tag(person))) === 1;
    await this.redis.zrem(this.bookingsKey(person), id);
    return released;
  }

  async remove(id: string) {
    const flat = (await this.redis.eval(REMOVE, 1, this.slotKey(id))) as string[];
    await this.redis.zrem(this.index(), id);
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
    const slot = RedisSlotStore.parse(fields);
    if (slot?.booking) await this.redis.zrem(this.bookingsKey(slot.booking.person), id);
    return slot;
  }

  async record(id: string, outcome: TalkOutcome) {
    return (await this.redis.eval(RECORD, 1, this.slotKey(id), JSON.stringify(outcome))) === 1;
  }

  async bookingsOf(person: SlotPerson) {
    const ids = await this.redis.zrange(this.bookingsKey(person), '0', '-1');
    const slots = await this.many(ids);
    const held: StoredSlot[] = [];
    for (const [i, slot] of slots.entries()) {
      if (slot?.booking && slot.booking.person.channelId === person.channelId && slot.booking.person.userId === person.userId) held.push(slot);
      else await this.dropIfNotHeld(person, ids[i]);
    }
    return held;
  }

  async erase(person: SlotPerson) {
    for (const id of await this.redis.zrange(this.bookingsKey(person), '0', '-1')) await this.redis.eval(RELEASE, 1, this.slotKey(id), this.tag(person));
    await this.redis.del(this.bookingsKey(person));
  }
}
