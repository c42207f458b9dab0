import type { Server } from 'restify';

/** Routes never turned away: health checks must answer under load, and live-update streams have their own cap. */
const EXEMPT = new Set(['/healthz', '/readyz', '/metrics', '/console/api/events']);

/**
 * At most `max` requests in progress on this instance; one more is answered 503 with Retry-After at
 * once, before its body is read. Senders retry (Meta redelivers a webhook, the Bot Connector and the
 * console try again), so a burst costs time rather than every other person's turns.
 */
export function limitConcurrentRequests(server: Server, max: number): { readonly active: number } {
  let active = 0;
  server.pre((req, res, next) => {
    if (EXEMPT.has(req.getPath())) return next();
    if (active >= max) {
      res.header('Retry-After', '1');
      res.send(503, { error: 'busy', message: 'too many requests at once; try again in a moment' });
      return next(false);
    }
    active++;
    let counted = true;
    const done = () => {
      if (counted) active--;
      counted = false;
    };
    res.once('finish', done);
    res.once('close', done);
    return next();
  });
  return {
    get active() {
      return active;
    },
  };
}
