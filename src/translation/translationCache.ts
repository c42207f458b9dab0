import type { Redis } from 'ioredis';
import { entityTag, IdDigest } from '../storage/idDigest';

/** A translation as kept: the text and the language it was translated from. */
export interface CachedTranslation {
  text: string;
  from?: string;
}

/** Whose translations: the person the handoff is with (channel and user id). */
export interface TranslationOwner {
  channelId: string;
  userId: string;
}

/**
 * Translations already made, per person, so opening or refreshing a conversation does not translate
 * its messages again, and a mentor's reply goes out exactly as it was previewed. Entries are named by
 * a keyed digest of what was translated (never the text); bounded per person; gone after the
 * retention period, and erased with the person.
 */
export interface TranslationCache {
  /** The entries found for these names (see translationName); absent ones are left out. */
  get(owner: TranslationOwner, names: readonly string[]): Promise<Map<string, CachedTranslation>>;
  put(owner: TranslationOwner, entries: ReadonlyArray<[string, CachedTranslation]>): Promise<void>;
  /** Every translation kept for the person (for their data export), in no particular order. */
  all(owner: TranslationOwner): Promise<CachedTranslation[]>;
  erase(owner: TranslationOwner): Promise<void>;
}

/** The most translations kept per person; past it the person's entries start over (a refresh translates again). */
export const MAX_TRANSLATIONS_PER_PERSON = 500;

/** The name of one translation: what kind (a person's message, a mentor's reply), into what, of which text; a digest. */
export function translationName(digest: IdDigest, kind: 'message' | 'reply', to: string, text: string): string {
  return digest(`translation\n${kind}\n${to}\n${text}`);
}

export class MemoryTranslationCache implements TranslationCache {
  private readonly people = new Map<string, Map<string, { value: CachedTranslation; expires: number }>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxPeople = 10_000,
  ) {}

  async get(owner: TranslationOwner, names: readonly string[]) {
    const entries = this.people.get(personId(owner));
    const found = new Map<string, CachedTranslation>();
    for (const name of names) {
      const entry = entries?.get(name);
      if (entry && entry.expires > this.now()) found.set(name, entry.value);
    }
    return found;
  }

  async put(owner: TranslationOwner, entries: ReadonlyArray<[string, CachedTranslation]>) {
    const id = personId(owner);
    let kept = this.people.get(id);
    if (!kept || kept.size + entries.length > MAX_TRANSLATIONS_PER_PERSON) kept = new Map();
    this.people.delete(id); // re-inserted last: the oldest person goes first when the map is full
    this.people.set(id, kept);
    const expires = this.now() + this.ttlMs;
    for (const [name, value] of entries) kept.set(name, { value, expires });
    while (this.people.size > this.maxPeople) this.people.delete(this.people.keys().next().value!);
  }

  async all(owner: TranslationOwner) {
    return [...(this.people.get(personId(owner))?.values() ?? [])].filter((e) => e.expires > this.now()).map((e) => e.value);
  }

  async erase(owner: TranslationOwner) {
    this.people.delete(personId(owner));
  }
}

function personId(owner: TranslationOwner): string {
  return `${owner.channelId}\n${owner.userId}`;
}

/** Writes the entries, starting the person's hash over when it would pass the bound, and renews its expiry. */
const PUT = `
if redis.call('HLEN', KEYS[1]) + (#ARGV - 2) / 2 > tonumber(ARGV[1]) then redis.call('DEL', KEYS[1]) end
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

type Scripts = { vitTranslationPut(numKeys: number, ...args: string[]): Promise<number> };

/** One hash per person, under the person's hash tag (as their handoff keys): `<prefix>translations:{<digest>}`. */
export class RedisTranslationCache implements TranslationCache {
  private readonly redis: Redis & Scripts;

  constructor(
    redis: Redis,
    private readonly options: { prefix: string; ttlMs: number; digest: IdDigest },
  ) {
    if (!('vitTranslationPut' in redis)) redis.defineCommand('vitTranslationPut', { lua: PUT });
    this.redis = redis as Redis & Scripts;
  }

  private key(owner: TranslationOwner): string {
    return `${this.options.prefix}translations:${entityTag(this.options.digest, owner.channelId, owner.userId)}`;
  }

  async get(owner: TranslationOwner, names: readonly string[]) {
    const found = new Map<string, CachedTranslation>();
    if (names.length === 0) return found;
    const values = await this.redis.hmget(this.key(owner), ...names);
    names.forEach((name, i) => {
      const value = values[i];
      if (value) found.set(name, JSON.parse(value) as CachedTranslation);
    });
    return found;
  }

  async put(owner: TranslationOwner, entries: ReadonlyArray<[string, CachedTranslation]>) {
    if (entries.length === 0) return;
    const args = entries.flatMap(([name, value]) => [name, JSON.stringify(value)]);
    await this.redis.vitTranslationPut(1, this.key(owner), String(MAX_TRANSLATIONS_PER_PERSON), String(this.options.ttlMs), ...args);
  }

  async all(owner: TranslationOwner) {
    return (await this.redis.hvals(this.key(owner))).map((value) => JSON.parse(value) as CachedTranslation);
  }

  async erase(owner: TranslationOwner) {
    await this.redis.del(this.key(owner));
  }
}
