import { spawn, ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A redis-server of the test's own, on a free loopback port, that can be stopped and started again. */
export interface TestRedisServer {
  port: number;
  url: string;
  dir: string;
  start(): Promise<void>;
  /** Stops the server; with `hard` it is killed (SIGKILL) like a crash, else it shuts down cleanly. */
  stop(hard?: boolean): Promise<void>;
  /** Stops the server for good and removes its data folder. */
  dispose(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function redisServerBinary(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('redis-server is not installed: the tests need a real one (apt-get install -y redis-server)');
  }
}

/** `plainAppendOnlyFile`: no RDB preamble, so the whole file is readable commands (erasure tests scan it). */
export async function startRedisServer(options: { appendOnly?: boolean; fsync?: 'always' | 'everysec'; plainAppendOnlyFile?: boolean } = {}): Promise<TestRedisServer> {
  const binary = redisServerBinary();
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vit-redis-'));
  let child: ChildProcess | undefined;

  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', options.appendOnly ? 'yes' : 'no',
    '--appendfsync', options.fsync ?? 'always',
    '--aof-use-rdb-preamble', options.plainAppendOnlyFile ? 'no' : 'yes',
    '--daemonize', 'no',
    '--loglevel', 'warning',
  ];

  const server: TestRedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async start() {
      child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (d) => (stderr += String(d)));
      const deadline = Date.now() + 10000;
      while (!(await canConnect(port))) {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${stderr}`);
        if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port} within 10 s`);
        await new Promise((r) => setTimeout(r, 50)); // a poll: redis-server tells nothing when it starts listening
      }
    },
    async stop(hard = false) {
      const proc = child;
      if (!proc || proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill(hard ? 'SIGKILL' : 'SIGTERM');
      await exited;
      child = undefined;
    },
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
