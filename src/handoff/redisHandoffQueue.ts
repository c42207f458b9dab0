import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { entityTag, IdDigest } from '../storage/idDigest';
import { CloseOutcome, HANDOFF_STATUSES, HandoffDelivery, HandoffMessage, HandoffRecord, HandoffStatus, canTransition } from '../domain/handoff';
import type { ChangeResult, ClaimResult, HandoffQueue, MentorMessageRef, MentorRef, NewHandoff, NoticeField } from './handoffQueue';

/*
 * Layout under the prefix p:
 *   p:handoff:<id>            hash: doc (creation data, JSON), status, seq, mentorId, mentor, claimedAt, closedAt, closeOutcome, note, rating,
 *                             claims (count), handledBy:<mentorId> (one field per mentor who ever took it)
 *   p:handoff:<id>:messages   list of message JSON
 *   p:handoffs:waiting        zset seq → id (the line; a released handoff gets its old seq back, so its place)
 *   p:handoffs:active         zset claim time → id
 *   p:handoffs:ended          zset end time → id
 *   p:handoffs:seq            counter for seq
 *   p:handoffs:open:<ch>:<u>  the person's open handoff id
 *   p:handoffs:all:<ch>:<u>   set of all the person's handoff ids (for erasure; expires with the last ended one)
 */

const ENQUEUE = `
local existing = redis.call('GET', KEYS[1])
if existing then
  local key = ARGV[3] .. existing
  local status = redis.call('HGET', key, 'status')
  if status == 'waiting' or status == 'active' then
    return {existing, redis.call('HGETALL', key), redis.call('LRANGE', key .. ':messages', 0, -1)}
  end
end
local seq = redis.call('INCR', KEYS[4])
redis.call('HSET', KEYS[2], 'doc', ARGV[2], 'status', 'waiting', 'seq', seq, 'openKey', KEYS[1], 'allKey', KEYS[5])
redis.call('ZADD', KEYS[3], seq, ARGV[1])
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[5], ARGV[1])
redis.call('PERSIST', KEYS[5]) -- kept while a handoff is open; it expires with the last ended one
return {ARGV[1], redis.call('HGETALL', KEYS[2]), {}}
`;

/*
 * One status change, checked and applied in one step.
 * KEYS: record, waiting, active, ended (the person's open key is read from the record, so a claim
 * needs no lookup first: one round trip).
 * ARGV: id, to, allowed from (",a,b,"), mentor id that must own an active handoff ('' = any),
 *       now (ms), ttl of ended records (s, 0 = keep), n, then n field/value pairs to set, then fields to delete.
 * Returns {result, fields, messages}: result is 'ok', 'not-found', 'not-yours' or 'not-allowed:<status>'.
 */
const CHANGE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {'not-found', {}, {}} end
local function current() return {redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[1] .. ':messages', 0, -1)} end
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
  redis.call('ZADD', KEYS[2], redis.call('HGET', KEYS[1], 'seq'), id)
  redis.call('ZREM', KEYS[3], id)
elseif to == 'active' then
  redis.call('HINCRBY', KEYS[1], 'claims', 1)
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZADD', KEYS[3], ARGV[5], id)
else
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
  redis.call('ZADD', KEYS[4], ARGV[5], id)
  local openKey = redis.call('HGET', KEYS[1], 'openKey')
  if openKey and redis.call('GET', openKey) == id then redis.call('DEL', openKey) end
  local ttl = tonumber(ARGV[6])
  if ttl > 0 then
    redis.call('EXPIRE', KEYS[1], ttl)
    redis.call('EXPIRE', KEYS[1] .. ':messages', ttl)
    local allKey = redis.call('HGET', KEYS[1], 'allKey')
    if allKey then redis.call('EXPIRE', allKey, ttl) end
    redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. (tonumber(ARGV[5]) - ttl * 1000))
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

