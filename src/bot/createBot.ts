import type { PoolKeeper, ReminderSwitch } from '../../dialogs/dialogDeps';
import type { ConversationState, Storage, TurnContext, UserState } from 'botbuilder';
import type { Config } from '../config';
import type { Translator } from '../i18n/translator';
import type { PersonRecord } from '../domain/person';
import type { Recognizer } from '../nlu/recognizer';
import type { HandoffService } from '../handoff/handoffService';
import type { FunnelRecorder } from '../reporting/funnel';
import type { PeopleIndex } from '../people/peopleIndex';
import type { Journeys } from '../people/journeys';
import type { MentorTalks } from '../people/mentorTalks';
import { Lexicon } from '../../dialogs/lexicon';
import { MainDialog } from '../../dialogs/mainDialog';
import { RetentionDays, SessionState, UnansweredRecorder } from '../../dialogs/dialogDeps';
import { PersonEraser } from './personEraser';
import type { PersonDataHolder } from '../domain/personData';
import { PERSON_PROPERTY } from '../storage/botStateKeys';
import { MentorRequests } from './mentorRequests';
import { HandoffRelay } from './handoffRelay';
import { InstallationEvents, VitBot } from './vitBot';
import { ConditionalTurn } from './conditionalTurn';
import type { ConversationLocks } from '../storage/conversationLocks';
import { PendingVoice, VoiceConfirmation } from './voiceConfirmation';
import type { AppendOnlyFilePlan } from '../storage/appendOnlyFileRewrite';
import { AfterSaveFunnel, AfterSaveOutcomes } from './afterSave';
import type { OutcomeRecorder } from '../reporting/outcomeSteps';
import type { TurnJournal } from '../storage/turnJournal';
import type { ShutdownGate } from './shutdownGate';
import type { CrashPoints } from './crashPoints';
import type { PartnerReferrals } from '../people/partnerReferrals';

export interface BotParts {
  storage: Storage;
  conversationState: ConversationState;
  userState: UserState;
  translator: Translator;
  config: Pick<Config, 'DEFAULT_LANGUAGE' | 'STATE_RETENTION_DAYS' | 'TRANSCRIPT_RETENTION_DAYS'> & Partial<Pick<Config, 'PRIVACY_CONTROLLER' | 'PRIVACY_CONTACT' | 'ROUTE_LINKS'>>;
  recognizer: Recognizer;
  handoffs: HandoffService;
  funnel: FunnelRecorder;
  /** The outcome funnel's steps (no person in them); the bot counts "started". */
  outcomes?: OutcomeRecorder;
  people: PeopleIndex;
  /** Each person's selection journey: started by the intake's result, told by "where am I?". */
  journeys?: Journeys;
  /** "stop reminders" / "start reminders"; without, those words are no command. */
  reminders?: ReminderSwitch;
  /** The mentor talk: slots offered and booked from the chat (erased with the person). */
  talks?: MentorTalks;
  /** The referral to a partner: the chat's yes or no to sharing a summary (erased with the person). */
  partners?: PartnerReferrals;
  /** The talent pool: consent to follow-up and the check-ins (erased with the person by the composition's holders). */
  pool?: PoolKeeper;
  /** Other places that hold data on people, erased with them (transcripts, …). */
  holders?: PersonDataHolder[];
  /** The erasure to use; by default one over state, queue, people index and `holders`. */
  eraser?: PersonEraser;
  now?: () => Date;
  /** Called when a turn runs again after losing its save to another turn (for the metrics). */
  onTurnRetry?: () => void;
  /** Install and removal events of channels that send them (Teams). */
  installation?: InstallationEvents;
  /** Where each turn's handled mark and replies are written with its state; by default in memory. */
  journal?: TurnJournal;
  /** Closed at shutdown: turns not yet written are abandoned at their write. */
  gate?: ShutdownGate;
  /** Called when a saved turn's replies could not all go out now (they are delivered later). */
  onUndelivered?: (context: TurnContext, error?: Error) => void;
  crashPoints?: CrashPoints;
  /** Keeps the questions the FAQ could not answer well, for staff. */
  unanswered?: UnansweredRecorder;
}

