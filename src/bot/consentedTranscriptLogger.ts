import type { Activity, Storage, TranscriptLogger } from 'botbuilder';
import type { PersonRecord } from '../domain/person';
import { userStateKey } from './personEraser';
import { PERSON_PROPERTY } from './createBot';
import type { TranscriptCatalog } from '../storage/transcriptCatalog';

const CACHE_MS = 2000;

/**
 * Logs a conversation to the transcript store only while the person has consented: without consent
 * nothing of theirs is kept. Consent is read from the person's user state; a "yes" is remembered for
 * two seconds (a turn logs several activities), a "no" never, and erasure forgets at once — the
 * middleware logs after the turn, so a person erased in this turn is read again and found gone.
 */
export class ConsentedTranscriptLogger implements TranscriptLogger {
  private readonly cache = new Map<string, { consent: boolean; until: number }>();

  constructor(
    private readonly store: TranscriptLogger,
    private readonly storage: Storage,
    private readonly catalog: TranscriptCatalog,
  ) {}

  async logActivity(activity: Activity): Promise<void> {
    const incoming = activity.from?.role === 'user';
    const personId = incoming ? activity.from?.id : activity.recipient?.id;
    if (!personId || !(await this.consented(activity.channelId, personId))) return;
    await this.store.logActivity(activity);
    await this.catalog.note({
      channelId: activity.channelId,
      conversationId: activity.conversation.id,
      userId: personId,
      language: activity.locale ? activity.locale.slice(0, 2) : undefined,
      at: new Date(activity.timestamp ?? Date.now()),
      message: activity.type === 'message',
    });
  }

  private async consented(channelId: string, userId: string): Promise<boolean> {
    const key = userStateKey(channelId, userId);
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.consent;
    const items = await this.storage.read([key]);
    const person = items[key]?.[PERSON_PROPERTY] as PersonRecord | undefined;
    const consent = person?.consent?.given === true;
    if (consent) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, { consent, until: Date.now() + CACHE_MS });
    }
    return consent;
  }

  /** Called on erasure: the next activity of this person is checked against storage again. */
  forget(channelId: string, userId: string): void {
    this.cache.delete(userStateKey(channelId, userId));
  }
}
