import { Cluster, Redis, RedisOptions } from 'ioredis';
import type { Logger } from '../logger';

/** Where Redis is: `REDIS_URL`, and whether it is a seed node of a Redis Cluster (`REDIS_CLUSTER`). */
export interface RedisTarget {
  url: string;
  cluster?: boolean;
}

/**
 * One ioredis connection with the behaviour the bot needs when Redis is away: a command waits out a
 * short blip (reconnecting, start-up, a cluster failover) but fails within a few seconds of a real
 * outage, so a turn answers "try again" instead of hanging past the channel's timeout; reconnects back
 * off up to 2 s, forever; the outage is logged once, not once per retry.
 *
 * On a cluster it is ioredis' Cluster client, typed as the single-node client: it answers the same
 * commands, and every store names its keys so that each script, transaction and multi-key command
 * stays within one hash slot (see docs/operations.md, "Redis Cluster"). Only what needs a node of its
 * own (SCAN, INFO) asks `clusterMasters` first.
 */
export function createRedisClient(target: RedisTarget | string, logger: Logger, name = 'main'): Redis {
  const { url, cluster } = typeof target === 'string' ? { url: target, cluster: false } : target;
  const options: RedisOptions = {
    connectionName: `vit-bot:${name}`,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 2,
    commandTimeout: 3000,
    connectTimeout: 5000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
  };
  const client = cluster
    ? (new Cluster([seedNode(url)], {
        redisOptions: { ...options, ...nodeCredentials(url) },
        enableOfflineQueue: true,
        // Off: ioredis groups auto-pipelined commands by their first argument, which for a script
        // (EVALSHA numkeys key…) is the key count, so a script lands in a pipeline of another node.
        enableAutoPipelining: false,
        // A failover moves a master's slots within a few seconds; commands wait that out, then fail like a lost connection.
        retryDelayOnFailover: 200,
        retryDelayOnClusterDown: 300,
        retryDelayOnTryAgain: 200,
        maxRedirections: 16,
        clusterRetryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
        // Managed clusters (Azure) announce node addresses that must keep the TLS host name of the seed.
        dnsLookup: (address, callback) => callback(null, address),
      }) as unknown as Redis)
    : new Redis(url, {
        ...options,
        // Commands issued in the same tick (many turns at once) go out in one write and one round trip.
        enableAutoPipelining: true,
      });
  let down = false;
  client.on('ready', () => {
    if (down) logger.info({ redis: name }, 'redis connection restored');
    down = false;
  });
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.error({ redis: name, err: { message: error.message } }, 'redis unavailable; retrying in the background');
  });
  return client;
}

/** Whether a client made by createRedisClient talks to a Redis Cluster. */
export function isCluster(client: Redis): boolean {
  return client.isCluster === true;
}

/** The nodes to run a node-local command on (SCAN, INFO): every master of a cluster, or the one Redis. */
export function clusterMasters(client: Redis): Redis[] {
  return isCluster(client) ? (client as unknown as Cluster).nodes('master') : [client];
}

export function seedNode(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) || 6379 };
}

/** User, password and TLS of the seed URL, for every node of the cluster. */
export function nodeCredentials(url: string): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: { servername: parsed.hostname } } : {}),
  };
}

/**
 * Why REDIS_URL cannot serve as the seed of a Redis Cluster, in one line, or undefined when it can:
 * the node answers, has cluster support on, and the cluster serves all 16384 hash slots.
 */
export async function clusterStartProblem(url: string): Promise<string | undefined> {
  const node = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000, enableOfflineQueue: false });
  // The cause (a refused connection, a certificate not trusted) comes as an error event; connect() then only says the connection closed.
  let cause: Error | undefined;
  node.on('error', (error: Error) => (cause ??= error));
  try {
    await node.connect();
  } catch (error) {
    const message = (cause ?? (error as Error)).message;
    const hint = /certificate/i.test(message) ? '; a certificate of a private CA needs NODE_EXTRA_CA_CERTS' : '';
    return `REDIS_CLUSTER=true but REDIS_URL could not be reached (${message})${hint}`;
  }
  try {
    const info = String(await node.call('CLUSTER', 'INFO'));
    const field = (name: string) => new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1];
    const slotsOk = Number(field('cluster_slots_ok') ?? 0);
    if (field('cluster_state') !== 'ok' || slotsOk !== 16384) {
      return `REDIS_CLUSTER=true but the Redis Cluster is not whole: ${slotsOk} of 16384 hash slots are served (cluster_state:${field('cluster_state') ?? 'unknown'}); add or repair the missing masters`;
    }
    return undefined;
  } catch (error) {
    if (/cluster support disabled/i.test((error as Error).message)) return 'REDIS_CLUSTER=true but REDIS_URL is not a Redis Cluster node (cluster support is disabled there): unset REDIS_CLUSTER or point REDIS_URL at a cluster node';
    return `REDIS_CLUSTER=true but CLUSTER INFO failed on REDIS_URL: ${(error as Error).message}`;
  } finally {
    node.disconnect();
  }
}

/**
 * Whether the client is connected as far as it knows, without a round trip: true from the start (the
 * first connection is still being made), false from a lost connection or a connection error until it
 * is ready again.
 */
export function connectionState(client: Redis): () => boolean {
  let up = true;
  client.on('ready', () => (up = true));
  client.on('close', () => (up = false));
  client.on('error', () => (up = false));
  return () => up;
}

/** A connection for one command line run: no reconnecting, a failed command says what is wrong. */
export function createCommandLineRedisClient(target: RedisTarget, lazyConnect = false): Redis {
  const options: RedisOptions = { maxRetriesPerRequest: 1, connectTimeout: 5000, retryStrategy: () => null, lazyConnect };
  const client = target.cluster
    ? (new Cluster([seedNode(target.url)], { redisOptions: { ...options, ...nodeCredentials(target.url) }, clusterRetryStrategy: () => null, lazyConnect, dnsLookup: (address, callback) => callback(null, address) }) as unknown as Redis)
    : new Redis(target.url, options);
  client.on('error', () => undefined);
  return client;
}
