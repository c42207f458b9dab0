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
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist/src/index.js')], {
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
    /** Resolves as soon as the output matches (checked on every chunk); fails when the process ends first or after `timeoutMs`. */
    waitForLog(pattern, timeoutMs = 15000) {
      if (pattern.test(out + err)) return Promise.resolve();
      if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`bot exited (${child.exitCode}) before logging ${pattern}:\n${out}${err}`));
      return new Promise<void>((resolve, reject) => {
        const finish = (error?: Error) => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.stderr?.off('data', check);
          child.off('close', closed);
          if (error) reject(error);
          else resolve();
        };
        // Registered after the listeners that collect the output, so `out` and `err` hold the chunk already.
        const check = () => pattern.test(out + err) && finish();
        const closed = () => (pattern.test(out + err) ? finish() : finish(new Error(`bot exited (${child.exitCode}) before logging ${pattern}:\n${out}${err}`)));
        const timer = setTimeout(() => finish(new Error(`bot did not log ${pattern} within ${timeoutMs} ms:\n${out}${err}`)), timeoutMs);
        child.stdout?.on('data', check);
        child.stderr?.on('data', check);
        child.once('close', closed);
      });
    },
  };
}
