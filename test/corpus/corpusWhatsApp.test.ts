import { WhatsAppPerson } from '../support/fakeGraph';
import { appOnWhatsApp } from '../support/appSuites';
import { DIALOGUES } from './dialogues';
import { replay, until } from './replay';
import { appSettled } from '../support/runningApps';

const here = DIALOGUES.filter((d) => d.channel === 'whatsapp');

describe('the dialogue corpus on WhatsApp (signed webhooks, fake Graph API)', () => {
  const wa = appOnWhatsApp();

  it.each(here.map((d, i) => [d.name, d, i] as const))('%s', async (_name, dialogue, i) => {
    const person = new WhatsAppPerson(wa.app.url, wa.graph, `3161000${String(i).padStart(4, '0')}`);
    await replay(dialogue, {
      say: async (text, expected) => {
        const before = person.mine().length;
        await person.say(text);
        await until(() => person.texts(before).some((t) => t.includes(expected)));
        await appSettled(wa.app.url); // the turn has ended: all its messages are in
        // At most two messages a turn: one text, one with the choices.
        if (person.mine().length - before > 2) throw new Error(`${dialogue.name}\n  said: ${text}\n  got ${person.mine().length - before} messages:\n    ${person.texts(before).join('\n    ')}`);
        return person.texts(before);
      },
    });
  });
});