/* KEYS: record. ARGV: message JSON. Appends while the handoff is open. */
const ADD_MESSAGE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'not-found' end
if status ~= 'waiting' and status ~= 'active' then return 'not-allowed' end
redis.call('RPUSH', KEYS[1] .. ':messages', ARGV[1])
return 'ok'
`;

/*
 * KEYS: record. ARGV: at, text, delivery. Sets the delivery of the newest mentor message with that
 * time and text, whatever the handoff's status (the channel may report after a close).
 */
const MARK_DELIVERY = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not-found' end
local list = KEYS[1] .. ':messages'
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

type ScriptResult = [string, string[], string[]];

interface Scripts {
  vitHandoffEnqueue(keys: number, ...args: string[]): Promise<[string, string[], string[]]>;
  vitHandoffChange(keys: number, ...args: string[]): Promise<ScriptResult>;
  vitHandoffTransfer(keys: number, ...args: string[]): Promise<ScriptResult>;
  vitHandoffMessage(keys: number, ...args: string[]): Promise<string>;
  vitHandoffRate(keys: number, ...args: string[]): Promise<string>;
  vitHandoffDelivery(keys: number, ...args: string[]): Promise<string>;
  vitHandoffNotice(keys: number, ...args: string[]): Promise<number>;
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
      ['vitHandoffEnqueue', ENQUEUE, 5],
      ['vitHandoffChange', CHANGE, 4],
      ['vitHandoffTransfer', TRANSFER, 2],
      ['vitHandoffMessage', ADD_MESSAGE, 1],
      ['vitHandoffRate', RATE, 1],
      ['vitHandoffDelivery', MARK_DELIVERY, 1],
      ['vitHandoffNotice', UPDATE_NOTICE, 1],
    ];
    for (const [name, lua] of scripts) if (!(name in redis)) redis.defineCommand(name, { lua });
    this.redis = redis as Redis & Scripts;
  }

  private key = (suffix: string) => `${this.options.prefix}${suffix}`;
  private recordKey = (id: string) => this.key(`handoff:${id}`);
  private openKey = (channelId: string, userId: string) => this.key(`handoffs:open:${entityTag(this.options.digest, channelId, userId)}`);
  private allKey = (channelId: string, userId: string) => this.key(`handoffs:all:${entityTag(this.options.digest, channelId, userId)}`);

  async enqueue(input: NewHandoff, now: Date) {
    const id = randomUUID();
    const doc = JSON.stringify({ ...input, id, createdAt: now.toISOString() });
    const { channelId, userId } = input.person;
    const [foundId, fields, messages] = await this.redis.vitHandoffEnqueue(
      5,
      this.openKey(channelId, userId),
      this.recordKey(id),
      this.key('handoffs:waiting'),
      this.key('handoffs:seq'),
      this.allKey(channelId, userId),
      id,
      doc,
      this.key('handoff:'),
    );
    return { handoff: toRecord(foundId, fields, messages)!, created: foundId === id };
  }

  async get(id: string): Promise<HandoffRecord | undefined> {
    const [[, fields], [, messages]] = (await this.redis.multi().hgetall(this.recordKey(id)).lrange(`${this.recordKey(id)}:messages`, 0, -1).exec())! as [
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
    return this.many(await this.redis.zrange(this.key('handoffs:waiting'), '0', '-1'));
  }

  async active() {
    return this.many(await this.redis.zrange(this.key('handoffs:active'), '0', '-1'));
  }

  async position(id: string) {
    const rank = await this.redis.zrank(this.key('handoffs:waiting'), id);
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
    return this.changeResult(id, await this.change(id, 'closed', mentorId, now, { closedAt: now.toISOString(), closeOutcome: outcome, note }));
  }

  async abandon(id: string, now: Date, note?: string): Promise<ChangeResult> {
    return this.changeResult(id, await this.change(id, 'abandoned', '', now, { closedAt: now.toISOString(), ...(note ? { note } : {}) }));
  }

  async addMessage(id: string, message: HandoffMessage): Promise<ChangeResult> {
    const result = await this.redis.vitHandoffMessage(1, this.recordKey(id), JSON.stringify(message));
    if (result !== 'ok') return { ok: false, reason: result as 'not-found' | 'not-allowed' };
    return { ok: true, handoff: (await this.get(id))! };
  }

  async markDelivery(id: string, ref: MentorMessageRef, delivery: HandoffDelivery): Promise<ChangeResult> {
    const result = await this.redis.vitHandoffDelivery(1, this.recordKey(id), ref.at, ref.text, delivery);
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
      tx.del(this.recordKey(id), `${this.recordKey(id)}:messages`);
      tx.zrem(this.key('handoffs:waiting'), id).zrem(this.key('handoffs:active'), id).zrem(this.key('handoffs:ended'), id);
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
      4,
      this.recordKey(id),
      this.key('handoffs:waiting'),
      this.key('handoffs:active'),
      this.key('handoffs:ended'),
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
    for (const id of ids) pipeline.hgetall(this.recordKey(id)).lrange(`${this.recordKey(id)}:messages`, 0, -1);
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
