import type { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { AccountExistsError, AccountStore, MemoryAccountStore, RedisAccountStore } from '../accounts/accountStore';
import { ConsoleAuth } from './consoleAuth';
import { idDigestFor } from '../storage/idDigest';
import { hashPassword } from './passwords';
import { MemoryAttemptCounter, MemorySessionStore, RedisAttemptCounter, RedisSessionStore, SessionStore } from './sessionStore';

const FAILURE_WINDOW_SECONDS = 15 * 60;

/** Accounts, sessions and login limits for the configuration: in Redis when there is one, else in memory. */
export function createConsoleParts(config: Config, redis?: Redis): { accounts: AccountStore; auth: ConsoleAuth; sessions: SessionStore } {
  const sessionSeconds = config.CONSOLE_SESSION_HOURS * 3600;
  const prefix = config.REDIS_KEY_PREFIX;
  const accounts = redis ? new RedisAccountStore(redis, prefix, idDigestFor(config)) : new MemoryAccountStore();
  const sessions = redis ? new RedisSessionStore(redis, prefix, sessionSeconds) : new MemorySessionStore(sessionSeconds);
  const auth = new ConsoleAuth({
    accounts,
    sessions,
    failures: redis ? new RedisAttemptCounter(redis, prefix, FAILURE_WINDOW_SECONDS, idDigestFor(config)) : new MemoryAttemptCounter(FAILURE_WINDOW_SECONDS),
    sessionSeconds,
    secureCookie: config.CONSOLE_SECURE_COOKIE,
    now: () => new Date(),
  });
  return { accounts, auth, sessions };
}

/** Creates CONSOLE_ADMIN_USERNAME with CONSOLE_ADMIN_PASSWORD when no such account exists; never changes one that does. */
export async function ensureAdmin(config: Config, accounts: AccountStore, logger: Logger): Promise<void> {
  if (!config.CONSOLE_ADMIN_USERNAME || !config.CONSOLE_ADMIN_PASSWORD) return;
  if (await accounts.byUsername(config.CONSOLE_ADMIN_USERNAME)) return;
  try {
    await accounts.create(
      {
        username: config.CONSOLE_ADMIN_USERNAME,
        firstName: config.CONSOLE_ADMIN_USERNAME,
        role: 'admin',
        languages: [],
        passwordHash: await hashPassword(config.CONSOLE_ADMIN_PASSWORD),
        disabled: false,
      },
      new Date(),
    );
    logger.info('created the first console admin from CONSOLE_ADMIN_USERNAME');
  } catch (error) {
    if (!(error instanceof AccountExistsError)) throw error; // another instance made it first
  }
}
