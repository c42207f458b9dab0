import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { IdDigest } from '../storage/idDigest';
import { CloseOutcome, HANDOFF_STATUSES, HandoffDelivery, HandoffMessage, HandoffRecord, HandoffStatus, canTransition } from '../domain/handoff';
import type { ChangeResult, ClaimResult, HandoffQueue, MentorMessageRef, MentorRef, NewHandoff, NoticeField } from './handoffQueue';

/*
 * Layout under the prefix p; every key carries the hash tag {queue}, so on a Redis Cluster the whole
 * queue lies in one slot and each step below stays one atomic script (a claim is won once). The queue
 * is small (the people waiting and talking, and ended handoffs until they expire), so its one slot
 * carries little next to the conversations, which spread over every slot.
 *   p:handoff:{queue}:<id>            hash: doc (creation data, JSON), status, seq, mentorId, mentor, claimedAt, closedAt, closeOutcome,
 *                                     note, rating, claims (count), handledBy:<mentorId> (one field per mentor who ever took it)
 *   p:handoff:{queue}:<id>:messages   list of message JSON
 *   p:handoffs:{queue}:waiting        zset seq → id (the line; a released handoff gets its old seq back, so its place)
 *   p:handoffs:{queue}:active         zset claim time → id
 *   p:handoffs:{queue}:ended          zset end time → id
 *   p:handoffs:{queue}:seq            counter for seq
 *   p:handoffs:{queue}:open:<d>       the person's open handoff id (<d>: keyed digest of channel and user id)
 *   p:handoffs:{queue}:all:<d>        set of all the person's handoff ids (for erasure; expires with the last ended one)
 * Every key a script touches is in its KEYS.
 */

/*
 * KEYS: open, new record, waiting, seq, all, the open handoff's record and messages (the new record's
 * when none). ARGV: id, doc, the open handoff id the caller read ('' = none).
 * Returns {id, fields, messages} of the open or new handoff, or {'retry'} when the open key changed
 * since the caller read it.
 */
const ENQUEUE = `
local existing = redis.call('GET', KEYS[1]) or ''
if existing ~= ARGV[3] then return {'retry'} end
if existing ~= '' then
  local status = redis.call('HGET', KEYS[6], 'status')
  if status == 'waiting' or status == 'active' then
    return {existing, redis.call('HGETALL', KEYS[6]), redis.call('LRANGE', KEYS[7], 0, -1)}
  end
end
local seq = redis.call('INCR', KEYS[4])
redis.call('HSET', KEYS[2], 'doc', ARGV[2], 'status', 'waiting', 'seq', seq)
redis.call('ZADD', KEYS[3], seq, ARGV[1])
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[5], ARGV[1])
redis.call('PERSIST', KEYS[5]) -- kept while a handoff is open; it expires with the last ended one
return {ARGV[1], redis.call('HGETALL', KEYS[2]), {}}
`;

/*
 * After a handoff ended: frees the person for a new one and lets their index expire with it.
 * KEYS: open, all. ARGV: id, ttl (s, 0 = keep). Until this ran, the open key names an ended handoff,
 * which every reader of it checks (openFor, ENQUEUE): the step only tidies up.
 */
