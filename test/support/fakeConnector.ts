import http from 'node:http';
import type { Activity, ConversationAccount, ConversationParameters } from 'botbuilder';
import { closeServer, listenOnLoopback } from './loopbackServer';

/** An activity the bot posted, with the conversation it went to and the id the connector gave it. */
export type PostedActivity = Partial<Activity> & { conversationId: string; activityId?: string };

/** A conversation the bot created (POST /v3/conversations): a channel thread or a personal chat. */
export interface CreatedConversation {
  id: string;
  activityId?: string;
  parameters: Partial<ConversationParameters>;
}

/**
 * Stands in for the Bot Connector service (what the Emulator and Teams' connector run) on loopback:
 * receives the bot's replies at /v3/conversations/:id/activities[/:replyTo] (answering with an
 * activity id), new conversations at POST /v3/conversations (a channel thread when the parameters
 * name a Teams channel, else a personal chat) and updates at PUT /v3/conversations/:id/activities/:activityId,
 * and keeps them all for the test to read.
 */
export class FakeConnector {
  readonly activities: PostedActivity[] = [];
  /** Conversations created by the bot, in order. */
  readonly conversations: CreatedConversation[] = [];
  /** Updates of posted activities, in order. */
  readonly updates: Array<Partial<Activity> & { conversationId: string; activityId: string }> = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private waiters: Array<() => void> = [];
  url = '';
  /** Milliseconds to hold each reply before answering, to keep a turn in flight. */
  delayMs = 0;
  /** While true, replies are kept unanswered (the turn stays in flight) until releaseHeld(). */
  holdReplies = false;
  private readonly held: Array<() => void> = [];
  private readonly delayed = new Set<NodeJS.Timeout>();
  /** How many of the next posted replies to refuse with a 400, as a connector refusing a reply does (a 5xx would be retried). */
  failNextPosts = 0;

  async start(): Promise<this> {
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    // Replies still held or delayed are answered now, so no timer or open request outlives the test.
    for (const timer of this.delayed) clearTimeout(timer);
    this.delayed.clear();
    this.releaseHeld();
    await closeServer(this.server);
  }

  /** How many replies are held unanswered now. */
  get heldReplies(): number {
    return this.held.length;
  }

  /** Stops holding and answers every held reply, in the order they came. */
  releaseHeld(): void {
    this.holdReplies = false;
    for (const accept of this.held.splice(0)) accept();
  }

  /** Replies received in one conversation, in arrival order. */
  repliesIn(conversationId: string) {
    return this.activities.filter((a) => a.conversationId === conversationId);
  }

  /** The activity as it is now: its last update, else as it was posted; undefined when there is none. */
  current(conversationId: string, activityId: string): Partial<Activity> | undefined {
    const updated = this.updates.filter((u) => u.conversationId === conversationId && u.activityId === activityId).at(-1);
    return updated ?? this.activities.find((a) => a.conversationId === conversationId && a.activityId === activityId);
  }

  /** Waits until `check` returns something truthy (checked after each request and every 100 ms); fails after `timeoutMs`. */
  async waitFor<T>(check: () => T | undefined | false | null, what: string, timeoutMs = 10000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`FakeConnector: no ${what} after ${timeoutMs} ms`);
      await this.nextRequest();
    }
  }

  /** Waits until `count` replies have arrived in the conversation; fails after `timeoutMs`. */
  async waitForReplies(conversationId: string, count: number, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    while (this.repliesIn(conversationId).length < count) {
      if (Date.now() > deadline) {
        throw new Error(`FakeConnector: ${this.repliesIn(conversationId).length} of ${count} replies in ${conversationId} after ${timeoutMs} ms`);
      }
      await this.nextRequest();
    }
    return this.repliesIn(conversationId).slice(0, count);
  }

  private nextRequest(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 100);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(url)) return this.create(JSON.parse(body) as Partial<ConversationParameters>, res);
      const update = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/.exec(url);
      if (req.method === 'PUT' && update) return this.update(JSON.parse(body) as Partial<Activity>, update[1], update[2], res);
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url);
      if (req.method !== 'POST' || !match) {
        res.writeHead(404);
        res.end();
        return;
      }
      const activity = JSON.parse(body) as Partial<Activity>;
      if (this.failNextPosts > 0) {
        this.failNextPosts--;
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'BadArgument', message: 'refused' } }));
        return;
      }
      if (this.holdReplies) {
        this.held.push(() => this.accept(activity, match[1], res));
        this.waiters.splice(0).forEach((wake) => wake());
      } else if (this.delayMs > 0) {
        const timer = setTimeout(() => {
          this.delayed.delete(timer);
          this.accept(activity, match[1], res);
        }, this.delayMs);
        this.delayed.add(timer);
      } else {
        this.accept(activity, match[1], res);
      }
    });
  }

  private accept(activity: Partial<Activity>, conversationId: string, res: http.ServerResponse): void {
    const activityId = `reply-${this.activities.length + 1}`;
    this.activities.push({ ...activity, conversationId: decodeURIComponent(conversationId), activityId });
    this.answer(res, { id: activityId });
  }

  /** Like Teams: a post into a channel starts a thread "<channel>;messageid=<id>" whose first message is the activity. */
  private create(parameters: Partial<ConversationParameters>, res: http.ServerResponse): void {
    const n = this.conversations.length + 1;
    const channelId = (parameters.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    const activityId = parameters.activity ? `${1700000000000 + n}` : undefined;
    const id = parameters.isGroup && channelId ? `${channelId};messageid=${activityId ?? n}` : `a:created-${n}`;
    this.conversations.push({ id, activityId, parameters });
    if (parameters.activity) this.activities.push({ ...parameters.activity, conversationId: id, activityId });
    this.answer(res, { id, ...(activityId ? { activityId } : {}) });
  }

  private update(activity: Partial<Activity>, conversationId: string, activityId: string, res: http.ServerResponse): void {
    const decoded = decodeURIComponent(activityId);
    this.updates.push({ ...activity, conversationId: decodeURIComponent(conversationId), activityId: decoded });
    this.answer(res, { id: decoded });
  }

  private answer(res: http.ServerResponse, body: unknown): void {
    this.waiters.splice(0).forEach((wake) => wake());
    // Separate calls: restify patches ServerResponse.writeHead so it no longer returns the response.
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
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
