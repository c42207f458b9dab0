import { spawn, ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { freePort } from '../../support/redisServer';

/** A server under test, running as a child process of its own on a loopback port. */
export interface SystemProcess {
  url: string;
  pid: number;
  /** The server's own resident set and used heap, from its GET /metrics. */
  memory(): Promise<{ rss: number; heapUsed: number }>;
  /** SIGTERM, then waits for the process to exit (so a CPU profile gets written). */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The compiled entry point. */
  script: string;
  /** Node flags, the same for every system (plus --cpu-prof when profiling). */
  nodeFlags: string[];
  env: Record<string, string>;
  /** Where the child's stdout and stderr go. */
  logFile: string;
}

export async function startSystem(options: StartOptions): Promise<SystemProcess> {
  const port = await freePort();
  const log = openSync(options.logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, [...options.nodeFlags, options.script], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.script} exited with ${child.exitCode} before listening (see ${options.logFile})`);
    const up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.script} did not answer /healthz within 30 s (see ${options.logFile})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    async memory() {
      const text = await (await fetch(`${url}/metrics`)).text();
      const read = (name: string) => {
        const match = new RegExp(`^(?:vit_)?${name} (\\S+)$`, 'm').exec(text);
        if (!match) throw new Error(`${url}/metrics has no ${name}`);
        return Number(match[1]);
      };
      return { rss: read('process_resident_memory_bytes'), heapUsed: read('nodejs_heap_size_used_bytes') };
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
