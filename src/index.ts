import { loadConfig, isEmulatorMode, listenHost, unknownSettings } from './config';
import { createLogger, Logger } from './logger';
import { routeConsoleToLogger } from './consoleLogging';
import type { Redis } from 'ioredis';
import { buildApp } from './app';
import { isLoopback } from './loopback';
import { crashPointsFromEnv } from './bot/crashPoints';
import { readPersistence } from './storage/redisPersistence';
import { clusterStartProblem } from './storage/redisClient';
import { loadDotEnv } from './envFile';

async function main(): Promise<void> {
  let envFile: string | undefined;
  try {
    envFile = loadDotEnv();
  } catch (error) {
    process.stderr.write(`vit-bot: not started; could not read .env: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const result = loadConfig(process.env);
  if (!result.ok) {
    for (const line of result.problems) process.stderr.write(`${line}\n`);
    process.stderr.write('vit-bot: not started; fix the configuration above (see .env.example).\n');
    process.exit(1);
  }
  const config = result.config;
  const host = listenHost(config);
  const logger = createLogger(config.LOG_LEVEL);
  routeConsoleToLogger(logger);
  for (const { name, meant } of unknownSettings(process.env)) {
    logger.warn({ variable: name, meant }, 'unknown setting ignored: is it a typo?');
  }
  if (config.REDIS_URL && config.REDIS_CLUSTER) {
    // A seed that is no cluster node, or a cluster with a hash slot nobody serves, would fail every turn later: stop now.
    const problem = await clusterStartProblem(config.REDIS_URL);
    if (problem) {
      process.stderr.write(`vit-bot: not started; ${problem}\n`);
      process.exit(1);
    }
  }
  const app = buildApp(config, { logger, processMetrics: true, crashPoints: crashPointsFromEnv(process.env) });
  await app.ready().catch((error: Error) => logger.error({ err: { message: error.message } }, 'could not finish starting: moving Redis keys to their new names or creating the first console admin failed (is Redis reachable?)'));

  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(config.PORT, host, () => {
      app.server.removeListener('error', reject);
      resolve();
    });
  }).catch(async (error: NodeJS.ErrnoException) => {
    process.stderr.write(`vit-bot: could not listen on ${host}:${config.PORT}: ${listenProblem(error)}\n`);
    await app.close().catch(() => undefined);
    process.exit(1);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      // A second signal while turns finish: the operator wants out now.
      logger.warn({ signal }, 'second signal: stopping at once, turns in flight are cut off');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing turns in flight');
    app.server.close();
    try {
      const { abandoned } = await app.close();
      // Not 0 when turns were cut off: a supervisor (or an operator) can tell a clean stop from one that lost work in flight.
      if (abandoned > 0) {
        logger.warn({ abandoned }, 'stopped; turns were abandoned before their write (their messages are delivered again)');
        process.exit(EXIT_ABANDONED);
      }
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, 'could not close cleanly');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  // Announced only once a signal stops it cleanly: whoever starts it on this line may stop it at once.
  logger.info({ port: config.PORT, host, storage: app.redis ? 'redis' : 'memory', envFile: envFile ?? 'none' }, 'vit-bot listening');
  // Not awaited: a Redis that is slow to answer must not hold up the start.
  if (app.redis) void reportPersistence(app.redis, logger);
  if (isEmulatorMode(config)) {
    logger.info('no MicrosoftAppId: channel authentication is off (Bot Framework Emulator mode)');
    if (!isLoopback(host)) {
      logger.warn({ host }, 'authentication is off and the bot listens beyond loopback (ALLOW_UNAUTHENTICATED_REMOTE): anyone who can reach it can talk to it');
    }
  }
}

/** One line on whether Redis keeps its data over a restart (without, a restart loses every intake, queue entry and account). */
async function reportPersistence(redis: Redis, logger: Logger): Promise<void> {
  const persistence = await readPersistence(redis);
  if (persistence.state === 'none') {
    logger.warn({ persistence: 'none' }, 'Redis keeps nothing on disk (no AOF, no RDB): a Redis restart loses every intake, queue entry and console account; turn on appendonly');
  } else if (persistence.state === 'unknown') {
    logger.warn({ persistence: 'unknown', reason: persistence.reason }, 'could not check whether Redis keeps its data on disk (CONFIG is not allowed here?): make sure AOF or RDB is on');
  } else {
    logger.info({ persistence: persistence.state }, 'Redis keeps its data on disk');
  }
}

/** The exit code of a shutdown that abandoned turns (the grace period was too short for them). */
const EXIT_ABANDONED = 3;

function listenProblem(error: NodeJS.ErrnoException): string {
  if (error.code === 'EADDRINUSE') return 'the port is already in use (another vit-bot, or set PORT)';
  if (error.code === 'EACCES') return 'not allowed to use this port (ports below 1024 need extra rights)';
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return 'this machine has no such address (check HOST)';
  return error.message;
}

// Something nobody awaited failed: say it in one line and stop, rather than run on in an unknown state.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`vit-bot: stopped after an unexpected error: ${reason instanceof Error ? reason.message : String(reason)}\n`);
  process.exit(1);
});

main().catch((error: Error) => {
  process.stderr.write(`vit-bot: could not start: ${error.message}\n`);
  process.exit(1);
});
