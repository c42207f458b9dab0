import { WhatsAppPerson } from '../support/fakeGraph';
import { appOnWhatsApp } from '../support/appSuites';
import { tr } from '../support/intakeScript';

/*
 * On WhatsApp (signed webhooks, a fake Graph API): saying Dutch is hard keeps the chat in the
 * person's language; asking to go on in Dutch, in a long sentence, switches to it.
 */
describe('naming Dutch on WhatsApp', () => {
  const wa = appOnWhatsApp();

  it('"my Dutch is weak" at the Arabic menu is answered in Arabic; "mag ik in het nederlands verder?" then switches to Dutch', async () => {
    const person = new WhatsAppPerson(wa.app.url, wa.graph);
    await person.say('مرحبا');
    await person.tap(tr('ar', 'language:names.ar'));
    await person.tap(tr('ar', 'consent:agree'));
    const weak = await person.say('لغتي الهولندية ضعيفة');
    const said = weak.map((m) => m.text?.body ?? m.interactive?.body?.text).join('\n');
    expect(said).not.toContain(tr('nl', 'language:changed'));
    // The menu's list button stays Arabic: the chat did not move to Dutch.
    expect(weak.filter((m) => m.interactive?.type === 'list').map((m) => m.interactive.action.button)).not.toContain(tr('nl', 'common:buttons.choose'));
    expect(said).toMatch(/[\u0600-\u06FF]/);

    const asked = await person.say('mag ik in het nederlands verder?');
    expect(asked[0].text?.body ?? asked[0].interactive?.body?.text).toContain(tr('nl', 'language:changed'));
  });
});
