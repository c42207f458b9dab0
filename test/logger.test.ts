import { createLogger, createPseudonymizer } from '../src/logger';
import { LogCapture } from './support/testApp';

describe('logging', () => {
  it('hides message text, names, phone numbers and free-text answers wherever they sit', () => {
    const logs = new LogCapture();
    const logger = createLogger('info', logs);
    logger.info({
      text: 'ik heet Amina',
      activity: { text: 'mijn nummer 0612345678', from: { id: 'u', name: 'Amina Haddad' } },
      contact: { wa_id: '31612345678', phone: '+31612345678', profile: { name: 'Amina' } },
      profile: { firstName: 'Amina', motivation: 'ik wil programmeren', municipality: 'Zwolle' },
      channel: 'whatsapp',
    }, 'turn');
    const line = logs.text;
    for (const secret of ['Amina', '0612345678', '31612345678', 'programmeren', 'Zwolle']) expect(line).not.toContain(secret);
    expect(logs.lines[0]).toMatchObject({ level: 'info', channel: 'whatsapp', text: '[redacted]', msg: 'turn' });
  });

  it('hides them at any depth, in lists and in a WhatsApp payload, and keeps the rest', () => {
    const logs = new LogCapture();
    const logger = createLogger('info', logs);
    logger.info({
      ctx: { activity: { from: { id: '31612345678', name: 'Amina' }, conversation: { id: 'c1' } } },
      payload: { entry: [{ changes: [{ value: { messages: [{ from: '31687654321', text: { body: 'hallo' } }] } }] }] },
      msgs: [{ from: '31699999999' }],
      req: { headers: { authorization: 'Bearer abc.def', cookie: 'vit_session=xyz', 'user-agent': 'test' } },
      deep: { a: { b: { c: { d: { e: { phone: '+31611111111', kept: 'yes' } } } } } },
      status: 'ok',
    }, 'webhook');
    for (const secret of ['31612345678', 'Amina', '31687654321', 'hallo', '31699999999', 'abc.def', 'xyz', '31611111111']) {
      expect(logs.text).not.toContain(secret);
    }
    expect(logs.lines[0]).toMatchObject({
      status: 'ok',
      ctx: { activity: { conversation: { id: 'c1' } } },
      req: { headers: { 'user-agent': 'test' } },
      deep: { a: { b: { c: { d: { e: { kept: 'yes' } } } } } },
    });
  });

  it('keeps an error message and survives a cycle', () => {
    const logs = new LogCapture();
    const logger = createLogger('info', logs);
    const looped: Record<string, unknown> = { channel: 'emulator' };
    looped.self = looped;
    logger.error({ err: new Error('connector said 500'), looped }, 'turn failed');
    expect(logs.lines[0]).toMatchObject({ err: { message: 'connector said 500' }, looped: { channel: 'emulator', self: '[redacted]' } });
  });

  it('gives one stable, short pseudonym per id, different per secret', () => {
    const a = createPseudonymizer('one');
    const b = createPseudonymizer('two');
    expect(a('31612345678')).toBe(a('31612345678'));
    expect(a('31612345678')).toMatch(/^[0-9a-f]{12}$/);
    expect(a('31612345678')).not.toBe(b('31612345678'));
    expect(a(undefined)).toBeUndefined();
  });
});
