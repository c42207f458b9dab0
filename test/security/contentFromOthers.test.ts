import { parseWebhook } from '../../src/channels/whatsapp/inbound';
import { renderForTeams } from '../../src/channels/teams/teamsRendering';
import { escapeCardMarkdown } from '../../src/channels/teams/cardMarkdown';
import { handoffCard, MentorTexts } from '../../src/channels/teams/handoffCardContent';
import type { HandoffRecord } from '../../src/domain/handoff';
import { translator } from '../support/chatDriver';
import { FakeGraph, deliver, whatsAppEnv, wamid, PHONE_NUMBER_ID } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import { waitFor } from '../support/consoleClient';
import { handoffRecord } from '../support/handoffRecord';
import { appSettled } from '../support/runningApps';

/**
 * Items 9 and 10 of the security review, replayed: a WhatsApp message without its own entry in
 * `contacts` was credited to the first contact of the batch (Yasmin's text ran in Xavier's
 * conversation), and a newcomer's text reached a mentor's Teams chat as Markdown (a disguised link).
 */
const XAVIER = '31611111111';
const YASMIN = '31622222222';

/** One webhook with two senders, only the first of them in `contacts` (Meta may send it so). */
function twoSenders() {
  const now = String(Math.floor(Date.now() / 1000));
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '31850000000', phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: 'Xavier' }, wa_id: XAVIER, user_id: `NL.${XAVIER}` }],
              messages: [
                { from: XAVIER, id: wamid(XAVIER, `X${Date.now()}`), timestamp: now, type: 'text', text: { body: 'hoi' } },
                { from: YASMIN, id: wamid(YASMIN, `Y${Date.now()}`), timestamp: now, type: 'text', text: { body: 'hallo' } },
              ],
            },
          },
        ],
      },
    ],
  };
}

describe('content from other people', () => {
  it('credits a WhatsApp message only to its own sender, without a name when it has no contact entry', () => {
    const [xavier, yasmin] = parseWebhook(twoSenders(), 'bot').messages;
    expect(xavier).toMatchObject({ personKey: `NL.${XAVIER}`, profileName: 'Xavier', activity: { conversation: { id: `whatsapp:NL.${XAVIER}` } } });
    expect(yasmin).toMatchObject({ personKey: YASMIN, address: { phone: YASMIN, bsuid: undefined }, profileName: undefined });
    expect(yasmin.activity).toMatchObject({ from: { id: YASMIN, name: '' }, conversation: { id: `whatsapp:${YASMIN}` } });
  });

  it('answers each of the two senders in their own conversation', async () => {
    const graph = await new FakeGraph().start();
    const { url, stop } = await startTestApp(whatsAppEnv(graph));
    try {
      expect((await deliver(url, twoSenders())).status).toBe(200);
      // Each gets the greeting with the language list, in one message.
      await waitFor(() => graph.sent().filter((m) => m.to === YASMIN).length >= 1 && graph.sent().filter((m) => m.to === XAVIER).length >= 1, 'both greeted');
      await appSettled(url);
      expect(graph.sent().filter((m) => m.to === YASMIN)).toHaveLength(1);
      expect(graph.sent().filter((m) => m.to === XAVIER)).toHaveLength(1);
    } finally {
      await stop();
      await graph.stop();
    }
  });

  it('sends a plain text to Teams as plain text, so a Markdown link stays visible as what it is', () => {
    const text = 'Amina: [Verify your VIT account](https://phish.example/login) *now*';
    expect(renderForTeams({ type: 'message', text, textFormat: 'plain' })).toMatchObject({ text, textFormat: 'plain' });
    // The bot's own texts are still Markdown.
    expect(renderForTeams({ type: 'message', text: 'Hi *Amina*' })).toMatchObject({ text: 'Hi **Amina**', textFormat: 'markdown' });
  });
});

