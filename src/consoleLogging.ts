import { format } from 'node:util';
import type { Logger } from './logger';

type ConsoleMethod = 'error' | 'warn' | 'info' | 'log' | 'debug';
const LEVELS: Record<ConsoleMethod, 'error' | 'warn' | 'info' | 'debug'> = { error: 'error', warn: 'warn', info: 'info', log: 'info', debug: 'debug' };

/**
 * Sends what libraries print with console.* (botbuilder prints multi-line stack traces to stderr when
 * a token fails) through the logger: one JSON line, redacted like every other, its level kept.
 * Returns the function that puts the console back.
 */
export function routeConsoleToLogger(logger: Logger): () => void {
  const original = Object.fromEntries((Object.keys(LEVELS) as ConsoleMethod[]).map((name) => [name, console[name]])) as Record<ConsoleMethod, (...args: unknown[]) => void>;
  for (const name of Object.keys(LEVELS) as ConsoleMethod[]) {
    console[name] = (...args: unknown[]) => {
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const text = format(...args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : arg)));
      const [firstLine] = text.split('\n');
      // Node prints its own warnings (deprecations) through console.error: they are warnings.
      const level = /^\(node:\d+\) (\[\w+\] )?\w*Warning/.test(firstLine) ? 'warn' : LEVELS[name];
      logger[level]({ source: 'console', ...(error ? { err: error } : {}) }, firstLine.slice(0, 500));
    };
  }
  return () => {
    for (const name of Object.keys(LEVELS) as ConsoleMethod[]) console[name] = original[name];
  };
}
