import restify, { Server } from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { AdmittingCloudAdapter } from './bot/admittingCloudAdapter';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { InFlight } from './inFlight';
import { checkReadiness, ReadinessCheck } from './readiness';
import { messagesEndpoint } from './bot/messagesEndpoint';

export interface ServerDeps {
  adapter: AdmittingCloudAdapter;
  bot: ActivityHandler;
  metrics: Metrics;
  logger: Logger;
  inFlight: InFlight;
  readinessChecks: ReadinessCheck[];
  /** False without an app id (Emulator mode): /api/messages then takes the Emulator's traffic only. */
  authenticated: boolean;
}

/** Routes whose handlers read the body themselves (see readRawBody). */
export const RAW_BODY_ROUTES = new Set(['/api/whatsapp']);
/** The most any route accepts, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Builds the HTTP surface without listening, so tests run exactly what production runs. */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'vit-bot', handleUncaughtExceptions: false });
  // maxBodySize goes to restify's body reader; its type definitions omit it.
  const bodyOptions = { mapParams: false, maxBodySize: MAX_BODY_BYTES } as restify.plugins.JsonBodyParserOptions;
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // A webhook signed over its raw bytes reads its own body: nothing unsigned is parsed, and the HMAC
  // is checked over exactly the bytes that arrived.
  for (const parser of restify.plugins.jsonBodyParser(bodyOptions) as unknown as restify.RequestHandler[]) {
    server.use((req, res, next) => (RAW_BODY_ROUTES.has(req.path()) ? next() : parser(req, res, next)));
  }

  const messages = messagesEndpoint({ adapter: deps.adapter, logic: (context) => deps.bot.run(context), logger: deps.logger, authenticated: deps.authenticated });
  server.post('/api/messages', async (req, res) => {
    await deps.inFlight.track(() => messages(req, res));
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req, res) => {
    const report = await checkReadiness(deps.readinessChecks);
    res.send(report.ready ? 200 : 503, report);
  });

  server.get('/metrics', async (_req, res) => {
    const body = await deps.metrics.registry.metrics();
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.writeHead(200);
    res.end(body);
  });

  // One place logs unexpected failures; clients see no internals.
  server.on('restifyError', (req, res, error, callback) => {
    if ((error.statusCode ?? 500) >= 500) {
      deps.logger.error({ route: req.getRoute?.()?.path, err: { message: error.message, stack: error.stack } }, 'request failed');
      error.toJSON = () => ({ code: 'InternalError', message: 'internal error' });
    }
    return callback();
  });
  return server;
}

/** The request body as the bytes that arrived; rejects with a 413-worthy error past `limit` bytes. */
export function readRawBody(req: NodeJS.ReadableStream, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(Object.assign(new Error('request body too large'), { statusCode: 413 }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
