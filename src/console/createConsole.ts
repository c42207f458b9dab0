import type { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { AccountExistsError, AccountStore, MemoryAccountStore, RedisAccountStore } from '../accounts/accountStore';
import { ConsoleAuth } from './consoleAuth';
import { idDigestFor } from '../storage/idDigest';
import { hashPassword } from '../accounts/passwords';
import { MemoryAttemptCounter, MemorySessionStore, RedisAttemptCounter, RedisSessionStore, SessionStore } from './sessionStore';
import { AccountService } from '../accounts/accountService';
import { MemoryInvitationStore, RedisInvitationStore } from '../accounts/invitationStore';
import { SecretBox } from '../accounts/secretBox';
import { MemoryTeamsLinkRequests, RedisTeamsLinkRequests, TeamsLinkRequests } from '../accounts/teamsLinkRequests';
import type { AuditLog } from '../people/auditLog';
import { createHash } from 'node:crypto';
import { MemoryAdminChangeLock, RedisAdminChangeLock } from '../accounts/adminChangeLock';

const FAILURE_WINDOW_SECONDS = 15 * 60;

/**
 * The key that encrypts second-factor secrets: from LOG_PSEUDONYM_SECRET, else (trying it out) from the
 * key prefix, as the Redis digests are (see idDigestFor): production with Redis requires the secret.
 */
export const secretBoxFor = (config: Pick<Config, 'LOG_PSEUDONYM_SECRET' | 'REDIS_KEY_PREFIX'>) =>
  new SecretBox(config.LOG_PSEUDONYM_SECRET ?? createHash('sha256').update(`vit-wegwijzer:${config.REDIS_KEY_PREFIX}`).digest('hex'));

/** The account service over the configured stores (the console and `vit-bot users` share it). */
export function createAccountService(
  config: Config,
  parts: { accounts: AccountStore; sessions: SessionStore; audit: AuditLog; linkRequests?: TeamsLinkRequests },
  redis?: Redis,
): AccountService {
  return new AccountService({
    linkRequests: parts.linkRequests ?? (redis ? new RedisTeamsLinkRequests(redis, config.REDIS_KEY_PREFIX) : new MemoryTeamsLinkRequests()),
    accounts: parts.accounts,
    invitations: redis ? new RedisInvitationStore(redis, config.REDIS_KEY_PREFIX) : new MemoryInvitationStore(),
    endSessions: (id) => parts.sessions.deleteForAccount(id),
    audit: parts.audit,
    secrets: secretBoxFor(config),
    require2fa: config.CONSOLE_REQUIRE_2FA,
    now: () => new Date(),
    adminLock: redis ? new RedisAdminChangeLock(redis, config.REDIS_KEY_PREFIX) : new MemoryAdminChangeLock(),
  });
}

/** Accounts, sessions and login limits for the configuration: in Redis when there is one, else in memory. */
export function createConsoleParts(
  config: Config,
  audit: AuditLog,
  redis?: Redis,
): { accounts: AccountStore; auth: ConsoleAuth; sessions: SessionStore; service: AccountService; linkRequests: TeamsLinkRequests } {
  const sessionSeconds = config.CONSOLE_SESSION_HOURS * 3600;
  const prefix = config.REDIS_KEY_PREFIX;
  const accounts = redis ? new RedisAccountStore(redis, prefix, idDigestFor(config)) : new MemoryAccountStore();
  const sessions = redis ? new RedisSessionStore(redis, prefix, sessionSeconds) : new MemorySessionStore(sessionSeconds);
  const linkRequests = redis ? new RedisTeamsLinkRequests(redis, prefix) : new MemoryTeamsLinkRequests();
  const service = createAccountService(config, { accounts, sessions, audit, linkRequests }, redis);
  const auth = new ConsoleAuth({
    accounts,
    sessions,
    failures: redis ? new RedisAttemptCounter(redis, prefix, FAILURE_WINDOW_SECONDS, idDigestFor(config)) : new MemoryAttemptCounter(FAILURE_WINDOW_SECONDS),
    sessionSeconds,
    secureCookie: config.CONSOLE_SECURE_COOKIE,
    now: () => new Date(),
    secondFactorNeeded: (account) => service.secondFactorNeeded(account),
  });
  return { accounts, auth, sessions, service, linkRequests };
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