/** Erasure over state, the mentor queue, the index of people and whatever else holds data on people. */
/** The periods the privacy texts promise, each from the setting that really removes that data. */
export function retentionDays(config: Pick<Config, 'STATE_RETENTION_DAYS' | 'TRANSCRIPT_RETENTION_DAYS'>): RetentionDays {
  return { answerDays: config.STATE_RETENTION_DAYS, chatDays: config.TRANSCRIPT_RETENTION_DAYS };
}

export function createPersonEraser(
  storage: Storage,
  /** Erases the person's handoffs and tells open consoles (the same `erased` event whoever asked). */
  handoffs: Pick<HandoffService, 'erasePerson'>,
  people: PeopleIndex,
  holders: PersonDataHolder[] = [],
  locks?: ConversationLocks,
  afterErasure?: () => Promise<AppendOnlyFilePlan>,
): PersonEraser {
  return new PersonEraser(
    storage,
    [{ erase: async (p) => void (await handoffs.erasePerson(p.channelId, p.userId)) }, { erase: (p) => people.remove(p.channelId, p.userId) }, ...holders],
    locks,
    afterErasure,
  );
}

/** The bot with its dialogs, over the given state; shared by the server, the terminal chat and tests. */
export function createBot(parts: BotParts): VitBot {
  const person = parts.userState.createProperty<PersonRecord>(PERSON_PROPERTY);
  const holders = [...(parts.holders ?? []), ...(parts.journeys ? [parts.journeys.holder] : []), ...(parts.talks ? [parts.talks.holder] : []), ...(parts.partners ? [parts.partners.holder] : [])];
  const eraser = parts.eraser ?? createPersonEraser(parts.storage, parts.handoffs, parts.people, holders);
  const lexicon = new Lexicon(parts.translator);
  const dialog = new MainDialog({
    translator: parts.translator,
    lexicon,
    recognizer: parts.recognizer,
    person,
    session: parts.conversationState.createProperty<SessionState>('session'),
    erasure: eraser,
    mentors: new MentorRequests(parts.handoffs, person, parts.config.DEFAULT_LANGUAGE),
    funnel: new AfterSaveFunnel(parts.funnel), // a step that runs again must not count again
    outcomes: parts.outcomes && new AfterSaveOutcomes(parts.outcomes),
    unanswered: parts.unanswered,
    defaultLanguage: parts.config.DEFAULT_LANGUAGE,
    retention: retentionDays(parts.config),
    privacy:
      parts.config.PRIVACY_CONTROLLER && parts.config.PRIVACY_CONTACT
        ? { controller: parts.config.PRIVACY_CONTROLLER, contact: parts.config.PRIVACY_CONTACT }
        : undefined,
    routeLinks: parts.config.ROUTE_LINKS,
    journeys: parts.journeys,
    reminders: parts.reminders,
    talks: parts.talks,
    partners: parts.partners,
    pool: parts.pool,
    now: parts.now ?? (() => new Date()),
  });
  const relay = new HandoffRelay(parts.handoffs, lexicon, parts.translator, parts.config.DEFAULT_LANGUAGE, {
    person,
    leaveAsked: parts.conversationState.createProperty<boolean>('leaveAsked'),
  });
  return new VitBot({
    conversationState: parts.conversationState,
    userState: parts.userState,
    person,
    dialog,
    eraser,
    relay,
    funnel: parts.funnel,
    people: parts.people,
    journeys: parts.journeys,
    defaultLanguage: parts.config.DEFAULT_LANGUAGE,
    now: parts.now ?? (() => new Date()),
    turns: new ConditionalTurn({
      storage: parts.storage,
      journal: parts.journal,
      states: [parts.conversationState, parts.userState],
      onRetry: parts.onTurnRetry,
      onUndelivered: parts.onUndelivered,
      gate: parts.gate,
      crashPoints: parts.crashPoints,
    }),
    installation: parts.installation,
    voice: new VoiceConfirmation(
      parts.conversationState.createProperty<PendingVoice | undefined>('voiceNote'),
      parts.handoffs.queue,
      parts.translator,
      lexicon,
      parts.now ?? (() => new Date()),
    ),
  });
}
