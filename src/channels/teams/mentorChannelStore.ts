import type { Redis } from 'ioredis';
import type { IdDigest } from '../../storage/idDigest';
import type { ConversationReference } from 'botbuilder';
import type { Language } from '../../i18n/languages';

/** The Teams channel where new handoffs are posted for mentors. */
export interface MentorChannel {
  /** The Teams channel id (19:…@thread.tacv2). */
  channelId: string;
  teamId?: string;
  tenantId?: string;
  /** The Bot Connector address of the team (from its messages, or TEAMS_SERVICE_URL). */
  serviceUrl: string;
  /** The bot's own account in Teams (28:<app id>). */
  bot: { id: string; name?: string };
  /** The language of the cards posted there. */
  language: Language;
  /** The console account of the admin who chose it (absent when it comes from the configuration). */
  chosenBy?: string;
  chosenAt?: string;
}

/** Where a handoff's card lives in Teams, so it can be updated for everyone. */
export interface PostedCard {
  reference: Partial<ConversationReference>;
  activityId: string;
  language: Language;
}

/**
 * The mentors' channel and the handoff cards posted there. Implementations: memory (one process)
 * and Redis (shared by all instances, so every instance posts into the same channel and exactly one
 * posts each card).
 */
export interface MentorChannelStore {
  /** The chosen channel; undefined when none was chosen. */
  channel(): Promise<MentorChannel | undefined>;
  /** Chooses the channel; replaces an earlier choice. */
  chooseChannel(channel: MentorChannel): Promise<void>;
  /** Of all callers for one handoff, the first gets true and posts its card; the others get false. */
  claimCardPost(handoffId: string): Promise<boolean>;
  /** Records where the card was posted; `personKey` (see personKey()) finds it again on erasure. */
  saveCard(handoffId: string, card: PostedCard, personKey: string): Promise<void>;
  /** The posted card; undefined while it is being posted, or when there is none. */
  card(handoffId: string): Promise<PostedCard | undefined>;
  /** The handoff ids of the cards posted about a person. */
  cardsOf(personKey: string): Promise<string[]>;
  /** Forgets every card posted about a person (after their data was erased). */
  forgetCardsOf(personKey: string): Promise<void>;
  /** True for the first caller with this key in a day, false for the others: one instance handles each event. */
  once(key: string): Promise<boolean>;
}

/**
 * A person's key for the card index: channel and user id, as the entity tag is made from. The Redis
 * store names its key by the keyed digest of it (see entityTag), never by the (possibly phone number)
 * user id itself.
 */
export function personKey(channelId: string, userId: string): string {
  return `${channelId}:${userId}`;
}

const ONCE_SECONDS = 24 * 60 * 60;
const POSTING = 'posting';

export class MemoryMentorChannelStore implements MentorChannelStore {
  private chosen?: MentorChannel;
  private readonly cards = new Map<string, PostedCard | typeof POSTING>();
  private readonly byPerson = new Map<string, Set<string>>();
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async channel() {
    return this.chosen && structuredClone(this.chosen);
  }

  async chooseChannel(channel: MentorChannel) {
    this.chosen = structuredClone(channel);
  }

  async claimCardPost(handoffId: string) {
    if (this.cards.has(handoffId)) return false;
    this.cards.set(handoffId, POSTING);
    return true;
  }

  async saveCard(handoffId: string, card: PostedCard, person: string) {
    this.cards.set(handoffId, structuredClone(card));
    this.byPerson.set(person, (this.byPerson.get(person) ?? new Set()).add(handoffId));
  }

  async card(handoffId: string) {
    const card = this.cards.get(handoffId);
    return card === undefined || card === POSTING ? undefined : structuredClone(card);
  }

  async cardsOf(person: string) {
    return [...(this.byPerson.get(person) ?? [])];
  }

  async forgetCardsOf(person: string) {
    for (const id of this.byPerson.get(person) ?? []) this.cards.delete(id);
    this.byPerson.delete(person);
  }

  async once(key: string) {
    const now = this.now();
    if (this.seen.size > 10_000) for (const [k, until] of this.seen) if (until <= now) this.seen.delete(k);
    if ((this.seen.get(key) ?? 0) > now) return false;
    this.seen.set(key, now + ONCE_SECONDS * 1000);
    return true;
  }
}

/**
 * In Redis: p:teams:channel (JSON), p:teams:card:<handoff id> ("posting", then JSON),
 * p:teams:cards:person:{tag} (set of handoff ids; {tag} is the person's keyed digest, see entityTag),
 * p:teams:once:<key>. Cards are kept as long as the handoffs they show (`ttlSeconds`).
 */
export class RedisMentorChannelStore implements MentorChannelStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    private readonly digest: IdDigest,
  ) {}

  private key = (name: string) => `${this.prefix}teams:${name}`;
  private personCards = (person: string) => this.key(`cards:person:{${this.digest(person)}}`);

  async channel() {
    const raw = await this.redis.get(this.key('channel'));
    return raw ? (JSON.parse(raw) as MentorChannel) : undefined;
  }

  async chooseChannel(channel: MentorChannel) {
    await this.redis.set(this.key('channel'), JSON.stringify(channel));
  }

  async claimCardPost(handoffId: string) {
    return (await this.redis.set(this.key(`card:${handoffId}`), POSTING, 'EX', this.ttlSeconds, 'NX')) === 'OK';
  }

  async saveCard(handoffId: string, card: PostedCard, person: string) {
    const set = this.personCards(person);
    // Two slots on a Redis Cluster: the person's index first, so an erasure in between finds the card.
    await this.redis.multi().sadd(set, handoffId).expire(set, this.ttlSeconds).exec();
    await this.redis.set(this.key(`card:${handoffId}`), JSON.stringify(card), 'EX', this.ttlSeconds);
  }

  async card(handoffId: string) {
    const raw = await this.redis.get(this.key(`card:${handoffId}`));
    return raw && raw !== POSTING ? (JSON.parse(raw) as PostedCard) : undefined;
  }

  async cardsOf(person: string) {
    return this.redis.smembers(this.personCards(person));
  }

  async forgetCardsOf(person: string) {
    const ids = await this.cardsOf(person);
    // One DEL per key (each its own slot on a cluster), the index last: a stop in between leaves it to find the rest.
    await Promise.all(ids.map((id) => this.redis.del(this.key(`card:${id}`))));
    await this.redis.del(this.personCards(person));
  }

  async once(key: string) {
    return (await this.redis.set(this.key(`once:${key}`), '1', 'EX', ONCE_SECONDS, 'NX')) === 'OK';
  }
}
