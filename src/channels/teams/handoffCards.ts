import { CardFactory } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { HandoffRecord } from '../../domain/handoff';
import type { HandoffEvent } from '../../handoff/handoffEvents';
import type { HandoffQueue } from '../../handoff/handoffQueue';
import type { PersonDataHolder, PersonRef } from '../../domain/personData';
import type { Language } from '../../i18n/languages';
import type { Translator } from '../../i18n/translator';
import type { Logger } from '../../logger';
import { AdaptiveCard, erasedCard, handoffCard, MentorTexts } from './handoffCardContent';
import { MentorChannel, MentorChannelStore, PostedCard, personKey } from './mentorChannelStore';
import type { TeamsConversations } from './teamsConversations';

/** How often a card is redrawn when the handoff changed again while it was being drawn. */
const MAX_REDRAWS = 3;
const UPDATES: ReadonlySet<HandoffEvent['type']> = new Set(['claimed', 'transferred', 'released', 'closed', 'abandoned']);

export interface HandoffCardsDeps {
  store: MentorChannelStore;
  conversations: TeamsConversations;
  queue: HandoffQueue;
  translator: Translator;
  /** The channel from the configuration, used when no admin chose one. */
  configuredChannel?: MentorChannel;
  logger: Logger;
}

/** An activity carrying one Adaptive Card. */
export function cardActivity(card: AdaptiveCard, language: Language): Partial<Activity> {
  return { type: 'message', locale: language, attachments: [CardFactory.adaptiveCard(card)] };
}

/**
 * The handoff cards in the mentors' channel. Every instance hears every handoff event; exactly one
 * posts each new handoff's card (the first to claim it in the store) and one handles each change,
 * redrawing the card from the queue as it is then, so the card in Teams follows the queue whoever
 * changed it (console, Teams, the person).
 */
export class HandoffCards implements PersonDataHolder {
  /** Work per handoff runs in order on this instance. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly deps: HandoffCardsDeps) {}

  async channel(): Promise<MentorChannel | undefined> {
    return (await this.deps.store.channel()) ?? this.deps.configuredChannel;
  }

  /** Reacts to a handoff event; never throws (a card that could not be drawn is logged). */
  onEvent(event: HandoffEvent): Promise<void> {
    if (event.type !== 'new' && !UPDATES.has(event.type)) return Promise.resolve();
    return this.inOrder(event.id, async () => {
      if (event.type === 'new') await this.post(event.id);
      else if (await this.deps.store.once(`card:${event.type}:${event.id}:${event.at}`)) await this.redraw(event.id);
    });
  }

  /** The card of a handoff as it stands, in a language. */
  render(handoff: HandoffRecord, language: Language, options?: Parameters<typeof handoffCard>[2]): AdaptiveCard {
    return handoffCard(handoff, new MentorTexts(this.deps.translator, language), options);
  }

  /** The person's data was erased: their cards in Teams are emptied and forgotten. */
  async erase(person: PersonRef): Promise<void> {
    const key = personKey(person.channelId, person.userId);
    for (const id of await this.deps.store.cardsOf(key)) {
      const posted = await this.deps.store.card(id);
      if (!posted) continue;
      try {
        await this.deps.conversations.update(posted.reference, posted.activityId, cardActivity(erasedCard(new MentorTexts(this.deps.translator, posted.language)), posted.language));
      } catch (error) {
        this.deps.logger.warn({ handoff: id, err: { message: (error as Error).message } }, 'could not empty a handoff card in Teams');
      }
    }
    await this.deps.store.forgetCardsOf(key);
  }

  private async post(id: string): Promise<void> {
    const channel = await this.channel();
    if (!channel) return;
    const handoff = await this.deps.queue.get(id);
    if (!handoff || !(await this.deps.store.claimCardPost(id))) return;
    const { reference, activityId } = await this.deps.conversations.postToChannel(channel, cardActivity(this.render(handoff, channel.language), channel.language));
    const posted: PostedCard = { reference, activityId, language: channel.language };
    await this.deps.store.saveCard(id, posted, personKey(handoff.person.channelId, handoff.person.userId));
    this.deps.logger.info({ handoff: id }, 'posted a handoff card in the mentors\u2019 channel');
    // A change that came while the card was on its way found no card to update: catch up now.
    await this.settle(id, posted, handoff);
  }

  private async redraw(id: string): Promise<void> {
    const posted = await this.deps.store.card(id);
    if (!posted) return; // no card, or its poster is still posting and catches up itself
    const handoff = await this.deps.queue.get(id);
    if (!handoff) return;
    await this.deps.conversations.update(posted.reference, posted.activityId, cardActivity(this.render(handoff, posted.language), posted.language));
    await this.settle(id, posted, handoff);
  }

  /** Redraws until the card shows the queue as it is (another instance may have drawn an older state last). */
  private async settle(id: string, posted: PostedCard, drawn: HandoffRecord): Promise<void> {
    let shown = drawn;
    for (let i = 0; i < MAX_REDRAWS; i++) {
      const now = await this.deps.queue.get(id);
      if (!now || (now.status === shown.status && now.mentor?.id === shown.mentor?.id)) return;
      await this.deps.conversations.update(posted.reference, posted.activityId, cardActivity(this.render(now, posted.language), posted.language));
      shown = now;
    }
  }

  private inOrder(id: string, work: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(id) ?? Promise.resolve())
      .then(work)
      .catch((error: Error) => this.deps.logger.warn({ handoff: id, err: { message: error.message } }, 'could not post or update a handoff card in Teams'));
    this.chains.set(id, next);
    void next.then(() => {
      if (this.chains.get(id) === next) this.chains.delete(id);
    });
    return next;
  }
}
