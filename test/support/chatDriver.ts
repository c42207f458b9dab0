import { Activity, ConversationState, MemoryStorage, Storage, TestAdapter, UserState } from 'botbuilder';
import { createBot } from '../../src/bot/createBot';
import { createTranslator, Translator } from '../../src/i18n/translator';
import { createEmbeddedRecognizer } from '../../src/nlu/createFaqRecognizer';
import type { Recognizer } from '../../src/nlu/recognizer';
import { HandoffService } from '../../src/handoff/handoffService';
import { MemoryHandoffQueue } from '../../src/handoff/memoryHandoffQueue';
import { MemoryHandoffEvents } from '../../src/handoff/handoffEvents';
import type { HandoffQueue } from '../../src/handoff/handoffQueue';
import { createLogger } from '../../src/logger';
import { RecordingMessenger } from './recordingMessenger';
import { MemoryStatsStore } from '../../src/reporting/statsStore';
import { Funnel } from '../../src/reporting/funnel';
import { MemoryPeopleIndex } from '../../src/people/peopleIndex';
import type { Config } from '../../src/config';
import { Journeys } from '../../src/people/journeys';
import { PartnerReferrals } from '../../src/people/partnerReferrals';
import { MemoryPartnerStore } from '../../src/people/partnerStore';
import { DEFAULT_PARTNERS, parsePartners, type Partner } from '../../src/domain/partnerSteps';
import { PERSON_PROPERTY, userStateKey } from '../../src/storage/botStateKeys';
import type { PersonRecord } from '../../src/domain/person';
import { MentorTalks } from '../../src/people/mentorTalks';
import { MemorySlotStore } from '../../src/people/slotStore';
import { MemoryJourneyStore } from '../../src/people/journeyStore';
import { MemoryOutcomeEvents } from '../../src/reporting/outcomeEvents';
import { OutcomeSteps } from '../../src/reporting/outcomeSteps';
import { JourneyOutcomes } from '../../src/people/journeyOutcomes';
import { readPersonRecord } from '../../src/storage/botStateKeys';

let sharedTranslator: Translator | undefined;
let sharedRecognizer: Recognizer | undefined;
/** One recognizer for all drivers in a test file: building the index once is enough. */
export const recognizer = (): Recognizer => (sharedRecognizer ??= createEmbeddedRecognizer());
export const translator = (): Translator => (sharedTranslator ??= createTranslator());
/** Replaces the translator of drivers made from now on (for tests of the texts themselves). */
export const useTranslator = (t: Translator): void => {
  sharedTranslator = t;
};

/**
 * Talks to the real bot (dialogs, state, storage) through botbuilder's TestAdapter, one turn at a
 * time, and keeps the bot's replies of each turn so tests can read them like a chat.
 */
export class ChatDriver {
  readonly adapter: TestAdapter;
  last: Partial<Activity>[] = [];
  private counter = 0;

  readonly messenger = new RecordingMessenger();
  readonly handoffs: HandoffService;
  readonly stats = new MemoryStatsStore();
  readonly funnel: Funnel;
  /** The outcome funnel's events (in memory): started, intake, selected as the bot and the journey count them. */
  /** The selection journeys (in memory), for tests that move a person as a mentor would. */
  readonly journeys: Journeys;
  /** The mentor talk's slots (in memory): a test publishes slots as a mentor would. */
  readonly talks: MentorTalks;
  /** The referrals to partners (in memory): a test asks and refers as staff would; the person's messages go to `messenger`. */
  readonly partners: PartnerReferrals;
  readonly outcomes = new MemoryOutcomeEvents();

