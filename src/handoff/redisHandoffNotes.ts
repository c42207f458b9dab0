import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { entityTag, IdDigest } from '../storage/idDigest';
import { dayNumber, FollowUp, orderFollowUps, PRIVATE_NOTES_PER_HANDOFF, PrivateNote } from '../domain/followUp';
import type { HandoffHoldings, HandoffNotes, PersonKey } from './handoffNotes';

/*
 * Layout under the prefix p (a handoff id is a random UUID, not personal; a person is named by the keyed digest):
 *   p:handoff-notes:{<handoff id>}:notes       list of private note JSON, oldest first
 *   p:handoff-notes:{<handoff id>}:follow-up   the follow-up JSON
 *   p:handoff-notes:person:{<person digest>}   set of the person's handoff ids with something here (for export and erasure)
 *   p:follow-ups                               zset day number → handoff id (everyone's follow-ups, by day)
 * Every key expires `ttlSeconds` after its last write; `retain` renews them when the handoff ends, so they
 * live as long as the ended handoff. Each script touches one handoff's keys only (one cluster slot).
 */

/* KEYS: notes list. ARGV: note JSON, max notes, ttl (s). Appends unless the list is full. */
const ADD_NOTE = `
if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
`;

interface Scripts {
  vitHandoffNoteAdd(key: string, ...args: string[]): Promise<number>;
}

export interface RedisHandoffNotesOptions {
  prefix: string;
  /** Seconds kept after the last write (and after `retain`): as long as an ended handoff. */
  ttlSeconds: number;
  digest: IdDigest;
}

export class RedisHandoffNotes implements HandoffNotes {
  private readonly redis: Redis & Scripts;

  constructor(redis: Redis, private readonly options: RedisHandoffNotesOptions) {
    if (!('vitHandoffNoteAdd' in redis)) redis.defineCommand('vitHandoffNoteAdd', { lua: ADD_NOTE, numberOfKeys: 1 });
    this.redis = redis as Redis & Scripts;
  }

  private notesKey = (handoffId: string) => `${this.options.prefix}handoff-notes:{${handoffId}}:notes`;
  private followUpKey = (handoffId: string) => `${this.options.prefix}handoff-notes:{${handoffId}}:follow-up`;
  private personKey = (person: PersonKey) => `${this.options.prefix}handoff-notes:person:${entityTag(this.options.digest, person.channelId, person.userId)}`;
  private indexKey = () => `${this.options.prefix}follow-ups`;

  async addNote(handoffId: string, person: PersonKey, note: Omit<PrivateNote, 'id'>) {
    // The person's set first: an erasure running meanwhile finds the handoff, whatever comes after.
    await this.remember(handoffId, person);
    const kept: PrivateNote = { id: randomUUID(), ...note };
    const added = await this.redis.vitHandoffNoteAdd(this.notesKey(handoffId), JSON.stringify(kept), String(PRIVATE_NOTES_PER_HANDOFF), String(this.options.ttlSeconds));
    return added === 1 ? kept : undefined;
  }

  async notes(handoffId: string) {
    return (await this.redis.lrange(this.notesKey(handoffId), 0, -1)).map((n) => JSON.parse(n) as PrivateNote);
  }

  async setFollowUp(person: PersonKey, followUp: FollowUp) {
    await this.remember(followUp.handoffId, person);
    await this.redis.set(this.followUpKey(followUp.handoffId), JSON.stringify(followUp), 'EX', this.options.ttlSeconds);
    await this.redis.zadd(this.indexKey(), dayNumber(followUp.due), followUp.handoffId);
  }

  async followUp(handoffId: string) {
    const raw = await this.redis.get(this.followUpKey(handoffId));
    return raw ? (JSON.parse(raw) as FollowUp) : undefined;
  }

  async clearFollowUp(handoffId: string) {
    const removed = await this.redis.del(this.followUpKey(handoffId));
    await this.redis.zrem(this.indexKey(), handoffId);
    return removed > 0;
  }

  async followUps() {
    const ids = await this.redis.zrange(this.indexKey(), '0', '-1');
    // One GET each (the keys lie in different cluster slots); an expired one leaves the index here.
    const found = await Promise.all(ids.map(async (id) => [id, await this.followUp(id)] as const));
    const gone = found.filter(([, f]) => !f).map(([id]) => id);
    if (gone.length > 0) await this.redis.zrem(this.indexKey(), ...gone);
    return orderFollowUps(found.flatMap(([, f]) => (f ? [f] : [])));
  }

  async retain(handoffId: string, person: PersonKey) {
    const ttl = this.options.ttlSeconds;
    await this.redis.expire(this.notesKey(handoffId), ttl);
    await this.redis.expire(this.followUpKey(handoffId), ttl);
    await this.redis.expire(this.personKey(person), ttl);
  }

  async forPerson(person: PersonKey): Promise<HandoffHoldings[]> {
    const ids = (await this.redis.smembers(this.personKey(person))).sort();
    return Promise.all(ids.map(async (handoffId) => ({ handoffId, notes: await this.notes(handoffId), followUp: (await this.followUp(handoffId)) ?? null })));
  }

  async erasePerson(person: PersonKey) {
    const ids = await this.redis.smembers(this.personKey(person));
    for (const id of ids) {
      await this.redis.del(this.notesKey(id), this.followUpKey(id));
      await this.redis.zrem(this.indexKey(), id);
    }
    await this.redis.del(this.personKey(person));
    return ids.length;
  }

  private async remember(handoffId: string, person: PersonKey) {
    await this.redis.multi().sadd(this.personKey(person), handoffId).expire(this.personKey(person), this.options.ttlSeconds).exec();
  }
}
