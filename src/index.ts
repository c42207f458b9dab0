import { loadConfig, isEmulatorMode, unknownSettings } from './config';
import { createLogger } from './logger';
import { buildApp } from './app';
import { isLoopback } from './loopback';
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
  const logger = createLogger(config.LOG_LEVEL);
  for (const { name, meant } of unknownSettings(process.env)) {
    logger.warn({ variable: name, meant }, 'unknown setting ignored: is it a typo?');
  }
  const app = buildApp(config, { logger, processMetrics: true });
  await app.ready().catch((error: Error) => logger.error({ err: { message: error.message } }, 'could not create the first console admin (is Redis reachable?)'));

  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(config.PORT, config.HOST, () => {
      app.server.removeListener('error', reject);
      resolve();
    });
  }).catch(async (error: NodeJS.ErrnoException) => {
    process.stderr.write(`vit-bot: could not listen on ${config.HOST}:${config.PORT}: ${listenProblem(error)}\n`);
    await app.close().catch(() => undefined);
    process.exit(1);
  });
  logger.info({ port: config.PORT, host: config.HOST, storage: app.redis ? 'redis' : 'memory', envFile: envFile ?? 'none' }, 'vit-bot listening');
  if (isEmulatorMode(config)) {
    logger.info('no MicrosoftAppId: channel authentication is off (Bot Framework Emulator mode)');
    if (!isLoopback(config.HOST)) {
      logger.warn({ host: config.HOST }, 'authentication is off and the bot listens beyond loopback: anyone who can reach it can talk to it');
    }
  }

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
      await app.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, 'could not close cleanly');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

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