const PERSON_ENDED = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
local ttl = tonumber(ARGV[2])
if ttl > 0 and redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then redis.call('EXPIRE', KEYS[2], ttl) end
return 1
`;

/*
 * One status change, checked and applied in one step.
 * KEYS: record, its messages, waiting, active, ended (a claim needs no lookup first: one round trip).
 * ARGV: id, to, allowed from (",a,b,"), mentor id that must own an active handoff ('' = any),
 *       now (ms), ttl of ended records (s, 0 = keep), n, then n field/value pairs to set, then fields to delete.
 * Returns {result, fields, messages}: result is 'ok', 'not-found', 'not-yours' or 'not-allowed:<status>'.
 */
const CHANGE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {'not-found', {}, {}} end
local function current() return {redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, -1)} end
if not string.find(ARGV[3], ',' .. status .. ',', 1, true) then
  local c = current()
  return {'not-allowed:' .. status, c[1], c[2]}
end
if ARGV[4] ~= '' and status == 'active' and redis.call('HGET', KEYS[1], 'mentorId') ~= ARGV[4] then
  local c = current()
  return {'not-yours', c[1], c[2]}
end
local n = tonumber(ARGV[7])
local i = 8
for _ = 1, n do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  i = i + 2
end
while i <= #ARGV do
  redis.call('HDEL', KEYS[1], ARGV[i])
  i = i + 1
end
local id, to = ARGV[1], ARGV[2]
redis.call('HSET', KEYS[1], 'status', to)
if to == 'waiting' then
  redis.call('ZADD', KEYS[3], redis.call('HGET', KEYS[1], 'seq'), id)
  redis.call('ZREM', KEYS[4], id)
elseif to == 'active' then
  redis.call('HINCRBY', KEYS[1], 'claims', 1)
  redis.call('ZREM', KEYS[3], id)
  redis.call('ZADD', KEYS[4], ARGV[5], id)
else
  redis.call('ZREM', KEYS[3], id)
  redis.call('ZREM', KEYS[4], id)
  redis.call('ZADD', KEYS[5], ARGV[5], id)
  local ttl = tonumber(ARGV[6])
  if ttl > 0 then
    redis.call('EXPIRE', KEYS[1], ttl)
    redis.call('EXPIRE', KEYS[2], ttl)
    redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', '(' .. (tonumber(ARGV[5]) - ttl * 1000))
  end
end
local c = current()
return {'ok', c[1], c[2]}
`;

/*
 * Hands an active handoff to another mentor. KEYS: record, its message list. ARGV: mentor id that must own
 * it, new mentor id, new mentor JSON, handledBy field of the new mentor, now (ISO). Returns like CHANGE.
 */
const TRANSFER = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {'not-found', {}, {}} end
if status ~= 'active' then return {'not-allowed:' .. status, {}, {}} end
if redis.call('HGET', KEYS[1], 'mentorId') ~= ARGV[1] then return {'not-yours', {}, {}} end
redis.call('HSET', KEYS[1], 'mentorId', ARGV[2], 'mentor', ARGV[3], ARGV[4], ARGV[5])
return {'ok', redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, -1)}
`;

/* KEYS: record, its messages. ARGV: message JSON. Appends while the handoff is open. */
const ADD_MESSAGE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'not-found' end
if status ~= 'waiting' and status ~= 'active' then return 'not-allowed' end
redis.call('RPUSH', KEYS[2], ARGV[1])
return 'ok'
`;

/*
 * KEYS: record, its messages. ARGV: at, text, delivery. Sets the delivery of the newest mentor message
 * with that time and text, whatever the handoff's status (the channel may report after a close).
 */
const MARK_DELIVERY = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not-found' end
local list = KEYS[2]
local messages = redis.call('LRANGE', list, 0, -1)
for i = #messages, 1, -1 do
  local ok, m = pcall(cjson.decode, messages[i])
  if ok and type(m) == 'table' and m['from'] == 'mentor' and m['at'] == ARGV[1] and m['text'] == ARGV[2] then
    m['delivery'] = ARGV[3]
    redis.call('LSET', list, i - 1, cjson.encode(m))
    return 'ok'
  end
end
return 'not-found'
`;

/* KEYS: record. ARGV: rating. Once, after the mentor closed. */
const RATE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'not-found' end
if status ~= 'closed' or redis.call('HEXISTS', KEYS[1], 'rating') == 1 then return 'not-allowed' end
redis.call('HSET', KEYS[1], 'rating', ARGV[1])
return 'ok'
`;

