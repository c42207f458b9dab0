import { parseWebhook, withPersonKey } from '../../src/channels/whatsapp/inbound';
import { splitText, splitForBody, toGraphMessages, uniqueTitles, cut, LIMITS } from '../../src/channels/whatsapp/outbound';
import { signatureFor, verifySignature } from '../../src/channels/whatsapp/signature';
import { metaWebhook, textMessage, buttonReply, listReply, PHONE_NUMBER_ID } from '../support/fakeGraph';

describe('WhatsApp signature', () => {
  it('accepts the right HMAC of the raw bytes and nothing else', () => {
    const raw = Buffer.from('{"text":"سلام"}');
    expect(verifySignature(raw, signatureFor(raw, 's3cret'), 's3cret')).toBe(true);
    expect(verifySignature(raw, signatureFor(raw, 'other'), 's3cret')).toBe(false);
    expect(verifySignature(Buffer.from('{"text":"\\u0633\\u0644\\u0627\\u0645"}'), signatureFor(raw, 's3cret'), 's3cret')).toBe(false); // same JSON, other bytes
    expect(verifySignature(raw, undefined, 's3cret')).toBe(false);
    expect(verifySignature(raw, 'sha1=abc', 's3cret')).toBe(false);
    expect(verifySignature(raw, 'sha256=zz', 's3cret')).toBe(false);
  });
});

