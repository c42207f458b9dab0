import type { Redis } from 'ioredis';
import { partnerRevision, type PartnerFile } from '../domain/partnerSteps';
import { entityTag, IdDigest } from '../storage/idDigest';
import type { JourneyPerson } from './journeyStore';

/**
 * Each person's partner file: the consent questions and answers, the referral and the partner's steps.
 * Personal data: kept as long as the person's state after its last change, in their export, erased
 * with them.
 */
export interface PartnerStore {
  get(person: JourneyPerson): Promise<PartnerFile | undefined>;
  /**
   * Writes `next` when the stored file still has revision `expected` (0: none yet; see partnerRevision),
   * so two changes made at once cannot both win; false when another write came first (nothing written).
   */
  save(person: JourneyPerson, next: PartnerFile, expected: number): Promise<boolean>;
  /** Forgets the person's file; nothing happens when they have none. */
  erase(person: JourneyPerson): Promise<void>;
}

const personKey = (p: JourneyPerson) => `${p.channelId}|${p.userId}`;

export class MemoryPartnerStore implements PartnerStore {
  private readonly entries = new Map<string, { file: PartnerFile; until: number }>();

  constructor(
    private readonly retentionMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  private live(person: JourneyPerson) {
    const entry = this.entries.get(personKey(person));
    if (entry && entry.until <= this.clock()) {
      this.entries.delete(personKey(person));
      return undefined;
    }
    return entry;
  }

  async get(person: JourneyPerson) {
    const entry = this.live(person);
    return entry && structuredClone(entry.file);
  }

  async save(person: JourneyPerson, next: PartnerFile, expected: number) {
    if (partnerRevision(this.live(person)?.file) !== expected) return false;
    this.entries.set(personKey(person), { file: structuredClone(next), until: this.clock() + this.retentionMs });
    return true;
  }

  async erase(person: JourneyPerson) {
    this.entries.delete(personKey(person));
  }
}

/** Writes the file only when its stored revision is the one expected; keeps it for the retention. */
const SAVE = `
local rev = redis.call('HGET', KEYS[1], 'rev')
if (rev or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'file', ARGV[2], 'rev', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

/**
 * p:partner:{tag}: a hash with the file as JSON and its revision, where {tag} is the person's keyed
 * digest (see entityTag), the same hash tag as their journey: no key names the person, and on a Redis
 * Cluster everything of one person sits in one slot.
 */
export class RedisPartnerStore implements PartnerStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly digest: IdDigest,
    private readonly retentionMs: number,
  ) {}

  private key = (p: JourneyPerson) => `${this.prefix}partner:${entityTag(this.digest, p.channelId, p.userId)}`;

  async get(person: JourneyPerson) {
    const raw = await this.redis.hget(this.key(person), 'file');
    return raw ? (JSON.parse(raw) as PartnerFile) : undefined;
  }

  async save(person: JourneyPerson, next: PartnerFile, expected: number) {
    const saved = await this.redis.eval(SAVE, 1, this.key(person), String(expected), JSON.stringify(next), String(partnerRevision(next)), String(this.retentionMs));
    return saved === 1;
  }

  async erase(person: JourneyPerson) {
    await this.redis.del(this.key(person));
  }
}
