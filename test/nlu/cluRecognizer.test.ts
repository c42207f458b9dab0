import nock from 'nock';
import { CluRecognizer, SdkCluClient } from '../../src/nlu/cluRecognizer';
import { createLogger } from '../../src/logger';
import { LogCapture, testConfig } from '../support/testApp';
import { createRecognizer } from '../../src/nlu/createFaqRecognizer';
import { EmbeddedRecognizer } from '../../src/nlu/embeddedRecognizer';
import { recognizer as embedded } from '../support/chatDriver';

// Takes nock's interceptor off http when the file is done, before Jest clears the file's globals: the
// interceptor left behind was read after that clean-up (Jest's globalsCleanup warning).
afterAll(() => nock.restore());

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
  afterEach(() => {
    // A delayed reply that nobody waits for any more would keep its timer (and Jest) alive.
    nock.abortPendingRequests();
    nock.cleanAll();
  });
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
    ['401 (wrong key)', () => nock(ENDPOINT).post(PATH).query(true).reply(401, { error: { code: '401', message: 'Access denied' } }), 'warn'],
    ['a malformed body', () => nock(ENDPOINT).post(PATH).query(true).reply(200, { kind: 'ConversationResult', result: { query: 'x' } }), 'warn'],
    ['a body that is not JSON', () => nock(ENDPOINT).post(PATH).query(true).reply(200, '<html>gateway</html>', { 'Content-Type': 'text/html' }), 'warn'],
    ['low confidence', () => nock(ENDPOINT).post(PATH).query(true).reply(200, cluAnswer('privacy', 0.4)), 'quiet'],
    ['an intent that is no topic', () => nock(ENDPOINT).post(PATH).query(true).reply(200, cluAnswer('None', 0.95)), 'quiet'],
    ['an intent the bot does not know', () => nock(ENDPOINT).post(PATH).query(true).reply(200, cluAnswer('Weather', 0.95)), 'quiet'],
  ])('falls back to the embedded recognizer on %s, with its topic', async (_name, stub, logged) => {
    const scope = stub();
    const { recognizer, logs } = makeRecognizer();
    const result = await recognizer.recognize('do i have to pay for the training', 'en');
    expect(result).toMatchObject({ topic: 'costs', command: null, source: 'embedded' });
    expect(scope.isDone()).toBe(true);
    if (logged === 'warn') expect(logs.lines).toEqual([expect.objectContaining({ level: 'warn', clu: expect.any(String) })]);
    else expect(logs.lines).toEqual([]);
    expect(logs.text).not.toContain('pay for the training');
  });

  it('falls back on 429 (throttled) without retrying', async () => {
    const throttled = { error: { code: '429' } };
    const scope = nock(ENDPOINT).post(PATH).query(true).reply(429, throttled, { 'Retry-After': '0' }).post(PATH).query(true).reply(429, throttled, { 'Retry-After': '0' });
    const { recognizer, logs } = makeRecognizer();
    const result = await recognizer.recognize('do i have to pay for the training', 'en');
    expect(result).toMatchObject({ topic: 'costs', source: 'embedded' });
    expect(scope.pendingMocks()).toHaveLength(1);
    expect(logs.lines).toEqual([expect.objectContaining({ level: 'warn', clu: expect.stringContaining('429') })]);
  });

  it('falls back when CLU does not answer in time', async () => {
    const scope = nock(ENDPOINT).post(PATH).query(true).delay(1000).reply(200, cluAnswer('privacy', 0.99));
    const { recognizer, logs } = makeRecognizer(100);
    const result = await recognizer.recognize('is it free', 'en');
    expect(result).toMatchObject({ topic: 'costs', source: 'embedded' });
    expect(logs.lines).toEqual([expect.objectContaining({ level: 'warn', clu: 'no answer within 100 ms' })]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['chosen language Tigrinya', 'ክፍሊት ኣለዎ ዶ', 'ti'],
    ['Ge\'ez script typed with another chosen language', 'ክፍሊት ኣለዎ ዶ', 'nl'],
    ['Ge\'ez script among Latin letters', 'VIT ክፍሊት ኣለዎ ድዩ', 'en'],
  ] as const)('never asks CLU for Tigrinya (%s), which it does not support', async (_name, text, lng) => {
    const scope = nock(ENDPOINT).post(PATH).query(true).reply(200, cluAnswer('privacy', 0.99));
    const { recognizer, logs } = makeRecognizer();
    const result = await recognizer.recognize(text, lng);
    expect(result).toEqual(await embedded().recognize(text, lng));
    expect(result.source).toBe('embedded');
    if (lng !== 'en') expect(result.topic).toBe('costs');
    expect(scope.isDone()).toBe(false);
    expect(logs.lines).toEqual([]);
  });

  it('takes a command from the embedded recognizer before asking CLU, which knows no commands', async () => {
    const scope = nock(ENDPOINT).post(PATH).query(true).reply(200, cluAnswer('mentors', 0.97));
    const { recognizer } = makeRecognizer();
    const result = await recognizer.recognize('talk to a human', 'en');
    expect(result).toMatchObject({ topic: null, command: 'mentor', source: 'embedded' });
    expect(scope.isDone()).toBe(false);
  });

  it('still asks CLU when the embedded recognizer is sure of a topic', async () => {
    const scope = nock(ENDPOINT).post(PATH).query(true).reply(200, cluAnswer('privacy', 0.9));
    const { recognizer } = makeRecognizer();
    const result = await recognizer.recognize('is it free', 'en');
    expect(result).toMatchObject({ topic: 'privacy', source: 'clu' });
    expect(scope.isDone()).toBe(true);
  });
});

describe('createRecognizer', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());
  const logger = createLogger('info', new LogCapture());
  const clu = { CLU_ENDPOINT: ENDPOINT, CLU_KEY: 'test-key', CLU_PROJECT: 'vit-faq', CLU_DEPLOYMENT: 'production' };

  it('builds the embedded recognizer when CLU is not configured', () => {
    expect(createRecognizer(testConfig(), logger)).toBeInstanceOf(EmbeddedRecognizer);
  });

  it('builds the embedded recognizer when one of the four CLU settings is missing', () => {
    for (const missing of Object.keys(clu)) {
      const config = { ...testConfig(clu), [missing]: undefined };
      expect(createRecognizer(config, logger)).toBeInstanceOf(EmbeddedRecognizer);
    }
  });

  it('puts CLU in front of the embedded recognizer when all four are set', async () => {
    const recognizer = createRecognizer(testConfig(clu), logger);
    expect(recognizer).toBeInstanceOf(CluRecognizer);
    const scope = nock(ENDPOINT, { reqheaders: { 'ocp-apim-subscription-key': 'test-key' } })
      .post(PATH, (b) => b.parameters?.projectName === 'vit-faq' && b.parameters?.deploymentName === 'production')
      .query(true)
      .reply(500, { error: { code: 'InternalServerError' } });
    await expect(recognizer.recognize('hoeveel kost het', 'nl')).resolves.toMatchObject({ topic: 'costs', source: 'embedded' });
    expect(scope.isDone()).toBe(true);
  });
});
