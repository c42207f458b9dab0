import { spawn, ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/projectRoot';
import { freePort } from './redisServer';

/** The built server (`npm start` runs the same file) as a child process, for start-up and shutdown tests. */
export interface BotProcess {
  child: ChildProcess;
  url: string;
  port: number;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): void;
}

/** `cwd`: where the process starts (it reads a `.env` there); by default the project root. */
export async function startBotProcess(env: Record<string, string>, cwd?: string): Promise<BotProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  let out = '';
  let err = '';
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', path.join(PROJECT_ROOT, 'dist/src/index.js')], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd,
  });
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (err += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
    async waitForLog(pattern, timeoutMs = 15000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out + err)) {
        if (child.exitCode !== null) throw new Error(`bot exited (${child.exitCode}) before logging ${pattern}:\n${out}${err}`);
        if (Date.now() > deadline) throw new Error(`bot did not log ${pattern} within ${timeoutMs} ms:\n${out}${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
