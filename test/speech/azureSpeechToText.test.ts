import nock from 'nock';
import { AzureSpeechToText } from '../../src/speech/azureSpeechToText';
import { createLogger } from '../../src/logger';
import { LogCapture } from '../support/testApp';
import { oggOpusSilence } from '../support/oggOpus';

const REGION_URL = 'https://westeurope.api.cognitive.microsoft.com';
const PATH = '/speechtotext/transcriptions:transcribe';
const audio = { bytes: oggOpusSilence(1), contentType: 'audio/ogg; codecs=opus' };

function speech(endpoint?: string) {
  const logs = new LogCapture();
  return { logs, client: new AzureSpeechToText({ key: 'speech-key', region: 'westeurope', endpoint, logger: createLogger('info', logs) }) };
}

/** The multipart body as the fast transcription API reads it: the audio part and the JSON definition. */
function parts(raw: string) {
  // nock hands over a body that is not valid UTF-8 (the audio) as hex.
  const body = /^[0-9a-f]+$/.test(raw) ? Buffer.from(raw, 'hex').toString('latin1') : raw;
  const definition = body.match(/name="definition"\r\n\r\n([^\r]*)\r\n/)?.[1];
  return { definition: definition ? JSON.parse(definition) : undefined, hasAudio: /name="audio"; filename="voice"\r\nContent-Type: audio\/ogg/.test(body) };
}

describe('Azure AI Speech fast transcription', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it('posts the audio with the locale of the person’s language and the key, and reads the combined text', async () => {
    let sent = { definition: undefined as unknown, hasAudio: false };
    const scope = nock(REGION_URL, { reqheaders: { 'ocp-apim-subscription-key': 'speech-key' } })
      .post(PATH, (body: string) => ((sent = parts(body)), true))
      .query({ 'api-version': '2024-11-15' })
      .reply(200, { durationMilliseconds: 1000, combinedPhrases: [{ text: 'أريد أن أعمل في IT' }], phrases: [] });
    const { client } = speech();
    await expect(client.transcribe(audio, 'ar', AbortSignal.timeout(5000))).resolves.toEqual({ ok: true, text: 'أريد أن أعمل في IT' });
    expect(scope.isDone()).toBe(true);
    expect(sent).toEqual({ definition: { locales: ['ar-SA'], profanityFilterMode: 'None' }, hasAudio: true });
  });

  it('asks the resource’s own endpoint when one is configured', async () => {
    const scope = nock('https://vit-speech.cognitiveservices.azure.com').post(PATH).query(true).reply(200, { combinedPhrases: [{ text: 'Ik woon in Utrecht.' }] });
    await expect(speech('https://vit-speech.cognitiveservices.azure.com/').client.transcribe(audio, 'nl', AbortSignal.timeout(5000))).resolves.toEqual({ ok: true, text: 'Ik woon in Utrecht.' });
    expect(scope.isDone()).toBe(true);
  });

  it('has no Tigrinya, and does not call Azure for it', async () => {
    const { client } = speech();
    expect(client.supports('ti')).toBe(false);
    expect(['nl', 'en', 'ar', 'tr', 'fa'].every((l) => client.supports(l as 'nl'))).toBe(true);
    await expect(client.transcribe(audio, 'ti', AbortSignal.timeout(5000))).resolves.toEqual({ ok: false, reason: 'unsupported-language' });
  });

  it('says no-speech when Azure heard nothing', async () => {
    nock(REGION_URL).post(PATH).query(true).reply(200, { durationMilliseconds: 1000, combinedPhrases: [], phrases: [] });
    await expect(speech().client.transcribe(audio, 'tr', AbortSignal.timeout(5000))).resolves.toEqual({ ok: false, reason: 'no-speech' });
  });

  it.each([
    ['401 (wrong key)', () => nock(REGION_URL).post(PATH).query(true).reply(401, { error: { code: '401', message: 'Access denied' } })],
    ['429 (too many requests)', () => nock(REGION_URL).post(PATH).query(true).reply(429, { error: { code: 'TooManyRequests' } })],
    ['a network error', () => nock(REGION_URL).post(PATH).query(true).replyWithError('socket hang up')],
  ])('fails kindly on %s, logging no word of what was said', async (_name, stub) => {
    stub();
    const { client, logs } = speech();
    await expect(client.transcribe(audio, 'fa', AbortSignal.timeout(5000))).resolves.toEqual({ ok: false, reason: 'failed' });
    expect(logs.lines.some((l) => l.level === 'warn')).toBe(true);
    expect(logs.text).not.toContain('speech-key');
  });

  it('gives up when the turn’s time is over (timeout), without waiting for Azure', async () => {
    nock(REGION_URL).post(PATH).query(true).delay(5_000).reply(200, { combinedPhrases: [{ text: 'te laat' }] });
    await expect(speech().client.transcribe(audio, 'nl', AbortSignal.timeout(100))).resolves.toEqual({ ok: false, reason: 'timeout' });
  });
});
