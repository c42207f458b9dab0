import http from 'node:http';
import { closeServer, listenOnLoopback } from '../../support/loopbackServer';

const CONVERSATION_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/?]+)?/;

/**
 * Stands in for the Bot Connector on loopback for the capacity bench: accepts every activity the bot
 * sends (replies to a turn and messages a mentor sends through the bot), counts them, and counts
 * the bot's "try again" messages by their text. Nothing is parsed but the path.
 */
export class CapacityConnector {
  url = '';
  activities = 0;
  errorReplies = 0;
  /** Activities per conversation id, so a newcomer can wait for what a mentor sent them. */
  private readonly perConversation = new Map<string, number>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));

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

  received(conversationId: string): number {
    return this.perConversation.get(conversationId) ?? 0;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = req.method === 'POST' ? CONVERSATION_PATH.exec(req.url ?? '') : null;
      if (!match) {
        // The typing indicator and everything else the bot may ask of a connector: accepted, not counted.
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{}');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"id":"r"}');
      const conversation = decodeURIComponent(match[1]);
      this.activities++;
      this.perConversation.set(conversation, (this.perConversation.get(conversation) ?? 0) + 1);
      const body = Buffer.concat(chunks).toString('utf8');
      if (this.errorTexts.some((text) => body.includes(text))) this.errorReplies++;
    });
  }
}
