import type { Activity, Storage, TranscriptLogger } from 'botbuilder';
import type { PersonRecord } from '../domain/person';
import { PERSON_PROPERTY, userStateKey } from '../storage/botStateKeys';
import type { CatalogNote, TranscriptCatalog } from '../storage/transcriptCatalog';
import { RELAYED } from '../storage/transcriptMessages';
import { isRelay } from './relayMark';

const CACHE_MS = 2000;

/**
 * Logs a conversation to the transcript store only while the person has consented: without consent
 * nothing of theirs is kept. Consent is read from the person's user state; a "yes" is remembered for
 * two seconds (a turn logs several activities), a "no" never, and erasure forgets at once — the
 * middleware logs after the turn, so a person erased in this turn is read again and found gone.
 */
export class ConsentedTranscriptLogger implements TranscriptLogger {
  private readonly cache = new Map<string, { person: PersonRecord; until: number }>();

  constructor(
    private readonly store: TranscriptLogger,
    private readonly storage: Storage,
    private readonly catalog: TranscriptCatalog,
  ) {}

  /** Activities handed over in this tick, written together once it ends. */
  private pending: Activity[] = [];
  private flush?: Promise<void>;

  /**
   * Bot Framework's middleware hands over a turn's activities one by one at the end of the turn, in
   * one go: they are collected until the tick ends and written as one batch (per conversation, on an
   * ordinary turn, an RPUSH for the transcript and an HSET and HINCRBY for the catalog; the indexes when
   * due), sent with whatever else the turn sends last.
   */
  logActivity(activity: Activity): Promise<void> {
    this.pending.push(activity);
    this.flush ??= new Promise<void>((resolve) => process.nextTick(resolve)).then(() => {
      const batch = this.pending.splice(0);
      this.flush = undefined;
      return this.write(batch);
    });
    return this.flush;
  }

  private async write(activities: Activity[]): Promise<void> {
    const logged: Activity[] = [];
    const notes: CatalogNote[] = [];
    const people = await Promise.all(
      activities.map((activity) => {
        const personId = activity.from?.role === 'user' ? activity.from?.id : activity.recipient?.id;
        return personId ? this.consentedPerson(activity.channelId, personId).then((person) => person && { personId, person }) : undefined;
      }),
    );
    activities.forEach((activity, i) => {
      const found = people[i];
      if (!found) return;
      // The relay mark is a symbol and would not be stored; the copy keeps it as a field, so a reader can
      // tell a mentor's words from the bot's. (The middleware hands over a copy: the wire never sees it.)
      logged.push(isRelay(activity) ? ({ ...activity, [RELAYED]: true } as Activity) : activity);
      notes.push({
        channelId: activity.channelId,
        conversationId: activity.conversation.id,
        userId: found.personId,
        language: found.person.language, // the language they chose, not the device's locale
        // As the transcript keeps it: a clock far ahead on the sender's side must not keep the entry longer.
        at: new Date(Math.min(new Date(activity.timestamp ?? Date.now()).getTime() || Date.now(), Date.now())),
        message: activity.type === 'message',
      });
    });
    if (logged.length === 0) return;
    const store = this.store as TranscriptLogger & { logActivities?: (a: Activity[]) => Promise<void> };
    // The transcript and the catalog in one go (their commands leave together); one failure fails both for the error handler.
    await Promise.all([
      store.logActivities ? store.logActivities(logged) : (async () => { for (const a of logged) await store.logActivity(a); })(),
      this.catalog.noteAll(notes),
    ]);
  }

  /** The person's record when they consented, else undefined. */
  private async consentedPerson(channelId: string, userId: string): Promise<PersonRecord | undefined> {
    const key = userStateKey(channelId, userId);
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.person;
    const items = await this.storage.read([key]);
    const person = items[key]?.[PERSON_PROPERTY] as PersonRecord | undefined;
    if (person?.consent?.given !== true) return undefined;
    // Expired entries go first, so memory follows the people talking now, not everyone since the last clear.
    if (this.cache.size >= 1_000) {
      const now = Date.now();
      for (const [k, c] of this.cache) if (c.until <= now) this.cache.delete(k);
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { person, until: Date.now() + CACHE_MS });
    return person;
  }

  /** Called on erasure: the next activity of this person is checked against storage again. */
  forget(channelId: string, userId: string): void {
    this.cache.delete(userStateKey(channelId, userId));
  }
}
