import { loadConfig } from '../../src/config';
import { ChatDriver } from '../support/chatDriver';
import { tr } from '../support/intakeScript';

describe('the controller and contact in the full privacy text', () => {
  it('names them when both are set', async () => {
    const chat = new ChatDriver(undefined, {}, undefined, undefined, {
      STATE_RETENTION_DAYS: 180,
      TRANSCRIPT_RETENTION_DAYS: 180,
      PRIVACY_CONTROLLER: 'Stichting VIT, Utrecht',
      PRIVACY_CONTACT: 'privacy@vit.example',
    });
    await chat.say('hello');
    await chat.tap(tr('en', 'language:names.en'));
    await chat.tap(tr('en', 'consent:more'));
    expect(chat.texts()[0]).toContain(tr('en', 'consent:controller', { controller: 'Stichting VIT, Utrecht', contact: 'privacy@vit.example' }));
  });

  it('the configuration takes both or none', () => {
    expect(loadConfig({ PRIVACY_CONTROLLER: 'Stichting VIT' })).toMatchObject({ ok: false, problems: [expect.stringContaining('PRIVACY_CONTROLLER and PRIVACY_CONTACT go together')] });
    expect(loadConfig({ PRIVACY_CONTACT: 'privacy@vit.example' })).toMatchObject({ ok: false });
    expect(loadConfig({ PRIVACY_CONTROLLER: 'Stichting VIT', PRIVACY_CONTACT: 'privacy@vit.example' })).toMatchObject({ ok: true });
  });
});
