import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphCall {
  path: string;
  body: Record<string, any>;
  authorization?: string;
}

/**
 * Stands in for Meta's Graph API on loopback: records every POST to /<version>/<phone id>/messages
 * and answers like Meta does; `failNext` scripts errors (rate limits, a closed window) for the next calls.
 */
export class FakeGraph {
  readonly calls: GraphCall[] = [];
  private failures: Array<{ status: number; code: number; message: string }> = [];
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

  failNext(status: number, code: number, message = 'scripted failure', times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, code, message });
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

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const failure = this.failures.shift();
      res.setHeader('Content-Type', 'application/json');
      if (failure) {
        res.writeHead(failure.status);
        res.end(JSON.stringify({ error: { message: failure.message, type: 'OAuthException', code: failure.code, fbtrace_id: 'x' } }));
        return;
      }
      const body = JSON.parse(data);
      this.calls.push({ path: req.url ?? '', body, authorization: req.headers.authorization });
      res.writeHead(200);
      res.end(JSON.stringify(body.status === 'read' ? { success: true } : { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.out${++this.counter}` }] }));
    });
  }
}

let sequence = 0;

/** A webhook body as Meta sends it for one incoming message (Cloud API shapes, 2026: with the BSUID). */
export function metaWebhook(message: Record<string, unknown>, from = '31612345678', name = 'Amina'): Record<string, unknown> {
  sequence++;
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
              metadata: { display_phone_number: '31850000000', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name }, wa_id: from, user_id: `NL.${from}` }],
              messages: [{ from, id: `wamid.in${Date.now()}${sequence}`, timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
            },
          },
        ],
      },
    ],
  };
}

export const textMessage = (body: string) => ({ type: 'text', text: { body } });
export const buttonReply = (id: string, title = id) => ({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title } } });
export const listReply = (id: string, title = id) => ({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id, title, description: '' } } });
