import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity, ConversationAccount } from 'botbuilder';

/**
 * Stands in for the Bot Connector service (what the Emulator runs) on loopback: receives the bot's
 * replies at /v3/conversations/:id/activities[/:replyTo] and keeps them for the test to read.
 */
export class FakeConnector {
  readonly activities: Array<Partial<Activity> & { conversationId: string }> = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private waiters: Array<() => void> = [];
  url = '';
  /** Milliseconds to hold each reply before answering, to keep a turn in flight. */
  delayMs = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Replies received in one conversation, in arrival order. */
  repliesIn(conversationId: string) {
    return this.activities.filter((a) => a.conversationId === conversationId);
  }

  /** Waits until `count` replies have arrived in the conversation; fails after `timeoutMs`. */
  async waitForReplies(conversationId: string, count: number, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    while (this.repliesIn(conversationId).length < count) {
      if (Date.now() > deadline) {
        throw new Error(`FakeConnector: ${this.repliesIn(conversationId).length} of ${count} replies in ${conversationId} after ${timeoutMs} ms`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.repliesIn(conversationId).slice(0, count);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404);
        res.end();
        return;
      }
      const activity = JSON.parse(body) as Partial<Activity>;
      if (this.delayMs > 0) {
        setTimeout(() => this.accept(activity, match[1], res), this.delayMs);
      } else {
        this.accept(activity, match[1], res);
      }
    });
  }

  private accept(activity: Partial<Activity>, conversationId: string, res: http.ServerResponse): void {
    this.activities.push({ ...activity, conversationId: decodeURIComponent(conversationId) });
    this.waiters.splice(0).forEach((wake) => wake());
    // Separate calls: restify patches ServerResponse.writeHead so it no longer returns the response.
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ id: `reply-${this.activities.length}` }));
  }
}

let counter = 0;

/** An incoming message as the Emulator posts it. */
export type ActivityOverrides = Omit<Partial<Activity>, 'conversation'> & { conversation?: Partial<ConversationAccount> };

export function emulatorMessage(serviceUrl: string, text: string, overrides: ActivityOverrides = {}): Partial<Activity> {
  counter++;
  return {
    type: 'message',
    id: `msg-${Date.now()}-${counter}`,
    timestamp: new Date(),
    channelId: 'emulator',
    serviceUrl,
    from: { id: 'user-1', name: 'Test Person' },
    recipient: { id: 'bot-1', name: 'VIT Wegwijzer' },
    text,
    locale: 'nl-NL',
    ...overrides,
    conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '', ...overrides.conversation },
  } as Partial<Activity>;
}
