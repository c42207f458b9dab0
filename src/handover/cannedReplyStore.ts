import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CANNED_REPLIES_MAX, CannedReply } from '../domain/cannedReply';

export type CannedTexts = CannedReply['texts'];

export type CannedWrite = { ok: true; reply: CannedReply } | { ok: false; reason: 'not-found' | 'full' } | { ok: false; reason: 'changed'; version: number };

/**
 * The replies staff wrote for mentors to insert: memory (one process) or Redis (shared). A change
 * names the version it was made on; when someone changed the reply since, nothing is written.
 */
export interface CannedReplyStore {
  /** Every reply, oldest first. */
  list(): Promise<CannedReply[]>;
  get(id: string): Promise<CannedReply | undefined>;
  /** A new reply (version 1); 'full' when there are CANNED_REPLIES_MAX already. */
  create(texts: CannedTexts, by: string, now: Date): Promise<CannedWrite>;
  /** Replaces the texts if the reply is still at `expectedVersion`; 'changed' (with the version now) otherwise. */
  update(id: string, texts: CannedTexts, expectedVersion: number, by: string, now: Date): Promise<CannedWrite>;
  /** Removes it; false when there was none. */
  delete(id: string): Promise<boolean>;
}

const byAge = (a: CannedReply, b: CannedReply) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

export class MemoryCannedReplyStore implements CannedReplyStore {
  private readonly replies = new Map<string, CannedReply>();

  async list() {
    return [...this.replies.values()].sort(byAge).map((r) => structuredClone(r));
  }

  async get(id: string) {
    const found = this.replies.get(id);
    return found && structuredClone(found);
  }

  async create(texts: CannedTexts, by: string, now: Date): Promise<CannedWrite> {
    if (this.replies.size >= CANNED_REPLIES_MAX) return { ok: false, reason: 'full' };
    const reply: CannedReply = { id: randomUUID(), texts: structuredClone(texts), updatedBy: by, updatedAt: now.toISOString(), createdAt: now.toISOString(), version: 1 };
    this.replies.set(reply.id, reply);
    return { ok: true, reply: structuredClone(reply) };
  }

  async update(id: string, texts: CannedTexts, expectedVersion: number, by: string, now: Date): Promise<CannedWrite> {
    const found = this.replies.get(id);
    if (!found) return { ok: false, reason: 'not-found' };
    if (found.version !== expectedVersion) return { ok: false, reason: 'changed', version: found.version };
    Object.assign(found, { texts: structuredClone(texts), updatedBy: by, updatedAt: now.toISOString(), version: found.version + 1 });
    return { ok: true, reply: structuredClone(found) };
  }

  async delete(id: string) {
    return this.replies.delete(id);
  }
}

/* KEYS: the records hash. ARGV: id, reply JSON, max. Adds the reply unless the hash holds max already. */
const CREATE = `
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 'full' end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 'ok'
`;

/* KEYS: the records hash. ARGV: id, expected version, texts JSON, by, at. Replaces the texts if still at that version. */
const UPDATE = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return {'not-found', ''} end
local reply = cjson.decode(raw)
if tostring(reply['version']) ~= ARGV[2] then return {'changed', tostring(reply['version'])} end
reply['texts'] = cjson.decode(ARGV[3])
reply['updatedBy'] = ARGV[4]
reply['updatedAt'] = ARGV[5]
reply['version'] = reply['version'] + 1
local encoded = cjson.encode(reply)
redis.call('HSET', KEYS[1], ARGV[1], encoded)
return {'ok', encoded}
`;

interface Scripts {
  vitCannedCreate(...keysThenArgs: string[]): Promise<string>;
  vitCannedUpdate(...keysThenArgs: string[]): Promise<[string, string]>;
}

/** p:{canned-replies}:records: one hash, reply id → JSON (one hash tag: the few replies live in one slot). */
export class RedisCannedReplyStore implements CannedReplyStore {
  private readonly redis: Redis & Scripts;

  constructor(redis: Redis, private readonly prefix: string) {
    if (!('vitCannedCreate' in redis)) redis.defineCommand('vitCannedCreate', { lua: CREATE, numberOfKeys: 1 });
    if (!('vitCannedUpdate' in redis)) redis.defineCommand('vitCannedUpdate', { lua: UPDATE, numberOfKeys: 1 });
    this.redis = redis as Redis & Scripts;
  }

  private get key() {
    return `${this.prefix}{canned-replies}:records`;
  }

  async list() {
    const all = await this.redis.hvals(this.key);
    return all.map((raw) => parse(raw)).sort(byAge);
  }

  async get(id: string) {
    const raw = await this.redis.hget(this.key, id);
    return raw ? parse(raw) : undefined;
  }

  async create(texts: CannedTexts, by: string, now: Date): Promise<CannedWrite> {
    const reply: CannedReply = { id: randomUUID(), texts, updatedBy: by, updatedAt: now.toISOString(), createdAt: now.toISOString(), version: 1 };
    const result = await this.redis.vitCannedCreate(this.key, reply.id, JSON.stringify(reply), String(CANNED_REPLIES_MAX));
    return result === 'ok' ? { ok: true, reply } : { ok: false, reason: 'full' };
  }

  async update(id: string, texts: CannedTexts, expectedVersion: number, by: string, now: Date): Promise<CannedWrite> {
    const [result, value] = await this.redis.vitCannedUpdate(this.key, id, String(expectedVersion), JSON.stringify(texts), by, now.toISOString());
    if (result === 'not-found') return { ok: false, reason: 'not-found' };
    if (result === 'changed') return { ok: false, reason: 'changed', version: Number(value) };
    return { ok: true, reply: parse(value) };
  }

  async delete(id: string) {
    return (await this.redis.hdel(this.key, id)) === 1;
  }
}

/** Lua's cjson writes an empty object as [] : a reply without texts reads back as {}. */
function parse(raw: string): CannedReply {
  const reply = JSON.parse(raw) as CannedReply;
  if (Array.isArray(reply.texts)) reply.texts = {};
  return reply;
}
