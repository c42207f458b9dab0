import { createHmac } from 'node:crypto';

/** Turns an id into the short stand-in under which Redis keeps it. */
export type IdDigest = (id: string) => string;

/**
 * A keyed hash (HMAC-SHA256, base64url, 128 bits) for ids that name a person when decoded: a WhatsApp
 * message id ("wamid.HBgL…") carries the sender's number in base64. Kept under its digest, the id
 * still finds its entry, but neither a copy of Redis nor a key left behind by an erasure tells whose
 * message it was. The secret is LOG_PSEUDONYM_SECRET; it must be the same on every instance, as
 * every instance must find the same entry.
 */
export function createIdDigest(secret: string): IdDigest {
  return (id) => createHmac('sha256', secret).update(id).digest('base64url').slice(0, 22);
}
