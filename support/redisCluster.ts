import { execFile, spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { Redis, RedisOptions } from 'ioredis';
import { freePort } from './redisServer';

const run = promisify(execFile);

/** One redis-server of a test cluster. */
export interface ClusterNodeProcess {
  port: number;
  /** Kills the node (SIGKILL), like a crash. */
  kill(): Promise<void>;
  /** Starts a killed node again on its port with its data folder (its cluster configuration and append-only file). */
  restart(): Promise<void>;
}

/** Certificates for a cluster that speaks only TLS (clients, the cluster bus and replication). */
export interface ClusterTls {
  certFile: string;
  keyFile: string;
  caFile: string;
}

/**
 * A Redis Cluster of the test's own on loopback: `masters` masters with `replicas` replicas each, on
 * free ports, without persistence unless `appendOnly` (AOF everysec, for the benchmark). `url` is a seed node (any node works as seed).
 */
export interface TestRedisCluster {
  /** A seed node: `redis://127.0.0.1:<port>`, or `rediss://localhost:<port>` for a TLS cluster. */
  url: string;
  ports: number[];
  nodes: ClusterNodeProcess[];
  /** Promotes one replica of the master serving `slot` (CLUSTER FAILOVER) and waits until it serves the slot. */
  failover(slot: number): Promise<void>;
  /** The nodes serving `slot`: its master first, then the master's replicas. */
  servers(slot: number): Promise<ClusterNodeProcess[]>;
  /** Stops every node and removes the data folder. */
  dispose(): Promise<void>;
}

/** Starts the nodes, joins them with `redis-cli --cluster create` and waits for `cluster_state:ok` on every node. */
/**
 * `fsync: 'always'` makes every write durable at once (tests that kill and restart nodes); `tls` makes
 * every node listen on TLS only (`--tls-port`, `--tls-cluster`, `--tls-replication`).
 */
export async function startRedisCluster(options: { masters?: number; replicas?: number; appendOnly?: boolean; fsync?: 'always' | 'everysec'; tls?: ClusterTls } = {}): Promise<TestRedisCluster> {
  const masters = options.masters ?? 3;
  const replicas = options.replicas ?? 1;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vit-redis-cluster-'));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const args: string[][] = [];
  const tls = options.tls;
  const connect: RedisOptions = tls ? { tls: { ca: readFileSync(tls.caFile), servername: 'localhost' } } : {};
  const spawnNode = (i: number) => {
    const child = spawn('redis-server', args[i], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.resume();
    children[i] = child;
  };
  const stopAll = async () => {
    await Promise.all(
      children.map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return undefined;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        return exited;
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters * (1 + replicas); i++) {
      const port = await freePort();
      ports.push(port);
      args.push([
        ...(tls
          ? ['--port', '0', '--tls-port', String(port), '--tls-cluster', 'yes', '--tls-replication', 'yes', '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.caFile, '--tls-auth-clients', 'no']
          : ['--port', String(port)]),
        '--bind', '127.0.0.1', '-::1',
        '--dir', dir,
        '--cluster-enabled', 'yes',
        '--cluster-config-file', `nodes-${port}.conf`,
        '--cluster-node-timeout', '5000',
        '--save', '',
        '--appendonly', options.appendOnly ? 'yes' : 'no',
        '--appenddirname', `appendonly-${port}`,
        '--appendfsync', options.fsync ?? 'everysec',
        '--repl-diskless-sync-delay', '0',
        '--daemonize', 'no',
        '--loglevel', 'warning',
      ]);
      spawnNode(i);
    }
    for (const port of ports) await waitFor(async () => (await ping(port, connect)) === 'PONG', `redis-server on ${port} did not start`);
    const cliTls = tls ? ['--tls', '--cacert', tls.caFile] : [];
    await run('redis-cli', [...cliTls, '--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(replicas), '--cluster-yes'], {
      timeout: 30_000,
    });
    for (const port of ports) await waitFor(async () => (await clusterInfo(port, connect)).cluster_state === 'ok', `cluster node ${port} did not reach cluster_state:ok`);
    // Every replica has to know its master before a failover can be asked of it.
    if (replicas > 0) await waitFor(async () => (await replicaPorts(ports[0], connect)).length === masters * replicas, 'the replicas did not attach');
  } catch (error) {
    await stopAll();
    throw error;
  }
  const nodes: ClusterNodeProcess[] = ports.map((port, i) => ({
      port,
      async kill() {
        const child = children[i];
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      },
      async restart() {
        const child = children[i];
        if (child.exitCode === null && child.signalCode === null) throw new Error(`cluster node ${port} is still running`);
        spawnNode(i);
        await waitFor(async () => (await ping(port, connect)) === 'PONG', `redis-server on ${port} did not start again`);
      },
    }));
  return {
    url: tls ? `rediss://localhost:${ports[0]}` : `redis://127.0.0.1:${ports[0]}`,
    ports,
    nodes,
    async failover(slot: number) {
      const alive = await livePort(ports, connect);
      const owner = await slotOwner(alive, slot, connect);
      const replica = (await replicaPorts(alive, connect)).find((r) => r.masterId === owner.id);
      if (!replica) throw new Error(`no replica of the master serving slot ${slot}`);
      const role = async (port: number) => String(((await withNode(port, (r) => r.call('ROLE'), connect)) as unknown[])[0]);
      // A replica takes over only once it is in sync with its master.
      await waitFor(async () => /master_link_status:up/.test(String(await withNode(replica.port, (r) => r.info('replication'), connect))), `replica ${replica.port} not in sync with its master`);
      for (let attempt = 1; ; attempt++) {
        await withNode(replica.port, (r) => r.call('CLUSTER', 'FAILOVER'), connect);
        try {
          await waitFor(async () => (await role(replica.port)) === 'master', `replica ${replica.port} did not take over slot ${slot}`, 10_000);
          break;
        } catch (error) {
          // A manual failover the master did not answer in time is dropped by Redis: ask once more.
          if (attempt >= 3) throw error;
        }
      }
      // The old master serves as the new one's replica before the test goes on (clients follow MOVED to the new owner).
      await waitFor(async () => (await role(owner.port)) === 'slave', `the old master ${owner.port} did not become a replica`);
    },
    async servers(slot: number) {
      const alive = await livePort(ports, connect);
      const owner = await slotOwner(alive, slot, connect);
      const replicas = (await replicaPorts(alive, connect)).filter((r) => r.masterId === owner.id).map((r) => r.port);
      return [owner.port, ...replicas].map((port) => nodes[ports.indexOf(port)]);
    },
    dispose: stopAll,
  };
}

async function withNode<T>(port: number, work: (redis: Redis) => Promise<T>, connect: RedisOptions = {}): Promise<T> {
  const redis = new Redis(port, '127.0.0.1', { ...connect, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  redis.on('error', () => undefined); // a node not up yet: the caller polls again
  try {
    await redis.connect();
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

async function ping(port: number, connect: RedisOptions): Promise<string | undefined> {
  return withNode(port, (r) => r.ping(), connect).catch(() => undefined);
}

/** CLUSTER INFO of one node as fields (empty when the node does not answer). */
export async function clusterInfo(port: number, connect: RedisOptions = {}): Promise<Record<string, string>> {
  const text = (await withNode(port, (r) => r.call('CLUSTER', 'INFO'), connect).catch(() => '')) as string;
  return Object.fromEntries(text.split(/\r?\n/).filter(Boolean).map((line) => line.split(':') as [string, string]));
}

interface NodeLine {
  id: string;
  port: number;
  flags: string[];
  masterId: string;
  slots: Array<[number, number]>;
}

async function clusterNodes(port: number, connect: RedisOptions): Promise<NodeLine[]> {
  const text = (await withNode(port, (r) => r.call('CLUSTER', 'NODES'), connect)) as string;
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, address, flags, masterId, , , , , ...slots] = line.split(' ');
      return {
        id,
        port: Number(address.split('@')[0].split(':')[1]),
        flags: flags.split(','),
        masterId,
        slots: slots.filter((s) => !s.startsWith('[')).map((s) => (s.includes('-') ? (s.split('-').map(Number) as [number, number]) : [Number(s), Number(s)])),
      };
    });
}

async function replicaPorts(port: number, connect: RedisOptions): Promise<Array<{ port: number; masterId: string }>> {
  return (await clusterNodes(port, connect)).filter((n) => n.flags.includes('slave') && !n.flags.includes('fail')).map((n) => ({ port: n.port, masterId: n.masterId }));
}

async function slotOwner(port: number, slot: number, connect: RedisOptions): Promise<{ id: string; port: number }> {
  const owner = (await clusterNodes(port, connect)).find((n) => n.flags.includes('master') && n.slots.some(([a, b]) => slot >= a && slot <= b));
  if (!owner) throw new Error(`no master serves slot ${slot}`);
  return owner;
}

async function livePort(ports: number[], connect: RedisOptions): Promise<number> {
  for (const port of ports) if ((await ping(port, connect)) === 'PONG') return port;
  throw new Error('no cluster node answers');
}

async function waitFor(check: () => Promise<boolean>, message: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 100)); // a poll: the cluster announces nothing to an outsider
  }
}
