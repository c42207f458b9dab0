import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { closeServer, listenOnLoopback } from '../../support/loopbackServer';

/** What the connector saw of one posted activity's replies. */
export interface ReplyTally {
  count: number;
  /** performance.now() of the first and the last reply. */
  firstAt: number;
  lastAt: number;
  /** Replies that were the bot's "something went wrong, try again" message. */
  errorReplies: number;
  /** Reply texts, only kept for a traced conversation. */
  texts?: string[];
}

const REPLY_PATH = /^\/v3\/conversations\/[^/]+\/activities\/([^/?]+)/;

/**
 * Stands in for the Bot Connector on loopback, as cheaply as it can: answers every reply POST at
 * once, and for the activity it answers (the replyToId in the path) counts replies and notes when
 * they arrived. Bodies are not parsed; an error reply is found by its text.
 */
export class LeanConnector {
  url = '';
  /** Replies to activities nobody was waiting for (late replies after a timeout, or unknown ids). */
  strayReplies = 0;
  private readonly waiting = new Map<string, ReplyTally>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  /** `errorTexts`: texts that mark a reply as the bot's error message, as they appear inside JSON. */
  constructor(private readonly errorTexts: string[]) {
    this.server.keepAliveTimeout = 60_000;
  }

  async start(): Promise<this> {
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  /** Starts counting the replies to `activityId`; `trace` keeps their texts too. */
  expect(activityId: string, trace = false): ReplyTally {
    const tally: ReplyTally = { count: 0, firstAt: 0, lastAt: 0, errorReplies: 0, texts: trace ? [] : undefined };
    this.waiting.set(activityId, tally);
    return tally;
  }

  /** Stops counting for `activityId` (its turn is over). */
  forget(activityId: string): void {
    this.waiting.delete(activityId);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const match = req.method === 'POST' ? REPLY_PATH.exec(req.url ?? '') : null;
      if (!match) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"id":"r"}');
      const tally = this.waiting.get(decodeURIComponent(match[1]));
      if (!tally) {
        this.strayReplies++;
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      if (tally.count === 0) tally.firstAt = at;
      tally.count++;
      tally.lastAt = at;
      if (this.errorTexts.some((text) => body.includes(text))) tally.errorReplies++;
      if (tally.texts) tally.texts.push(String((JSON.parse(body) as { text?: string }).text ?? ''));
    });
  }
}