describe('a newcomer\u2019s words in the handoff cards of the mentors\u2019 channel', () => {
  const phishing = '[Verify your VIT account](https://phish.example/login)';
  const texts = new MentorTexts(translator(), 'en');
  const handoff = (overrides: Partial<HandoffRecord> = {}): HandoffRecord =>
    handoffRecord({ person: { channelId: 'whatsapp', userId: 'NL.31612345678', firstName: phishing }, ...overrides });

  it('escapes every Markdown character, and list markers only at a line start', () => {
    expect(escapeCardMarkdown(phishing)).toBe('\\[Verify your VIT account\\]\\(https://phish.example/login\\)');
    expect(escapeCardMarkdown('*bold* _it_ `code` # x \\ ~s~')).toBe('\\*bold\\* \\_it\\_ \\`code\\` \\# x \\\\ \\~s\\~');
    expect(escapeCardMarkdown('- a\n+ b\n  12. c\nA-B 3.5 +1')).toBe('\\- a\n\\+ b\n  12\\. c\nA-B 3.5 +1');
    expect(escapeCardMarkdown('Amina')).toBe('Amina');
  });

  it('shows a phishing link in the name, the intake answers and the notice as literal text in the card JSON', () => {
    const card = handoffCard(
      handoff({ intake: { answers: { education: phishing, hoursPerWeek: '[x](https://phish.example)', dutchLevel: '*a2*' }, completed: false } as HandoffRecord['intake'] }),
      texts,
      { notice: texts.t('chat.whoTitle', { name: texts.cardName(handoff()) }) },
    );
    const json = JSON.stringify(card);
    // Only escaped brackets and parentheses are left: no `[…](…)` that Markdown would turn into a link.
    expect(json).not.toMatch(/(?<!\\\\)\[[^\]]*(?<!\\\\)\]\s*(?<!\\\\)\(/);
    expect(json).not.toContain('](https://');
    const facts = (card.body as Array<{ type: string; facts?: Array<{ value: string }> }>).filter((b) => b.type === 'FactSet').flatMap((b) => b.facts ?? []);
    expect(facts.map((f) => f.value)).toEqual(
      expect.arrayContaining([escapeCardMarkdown(phishing), '\\*A2\\*', expect.stringContaining('\\[x\\]\\(https://phish.example\\)')]),
    );
    const notice = (card.body[0] as { text: string }).text;
    expect(notice).toContain(escapeCardMarkdown(phishing));
    // The plain text of the same notice keeps the name as it is (plain text shows no Markdown).
    expect(texts.t('chat.whoTitle', { name: texts.personName(handoff()) })).toContain(phishing);
  });

  it('keeps a name or answer like {{DATE(…)}} or {{TIME(…)}} as typed: no card date or time function is left in the card', () => {
    const dateName = '{{DATE(2026-01-01T00:00:00Z)}}';
    const timeAnswer = '{{TIME(2026-01-01T00:00:00Z, SHORT)}} {{{DATE(2026-02-02T00:00:00Z,LONG)}}}';
    const card = handoffCard(
      handoff({ person: { channelId: 'whatsapp', userId: 'NL.31612345678', firstName: dateName }, intake: { answers: { education: timeAnswer }, completed: false } as HandoffRecord['intake'] }),
      texts,
      { notice: texts.t('chat.whoTitle', { name: texts.cardName(handoff({ person: { channelId: 'whatsapp', userId: 'NL.31612345678', firstName: dateName } })) }) },
    );
    const json = JSON.stringify(card);
    // Teams looks for `{{DATE(` and `{{TIME(`: only the card's own "waiting since" (the handoff's time) is left.
    const functions = [...json.matchAll(/\{\{\s*(DATE|TIME)\s*\(([^,)]*)/gi)].map((m) => m[2]);
    expect(functions).toEqual(['2026-12-06T10:15:30Z', '2026-12-06T10:15:30Z']);
    const visible = (text: string) => text.replace(/\u200b/g, '').replace(/\\(.)/g, '$1');
    const facts = (card.body as Array<{ type: string; facts?: Array<{ value: string }> }>).filter((b) => b.type === 'FactSet').flatMap((b) => b.facts ?? []);
    // What the reader sees is what the newcomer typed (the zero-width space shows as nothing).
    expect(facts.map((f) => visible(f.value))).toEqual(expect.arrayContaining([dateName, timeAnswer]));
    expect(visible((card.body[0] as { text: string }).text)).toContain(dateName);
    expect(escapeCardMarkdown('{a} {{b}}')).toBe('{a} {\u200b{b}}');
  });

  it('escapes a mentor\u2019s name in the card\u2019s status line too', () => {
    const card = handoffCard(handoff({ status: 'active', mentor: { id: 'm', firstName: '[Bo](https://x.example)' } } as Partial<HandoffRecord>), texts);
    expect(JSON.stringify(card)).toContain(JSON.stringify(escapeCardMarkdown('[Bo](https://x.example)')).slice(1, -1));
  });
});