describe('incoming WhatsApp messages', () => {
  const one = (message: Record<string, unknown>) => parseWebhook(metaWebhook(message, '31612345678', 'Amina'), 'bot').messages[0];

  it('makes text, tapped buttons and list rows into text, with the BSUID as the stable person id', () => {
    expect(one(textMessage('hallo')).activity).toMatchObject({
      type: 'message',
      channelId: 'whatsapp',
      text: 'hallo',
      from: { id: 'NL.31612345678', name: 'Amina', role: 'user' },
      conversation: { id: 'whatsapp:NL.31612345678' },
    });
    expect(one(buttonReply('Ja, akkoord', 'Ja, akkoord')).activity.text).toBe('Ja, akkoord');
    expect(one(listReply('B1')).activity.text).toBe('B1');
    expect(one(textMessage('x')).address).toEqual({ phone: '31612345678', bsuid: 'NL.31612345678' });
  });

  it('makes voice notes, pictures, stickers, documents, locations and contacts into attachments without text', () => {
    expect(one({ type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', voice: true } }).activity).toMatchObject({ text: undefined, attachments: [{ contentType: 'audio/ogg; codecs=opus', name: 'voice note' }] });
    // With its media id, so the bot can listen and a mentor can play it.
    expect(one({ type: 'audio', audio: { id: '1037543291543636', mime_type: 'audio/ogg; codecs=opus', voice: true } }).activity.attachments).toEqual([
      { contentType: 'audio/ogg; codecs=opus', name: 'voice note', content: { mediaId: '1037543291543636' } },
    ]);
    expect(one({ type: 'image', image: { mime_type: 'image/jpeg' } }).activity.attachments).toEqual([{ contentType: 'image/jpeg', name: 'image' }]);
    expect(one({ type: 'sticker', sticker: {} }).activity.attachments?.[0].contentType).toBe('image/webp');
    expect(one({ type: 'document', document: { mime_type: 'application/pdf' } }).activity.attachments?.[0].contentType).toBe('application/pdf');
    expect(one({ type: 'location', location: { latitude: 52.1, longitude: 5.1 } }).activity.attachments?.[0].contentType).toBe('application/vnd.whatsapp.location');
    expect(one({ type: 'contacts', contacts: [{}, {}] }).activity.attachments?.[0]).toEqual({ contentType: 'application/vnd.whatsapp.contacts', content: { count: 2 } });
  });

  it('reads a person with a hidden number by their BSUID, records statuses, and skips system messages', () => {
    const body = {
      entry: [
        {
          changes: [
            {
              value: {
                contacts: [{ user_id: 'NL.998877', profile: { name: 'S' } }],
                messages: [
                  { from_user_id: 'NL.998877', id: 'wamid.1', type: 'text', text: { body: 'hoi' } },
                  { from: '316', id: 'wamid.2', type: 'system', system: { body: 'changed number' } },
                ],
                statuses: [{ id: 'wamid.out1', status: 'delivered' }, { id: 'wamid.out2', status: 'failed', errors: [{ code: 131047 }] }],
              },
            },
          ],
        },
      ],
    };
    const batch = parseWebhook(body, 'bot');
    expect(batch.messages.map((m) => [m.personKey, m.address])).toEqual([['NL.998877', { phone: undefined, bsuid: 'NL.998877' }]]);
    expect(batch.statuses).toEqual([{ messageId: 'wamid.out1', status: 'delivered', errorCode: undefined }, { messageId: 'wamid.out2', status: 'failed', errorCode: 131047 }]);
    expect(parseWebhook({ nonsense: true }, 'bot')).toEqual({ messages: [], statuses: [], ignored: 0 });
  });
});

describe('what the bot leaves unanswered', () => {
  const parse = (message: Record<string, unknown>, options?: { phoneNumberId?: string }) => parseWebhook(metaWebhook(message, '31612345678', 'Amina', options), 'bot', PHONE_NUMBER_ID);

  it('ignores reactions, welcome requests and notices, but answers media and what WhatsApp could not pass on', () => {
    expect(parse({ type: 'reaction', reaction: { message_id: 'wamid.out1', emoji: '👍' } })).toMatchObject({ messages: [], ignored: 1 });
    expect(parse({ type: 'request_welcome' })).toMatchObject({ messages: [], ignored: 1 });
    expect(parse({ type: 'system', system: { body: 'changed number' } })).toMatchObject({ messages: [], ignored: 1 });
    expect(parse({ type: 'unsupported', errors: [{ code: 131051 }] }).messages[0].activity.attachments).toEqual([{ contentType: 'application/vnd.whatsapp.unsupported', name: undefined }]);
    expect(parse({ type: 'video', video: { mime_type: 'video/mp4' } }).messages[0].activity.attachments).toEqual([{ contentType: 'video/mp4', name: 'video' }]);
  });

  it('leaves messages to another business number of the same Meta app alone', () => {
    expect(parse(textMessage('hoi'), { phoneNumberId: '999' })).toEqual({ messages: [], statuses: [], ignored: 1 });
    expect(parse(textMessage('hoi')).messages).toHaveLength(1);
  });

  it('moves a message to the person key seen first, so the conversation goes on', () => {
    const message = parseWebhook(metaWebhook(textMessage('hoi'), '31612345678'), 'bot').messages[0];
    const moved = withPersonKey(message, '31612345678');
    expect(moved.personKey).toBe('31612345678');
    expect(moved.activity).toMatchObject({ from: { id: '31612345678', name: 'Amina' }, conversation: { id: 'whatsapp:31612345678' }, text: 'hoi' });
    expect(moved.address).toEqual({ phone: '31612345678', bsuid: 'NL.31612345678' });
    expect(withPersonKey(message, message.personKey)).toBe(message);
  });
});

describe('outgoing WhatsApp messages', () => {
  it('splits long text at sentence ends, each piece within 4,096 characters', () => {
    const sentence = 'Dit is een zin van ongeveer vijftig tekens lang. ';
    const text = sentence.repeat(92); // ≈ 4,500
    const pieces = splitText(text);
    expect(pieces).toHaveLength(2);
    for (const p of pieces) expect([...p].length).toBeLessThanOrEqual(LIMITS.text);
    expect(pieces[0].endsWith('.')).toBe(true);
    expect(pieces.join(' ')).toBe(text.trim());
    expect(splitText('x'.repeat(5000)).map((p) => p.length)).toEqual([4096, 904]);
  });

  it('makes up to three choices reply buttons with titles cut to 20, keeping the full value as id', () => {
    const [message] = toGraphMessages(
      { text: 'Ga je akkoord?', suggestedActions: { to: [], actions: ['Ja, akkoord', 'Lees meer', 'Nee, liever helemaal niet'].map((v) => ({ type: 'imBack', title: v, value: v })) } },
      'Kies',
    );
    expect(message).toEqual({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Ga je akkoord?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'Ja, akkoord', title: 'Ja, akkoord' } },
            { type: 'reply', reply: { id: 'Lees meer', title: 'Lees meer' } },
            { type: 'reply', reply: { id: 'Nee, liever helemaal niet', title: 'Nee, liever helemaa…' } },
          ],
        },
      },
    });
  });

  it('makes more choices a list of at most ten rows, long titles shown whole underneath', () => {
    const actions = Array.from({ length: 12 }, (_, i) => ({ type: 'imBack', title: i === 0 ? 'Een heel lange keuze die niet past' : `Keuze ${i}`, value: `v${i}` }));
    const [message] = toGraphMessages({ text: 'Kies er een', suggestedActions: { to: [], actions } }, 'Kies');
    const list = (message.interactive as any).action;
    expect(list.button).toBe('Kies');
    expect(list.sections[0].rows).toHaveLength(10);
    expect(list.sections[0].rows[0]).toEqual({ id: 'v0', title: 'Een heel lange keuze di…', description: 'Een heel lange keuze die niet past' });
    expect(list.sections[0].rows[1]).toEqual({ id: 'v1', title: 'Keuze 1' });
  });

  it('sends text longer than an interactive body first, the last part with the buttons', () => {
    const text = `${'Eerste deel van een lang bericht. '.repeat(40)}Kies nu.`;
    const messages = toGraphMessages({ text, suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Ja', value: 'Ja' }] } }, 'Kies');
    expect(messages.map((m) => m.type)).toEqual(['text', 'interactive']);
    expect([...((messages[1].interactive as any).body.text as string)].length).toBeLessThanOrEqual(LIMITS.body);
    expect(cut('ሰላም ሰላም ሰላም', 5)).toBe('ሰላም…');
  });

  it('sends 4,500 characters with buttons as two messages: the first up to 4,096, the last a body up to 1,024', () => {
    const text = `${'Dit is een zin van ongeveer vijftig tekens lang. '.repeat(90)}Wil je verder?`;
    expect([...text].length).toBeGreaterThan(4400);
    const messages = toGraphMessages({ text, suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Ja', value: 'Ja' }] } }, 'Kies');
    expect(messages.map((m) => m.type)).toEqual(['text', 'interactive']);
    const first = (messages[0].text as any).body as string;
    const body = (messages[1].interactive as any).body.text as string;
    expect([...first].length).toBeLessThanOrEqual(LIMITS.text);
    expect([...body].length).toBeLessThanOrEqual(LIMITS.body);
    expect(body.endsWith('Wil je verder?')).toBe(true);
    expect(`${first} ${body}`).toBe(text.trim());
  });

  it('cuts an over-long last piece at a sentence start, and text without spaces anywhere', () => {
    const pieces = splitForBody(`${'a'.repeat(1500)}. Kies maar.`, 1024, 4096);
    expect(pieces).toEqual([`${'a'.repeat(1500)}.`, 'Kies maar.']);
    const blob = splitForBody('x'.repeat(3000), 1024, 4096);
    expect(blob.map((p) => p.length)).toEqual([1976, 1024]);
  });

  it('keeps titles apart that cutting made equal, and list row ids within 200 characters', () => {
    expect(uniqueTitles(['Informatica opleiding A', 'Informatica opleiding B', 'Kort'], 20)).toEqual(['Informatica opleidi…', 'Informatica oplei… 2', 'Kort']);
    const same = 'Een keuze met een heel lange naam';
    const [buttons] = toGraphMessages({ text: 'Kies', suggestedActions: { to: [], actions: [same + ' 1', same + ' 2'].map((v) => ({ type: 'imBack', title: v, value: v })) } }, 'Kies');
    const titles = (buttons.interactive as any).action.buttons.map((b: any) => b.reply.title as string);
    expect(new Set(titles).size).toBe(2);
    for (const title of titles) expect([...title].length).toBeLessThanOrEqual(LIMITS.buttonTitle);

    const actions = Array.from({ length: 5 }, (_, i) => ({ type: 'imBack', title: `Keuze ${i}`, value: `${i}${'v'.repeat(300)}` }));
    const [list] = toGraphMessages({ text: 'Kies', suggestedActions: { to: [], actions } }, 'Kies');
    for (const row of (list.interactive as any).action.sections[0].rows) expect([...row.id].length).toBeLessThanOrEqual(200);
  });
});
