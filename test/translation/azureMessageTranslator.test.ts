import nock from 'nock';
import { AzureMessageTranslator } from '../../src/translation/azureMessageTranslator';
import { createLogger } from '../../src/logger';
import { LogCapture } from '../support/testApp';

const ENDPOINT = 'https://api.cognitive.microsofttranslator.com';
const SAID = 'أريد أن أعمل في تكنولوجيا المعلومات';
const SAID_NL = 'Ik wil in de IT werken';

function translator(timeoutMs = 2000) {
  const logs = new LogCapture();
  return { logs, client: new AzureMessageTranslator({ key: 'translator-key', region: 'westeurope', endpoint: `${ENDPOINT}/`, logger: createLogger('info', logs), timeoutMs }) };
}

const HEADERS = { reqheaders: { 'ocp-apim-subscription-key': 'translator-key', 'ocp-apim-subscription-region': 'westeurope' } };

describe('Azure AI Translator (Text Translation v3.0)', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it('posts the texts with key and region, detecting the language, and reads each translation with the language found', async () => {
    let sent: unknown;
    const scope = nock(ENDPOINT, HEADERS)
      .post('/translate', (body: unknown) => ((sent = body), true))
      .query({ 'api-version': '3.0', to: 'nl' })
      .reply(200, [
        { detectedLanguage: { language: 'ar', score: 1 }, translations: [{ text: SAID_NL, to: 'nl' }] },
        { detectedLanguage: { language: 'en', score: 0.9 }, translations: [{ text: 'Dank je', to: 'nl' }] },
      ]);
    const { client, logs } = translator();
    await expect(client.translate([SAID, 'Thank you'], 'nl')).resolves.toEqual({ ok: true, items: [{ text: SAID_NL, from: 'ar' }, { text: 'Dank je', from: 'en' }] });
    expect(sent).toEqual([{ Text: SAID }, { Text: 'Thank you' }]);
    expect(scope.isDone()).toBe(true);
    expect(logs.text).not.toContain(SAID);
    expect(logs.text).not.toContain(SAID_NL);
  });

  it('names the source language when told (Tigrinya), and sends nothing for no texts', async () => {
    const scope = nock(ENDPOINT, HEADERS).post('/translate').query({ 'api-version': '3.0', to: 'nl', from: 'ti' }).reply(200, [{ translations: [{ text: 'Goedemorgen', to: 'nl' }] }]);
    const { client } = translator();
    await expect(client.translate([], 'nl', 'ti')).resolves.toEqual({ ok: true, items: [] });
    await expect(client.translate(['ደሓን ሓዲርኩም'], 'nl', 'ti')).resolves.toEqual({ ok: true, items: [{ text: 'Goedemorgen' }] });
    expect(scope.isDone()).toBe(true);
  });

  it('splits many texts over several requests, in order', async () => {
    const texts = Array.from({ length: 150 }, (_, i) => `bericht ${i}`);
    const seen: number[] = [];
    nock(ENDPOINT, HEADERS)
      .post('/translate')
      .query(true)
      .times(2)
      .reply(200, (_uri, body) => {
        const items = body as Array<{ Text: string }>;
        seen.push(items.length);
        return items.map((item) => ({ detectedLanguage: { language: 'nl' }, translations: [{ text: item.Text.replace('bericht', 'message'), to: 'en' }] }));
      });
    const { client } = translator();
    const result = await client.translate(texts, 'en');
    expect(seen).toEqual([100, 50]);
    expect(result.ok && result.items.map((i) => i.text)).toEqual(texts.map((t) => t.replace('bericht', 'message')));
  });

  it.each([
    [401, 401000, 'The request is not authorized because credentials are missing or invalid.'],
    [403, 403001, 'The operation is not allowed because the subscription has exceeded its free quota.'],
    [429, 429000, 'The server rejected the request because the client has exceeded request limits.'],
    [500, 500000, 'An unexpected error occurred.'],
    [503, 503000, 'Service is temporarily unavailable.'],
  ])('fails (nothing half-translated) on HTTP %i, logging the status and Azure’s code only', async (status, code, message) => {
    nock(ENDPOINT).post('/translate').query(true).reply(status, { error: { code, message: `${message} ${SAID}` } });
    const { client, logs } = translator();
    await expect(client.translate([SAID], 'nl')).resolves.toEqual({ ok: false, reason: 'failed' });
    const line = logs.lines.find((l) => l.msg === 'Azure Translator refused a translation');
    expect(line?.translator).toEqual({ status, code });
    expect(logs.text).not.toContain(SAID);
  });

  it('fails on an error answer that is not JSON', async () => {
    nock(ENDPOINT).post('/translate').query(true).reply(502, '<html>Bad gateway</html>');
    const { client } = translator();
    await expect(client.translate([SAID], 'nl')).resolves.toEqual({ ok: false, reason: 'failed' });
  });

  it.each([
    ['not JSON', '{"translations": ['],
    ['an object, not a list', JSON.stringify({ translations: [{ text: SAID_NL, to: 'nl' }] })],
    ['one result for two texts', JSON.stringify([{ translations: [{ text: SAID_NL, to: 'nl' }] }])],
    ['an empty translation', JSON.stringify([{ translations: [{ text: '', to: 'nl' }] }, { translations: [{ text: 'x', to: 'nl' }] }])],
    ['no translations', JSON.stringify([{ detectedLanguage: { language: 'ar' } }, { translations: [] }])],
  ])('fails on a malformed body (%s) rather than show or send it', async (_what, body) => {
    nock(ENDPOINT).post('/translate').query(true).reply(200, body, { 'Content-Type': 'application/json' });
    const { client, logs } = translator();
    await expect(client.translate([SAID, 'Thank you'], 'nl')).resolves.toEqual({ ok: false, reason: 'failed' });
    expect(logs.text).not.toContain(SAID_NL);
  });

  it('gives up after its timeout and says so', async () => {
    nock(ENDPOINT).post('/translate').query(true).delay(1500).reply(200, [{ translations: [{ text: SAID_NL, to: 'nl' }] }]);
    const { client, logs } = translator(100);
    await expect(client.translate([SAID], 'nl')).resolves.toEqual({ ok: false, reason: 'timeout' });
    expect(logs.lines.some((l) => l.msg === 'Azure Translator did not answer in time')).toBe(true);
  });

  it('fails when Azure cannot be reached', async () => {
    nock(ENDPOINT).post('/translate').query(true).replyWithError('getaddrinfo ENOTFOUND api.cognitive.microsofttranslator.com');
    const { client, logs } = translator();
    await expect(client.translate([SAID], 'nl')).resolves.toEqual({ ok: false, reason: 'failed' });
    expect(logs.lines.some((l) => l.msg === 'Azure Translator could not be reached')).toBe(true);
  });
});
