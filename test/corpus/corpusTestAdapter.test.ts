import { ChatDriver } from '../support/chatDriver';
import { DIALOGUES } from './dialogues';
import { replay } from './replay';

const here = DIALOGUES.filter((d) => d.channel === 'test');

describe('the dialogue corpus on the terminal/test adapter', () => {
  it.each(here.map((d) => [d.name, d] as const))('%s', async (_name, dialogue) => {
    const chat = new ChatDriver();
    await replay(dialogue, {
      say: async (text) => (await chat.say(text)).map((a) => a.text ?? ''),
    });
  });
});
