import nock from 'nock';
import { CluRecognizer, SdkCluClient } from '../../src/nlu/cluRecognizer';
import { createLogger } from '../../src/logger';
import { LogCapture } from '../support/testApp';
import { recognizer as embedded } from '../support/chatDriver';

const ENDPOINT = 'https://vit-test.cognitiveservices.azure.com';
const PATH = '/language/:analyze-conversations';

function cluAnswer(topIntent: string, confidence: number) {
  return {
    kind: 'ConversationResult',
    result: {
      query: 'x',
      prediction: {
        projectKind: 'Conversation',
        topIntent,
        intents: [
          { category: topIntent, confidence },
          { category: 'None', confidence: 0.01 },
        ],
        entities: [],
      },
    },
  };
}

function makeRecognizer(timeoutMs = 500) {
  const logs = new LogCapture();
  const client = new SdkCluClient({ endpoint: ENDPOINT, key: 'test-key', project: 'vit-faq', deployment: 'production' });
  return { logs, recognizer: new CluRecognizer(client, embedded(), { timeoutMs, minConfidence: 0.7 }, createLogger('info', logs)) };
}

describe('CLU recognizer (Azure stubbed at the HTTP level)', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('asks CLU with the project, deployment, language and key, and takes its topic', async () => {
    let body: Record<string, any> = {};
    const scope = nock(ENDPOINT, { reqheaders: { 'ocp-apim-subscription-key': 'test-key' } })
      .post(PATH, (b) => ((body = b), true))
      .query({ 'api-version': '2023-04-01' })
      .reply(200, cluAnswer('costs', 0.93));
    const { recognizer } = makeRecognizer();
    const result = await recognizer.recognize('moet ik betalen', 'nl');
    expect(result).toEqual({ topic: 'costs', command: null, confidence: 0.93, bestGuess: 'costs', source: 'clu' });
    expect(body).toMatchObject({
      kind: 'Conversation',
      analysisInput: { conversationItem: { text: 'moet ik betalen', language: 'nl' } },
      parameters: { projectName: 'vit-faq', deploymentName: 'production' },
    });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['401 (wrong key)', () => nock(ENDPOINT).post(PATH).query(true).reply(401, { error: { code: '401', message: 'Access denied' } })],
    ['429 (throttled), without retrying', () => nock(ENDPOINT).post(PATH).query(true).once().reply(429, { error: { code: '429' } }, { 'Retry-After': '1' })],
    ['a malformed body', () => nock(ENDPOINT).post(PATH).query(true).reply(200, { kind: 'ConversationResult', result: { query: 'x' } })],
    ['a body that is not JSON', () => nock(ENDPOINT).post(PATH).query(true).reply(200, '<html>gateway</html>', { 'Content-Type': 'text/html' })],
    ['low confidence', () => nock(ENDPOINT).post(PATH).query(true).reply(200, cluAnswer('costs', 0.4))],
    ['an intent that is no topic', () => nock(ENDPOINT).post(PATH).query(true).reply(200, cluAnswer('None', 0.95))],
  ])('falls back to the embedded recognizer on %s', async (_name, stub) => {
    const scope = stub();
    const { recognizer, logs } = makeRecognizer();
    const result = await recognizer.recognize('do i have to pay for the training', 'en');
    expect(result.source).toBe('embedded');
    expect(scope.isDone()).toBe(true);
    expect(logs.text).not.toContain('pay for the training');
  });

  it('falls back when CLU does not answer in time', async () => {
    const scope = nock(ENDPOINT).post(PATH).query(true).delay(2000).reply(200, cluAnswer('costs', 0.99));
    const { recognizer, logs } = makeRecognizer(150);
    const started = Date.now();
    const result = await recognizer.recognize('is it free', 'en');
    expect(result.source).toBe('embedded');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(logs.lines[0]).toMatchObject({ level: 'warn', clu: 'no answer within 150 ms' });
    expect(scope.isDone()).toBe(true);
  });

  it('never asks CLU for Tigrinya, which it does not support', async () => {
    const { recognizer } = makeRecognizer();
    const result = await recognizer.recognize('ክንደይ ይኽፈል', 'ti');
    expect(result.source).toBe('embedded');
    expect(nock.pendingMocks()).toEqual([]);
  });
});
