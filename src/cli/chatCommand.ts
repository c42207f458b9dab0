import readline from 'node:readline';
import { ActivityTypes, ConversationState, MemoryStorage, TurnContext, UserState, Activity } from 'botbuilder';
import { createBot } from '../bot/createBot';
import { PERSON_PROPERTY } from '../storage/botStateKeys';
import { createTranslator } from '../i18n/translator';
import { Language } from '../i18n/languages';
import type { PersonRecord } from '../domain/person';
import { LocalAdapter } from './localAdapter';
import type { Config } from '../config';
import { createLogger } from '../logger';
import pino from 'pino';
import { createHandoffs } from '../handoff/createHandoffs';
import { createRecordKeeping } from '../people/createRecordKeeping';
import { ProactiveMessenger } from '../bot/proactiveMessenger';
import { createEmbeddedRecognizer } from '../nlu/createFaqRecognizer';

export interface ChatOptions {
  config: Config;
  language?: Language;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
}

/**
 * `vit-bot chat`: the real bot and dialogs in the terminal, on in-memory state. Buttons are shown
 * numbered; typing the number taps the button. Ends at the end of input (Ctrl-D).
 */
export async function runChat(options: ChatOptions): Promise<void> {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  let buttons: string[] = [];
  const write = (line: string) => options.output.write(`${line}\n`);
  const adapter = new LocalAdapter({
    locale: options.language,
    onReply: (activity: Partial<Activity>) => {
      if (activity.text) write(`VIT Wegwijzer: ${activity.text.replace(/\n/g, '\n               ')}`);
      const actions = activity.suggestedActions?.actions ?? [];
      if (actions.length > 0) {
        buttons = actions.map((a) => String(a.value ?? a.title));
        write(`   ${actions.map((a, i) => `${i + 1}) ${a.title}`).join('   ')}`);
      }
    },
  });

  const translator = createTranslator();
  const config = { ...options.config, DEFAULT_LANGUAGE: options.language ?? options.config.DEFAULT_LANGUAGE };
  const logger = createLogger('error', pino.destination(2));
  const handoffs = createHandoffs({ config, messenger: new ProactiveMessenger({ default: adapter }, ''), translator, logger });
  const records = createRecordKeeping(config, undefined, logger);
  const bot = createBot({
    storage,
    conversationState,
    userState,
    translator,
    recognizer: createEmbeddedRecognizer(),
    config,
    handoffs: handoffs.service,
    funnel: records.funnel,
    outcomes: records.outcomeSteps,
    people: records.people,
    journeys: records.journeys,
    talks: records.talks,
  });

  if (options.language) {
    // --lang: the person has chosen already; the bot starts in that language without asking.
    await adapter.receive({ type: ActivityTypes.Event, name: 'presetLanguage' }, async (context: TurnContext) => {
      await userState.createProperty<PersonRecord>(PERSON_PROPERTY).set(context, { language: options.language });
      await userState.saveChanges(context);
    });
  }
  const run = (context: TurnContext) => bot.run(context);
  await adapter.receive({ type: ActivityTypes.ConversationUpdate, membersAdded: [adapter.reference.user!] }, run);

  const rl = readline.createInterface({ input: options.input, terminal: false });
  const prompt = () => options.interactive && options.output.write('> ');
  prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text) await adapter.receive({ type: ActivityTypes.Message, text: tappedButton(text, buttons) ?? text }, run);
    prompt();
  }
  await handoffs.close();
}

/** A typed number taps that button, unless the buttons are numbers themselves (then "2" means 2). */
function tappedButton(text: string, buttons: string[]): string | undefined {
  if (!/^\d{1,2}$/.test(text) || buttons.some((b) => /^\d+$/.test(b))) return undefined;
  return buttons[Number(text) - 1];
}