  constructor(
    readonly storage: Storage = new MemoryStorage(),
    private readonly who: { userId?: string; conversationId?: string; locale?: string; channelId?: string } = {},
    now: () => Date = () => new Date('2026-11-25T10:00:00Z'),
    queue: HandoffQueue = new MemoryHandoffQueue(),
    retention: Pick<Config, 'STATE_RETENTION_DAYS' | 'TRANSCRIPT_RETENTION_DAYS'> & Partial<Pick<Config, 'PRIVACY_CONTROLLER' | 'PRIVACY_CONTACT' | 'ROUTE_LINKS'>> = {
      STATE_RETENTION_DAYS: 180,
      TRANSCRIPT_RETENTION_DAYS: 180,
    },
  ) {
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    this.funnel = new Funnel(this.stats, createLogger('silent'), now);
    const outcomeSteps = new OutcomeSteps(this.outcomes, createLogger('silent'), now);
    const journeyOutcomes = new JourneyOutcomes(outcomeSteps, (p) => readPersonRecord(storage, p), createLogger('silent'));
    this.journeys = new Journeys(new MemoryJourneyStore(retention.STATE_RETENTION_DAYS * 86400000), { homeworkDays: 14 });
    this.journeys.listen(journeyOutcomes, () => undefined);
    this.talks = new MentorTalks(new MemorySlotStore(retention.STATE_RETENTION_DAYS * 86400000, now), this.journeys);
    this.partners = new PartnerReferrals({
      store: new MemoryPartnerStore(retention.STATE_RETENTION_DAYS * 86400000),
      partners: (parsePartners(DEFAULT_PARTNERS) as { ok: true; partners: Partner[] }).partners,
      journey: (p) => this.journeys.of(p),
      record: async (p) => (await storage.read([userStateKey(p.channelId, p.userId)]))[userStateKey(p.channelId, p.userId)]?.[PERSON_PROPERTY] as PersonRecord | undefined,
      reach: (p) => this.journeys.reach(p),
      messenger: this.messenger,
      translator: translator(),
      defaultLanguage: 'nl',
      outcomes: outcomeSteps,
      logger: createLogger('silent'),
    });
    this.handoffs = new HandoffService({
      queue,
      events: new MemoryHandoffEvents(),
      messenger: this.messenger,
      translator: translator(),
      hours: { windows: [{ days: [0, 1, 2, 3, 4, 5, 6], from: 0, to: 24 * 60 }], timeZone: 'Europe/Amsterdam' },
      maxWaitMinutes: 20,
      now,
      logger: createLogger('silent'),
      funnel: this.funnel,
    });
    const bot = createBot({
      storage,
      conversationState,
      userState,
      translator: translator(),
      config: { DEFAULT_LANGUAGE: 'nl', ...retention },
      recognizer: recognizer(),
      handoffs: this.handoffs,
      funnel: this.funnel,
      outcomes: outcomeSteps,
      people: new MemoryPeopleIndex(retention.STATE_RETENTION_DAYS * 86400000),
      journeys: this.journeys,
      talks: this.talks,
      partners: this.partners,
      now,
    });
    this.adapter = new TestAdapter(async (context) => bot.run(context));
  }

  private base(): Partial<Activity> {
    const channelId = this.who.channelId ?? 'test';
    return {
      channelId,
      id: `a${++this.counter}`,
      from: { id: this.who.userId ?? 'person-1', name: 'Person' },
      recipient: { id: 'bot', name: 'VIT Wegwijzer' },
      conversation: { id: this.who.conversationId ?? 'conversation-1', isGroup: false, conversationType: 'personal', name: '' },
      locale: this.who.locale,
    };
  }

  /** Sends a message and returns the bot's replies to it. */
  async say(text: string, extra: Partial<Activity> = {}): Promise<Partial<Activity>[]> {
    await this.adapter.receiveActivity({ ...this.base(), type: 'message', text, ...extra });
    this.last = this.adapter.activeQueue.splice(0);
    return this.last;
  }

  /** The conversation starts (the channel adds the person), as Emulator and Teams do. */
  async join(): Promise<Partial<Activity>[]> {
    await this.adapter.receiveActivity({ ...this.base(), type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'bot' }, { id: this.who.userId ?? 'person-1', name: 'Person' }] });
    this.last = this.adapter.activeQueue.splice(0);
    return this.last;
  }

  /** Taps a button of the last reply that has buttons; fails when there is no such button. */
  async tap(title: string): Promise<Partial<Activity>[]> {
    const buttons = this.buttons();
    const button = buttons.find((b) => b.title === title);
    if (!button) throw new Error(`ChatDriver.tap(): no button "${title}" among ${JSON.stringify(buttons.map((b) => b.title))}`);
    return this.say(String(button.value));
  }

  /** The buttons of the last reply that had any. */
  buttons(): { title: string; value: unknown }[] {
    const withButtons = [...this.last].reverse().find((a) => (a.suggestedActions?.actions.length ?? 0) > 0);
    return (withButtons?.suggestedActions?.actions ?? []).map((a) => ({ title: a.title ?? '', value: a.value }));
  }

  texts(): string[] {
    return this.last.map((a) => a.text ?? '');
  }

  /** All text of the last turn, one reply per line. */
  transcript(): string {
    return this.texts().join('\n');
  }
}
