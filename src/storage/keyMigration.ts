import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { entityTag, IdDigest } from './idDigest';
import { stateRedisKey } from './redisStorage';
import { clusterMasters, isCluster } from './redisClient';
import { hashSlot, INBOX_TAG } from './hashSlot';
import { accountNameKey, accountTeamsKey } from '../accounts/accountStore';
import { QUEUE_TAG } from '../handoff/redisHandoffQueue';

/**
 * Moves keys from the names earlier versions gave them, which held the user or conversation id (the
 * phone number on WhatsApp), to the names made from the keyed digest (see entityTag):
 *
 * | before                                   | after                                  |
 * |------------------------------------------|----------------------------------------|
 * | state:<channel>/users/<user>/            | state:{tag}:user                       |
 * | state:<channel>/conversations/<conv>/    | state:{tag}:conversation               |
 * | turn:{sha256}:outbox (with the above)    | turn:{tag}:outbox                      |
 * | transcript:<channel>:<conv>              | transcript:{tag}                       |
 * | transcript-meta:<channel>:<conv>         | transcript-meta:{tag}                  |
 * | wa:person:<key>, wa:held:<key>, wa:sentids:<key> | wa:person:{tag}, wa:held:{tag}, wa:sentids:{tag} |
 * | wa:alias:phone:<n>, wa:alias:bsuid:<id>  | wa:alias:{digest}                      |
 * | handoff:<id>, handoff:<id>:messages      | handoff:{queue}:<id>, handoff:{queue}:<id>:messages |
 * | handoffs:waiting|active|ended|seq        | handoffs:{queue}:waiting|active|ended|seq |
 * | handoffs:open:<channel>:<user>, handoffs:open:{d} | handoffs:{queue}:open:<d>      |
 * | wa:inbox, wa:inbox:dead                  | wa:{inbox}, wa:{inbox}:dead (heartbeats expire)  |
 * | handoffs:all:<channel>:<user>, handoffs:all:{d}   | handoffs:{queue}:all:<d>       |
 * | teams:cards:person:<sha256 hex>          | teams:cards:person:{tag}               |
 * | accounts:name:<username>                 | accounts:name:{digest}                 |
 * | accounts:teams:<Entra object id>         | accounts:teams:{digest}                |
 *
 * The handoff queue's keys all carry the tag {queue}, so on a Redis Cluster the queue is one slot and
 * each of its steps one script (see redisHandoffQueue.ts); <d> is the person's keyed digest.
 *
 * Each key moves with one script: RENAME, which keeps its expiry; when the new name exists already
 * (written by this version meanwhile), the new one wins and the old is deleted, so no copy under the
 * id is left. Runs in bounded SCAN batches under a lease in Redis, so one instance migrates at a time
 * and the others wait; every step is safe to repeat, so a migration stopped halfway goes on at the
 * next start. The log says counts only, never a key.
 *
 * Not moved: the turn journal's handled marks and the conversation leases under the old plain hash.
 * A mark cannot be re-keyed (it is a hash of the message id); they expire within 7 days, leases within
 * seconds. During an upgrade a message already handled under an old mark can therefore be handled
 * once more, and an old and a new instance do not exclude each other's turns (the states' eTags still
 * refuse a lost update).
 */

