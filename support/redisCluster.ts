import { execFile, spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './redisServer';

const run = promisify(execFile);

/** One redis-server of a test cluster. */
export interface ClusterNodeProcess {
  port: number;
  /** Kills the node (SIGKILL), like a crash. */
  kill(): Promise<void>;
}

/**
 * A Redis Cluster of the test's own on loopback: `masters` masters with `replicas` replicas each, on
 * free ports, without persistence unless `appendOnly` (AOF everysec, for the benchmark). `url` is a seed node (any node works as seed).
 */
export interface TestRedisCluster {
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
export async function startRedisCluster(options: { masters?: number; replicas?: number; appendOnly?: boolean } = {}): Promise<TestRedisCluster> {
  const masters = options.masters ?? 3;
  const replicas = options.replicas ?? 1;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vit-redis-cluster-'));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
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
      const child = spawn(
        'redis-server',
        [
          '--port', String(port),
          '--bind', '127.0.0.1',
          '--dir', dir,
          '--cluster-enabled', 'yes',
          '--cluster-config-file', `nodes-${port}.conf`,
          '--cluster-node-timeout', '5000',
          '--save', '',
          '--appendonly', options.appendOnly ? 'yes' : 'no',
          '--appenddirname', `appendonly-${port}`,
          '--appendfsync', 'everysec',
          '--repl-diskless-sync-delay', '0',
          '--daemonize', 'no',
          '--loglevel', 'warning',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      child.stderr?.resume();
      children.push(child);
    }
    for (const port of ports) await waitFor(async () => (await ping(port)) === 'PONG', `redis-server on ${port} did not start`);
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(replicas), '--cluster-yes'], {
      timeout: 30_000,
    });
    for (const port of ports) await waitFor(async () => (await clusterInfo(port)).cluster_state === 'ok', `cluster node ${port} did not reach cluster_state:ok`);
    // Every replica has to know its master before a failover can be asked of it.
    if (replicas > 0) await waitFor(async () => (await replicaPorts(ports[0])).length === masters * replicas, 'the replicas did not attach');
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
    }));
  return {
    url: `redis://127.0.0.1:${ports[0]}`,
    ports,
    nodes,
    async failover(slot: number) {
      const alive = await livePort(ports);
      const owner = await slotOwner(alive, slot);
      const replica = (await replicaPorts(alive)).find((r) => r.masterId === owner.id);
      if (!replica) throw new Error(`no replica of the master serving slot ${slot}`);
      const role = async (port: number) => String(((await withNode(port, (r) => r.call('ROLE'))) as unknown[])[0]);
      // A replica takes over only once it is in sync with its master.
      await waitFor(async () => /master_link_status:up/.test(String(await withNode(replica.port, (r) => r.info('replication')))), `replica ${replica.port} not in sync with its master`);
      for (let attempt = 1; ; attempt++) {
        await withNode(replica.port, (r) => r.call('CLUSTER', 'FAILOVER'));
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
      const alive = await livePort(ports);
      const owner = await slotOwner(alive, slot);
      const replicas = (await replicaPorts(alive)).filter((r) => r.masterId === owner.id).map((r) => r.port);
      return [owner.port, ...replicas].map((port) => nodes[ports.indexOf(port)]);
    },
    dispose: stopAll,
  };
}

async function withNode<T>(port: number, work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  redis.on('error', () => undefined); // a node not up yet: the caller polls again
  try {
    await redis.connect();
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

async function ping(port: number): Promise<string | undefined> {
  return withNode(port, (r) => r.ping()).catch(() => undefined);
}

async function clusterInfo(port: number): Promise<Record<string, string>> {
  const text = (await withNode(port, (r) => r.call('CLUSTER', 'INFO')).catch(() => '')) as string;
  return Object.fromEntries(text.split(/\r?\n/).filter(Boolean).map((line) => line.split(':') as [string, string]));
}

interface NodeLine {
  id: string;
  port: number;
  flags: string[];
  masterId: string;
  slots: Array<[number, number]>;
}

async function clusterNodes(port: number): Promise<NodeLine[]> {
  const text = (await withNode(port, (r) => r.call('CLUSTER', 'NODES'))) as string;
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

async function replicaPorts(port: number): Promise<Array<{ port: number; masterId: string }>> {
  return (await clusterNodes(port)).filter((n) => n.flags.includes('slave') && !n.flags.includes('fail')).map((n) => ({ port: n.port, masterId: n.masterId }));
}

async function slotOwner(port: number, slot: number): Promise<{ id: string; port: number }> {
  const owner = (await clusterNodes(port)).find((n) => n.flags.includes('master') && n.slots.some(([a, b]) => slot >= a && slot <= b));
  if (!owner) throw new Error(`no master serves slot ${slot}`);
  return owner;
}

async function livePort(ports: number[]): Promise<number> {
  for (const port of ports) if ((await ping(port)) === 'PONG') return port;
  throw new Error('no cluster node answers');
}

async function waitFor(check: () => Promise<boolean>, message: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 100)); // a poll: the cluster announces nothing to an outsider
  }
}