/* KEYS: record. ARGV: field, expected ('' = not set), next. Compare-and-set of one notice field. */
const UPDATE_NOTICE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local current = redis.call('HGET', KEYS[1], ARGV[1]) or ''
if current ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
`;

const HANDLED_BY = 'handledBy:';

/** The hash tag of every queue key: one slot for the whole queue (see the layout above). */
export const QUEUE_TAG = '{queue}';

/** The Redis key of one handoff's record (the Teams cards and the key migration name it too). */
export function handoffRecordKey(prefix: string, id: string): string {
  return `${prefix}handoff:${QUEUE_TAG}:${id}`;
}

type ScriptResult = [string, string[], string[]];

interface Scripts {
  vitHandoffEnqueue(keys: number, ...args: string[]): Promise<[string, string[], string[]]>;
  vitHandoffChange(keys: number, ...args: string[]): Promise<ScriptResult>;
  vitHandoffTransfer(keys: number, ...args: string[]): Promise<ScriptResult>;
  vitHandoffMessage(keys: number, ...args: string[]): Promise<string>;
  vitHandoffRate(keys: number, ...args: string[]): Promise<string>;
  vitHandoffDelivery(keys: number, ...args: string[]): Promise<string>;
  vitHandoffNotice(keys: number, ...args: string[]): Promise<number>;
  vitHandoffPersonEnded(keys: number, ...args: string[]): Promise<number>;
}

export interface RedisHandoffQueueOptions {
  prefix: string;
  /** Seconds a closed or abandoned handoff is kept; 0 keeps it. */
  endedTtlSeconds: number;
  /** The keyed digest a person's keys are named with (see entityTag): never their user id. */
  digest: IdDigest;
}

/** The queue in Redis, shared by every instance; each change is one Lua script, so one round trip. */
export class RedisHandoffQueue implements HandoffQueue {
  private readonly redis: Redis & Scripts;

  constructor(redis: Redis, private readonly options: RedisHandoffQueueOptions) {
    const scripts: Array<[string, string, number]> = [
      ['vitHandoffEnqueue', ENQUEUE, 7],
      ['vitHandoffChange', CHANGE, 5],
      ['vitHandoffTransfer', TRANSFER, 2],
      ['vitHandoffMessage', ADD_MESSAGE, 2],
      ['vitHandoffRate', RATE, 1],
      ['vitHandoffDelivery', MARK_DELIVERY, 2],
      ['vitHandoffNotice', UPDATE_NOTICE, 1],
      ['vitHandoffPersonEnded', PERSON_ENDED, 2],
    ];
    for (const [name, lua] of scripts) if (!(name in redis)) redis.defineCommand(name, { lua });
    this.redis = redis as Redis & Scripts;
  }

  private key = (suffix: string) => `${this.options.prefix}handoffs:${QUEUE_TAG}:${suffix}`;
  private recordKey = (id: string) => handoffRecordKey(this.options.prefix, id);
  private messagesKey = (id: string) => `${this.recordKey(id)}:messages`;
  private openKey = (channelId: string, userId: string) => this.key(`open:${this.options.digest(`${channelId}:${userId}`)}`);
  private allKey = (channelId: string, userId: string) => this.key(`all:${this.options.digest(`${channelId}:${userId}`)}`);

  async enqueue(input: NewHandoff, now: Date) {
    const id = randomUUID();
    const doc = JSON.stringify({ ...input, id, createdAt: now.toISOString() });
    const { channelId, userId } = input.person;
    const open = this.openKey(channelId, userId);
    // The open handoff's keys are declared, so they are read first; the script refuses when the person's open key changed meanwhile.
    for (let attempt = 1; ; attempt++) {
      const existing = (await this.redis.get(open)) ?? '';
      const result = await this.redis.vitHandoffEnqueue(
        7,
        open,
        this.recordKey(id),
        this.key('waiting'),
        this.key('seq'),
        this.allKey(channelId, userId),
        this.recordKey(existing || id),
        this.messagesKey(existing || id),
        id,
        doc,
        existing,
      );
      if ((result[0] as string) === 'retry') {
        if (attempt < 10) continue;
        throw new Error('RedisHandoffQueue.enqueue(): the person\u2019s open handoff kept changing');
      }
      const [foundId, fields, messages] = result;
      return { handoff: toRecord(foundId, fields, messages)!, created: foundId === id };
    }
  }

  async get(id: string): Promise<HandoffRecord | undefined> {
    const [[, fields], [, messages]] = (await this.redis.multi().hgetall(this.recordKey(id)).lrange(this.messagesKey(id), 0, -1).exec())! as [
      [null, Record<string, string>],
      [null, string[]],
    ];
    return toRecord(id, Object.entries(fields).flat(), messages);
  }

  async openFor(channelId: string, userId: string) {
    const id = await this.redis.get(this.openKey(channelId, userId));
    const record = id ? await this.get(id) : undefined;
    return record && (record.status === 'waiting' || record.status === 'active') ? record : undefined;
  }

  async waiting() {
    return this.many(await this.redis.zrange(this.key('waiting'), '0', '-1'));
  }

  async active() {
    return this.many(await this.redis.zrange(this.key('active'), '0', '-1'));
  }

  async position(id: string) {
    const rank = await this.redis.zrank(this.key('waiting'), id);
    return rank === null ? undefined : rank + 1;
  }

  async claim(id: string, mentor: MentorRef, now: Date): Promise<ClaimResult> {
    const [result, fields, messages] = await this.change(id, 'active', '', now, {
      mentorId: mentor.id,
      mentor: JSON.stringify(mentor),
      claimedAt: now.toISOString(),
      [`${HANDLED_BY}${mentor.id}`]: now.toISOString(),
    });
    if (result === 'ok') return { ok: true, handoff: toRecord(id, fields, messages)! };
    if (result === 'not-found') return { ok: false, reason: 'not-found' };
    if (result === 'not-allowed:active') return { ok: false, reason: 'already-taken', handoff: toRecord(id, fields, messages)! };
    return { ok: false, reason: 'not-waiting' };
  }

  async transfer(id: string, fromMentorId: string, to: MentorRef, now: Date): Promise<ChangeResult> {
    const result = await this.redis.vitHandoffTransfer(2, this.recordKey(id), `${this.recordKey(id)}:messages`, fromMentorId, to.id, JSON.stringify(to), `${HANDLED_BY}${to.id}`, now.toISOString());
    return this.changeResult(id, result);
  }

  async release(id: string, mentorId: string, now: Date): Promise<ChangeResult> {
    return this.changeResult(id, await this.change(id, 'waiting', mentorId, now, {}, ['mentorId', 'mentor', 'claimedAt']));
  }

  async close(id: string, mentorId: string, outcome: CloseOutcome, note: string, now: Date): Promise<ChangeResult> {
    return this.ended(id, await this.change(id, 'closed', mentorId, now, { closedAt: now.toISOString(), closeOutcome: outcome, note }));
  }

  async abandon(id: string, now: Date, note?: string): Promise<ChangeResult> {
    return this.ended(id, await this.change(id, 'abandoned', '', now, { closedAt: now.toISOString(), ...(note ? { note } : {}) }));
  }

  /** The result of a change to an ended status, after freeing the person's open key (PERSON_ENDED). */
  private async ended(id: string, script: ScriptResult): Promise<ChangeResult> {
    const result = this.changeResult(id, script);
    if (result.ok) {
      const { channelId, userId } = result.handoff.person;
      await this.redis.vitHandoffPersonEnded(2, this.openKey(channelId, userId), this.allKey(channelId, userId), id, String(this.options.endedTtlSeconds));
    }
    return result;
  }

  async addMessage(id: string, message: HandoffMessage): Promise<ChangeResult> {
    const result = await this.redis.vitHandoffMessage(2, this.recordKey(id), this.messagesKey(id), JSON.stringify(message));
    if (result !== 'ok') return { ok: false, reason: result as 'not-found' | 'not-allowed' };
    return { ok: true, handoff: (await this.get(id))! };
  }

  async markDelivery(id: string, ref: MentorMessageRef, delivery: HandoffDelivery): Promise<ChangeResult> {
    const result = await this.redis.vitHandoffDelivery(2, this.recordKey(id), this.messagesKey(id), ref.at, ref.text, delivery);
    if (result !== 'ok') return { ok: false, reason: 'not-found' };
    return { ok: true, handoff: (await this.get(id))! };
  }

  async rate(id: string, rating: number): Promise<ChangeResult> {
    const result = await this.redis.vitHandoffRate(1, this.recordKey(id), String(rating));
    if (result !== 'ok') return { ok: false, reason: result as 'not-found' | 'not-allowed' };
    return { ok: true, handoff: (await this.get(id))! };
  }

  async allFor(channelId: string, userId: string) {
    const records = await this.many(await this.redis.smembers(this.allKey(channelId, userId)));
    return records.sort((a, b) => a.seq - b.seq);
  }

  async latestFor(channelId: string, userId: string) {
    return (await this.allFor(channelId, userId)).at(-1);
  }

  async updateNotice(id: string, field: NoticeField, expected: string | undefined, next: string): Promise<boolean> {
    return (await this.redis.vitHandoffNotice(1, this.recordKey(id), field, expected ?? '', next)) === 1;
  }

  async erasePerson(channelId: string, userId: string): Promise<number> {
    const ids = await this.redis.smembers(this.allKey(channelId, userId));
    const tx = this.redis.multi();
    for (const id of ids) {
      tx.del(this.recordKey(id), this.messagesKey(id));
      tx.zrem(this.key('waiting'), id).zrem(this.key('active'), id).zrem(this.key('ended'), id);
    }
    tx.del(this.allKey(channelId, userId), this.openKey(channelId, userId));
    await tx.exec();
    return ids.length;
  }

  private async change(
    id: string,
    to: HandoffStatus,
    mentorId: string,
    now: Date,
    set: Record<string, string>,
    unset: string[] = [],
  ): Promise<ScriptResult> {
    // The allowed transitions come from the domain's state machine, not from the script.
    const allowedFrom = `,${HANDOFF_STATUSES.filter((s) => canTransition(s, to)).join(',')},`;
    return this.redis.vitHandoffChange(
      5,
      this.recordKey(id),
      this.messagesKey(id),
      this.key('waiting'),
      this.key('active'),
      this.key('ended'),
      id,
      to,
      allowedFrom,
      mentorId,
      String(now.getTime()),
      String(this.options.endedTtlSeconds),
      String(Object.keys(set).length),
      ...Object.entries(set).flat(),
      ...unset,
    );
  }

  private changeResult(id: string, [result, fields, messages]: ScriptResult): ChangeResult {
    if (result === 'ok') return { ok: true, handoff: toRecord(id, fields, messages)! };
    if (result === 'not-found') return { ok: false, reason: 'not-found' };
    if (result === 'not-yours') return { ok: false, reason: 'not-yours' };
    return { ok: false, reason: 'not-allowed' };
  }

  private async many(ids: string[]): Promise<HandoffRecord[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.recordKey(id)).lrange(this.messagesKey(id), 0, -1);
    const results = (await pipeline.exec())!;
    return ids
      .map((id, i) => toRecord(id, Object.entries(results[2 * i][1] as Record<string, string>).flat(), results[2 * i + 1][1] as string[]))
      .filter((r): r is HandoffRecord => r !== undefined);
  }
}

/** A record from the hash's fields (flat [k, v, k, v…]) and the message list. */
function toRecord(id: string, flat: string[], messages: string[]): HandoffRecord | undefined {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
  if (!fields.doc) return undefined;
  const doc = JSON.parse(fields.doc);
  const record: HandoffRecord = {
    ...doc,
    id,
    status: fields.status as HandoffStatus,
    seq: Number(fields.seq),
    messages: messages.map((m) => JSON.parse(m)),
  };
  if (fields.mentor) record.mentor = JSON.parse(fields.mentor);
  if (fields.claimedAt) record.claimedAt = fields.claimedAt;
  if (fields.closedAt) record.closedAt = fields.closedAt;
  if (fields.closeOutcome) record.closeOutcome = fields.closeOutcome as CloseOutcome;
  if (fields.note !== undefined) record.note = fields.note;
  if (fields.rating) record.rating = Number(fields.rating);
  if (fields.toldPlace) record.toldPlace = Number(fields.toldPlace);
  if (fields.leaveMessageOfferedAt) record.leaveMessageOfferedAt = fields.leaveMessageOfferedAt;
  if (fields.claims) record.claims = Number(fields.claims);
  const handled = Object.keys(fields).filter((k) => k.startsWith(HANDLED_BY)).map((k) => k.slice(HANDLED_BY.length));
  if (handled.length > 0) record.handledBy = handled.sort();
  return record;
}
