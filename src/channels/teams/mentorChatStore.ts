import type { Redis } from 'ioredis';
import type { ConversationReference } from 'botbuilder';

/**
 * Each mentor's personal chat with the bot in Teams, and which conversation with a person their
 * messages there go to. Keyed by console account id. Implementations: memory and Redis.
 */
export interface MentorChatStore {
  /** The mentor's personal chat with the bot; undefined before the bot knows one. */
  chatOf(accountId: string): Promise<Partial<ConversationReference> | undefined>;
  /** Remembers the personal chat (from a message the mentor sent there, or one the bot opened). */
  saveChat(accountId: string, reference: Partial<ConversationReference>): Promise<void>;
  /** The handoff the mentor last took in Teams; undefined when none. */
  currentHandoff(accountId: string): Promise<string | undefined>;
  /** Sets (or with undefined clears) the handoff the mentor's messages go to. */
  setCurrentHandoff(accountId: string, handoffId: string | undefined): Promise<void>;
}

export class MemoryMentorChatStore implements MentorChatStore {
  private readonly chats = new Map<string, Partial<ConversationReference>>();
  private readonly current = new Map<string, string>();

  async chatOf(accountId: string) {
    const chat = this.chats.get(accountId);
    return chat && structuredClone(chat);
  }

  async saveChat(accountId: string, reference: Partial<ConversationReference>) {
    this.chats.set(accountId, structuredClone(reference));
  }

  async currentHandoff(accountId: string) {
    return this.current.get(accountId);
  }

  async setCurrentHandoff(accountId: string, handoffId: string | undefined) {
    if (handoffId === undefined) this.current.delete(accountId);
    else this.current.set(accountId, handoffId);
  }
}

/** In Redis: p:teams:chat:<account id> (JSON reference), p:teams:current:<account id> (handoff id); kept `ttlSeconds`. */
export class RedisMentorChatStore implements MentorChatStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private key = (name: string, accountId: string) => `${this.prefix}teams:${name}:${accountId}`;

  async chatOf(accountId: string) {
    const raw = await this.redis.get(this.key('chat', accountId));
    return raw ? (JSON.parse(raw) as Partial<ConversationReference>) : undefined;
  }

  async saveChat(accountId: string, reference: Partial<ConversationReference>) {
    await this.redis.set(this.key('chat', accountId), JSON.stringify(reference), 'EX', this.ttlSeconds);
  }

  async currentHandoff(accountId: string) {
    return (await this.redis.get(this.key('current', accountId))) ?? undefined;
  }

  async setCurrentHandoff(accountId: string, handoffId: string | undefined) {
    if (handoffId === undefined) await this.redis.del(this.key('current', accountId));
    else await this.redis.set(this.key('current', accountId), handoffId, 'EX', this.ttlSeconds);
  }
}
