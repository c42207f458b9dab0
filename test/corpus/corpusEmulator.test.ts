import { emulatorMessage } from '../support/fakeConnector';
import { postActivity } from '../support/testApp';
import { appOnEmulator } from '../support/appSuites';
import { DIALOGUES } from './dialogues';
import { replay, until } from './replay';

const here = DIALOGUES.filter((d) => d.channel === 'emulator');

describe('the dialogue corpus over the Emulator protocol (HTTP, fake connector)', () => {
  const emu = appOnEmulator();

  it.each(here.map((d, i) => [d.name, d, i] as const))('%s', async (_name, dialogue, i) => {
    const conversationId = `corpus-${i}`;
    await replay(dialogue, {
      say: async (text, expected) => {
        const before = emu.connector.repliesIn(conversationId).length;
        const response = await postActivity(emu.app.url, emulatorMessage(emu.connector.url, text, { conversation: { id: conversationId }, from: { id: `person-${i}`, name: 'Newcomer', role: 'user' } }));
        expect(response.status).toBe(200);
        const texts = () => emu.connector.repliesIn(conversationId).slice(before).map((a) => a.text ?? '');
        await until(() => texts().some((t) => t.includes(expected)));
        return texts();
      },
    });
  });
});
