import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * What one Microsoft sign-in keeps between its start and the provider's answer: the state sent along,
 * the nonce the ID token must carry and the PKCE verifier. None of it names a person.
 */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * Sign-ins under way, by the random id in the browser's flow cookie: short-lived and single-use (taking
 * one removes it), in memory (one process) or Redis (the answer may reach another instance).
 */
export interface OidcFlowStore {
  put(id: string, flow: OidcFlow): Promise<void>;
  /** The flow once; afterwards, or when unknown or expired, undefined. */
  take(id: string): Promise<OidcFlow | undefined>;
}

/** A flow id as a key names it: its SHA-256, so a copy of the keyspace finishes no sign-in. */
const idDigest = (id: string) => createHash('sha256').update(id).digest('base64url');

/** Sign-ins under way that one process keeps at most; past it the oldest is dropped (its browser starts again). */
const MAX_MEMORY_FLOWS = 10_000;

export class MemoryOidcFlowStore implements OidcFlowStore {
  private readonly flows = new Map<string, { flow: OidcFlow; until: number }>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async put(id: string, flow: OidcFlow) {
    const now = this.clock();
    for (const [key, entry] of this.flows) if (entry.until <= now) this.flows.delete(key);
    this.flows.set(idDigest(id), { flow: { ...flow }, until: now + this.ttlSeconds * 1000 });
    if (this.flows.size > MAX_MEMORY_FLOWS) this.flows.delete(this.flows.keys().next().value!);
  }

  async take(id: string) {
    const key = idDigest(id);
    const entry = this.flows.get(key);
    this.flows.delete(key);
    return entry && entry.until > this.clock() ? { ...entry.flow } : undefined;
  }
}

/** p:oidc-flow:<SHA-256 of the flow id> (JSON, expiring); taken with GET and DEL in one transaction. */
export class RedisOidcFlowStore implements OidcFlowStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private key = (id: string) => `${this.prefix}oidc-flow:${idDigest(id)}`;

  async put(id: string, flow: OidcFlow) {
    await this.redis.set(this.key(id), JSON.stringify(flow), 'EX', this.ttlSeconds);
  }

  async take(id: string) {
    // MULTI GET DEL rather than GETDEL: Azure Cache for Redis runs 6.0, which lacks it.
    const [[, raw]] = (await this.redis.multi().get(this.key(id)).del(this.key(id)).exec())! as [[unknown, string | null], unknown];
    return raw ? (JSON.parse(raw) as OidcFlow) : undefined;
  }
}
