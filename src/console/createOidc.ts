import type { Redis } from 'ioredis';
import { Config, oidcSettings } from '../config';
import type { Logger } from '../logger';
import type { AccountStore } from '../accounts/accountStore';
import { idDigestFor } from '../storage/idDigest';
import { MemoryOidcFlowStore, RedisOidcFlowStore } from './oidcFlowStore';
import { OidcSignIn } from './oidcSignIn';
import { OIDC_FLOW_SECONDS } from './consoleOidcRoutes';
import { AttemptCounter, MemoryAttemptCounter, RedisAttemptCounter } from './sessionStore';

const START_WINDOW_SECONDS = 15 * 60;

/** Microsoft sign-in for the configuration (undefined without the CONSOLE_OIDC_ settings) and the counter of its starts. */
export function createOidcParts(config: Config, redis: Redis | undefined, accounts: AccountStore, logger: Logger): { oidc?: OidcSignIn; starts: AttemptCounter } {
  const prefix = config.REDIS_KEY_PREFIX;
  const starts = redis ? new RedisAttemptCounter(redis, prefix, START_WINDOW_SECONDS, idDigestFor(config)) : new MemoryAttemptCounter(START_WINDOW_SECONDS);
  const settings = oidcSettings(config);
  if (!settings) return { starts };
  const flows = redis ? new RedisOidcFlowStore(redis, prefix, OIDC_FLOW_SECONDS) : new MemoryOidcFlowStore(OIDC_FLOW_SECONDS);
  return { oidc: new OidcSignIn({ settings, flows, accounts, logger }), starts };
}
