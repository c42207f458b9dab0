import { FakeConnector, emulatorMessage } from '../support/fakeConnector';
import { FakeGraph, WhatsAppPerson, deliver, metaWebhook, whatsAppEnv, wamid } from '../support/fakeGraph';
import { LogCapture, postActivity, startTestApp } from '../support/testApp';
import { waitFor } from '../support/consoleClient';
import { createLogger, redactPersonalText } from '../../src/logger';
import { routeConsoleToLogger } from '../../src/consoleLogging';

/**
 * Items 7 and 8 of the security review, replayed: internal error text reached HTTP answers
 * ("TypeError: entries.flatMap is not a function" on a signed malformed webhook), botbuilder printed
 * stack traces outside the redacting logger, and a Graph API error quoting a phone number was logged
 * as it was.
 */
const INTERNALS = /TypeError|is not a function|Cannot read|undefined|at .*\.js/;

describe('error answers and logs', () => {
  let graph: FakeGraph;
  let connector: FakeConnector;
  beforeAll(async () => {
    graph = await new FakeGraph().start();
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await graph.stop();
    await connector.stop();
  });

  it.each([
    ['entry is an object', { entry: {} }],
    ['entry is text', { entry: 'x' }],
    ['changes is a number', { entry: [{ changes: 5 }] }],
    ['messages is an object', { entry: [{ changes: [{ value: { metadata: { phone_number_id: '106540352242922' }, messages: { id: 1 } } }] }] }],
    ['a message without id', { entry: [{ changes: [{ value: { metadata: { phone_number_id: '106540352242922' }, messages: [{ type: 'text' }], contacts: 'x' } }] }] }],
    ['null', null],
  ])('answers a signed malformed webhook (%s) without internals, and handles nothing', async (_name, body) => {
    const { url, stop, logs } = await startTestApp(whatsAppEnv(graph));
    try {
      const sent = graph.sent().length;
      const response = await deliver(url, body);
      const text = await response.text();
      expect(text).not.toMatch(INTERNALS);
      expect([200, 400]).toContain(response.status);
      expect(graph.sent()).toHaveLength(sent);
      expect(logs.text).not.toMatch(/TypeError/);
    } finally {
      await stop();
    }
  });

  it.each([
    ['no conversation', { conversation: null }],
    ['a conversation without id', { conversation: {} }],
    ['no from', { from: null }],
    ['a text that is an object', { text: { a: 1 } }],
  ])('answers an /api/messages activity with %s without internals', async (_name, overrides) => {
    const { url, stop } = await startTestApp();
    try {
      const response = await postActivity(url, { ...emulatorMessage(connector.url, 'hoi'), ...overrides });
      const text = await response.text();
      expect(text).not.toMatch(INTERNALS);
      if (response.status >= 500) expect(JSON.parse(text)).toEqual({ error: 'internal', message: 'internal error' });
    } finally {
      await stop();
    }
  });

  it('logs a Graph API error that quotes a phone number, an e-mail address and a message id without them', async () => {
    const { url, stop, logs } = await startTestApp(whatsAppEnv(graph), { whatsAppGraph: { baseDelayMs: 5, pairRateDelayMs: 20 } });
    try {
      const person = new WhatsAppPerson(url, graph);
      const id = wamid(person.phone, 'X1');
      graph.failNext(400, 100, `Invalid parameter: recipient +${person.phone} (${id}) unknown; write to amina.haddad@example.org`, 5);
      const response = await deliver(url, metaWebhook({ type: 'text', text: { body: 'hoi' } }, person.phone));
      expect(response.status).toBe(200);
      await waitFor(() => logs.lines.some((l) => l.level === 'error' || l.level === 'warn'), 'the failure logged');
      for (const secret of [person.phone, id, id.slice(6, 30), 'amina.haddad@example.org']) expect(logs.text).not.toContain(secret);
      expect(logs.text).toMatch(/\[phone\]|\[wamid\]|\[email\]|\[redacted\]/);
    } finally {
      await stop();
    }
  });

  it('routes what libraries print to the console through the redacting logger, one line each', () => {
    const logs = new LogCapture();
    const restore = routeConsoleToLogger(createLogger('info', logs));
    try {
      const error = new Error('token for 31612345678 expired');
      console.error(error);
      console.warn('BadRequest: Missing activity or activity type.\nsecond line');
      console.error("(node:123) [DEP0111] DeprecationWarning: Access to process.binding('http_parser') is deprecated.");
    } finally {
      restore();
    }
    expect(logs.lines).toHaveLength(3);
    expect(logs.lines[2]).toMatchObject({ level: 'warn', source: 'console' });
    expect(logs.lines[0]).toMatchObject({ level: 'error', source: 'console', msg: 'Error: token for [phone] expired', err: { message: 'token for [phone] expired' } });
    expect(logs.lines[1]).toMatchObject({ level: 'warn', msg: 'BadRequest: Missing activity or activity type.' });
    expect(logs.text).not.toContain('31612345678');
  });

  it('leaves ids alone whose groups happen to be all digits, and still redacts a number beside them', () => {
    // About one random UUID in 43 starts with eight digits; it used to come out as "[phone]-5a16-…".
    const handoff = '14176612-5a16-4c3e-9f00-123456789012';
    expect(redactPersonalText(`handoff ${handoff} taken`)).toBe(`handoff ${handoff} taken`);
    expect(redactPersonalText(`handoff ${handoff} for 31612345678, 06-12345678`)).toBe(`handoff ${handoff} for [phone], 06-[phone]`);
  });
});
