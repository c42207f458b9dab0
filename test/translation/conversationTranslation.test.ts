import nock from 'nock';
import { ConversationTranslation } from '../../src/translation/conversationTranslation';
import { AzureMessageTranslator } from '../../src/translation/azureMessageTranslator';
import { MemoryTranslationCache } from '../../src/translation/translationCache';
import { createIdDigest } from '../../src/storage/idDigest';
import { createLogger } from '../../src/logger';
import { LogCapture } from '../support/testApp';

const ENDPOINT = 'https://api.cognitive.microsofttranslator.com';
const person = { channelId: 'whatsapp', userId: '31612345678' };

function translation() {
  const translator = new AzureMessageTranslator({ key: 'k', region: 'westeurope', endpoint: ENDPOINT, logger: createLogger('info', new LogCapture()) });
  return new ConversationTranslation({ translator, cache: new MemoryTranslationCache(86_400_000), digest: createIdDigest('test-secret-of-sixteen') });
}

describe('a conversation’s translations', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('leaves a message already in the mentor’s language as it is, and asks once for a text sent twice', async () => {
    let asked: unknown;
    nock(ENDPOINT)
      .post('/translate', (body) => ((asked = body), true))
      .query(true)
      .reply(200, [
        { detectedLanguage: { language: 'nl' }, translations: [{ text: 'Dank je wel', to: 'nl' }] },
        { detectedLanguage: { language: 'ar' }, translations: [{ text: 'Hallo', to: 'nl' }] },
      ]);
    const result = await translation().incoming(person, 'ar', [{ at: '1', text: 'Dank je wel' }, { at: '2', text: 'مرحبا' }, { at: '3', text: 'مرحبا' }, { at: '4', text: ' ' }], 'nl');
    expect(asked).toEqual([{ Text: 'Dank je wel' }, { Text: 'مرحبا' }]);
    expect(result).toEqual({
      ok: true,
      items: [
        { at: '1', source: 'Dank je wel', status: 'same-language', from: 'nl', lowerQuality: false },
        { at: '2', source: 'مرحبا', status: 'translated', text: 'Hallo', from: 'ar', lowerQuality: false },
        { at: '3', source: 'مرحبا', status: 'translated', text: 'Hallo', from: 'ar', lowerQuality: false },
      ],
    });
  });

  it('names Tigrinya as the source and marks its translations less reliable, both ways', async () => {
    nock(ENDPOINT).post('/translate').query({ 'api-version': '3.0', to: 'en', from: 'ti' }).reply(200, [{ translations: [{ text: 'Good morning', to: 'en' }] }]);
    nock(ENDPOINT).post('/translate').query({ 'api-version': '3.0', to: 'ti' }).reply(200, [{ detectedLanguage: { language: 'en' }, translations: [{ text: 'ሰላም', to: 'ti' }] }]);
    const conversation = translation();
    expect(await conversation.incoming(person, 'ti', [{ at: '1', text: 'ደሓን ሓዲርኩም' }], 'en')).toEqual({
      ok: true,
      items: [{ at: '1', source: 'ደሓን ሓዲርኩም', status: 'translated', text: 'Good morning', from: 'ti', lowerQuality: true }],
    });
    expect(await conversation.previewReply(person, 'Hello', 'ti')).toEqual({ ok: true, text: 'ሰላም', from: 'en', sameLanguage: false, lowerQuality: true });
    expect(await conversation.keptReply(person, 'Hello', 'ti')).toEqual({ text: 'ሰላም', from: 'en' });
    expect(await conversation.keptReply(person, 'Hello!', 'ti')).toBeUndefined();
  });

  it('says a reply written in the person’s language needs no translation', async () => {
    nock(ENDPOINT).post('/translate').query(true).reply(200, [{ detectedLanguage: { language: 'ar' }, translations: [{ text: 'مرحبا', to: 'ar' }] }]);
    expect(await translation().previewReply(person, 'مرحبا', 'ar')).toEqual({ ok: true, text: 'مرحبا', from: 'ar', sameLanguage: true, lowerQuality: false });
  });
});
