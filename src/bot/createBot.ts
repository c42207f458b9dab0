import type { ConversationState, Storage, UserState } from 'botbuilder';
import type { Config } from '../config';
import type { Translator } from '../i18n/translator';
import type { PersonRecord } from '../domain/person';
import type { Recognizer } from '../nlu/recognizer';
import { Lexicon } from '../../dialogs/lexicon';
import { MainDialog } from '../../dialogs/mainDialog';
import type { SessionState } from '../../dialogs/dialogDeps';
import { PersonEraser } from './personEraser';
import { VitBot } from './vitBot';

/** The user-state property that holds the PersonRecord. */
export const PERSON_PROPERTY = 'person';

export interface BotParts {
  storage: Storage;
  conversationState: ConversationState;
  userState: UserState;
  translator: Translator;
  config: Pick<Config, 'DEFAULT_LANGUAGE' | 'STATE_RETENTION_DAYS'>;
  recognizer: Recognizer;
  now?: () => Date;
}

/** The bot with its dialogs, over the given state; shared by the server, the terminal chat and tests. */
export function createBot(parts: BotParts): VitBot {
  const person = parts.userState.createProperty<PersonRecord>(PERSON_PROPERTY);
  const eraser = new PersonEraser(parts.storage);
  const dialog = new MainDialog({
    translator: parts.translator,
    lexicon: new Lexicon(parts.translator),
    recognizer: parts.recognizer,
    person,
    session: parts.conversationState.createProperty<SessionState>('session'),
    erasure: eraser,
    defaultLanguage: parts.config.DEFAULT_LANGUAGE,
    retentionDays: parts.config.STATE_RETENTION_DAYS,
    now: parts.now ?? (() => new Date()),
  });
  return new VitBot(parts.conversationState, parts.userState, person, dialog, eraser);
}
