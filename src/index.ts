import { loadConfig, isEmulatorMode } from './config';
import { createLogger } from './logger';
import { buildApp } from './app';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

async function main(): Promise<void> {
  const result = loadConfig(process.env);
  if (!result.ok) {
    for (const line of result.problems) process.stderr.write(`${line}\n`);
    process.stderr.write('vit-bot: not started; fix the configuration above (see .env.example).\n');
    process.exit(1);
  }
  const config = result.config;
  const logger = createLogger(config.LOG_LEVEL);
  const app = buildApp(config, { logger, processMetrics: true });
  await app.ready().catch((error: Error) => logger.error({ err: { message: error.message } }, 'could not create the first console admin (is Redis reachable?)'));

  await new Promise<void>((resolve) => app.server.listen(config.PORT, config.HOST, resolve));
  logger.info({ port: config.PORT, host: config.HOST, storage: app.redis ? 'redis' : 'memory' }, 'vit-bot listening');
  if (isEmulatorMode(config)) {
    logger.info('no MicrosoftAppId: channel authentication is off (Bot Framework Emulator mode)');
    if (!LOOPBACK.has(config.HOST)) {
      logger.warn({ host: config.HOST }, 'authentication is off and the bot listens beyond loopback: anyone who can reach it can talk to it');
    }
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing turns in flight');
    app.server.close();
    await app.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: Error) => {
  process.stderr.write(`vit-bot: could not start: ${error.message}\n`);
  process.exit(1);
});
