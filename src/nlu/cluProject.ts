import { FAQ_TOPICS, isFaqTopic } from '../domain/faqTopics';
import { CLU_LANGUAGES } from './cluRecognizer';
import { Example, NONE_INTENT } from './trainingExamples';

/** CLU's language codes for ours (English is "en-us" there). */
const CLU_CODE: Record<string, string> = { nl: 'nl', en: 'en-us', ar: 'ar', tr: 'tr', fa: 'fa' };

/**
 * The examples as a CLU project to import (Conversation project, format 2022-10-01-preview /
 * API 2023-04-01): one intent per FAQ topic, "None" for the examples that belong nowhere. Tigrinya
 * examples are left out (CLU does not support it) and so are commands (the bot matches those itself).
 */
export function buildCluProject(examples: Example[], projectName: string) {
  const utterances = examples
    .filter((e) => CLU_LANGUAGES.has(e.lang) && (isFaqTopic(e.intent) || e.intent === NONE_INTENT))
    .map((e) => ({ text: e.text, language: CLU_CODE[e.lang], intent: e.intent === NONE_INTENT ? 'None' : e.intent, dataset: 'Train' }));
  return {
    projectFileVersion: '2022-10-01-preview',
    stringIndexType: 'Utf16CodeUnit',
    metadata: {
      projectKind: 'Conversation',
      projectName,
      multilingual: true,
      description: 'VIT Wegwijzer FAQ topics, exported from the examples in locales/',
      language: 'nl',
      settings: { confidenceThreshold: 0 },
    },
    assets: {
      projectKind: 'Conversation',
      intents: [...FAQ_TOPICS.map((category) => ({ category })), { category: 'None' }],
      entities: [],
      utterances,
    },
  };
}
