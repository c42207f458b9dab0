import http from 'node:http';
import { closeServer, listenOnLoopback } from './loopbackServer';

/**
 * A load balancer in front of several bot instances, as a test needs one: each request goes to the
 * next instance in turn; an instance that refuses the connection (it died) is skipped, as a real
 * balancer's health check would. Counts where each request went.
 */
export class RoundRobinFront {
  private next = 0;
  private server = http.createServer((req, res) => void this.forward(req, res));
  readonly served: number[];
  /** The instance each request was sent to, in order (including tries at dead instances). */
  readonly chosen: number[] = [];
  url = '';

  constructor(private readonly upstreams: string[]) {
    this.served = upstreams.map(() => 0);
  }

  async start(): Promise<this> {
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    for (let tries = 0; tries < this.upstreams.length; tries++) {
      const index = this.next++ % this.upstreams.length;
      this.chosen.push(index);
      try {
        const upstream = await fetch(this.upstreams[index] + req.url, {
          method: req.method,
          headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
        });
        this.served[index]++;
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
        return;
      } catch (error) {
        // Refused: that instance is gone and never saw the request; try the next one. Anything else
        // (the instance died while it had the request) is a 502, as a real balancer answers.
        if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED') break;
      }
    }
    res.writeHead(502);
    res.end();
  }
}