/** Old-format names: the part after the prefix does not start with a hash tag. */
const OLD = {
  state: /^state:(?!\{)(.+)$/s,
  transcript: /^transcript:(?!\{)([^:]+):(.+)$/s,
  transcriptMeta: /^transcript-meta:(?!\{)([^:]+):(.+)$/s,
  whatsApp: /^wa:(person|held|sentids):(?!\{)(.+)$/s,
  alias: /^wa:alias:(?!\{)(.+)$/s,
  handoffOpen: /^handoffs:open:(?!\{)([^:]+):(.+)$/s,
  handoffAll: /^handoffs:all:(?!\{)([^:]+):(.+)$/s,
  handoffPersonTagged: /^handoffs:(open|all):\{([^}]+)\}$/s,
  handoffRecord: /^handoff:(?!\{)([^:]+)(:messages)?$/s,
  handoffLine: /^handoffs:(waiting|active|ended|seq)$/s,
  inbox: /^wa:inbox(:dead)?$/s,
  accountName: /^accounts:name:(?!\{)(.+)$/s,
  accountTeams: /^accounts:teams:(?!\{)(.+)$/s,
};
const CONVERSATION_STATE = /^([^/]+)\/conversations\/(.+)\/$/s;

/**
 * KEYS: old name, new name. Renames (keeping the expiry) unless the new name exists, in which case the
 * old is deleted. Returns 0 when the old key is gone already, 1 renamed, 2 superseded.
 */
const MOVE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('DEL', KEYS[1]); return 2 end
redis.call('RENAME', KEYS[1], KEYS[2])
return 1`;

/** KEYS: the lease. ARGV: token, ms. Extends the lease only while it is still ours. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** KEYS: the lease. ARGV: token. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface KeyMigrationOptions {
  redis: Redis;
  prefix: string;
  digest: IdDigest;
  logger: Logger;
  /** Keys asked for per SCAN call (default 500). */
  batch?: number;
  /** How long the lease lasts unless renewed (renewed after every batch; default 30 s). */
  leaseMs?: number;
  /** How long to wait for another instance's migration before giving up (default 10 minutes). */
  waitMs?: number;
}

export interface KeyMigrationResult {
  /** Keys scanned under the prefix. */
  scanned: number;
  /** Keys moved to their new name. */
  renamed: number;
  /** Old keys deleted because the new name was written already. */
  superseded: number;
}

type Counts = KeyMigrationResult;

export class KeyMigrationBusyError extends Error {
  constructor(waitedMs: number) {
    super(`another instance has been migrating Redis key names for ${waitedMs} ms`);
    this.name = 'KeyMigrationBusyError';
  }
}

const WAIT_POLL_MS = 250;
/** A progress line after every this many keys scanned. */
const PROGRESS_EVERY = 10_000;

/** Moves every old-format key under the prefix to its new name (see above); idempotent. */
export async function migrateKeyNames(options: KeyMigrationOptions): Promise<KeyMigrationResult> {
  const { redis, prefix, logger } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const lease = `${prefix}migration:key-names:lease`;
  const token = randomUUID();
  const started = Date.now();
  let waited = false;
  while ((await redis.set(lease, token, 'PX', leaseMs, 'NX')) !== 'OK') {
    if (!waited) logger.info({ migration: 'key-names' }, 'another instance is migrating Redis key names: waiting for it');
    waited = true;
    if (Date.now() - started > (options.waitMs ?? 10 * 60_000)) throw new KeyMigrationBusyError(Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
  const counts: Counts = { scanned: 0, renamed: 0, superseded: 0 };
  try {
    const migration = new Migration(options, counts);
    // SCAN walks one node: on a cluster each master in turn (a cursor means nothing to another node).
    for (const node of clusterMasters(redis)) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', options.batch ?? 500);
        cursor = next;
        counts.scanned += keys.length;
        for (const key of keys) await migration.move(key.slice(prefix.length));
        // Progress on a large keyspace, in counts only.
        if (Math.floor(counts.scanned / PROGRESS_EVERY) > Math.floor((counts.scanned - keys.length) / PROGRESS_EVERY)) {
          logger.info({ migration: 'key-names', ...counts }, 'moving Redis keys to names without ids');
        }
        // Still ours? Another instance may take over only once the lease expired.
        if ((await redis.eval(RENEW, 1, lease, token, String(leaseMs))) !== 1) throw new Error('lost the key migration lease (a batch took longer than the lease)');
      } while (cursor !== '0');
    }
  } finally {
    await redis.eval(RELEASE, 1, lease, token).catch(() => undefined);
  }
  const moved = counts.renamed + counts.superseded;
  if (moved > 0) logger.info({ migration: 'key-names', ...counts, ms: Date.now() - started }, 'moved Redis keys to names without ids');
  else logger.debug({ migration: 'key-names', scanned: counts.scanned }, 'no Redis key under an old name');
  return counts;
}

class Migration {
  private readonly p: string;
  private readonly d: IdDigest;

  constructor(
    private readonly options: KeyMigrationOptions,
    private readonly counts: Counts,
  ) {
    this.p = options.prefix;
    this.d = options.digest;
  }

  /** Moves one key (named without the prefix) when it has an old-format name; ignores every other. */
  async move(name: string): Promise<void> {
    const { p, d } = this;
    let m: RegExpExecArray | null;
    if ((m = OLD.state.exec(name))) {
      const storageKey = m[1];
      const conversation = CONVERSATION_STATE.exec(storageKey);
      // A turn's unsent replies go with their conversation; the old journal name is the plain hash of channel:conversation.
      if (conversation) {
        const plain = createHash('sha256').update(`${conversation[1]}:${conversation[2]}`).digest('base64url');
        await this.rename(`turn:{${plain}}:outbox`, `turn:${entityTag(d, conversation[1], conversation[2])}:outbox`);
      }
      await this.rename(name, stateRedisKey('', d, storageKey));
    } else if ((m = OLD.transcript.exec(name))) {
      await this.rename(name, `transcript:${entityTag(d, m[1], m[2])}`);
    } else if ((m = OLD.transcriptMeta.exec(name))) {
      await this.rename(name, `transcript-meta:${entityTag(d, m[1], m[2])}`);
    } else if ((m = OLD.whatsApp.exec(name))) {
      await this.rename(name, `wa:${m[1]}:${entityTag(d, 'whatsapp', m[2])}`);
    } else if ((m = OLD.alias.exec(name))) {
      await this.rename(name, `wa:alias:{${d(m[1])}}`);
    } else if ((m = OLD.handoffOpen.exec(name))) {
      await this.rename(name, `handoffs:${QUEUE_TAG}:open:${d(`${m[1]}:${m[2]}`)}`);
    } else if ((m = OLD.handoffAll.exec(name))) {
      const [, channelId, userId] = m;
      // The Teams cards about the person were indexed under a plain hash of channel and user id.
      const plainPerson = createHash('sha256').update(`${channelId}\n${userId}`).digest('hex').slice(0, 32);
      await this.rename(`teams:cards:person:${plainPerson}`, `teams:cards:person:${entityTag(d, channelId, userId)}`);
      await this.rename(name, `handoffs:${QUEUE_TAG}:all:${d(`${channelId}:${userId}`)}`);
    } else if ((m = OLD.handoffPersonTagged.exec(name))) {
      await this.rename(name, `handoffs:${QUEUE_TAG}:${m[1]}:${m[2]}`);
    } else if ((m = OLD.handoffRecord.exec(name))) {
      await this.rename(name, `handoff:${QUEUE_TAG}:${m[1]}${m[2] ?? ''}`);
    } else if ((m = OLD.inbox.exec(name))) {
      await this.rename(name, `wa:${INBOX_TAG}${m[1] ?? ''}`);
    } else if ((m = OLD.handoffLine.exec(name))) {
      await this.rename(name, `handoffs:${QUEUE_TAG}:${m[1]}`);
    } else if ((m = OLD.accountName.exec(name))) {
      await this.rename(name, accountNameKey(d, m[1]));
    } else if ((m = OLD.accountTeams.exec(name))) {
      await this.rename(name, accountTeamsKey(d, m[1]));
    }
  }

  private async rename(from: string, to: string): Promise<void> {
    const [source, target] = [this.p + from, this.p + to];
    const redis = this.options.redis;
    // On a cluster the two names mostly lie in different slots, where no script reaches both: the key
    // is copied with its expiry (DUMP, RESTORE), then the old one deleted. Each step is safe to repeat.
    const result = isCluster(redis) && hashSlot(source) !== hashSlot(target) ? await moveAcrossSlots(redis, source, target) : await redis.eval(MOVE, 2, source, target);
    if (result === 1) this.counts.renamed++;
    else if (result === 2) this.counts.superseded++;
  }
}

/** MOVE's outcome (0 gone, 1 renamed, 2 superseded) for two keys in different slots of a cluster. */
async function moveAcrossSlots(redis: Redis, from: string, to: string): Promise<number> {
  const dump = await redis.dumpBuffer(from);
  if (dump === null) return 0;
  if ((await redis.exists(to)) === 1) {
    await redis.del(from);
    return 2;
  }
  const ttl = await redis.pttl(from);
  await redis.restore(to, ttl > 0 ? ttl : 0, dump);
  await redis.del(from);
  return 1;
}

/** The prefix as a literal in a SCAN pattern. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
