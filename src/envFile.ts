import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads `.env` from the working directory into `process.env` when the file is there, as
 * `.env.example` tells operators to do. Node's own reader leaves variables that are already set
 * alone, so the environment wins over the file. Returns the path read, for the start line.
 */
export function loadDotEnv(dir = process.cwd()): string | undefined {
  const file = path.resolve(dir, '.env');
  if (!existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
}
