import { buildCluProject } from '../../src/nlu/cluProject';
import { collectExamples, commandIntent, Example, NONE_INTENT } from '../../src/nlu/trainingExamples';
import { FAQ_TOPICS } from '../../src/domain/faqTopics';
import path from 'node:path';
import { readLocaleResources } from '../../src/i18n/localeResources';
import { PROJECT_ROOT } from '../../src/projectRoot';

describe('buildCluProject', () => {
  const examples: Example[] = [
    { intent: 'what-is-vit', text: 'Wat is VIT?', lang: 'nl' },
    { intent: 'what-is-vit', text: 'What is VIT?', lang: 'en' },
    { intent: 'what-is-vit', text: 'ቪአይቲ እንታይ እዩ?', lang: 'ti' },
    { intent: NONE_INTENT, text: 'Hoe laat is het?', lang: 'nl' },
    { intent: commandIntent('menu'), text: 'menu', lang: 'nl' },
    { intent: 'not-a-topic', text: 'iets anders', lang: 'nl' },
  ];
  const project = buildCluProject(examples, 'vit-faq');

  it('is a multilingual Conversation project named as asked', () => {
    expect(project).toMatchObject({
      projectFileVersion: '2022-10-01-preview',
      stringIndexType: 'Utf16CodeUnit',
      metadata: { projectKind: 'Conversation', projectName: 'vit-faq', multilingual: true, language: 'nl' },
      assets: { projectKind: 'Conversation', entities: [] },
    });
  });

  it('has one intent per FAQ topic and "None"', () => {
    expect(project.assets.intents).toEqual([...FAQ_TOPICS.map((category) => ({ category })), { category: 'None' }]);
  });

  it('trains on the topics and "none" in the languages CLU knows (English as en-us), without Tigrinya, commands or unknown intents', () => {
    expect(project.assets.utterances).toEqual([
      { text: 'Wat is VIT?', language: 'nl', intent: 'what-is-vit', dataset: 'Train' },
      { text: 'What is VIT?', language: 'en-us', intent: 'what-is-vit', dataset: 'Train' },
      { text: 'Hoe laat is het?', language: 'nl', intent: 'None', dataset: 'Train' },
    ]);
  });

  it('exports every example of the real locales with a language and an intent the project has', () => {
    const real = buildCluProject(collectExamples(readLocaleResources(path.join(PROJECT_ROOT, 'locales'))), 'vit-faq');
    const intents = new Set(real.assets.intents.map((i) => i.category));
    expect(real.assets.utterances.length).toBeGreaterThan(100);
    for (const utterance of real.assets.utterances) {
      expect(intents).toContain(utterance.intent);
      expect(['nl', 'en-us', 'ar', 'tr', 'fa']).toContain(utterance.language);
    }
  });
});
