import { Redis } from 'ioredis';
import type { Logger } from '../logger';

/**
 * One ioredis connection with the behaviour the bot needs when Redis is away: a command waits out a
 * short blip (reconnecting, start-up) but fails within a few seconds of a real outage, so a turn
 * answers "try again" instead of hanging past the channel's timeout; reconnects back off up to 2 s,
 * forever; the outage is logged once, not once per retry.
 */
export function createRedisClient(url: string, logger: Logger, name = 'main'): Redis {
  const client = new Redis(url, {
    connectionName: `vit-bot:${name}`,
    enableOfflineQueue: true,
    // Commands issued in the same tick (many turns at once) go out in one write and one round trip.
    enableAutoPipelining: true,
    maxRetriesPerRequest: 2,
    commandTimeout: 3000,
    connectTimeout: 5000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
  });
  let down = false;
  client.on('ready', () => {
    if (down) logger.info({ redis: name }, 'redis connection restored');
    down = false;
  });
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.error({ redis: name, err: { message: error.message } }, 'redis unavailable; retrying in the background');
  });
  return client;
}

/**
 * Whether the client is connected as far as it knows, without a round trip: true from the start (the
 * first connection is still being made), false from a lost connection or a connection error until it
 * is ready again.
 */
export function connectionState(client: Redis): () => boolean {
  let up = true;
  client.on('ready', () => (up = true));
  client.on('close', () => (up = false));
  client.on('error', () => (up = false));
  return () => up;
}
