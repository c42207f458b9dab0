import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { signatureFor } from '../../src/channels/whatsapp/signature';
import { waitFor } from './consoleClient';
import { appSettled } from './runningApps';

export interface GraphCall {
  path: string;
  body: Record<string, any>;
  authorization?: string;
  /** The message id the fake answered with (none for read receipts). */
  id?: string;
}

/**
 * Stands in for Meta's Graph API on loopback: records every POST to /<version>/<phone id>/messages
 * and answers like Meta does; `failNext` scripts errors (rate limits, a closed window) for the next calls.
 */
export class FakeGraph {
  readonly calls: GraphCall[] = [];
  private failures: Array<{ status: number; code: number; message: string; headers?: Record<string, string> }> = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v23.0`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  failNext(status: number, code: number, message = 'scripted failure', times = 1, headers?: Record<string, string>): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, code, message, headers });
  }

  /** How many scripted failures are still to come. */
  get pendingFailures(): number {
    return this.failures.length;
  }

  /** Ids the fake gave to sent messages, with what they carried. */
  sentWithIds(): Array<{ id: string; body: Record<string, any> }> {
    return this.calls.filter((c) => c.body.status !== 'read').map((c) => ({ id: c.id ?? '', body: c.body }));
  }

  /** Messages sent (not read receipts), in order. */
  sent(): Array<Record<string, any>> {
    return this.calls.map((c) => c.body).filter((b) => b.status !== 'read');
  }

  reads(): Array<Record<string, any>> {
    return this.calls.map((c) => c.body).filter((b) => b.status === 'read');
  }

  /** What a person would see: text bodies and interactive bodies, in order. */
  texts(): string[] {
    return this.sent().map((m) => m.text?.body ?? m.interactive?.body?.text ?? `[template ${m.template?.name}]`);
  }

  /** Media a person sent (voice notes), by media id, as Meta keeps it for the business number it was sent to. */
  private readonly media = new Map<string, { bytes: Uint8Array; mimeType: string; phoneNumberId: string; hang?: boolean }>();
  /** GET requests for media (metadata and downloads), with the token they carried. */
  readonly mediaRequests: Array<{ path: string; authorization?: string }> = [];

  /** Keeps a media file; `hang` makes its download never answer; `phoneNumberId` another business number's. */
  addMedia(id: string, bytes: Uint8Array, mimeType = 'audio/ogg; codecs=opus', options: { phoneNumberId?: string; hang?: boolean } = {}): void {
    this.media.set(id, { bytes, mimeType, phoneNumberId: options.phoneNumberId ?? PHONE_NUMBER_ID, hang: options.hang });
  }

  /** Meta's media endpoints: GET /<version>/<media id>?phone_number_id= gives a URL; GET on it the bytes (with the token). */
  private handleMedia(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    this.mediaRequests.push({ path: url.pathname + url.search, authorization: req.headers.authorization });
    const download = url.pathname.match(/^\/media-download\/(\w+)$/);
    const file = this.media.get(download?.[1] ?? url.pathname.split('/').pop() ?? '');
    if (req.headers.authorization !== 'Bearer test-token' || !file) {
      res.writeHead(download ? 404 : 400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Unsupported get request', type: 'GraphMethodException', code: 100 } }));
      return;
    }
    if (download) {
      if (file.hang) return; // never answers: the bot's timeout must end the wait
      res.writeHead(200, { 'Content-Type': file.mimeType.split(';')[0]!, 'Content-Length': String(file.bytes.byteLength) });
      res.end(Buffer.from(file.bytes));
      return;
    }
    const asked = url.searchParams.get('phone_number_id');
    if (asked && asked !== file.phoneNumberId) {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Media does not belong to this phone number', type: 'OAuthException', code: 100 } }));
      return;
    }
    const id = url.pathname.split('/').pop();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ messaging_product: 'whatsapp', url: `${new URL(this.url).origin}/media-download/${id}`, mime_type: file.mimeType, file_size: file.bytes.byteLength, id }));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method === 'GET') return this.handleMedia(req, res);
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const failure = this.failures.shift();
      res.setHeader('Content-Type', 'application/json');
      if (failure) {
        for (const [name, value] of Object.entries(failure.headers ?? {})) res.setHeader(name, value);
        res.writeHead(failure.status);
        res.end(JSON.stringify({ error: { message: failure.message, type: 'OAuthException', code: failure.code, fbtrace_id: 'x' } }));
        return;
      }
      const body = JSON.parse(data);
      const id = body.status === 'read' ? undefined : wamid(String(body.to ?? ''), `out${++this.counter}`);
      this.calls.push({ path: req.url ?? '', body, authorization: req.headers.authorization, id });
      res.writeHead(200);
      res.end(JSON.stringify(id ? { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] } : { success: true }));
    });
  }
}

let sequence = 0;

/**
 * A message id as Meta makes them: "wamid." and base64 of a small protobuf that holds the other
 * party's phone number and a random id. Erasure tests decode it: it names the person.
 */
export function wamid(phone: string, unique: string): string {
  const number = Buffer.from(phone);
  const id = Buffer.from(`${unique}${randomBytes(8).toString('hex')}`.toUpperCase().slice(0, 20).padEnd(20, '0'));
  return `wamid.${Buffer.concat([Buffer.from([0x1c, 0x18, number.length]), number, Buffer.from([0x15, 0x02, 0x00, 0x12, 0x18, id.length]), id, Buffer.from([0x00])]).toString('base64')}`;
}

export const PHONE_NUMBER_ID = '106540352242922';

/**
 * A webhook body as Meta sends it for one incoming message (Cloud API shapes, 2026: with the BSUID;
 * `bsuid: null` for the shape before Meta sent one).
 */
export function metaWebhook(
  message: Record<string, unknown>,
  from = '31612345678',
  name = 'Amina',
  options: { bsuid?: string | null; phoneNumberId?: string } = {},
): Record<string, unknown> {
  sequence++;
  const bsuid = options.bsuid === undefined ? `NL.${from}` : options.bsuid;
  return webhookBody({
    metadata: { display_phone_number: '31850000000', phone_number_id: options.phoneNumberId ?? PHONE_NUMBER_ID },
    contacts: [{ profile: { name }, wa_id: from, ...(bsuid ? { user_id: bsuid } : {}) }],
    messages: [{ from, id: wamid(from, `IN${Date.now()}${sequence}`), timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
  });
}

/** Meta's envelope around one change of the `messages` field. */
function webhookBody(value: Record<string, unknown>): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', ...value } }] }],
  };
}

export const textMessage = (body: string) => ({ type: 'text', text: { body } });
/** A voice note as WhatsApp sends it: OGG/Opus, with the media id to fetch it by. */
export const voiceMessage = (mediaId: string) => ({ type: 'audio', audio: { id: mediaId, mime_type: 'audio/ogg; codecs=opus', voice: true } });
export const buttonReply = (id: string, title = id) => ({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title } } });
export const listReply = (id: string, title = id) => ({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id, title, description: '' } } });

/** A delivery status callback for a message the bot sent, as Meta sends it. */
export function metaStatus(messageId: string, status: 'sent' | 'delivered' | 'read' | 'failed', recipient: string, errorCode?: number): Record<string, unknown> {
  return webhookBody({
    metadata: { display_phone_number: '31850000000', phone_number_id: PHONE_NUMBER_ID },
    statuses: [
      {
        id: messageId,
        status,
        timestamp: String(Math.floor(Date.now() / 1000)),
        recipient_id: recipient,
        ...(errorCode ? { errors: [{ code: errorCode, title: 'scripted', message: 'scripted', error_data: { details: 'scripted' } }] } : {}),
      },
    ],
  });
}

export const SECRET = 'test-app-secret';

/** The environment that turns the WhatsApp channel on, pointed at a fake Graph API. */
export function whatsAppEnv(graph: FakeGraph, extra: Record<string, string> = {}) {
  return {
    WHATSAPP_GRAPH_URL: graph.url,
    WHATSAPP_ACCESS_TOKEN: 'test-token',
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_VERIFY_TOKEN: 'verify-me',
    ...extra,
  };
}

/** Posts a webhook body as Meta would, signed unless `signature` is given ('' for none). */
export async function deliver(url: string, body: unknown, signature?: string): Promise<Response> {
  const raw = JSON.stringify(body);
  return fetch(`${url}/api/whatsapp`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(signature === '' ? {} : { 'X-Hub-Signature-256': signature ?? signatureFor(raw, SECRET) }) },
    body: raw,
  });
}

/** A person on WhatsApp: sends signed webhooks, reads what the fake Graph API received for them. */
export class WhatsAppPerson {
  constructor(
    private readonly url: string,
    private readonly graph: FakeGraph,
    readonly phone = `316${Math.floor(10_000_000 + Math.random() * 89_999_999)}`,
  ) {}

  /** The BSUID Meta sends along; null for the shape before Meta sent one. */
  bsuid?: string | null;

  /** What the person sent (typed or tapped), with how many of their replies had come before it. */
  readonly said: Array<{ text: string; tapped?: boolean; note?: boolean; after: number }> = [];

  /** A line in the transcript for what happened elsewhere ("the mentor marks the talk held"). */
  note(text: string): void {
    this.said.push({ text, note: true, after: this.mine().length });
  }

  mine() {
    return this.graph.sent().filter((m) => m.to === this.phone);
  }

  /**
   * Sends a message and returns the WhatsApp messages of the turn it started, once the turn has ended.
   * `expectReplies` 0 waits for none; any other number waits for the first (a turn's replies come merged).
   */
  async send(message: Record<string, unknown>, expectReplies = 1): Promise<Array<Record<string, any>>> {
    const before = this.mine().length;
    const reply = (message as { interactive?: { button_reply?: { title: string }; list_reply?: { title: string } } }).interactive;
    const tapped = reply?.button_reply ?? reply?.list_reply;
    this.said.push({ text: tapped?.title ?? String((message as { text?: { body?: string } }).text?.body ?? `[${String(message.type)}]`), tapped: !!tapped, after: before });
    const response = await deliver(this.url, metaWebhook(message, this.phone, 'Amina', { bsuid: this.bsuid }));
    if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
    // A turn's replies come merged (one text, one with the choices): wait for the first, then for the turn to end.
    await waitFor(() => this.mine().length >= before + Math.min(expectReplies, 1), `${expectReplies} WhatsApp replies`);
    await appSettled(this.url); // the turn has ended: its last replies have arrived
    return this.mine().slice(before);
  }

  say(text: string, expectReplies = 1) {
    return this.send(textMessage(text), expectReplies);
  }

  /** Taps a reply button or list row of the last interactive message by its title. */
  tap(title: string, expectReplies = 1) {
    const last = [...this.mine()].reverse().find((m) => m.type === 'interactive');
    if (!last) throw new Error('no interactive message to tap');
    const choices =
      last.interactive.type === 'button'
        ? last.interactive.action.buttons.map((b: any) => ({ id: b.reply.id, title: b.reply.title }))
        : last.interactive.action.sections[0].rows.map((r: any) => ({ id: r.id, title: r.title }));
    const choice = choices.find((c: { title: string }) => c.title === title);
    if (!choice) throw new Error(`no choice "${title}" among ${JSON.stringify(choices.map((c: any) => c.title))}`);
    return this.send(last.interactive.type === 'button' ? buttonReply(choice.id, choice.title) : listReply(choice.id, choice.title), expectReplies);
  }

  texts(from = 0) {
    return this.mine().slice(from).map((m) => m.text?.body ?? m.interactive?.body?.text ?? `[template ${m.template?.name}]`);
  }
}

/** The choices under a WhatsApp message: reply buttons, or a list's rows (with the row's description). */
export function choicesOf(m: Record<string, any>): Array<{ title: string; description?: string; list: boolean }> {
  if (m.type !== 'interactive') return [];
  if (m.interactive.type === 'button') return m.interactive.action.buttons.map((b: any) => ({ title: b.reply.title, list: false }));
  return m.interactive.action.sections.flatMap((s: any) => s.rows.map((r: any) => ({ title: r.title, description: r.description, list: true })));
}

/** A person's side of a WhatsApp chat as one reads it: "> " what they sent, the bot's replies with their buttons. */
export function transcriptOf(person: WhatsAppPerson): string {
  const mine = person.mine();
  const lines: string[] = [];
  const replies = (from: number, to: number) => {
    for (const m of mine.slice(from, to)) {
      lines.push(...(m.text?.body ?? m.interactive?.body?.text ?? `[template ${m.template?.name}]`).split('\n').map((line: string) => `  ${line}`));
      const choices = choicesOf(m);
      if (choices.length > 0) lines.push(`  ${choices.map((c) => `[${c.title}]${c.description ? ` (${c.description})` : ''}`).join(' ')}`);
      lines.push('');
    }
  };
  let shown = 0;
  for (const said of person.said) {
    replies(shown, said.after);
    shown = Math.max(shown, said.after);
    lines.push(said.note ? `-- ${said.text} --` : `> ${said.tapped ? 'tapped ' : ''}${said.text}`, '');
  }
  replies(shown, mine.length);
  return lines.join('\n');
}
