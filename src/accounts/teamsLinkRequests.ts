import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A mentor who typed "link me" to the bot in Teams: the Teams user an admin can link to their account. */
export interface TeamsLinkRequest {
  aadObjectId: string;
  /** The display name Teams gave with the message (shown to the admin to confirm). */
  name: string;
  at: string;
}

/**
 * "link me" requests from Teams, waiting for an admin: memory or Redis. One per Teams user (a new one
 * replaces the old); gone when linked, and after a week.
 */
export interface TeamsLinkRequests {
  add(request: TeamsLinkRequest): Promise<void>;
  /** The requests of the last week, newest first. */
  list(now: Date): Promise<TeamsLinkRequest[]>;
  remove(aadObjectId: string): Promise<void>;
}

const KEEP_MS = 7 * 24 * 3600 * 1000;
const MAX = 200;
const aadKey = (aadObjectId: string) => aadObjectId.trim().toLowerCase();
const recent = (requests: TeamsLinkRequest[], now: Date) =>
  requests.filter((r) => Date.parse(r.at) > now.getTime() - KEEP_MS).sort((a, b) => b.at.localeCompare(a.at));

export class MemoryTeamsLinkRequests implements TeamsLinkRequests {
  private readonly requests = new Map<string, TeamsLinkRequest>();

  async add(request: TeamsLinkRequest) {
    this.requests.set(aadKey(request.aadObjectId), { ...request, aadObjectId: aadKey(request.aadObjectId) });
    if (this.requests.size > MAX) this.requests.delete(this.requests.keys().next().value!);
  }

  async list(now: Date) {
    return recent([...this.requests.values()].map((r) => ({ ...r })), now);
  }

  async remove(aadObjectId: string) {
    this.requests.delete(aadKey(aadObjectId));
  }
}

/** p:teams-link-requests: a hash, field = SHA-256 of the object id, value = the request (JSON); expires a week after the last one. */
export class RedisTeamsLinkRequests implements TeamsLinkRequests {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key = () => `${this.prefix}teams-link-requests`;
  private field = (aadObjectId: string) => createHash('sha256').update(aadKey(aadObjectId)).digest('base64url');

  async add(request: TeamsLinkRequest) {
    const kept = { ...request, aadObjectId: aadKey(request.aadObjectId) };
    await this.redis.multi().hset(this.key(), this.field(kept.aadObjectId), JSON.stringify(kept)).pexpire(this.key(), KEEP_MS).exec();
  }

  async list(now: Date) {
    const all = Object.values(await this.redis.hgetall(this.key())).map((raw) => JSON.parse(raw) as TeamsLinkRequest);
    const stale = all.filter((r) => Date.parse(r.at) <= now.getTime() - KEEP_MS);
    if (stale.length > 0) await this.redis.hdel(this.key(), ...stale.map((r) => this.field(r.aadObjectId)));
    return recent(all, now).slice(0, MAX);
  }

  async remove(aadObjectId: string) {
    await this.redis.hdel(this.key(), this.field(aadObjectId));
  }
}
