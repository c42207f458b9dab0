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

  it('gives one stable, short pseudonym per id, different per secret', () => {
    const a = createPseudonymizer('one');
    const b = createPseudonymizer('two');
    expect(a('31612345678')).toBe(a('31612345678'));
    expect(a('31612345678')).toMatch(/^[0-9a-f]{12}$/);
    expect(a('31612345678')).not.toBe(b('31612345678'));
    expect(a(undefined)).toBeUndefined();
  });
});
