import type { Config } from '../config';
import { createLiveRecognizer, createRecognizer } from '../nlu/createFaqRecognizer';
import type { Recognizer } from '../nlu/recognizer';
import { createUnanswered, Unanswered } from '../people/createUnanswered';
import { createRecordKeeping, RecordKeeping } from '../people/createRecordKeeping';
import { readPersonRecord } from '../storage/botStateKeys';
import { createTranscripts, Transcripts } from '../bot/transcripts';
import { createConsoleParts } from '../console/createConsole';
import { createFaqAnswers, FaqAnswers } from '../storage/createFaqAnswers';
import type { AccountStore } from '../accounts/accountStore';
import type { ConsoleAuth } from '../console/consoleAuth';
import { createTranslation, Translation } from '../translation/createTranslation';
import type { AccountService } from '../accounts/accountService';
import type { TeamsLinkRequests } from '../accounts/teamsLinkRequests';
import type { AppOptions } from './appOptions';
import type { Infrastructure } from './infrastructure';

/** What is kept about people and for staff: numbers, index, audit, transcripts, unanswered questions, accounts. */
export interface Records {
  records: RecordKeeping;
  transcripts: Transcripts;
  unanswered: Unanswered;
  /** The FAQ recognizer; the embedded one learns the examples staff add to the unanswered questions. */
  recognizer: Recognizer;
  /** The console's accounts (mentors, staff, admins; Teams links) and its sign-in. */
  accounts: AccountStore;
  consoleAuth: ConsoleAuth;
  /** Account management (the accounts page; `vit-bot users` builds its own over the same stores). */
  accountService: AccountService;
  /** "link me" requests mentors send the bot in Teams, for the accounts page. */
  teamsLinkRequests: TeamsLinkRequests;
  /** Answers staff edited in the console, over the seed in locales/: the bot speaks with its translator. */
  faqAnswers: FaqAnswers;
  /** Two-way machine translation of a mentor's conversation, and the translations kept (erased with the person). */
  translation: Translation;
}

export function createRecords(config: Config, options: Pick<AppOptions, 'recognizer' | 'messageTranslator' | 'translationTimeoutMs'>, infra: Infrastructure): Records {
  const { redis, logger } = infra;
  // The embedded recognizer learns from staff's examples (not a recognizer a test gives).
  const embedded = options.recognizer ? undefined : createLiveRecognizer(infra.resources);
  const recordKeeping = createRecordKeeping(config, redis, logger, (p) => readPersonRecord(infra.storage, p));
  const consoleParts = createConsoleParts(config, recordKeeping.audit, redis);
  return {
    records: recordKeeping,
    transcripts: createTranscripts({ storage: infra.storage, redis, prefix: config.REDIS_KEY_PREFIX, retentionDays: config.TRANSCRIPT_RETENTION_DAYS, digest: infra.idDigest }),
    unanswered: createUnanswered({ config, redis, logger, recognizer: embedded, pseudonym: infra.pseudonym }),
    recognizer: options.recognizer ?? createRecognizer(config, logger, embedded),
    accounts: consoleParts.accounts,
    consoleAuth: consoleParts.auth,
    accountService: consoleParts.service,
    teamsLinkRequests: consoleParts.linkRequests,
    faqAnswers: createFaqAnswers({ config, redis, logger, translator: infra.translator }),
    translation: createTranslation(config, { redis, digest: infra.idDigest, logger }, { translator: options.messageTranslator, timeoutMs: options.translationTimeoutMs }),
  };
}
