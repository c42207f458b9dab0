import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Logger } from '../logger';
import type { Translator } from '../i18n/translator';
import type { Recognizer } from '../nlu/recognizer';
import type { LocaleResources } from '../i18n/localeResources';
import type { GraphClientOptions } from '../channels/whatsapp/graphClient';
import type { SpeechToText } from '../speech/speechToText';
import type { CrashPoints } from '../bot/crashPoints';
import type { TimedJobs } from '../jobs/timedJobs';
import type { MessageTranslator } from '../translation/messageTranslator';

/** What a caller of buildApp may give instead of what the config says (tests, the CLI, benchmarks). */
export interface AppOptions {
  logger: Logger;
  translator?: Translator;
  /** The FAQ recognizer; by default the embedded one (CLU in front of it when configured). */
  recognizer?: Recognizer;
  /** Locale resources (defaults to locales/ on disk). */
  resources?: LocaleResources;
  /** Also export Node process metrics (off in tests, where many apps share one process). */
  processMetrics?: boolean;
  /** Back-off timings for the Graph API (tests shorten Meta's waits). */
  whatsAppGraph?: Pick<GraphClientOptions, 'baseDelayMs' | 'pairRateDelayMs'>;
  /**
   * How Bot Framework requests are authenticated; by default from the app id in the config. Tests
   * give one that trusts a loopback token issuer, so Teams traffic runs authenticated as in production.
   */
  botAuthentication?: BotFrameworkAuthentication;
  /** How often kept WhatsApp messages are swept and how long one waits before another instance takes it (tests shorten both). */
  whatsAppInbox?: { sweepMs?: number; idleMs?: number; maxDeliveries?: number };
  /** How long fetching and transcribing a voice note may take together (tests shorten it). */
  voiceTimeoutMs?: number;
  /** Speech to text; by default Azure AI Speech when SPEECH_KEY and SPEECH_REGION are set, else none. */
  speech?: SpeechToText;
  /** Machine translation in the console; by default Azure AI Translator when the TRANSLATOR_ settings are there, else off. */
  messageTranslator?: MessageTranslator;
  /** How long one translation may take before the mentor is told it was not translated (tests shorten it). */
  translationTimeoutMs?: number;
  /** The clock mentors' idleness is measured by ("away" after a while); tests move it. */
  mentorClock?: () => Date;
  /** The timed jobs (reminders, …); by default BullMQ with Redis, else in memory. Tests give a memory one they drive. */
  timedJobs?: TimedJobs;
  /** The clock of the talent pool's check-ins (when one is due, the next one planned); tests move it with the timed jobs' clock. */
  poolClock?: () => Date;
  /** The clock WhatsApp's 24-hour window is reckoned on (when the person last wrote); tests move it with the pool's. */
  whatsAppClock?: () => Date;
  /** Test-only points where the process kills itself mid-turn (see crashPointsFromEnv). */
  crashPoints?: CrashPoints;
}

export const DAY_SECONDS = 24 * 60 * 60;
