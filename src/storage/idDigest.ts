import { createHash, createHmac, createSecretKey } from 'node:crypto';

/** Turns an id into the short stand-in under which Redis keeps it. */
export type IdDigest = (id: string) => string;

/**
 * A keyed hash (HMAC-SHA256, base64url, 128 bits) for ids that name a person when decoded: a WhatsApp
 * message id ("wamid.HBgL…") carries the sender's number in base64, a user or conversation id is the
 * phone number itself on WhatsApp. Kept under its digest, the id still finds its entry, but neither a
 * copy of Redis nor a key left behind by an erasure tells whose it was, and without the secret the
 * digest cannot be recomputed from a guessed number. The secret is LOG_PSEUDONYM_SECRET; it must be
 * the same on every instance, as every instance must find the same entry, and it must not change:
 * a new secret leaves every person's keys under names nothing computes any more.
 */
export function createIdDigest(secret: string): IdDigest {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  // A turn names its conversation and person a dozen times (lease, journal, states, transcript): the
  // digests of the ids of the turns now running are kept in memory (never written anywhere), and
  // all forgotten when there are more than a thousand.
  const recent = new Map<string, string>();
  return (id) => {
    const known = recent.get(id);
    if (known !== undefined) return known;
    const digest = createHmac('sha256', key).update(id).digest('base64url').slice(0, 22);
    if (recent.size >= RECENT_DIGESTS) recent.clear();
    recent.set(id, digest);
    return digest;
  };
}

const RECENT_DIGESTS = 1000;

/**
 * The digest the running configuration keys Redis with. Without LOG_PSEUDONYM_SECRET the key is
 * derived from the key prefix: stable across instances and restarts, so everything is still found,
 * but not secret (anyone who knows the prefix can recompute a digest from a guessed number). A
 * production start with Redis and without the secret is refused (see loadConfig).
 */
export function idDigestFor(config: { LOG_PSEUDONYM_SECRET?: string; REDIS_KEY_PREFIX: string }): IdDigest {
  return createIdDigest(config.LOG_PSEUDONYM_SECRET ?? createHash('sha256').update(`vit-wegwijzer:${config.REDIS_KEY_PREFIX}`).digest('hex'));
}

/**
 * The hash tag of one entity's keys: a person (channel and user id) or a conversation (channel and
 * conversation id). Every key of that entity carries it, so they share one cluster slot, and none
 * names the id itself.
 */
export function entityTag(digest: IdDigest, channelId: string, id: string): string {
  return `{${digest(`${channelId}:${id}`)}}`;
}
