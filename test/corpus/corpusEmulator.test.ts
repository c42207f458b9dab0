import { FakeConnector, emulatorMessage } from '../support/fakeConnector';
import { postActivity, startTestApp } from '../support/testApp';
import { DIALOGUES } from './dialogues';
import { replay, until } from './replay';

const here = DIALOGUES.filter((d) => d.channel === 'emulator');

describe('the dialogue corpus over the Emulator protocol (HTTP, fake connector)', () => {
  let connector: FakeConnector;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });

  it.each(here.map((d, i) => [d.name, d, i] as const))('%s', async (_name, dialogue, i) => {
    const conversationId = `corpus-${i}`;
    await replay(dialogue, {
      say: async (text, expected) => {
        const before = connector.repliesIn(conversationId).length;
        const response = await postActivity(app.url, emulatorMessage(connector.url, text, { conversation: { id: conversationId }, from: { id: `person-${i}`, name: 'Newcomer', role: 'user' } }));
        expect(response.status).toBe(200);
        const texts = () => connector.repliesIn(conversationId).slice(before).map((a) => a.text ?? '');
        await until(() => texts().some((t) => t.includes(expected)));
        return texts();
      },
    });
  });
});
