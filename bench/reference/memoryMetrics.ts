import type { Server } from 'restify';

/**
 * GET /healthz and a GET /metrics with the two numbers the load benchmark reads, named as
 * prom-client names them, so every server under test is measured the same way.
 */
export function addBenchRoutes(server: Server): void {
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  server.get('/metrics', (_req, res, next) => {
    const { rss, heapUsed } = process.memoryUsage();
    res.setHeader('Content-Type', 'text/plain; version=0.0.4');
    res.writeHead(200);
    res.end(`process_resident_memory_bytes ${rss}\nnodejs_heap_size_used_bytes ${heapUsed}\n`);
    next();
  });
}

/** Closes the server on SIGTERM/SIGINT and exits, so a CPU profile is written. */
export function exitOnSignal(server: Server): void {
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
