import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/projectRoot';

/**
 * Runs the built `vit-bot` command with only PATH and the given environment; resolves with its exit
 * code and output. Node's own process warnings are not the command's output and are left out of stderr.
 */
export function vitBot(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist/src/cli/main.js'), ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('close', (code) => resolve({ code, stdout, stderr: stderr.replace(/^\((node:\d+|Use `node)[^\n]*\n/gm, '') }));
  });
}
