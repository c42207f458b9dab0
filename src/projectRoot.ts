import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder holding package.json and locales/, whether running from src/ (tests) or dist/src/ (built). */
export const PROJECT_ROOT = findRoot(__dirname);

function findRoot(start: string): string {
  let dir = start;
  while (!(existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'locales')))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`projectRoot: no folder with package.json and locales/ above ${start}`);
    dir = parent;
  }
  return dir;
}
