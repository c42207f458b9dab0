import type { WhatsAppAddress } from './inbound';
import type { GraphMessage } from './outbound';

/** Graph API error codes the bot treats specially (Meta's documentation, 2026). */
export const GRAPH_ERRORS = {
  windowClosed: 131047, // re-engagement: more than 24 h since the person's last message
  throughput: 130429, // too many messages per second from the number
  pairRate: 131056, // too many messages to one person in a short time
  spamRate: 131048,
  undeliverable: 131026, // e.g. not a WhatsApp number
  bsuidNotSupported: 131062,
} as const;

const RETRYABLE = new Set<number>([GRAPH_ERRORS.throughput, GRAPH_ERRORS.pairRate, GRAPH_ERRORS.spamRate, 4, 80007, 131000]);

export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
  ) {
    super(`Graph API ${status}${code ? ` (code ${code})` : ''}: ${message}`);
    this.name = 'GraphApiError';
  }

  get retryable(): boolean {
    return this.status === 429 || this.status >= 500 || (this.code !== undefined && RETRYABLE.has(this.code));
  }

  get windowClosed(): boolean {
    return this.code === GRAPH_ERRORS.windowClosed;
  }
}

export interface GraphClientOptions {
  /** Base URL with the API version, e.g. https://graph.facebook.com/v23.0 */
  baseUrl: string;
  accessToken: string;
  phoneNumberId: string;
  /** Attempts for errors worth retrying (rate limits, 5xx), with exponential back-off from `baseDelayMs`. */
  attempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
}

/** The few Graph API calls the bot makes: send a message, mark one read (with a typing indicator). */
export class GraphClient {
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: GraphClientOptions) {
    this.attempts = options.attempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Sends to the phone number when known (Meta's advice), else to the BSUID. Returns the message id. */
  async send(to: WhatsAppAddress, message: GraphMessage): Promise<string> {
    const addressing = to.phone ? { to: to.phone } : { recipient: to.bsuid };
    const body = { messaging_product: 'whatsapp', recipient_type: 'individual', ...addressing, ...message };
    const result = (await this.post(body)) as { messages?: Array<{ id: string }> };
    return result.messages?.[0]?.id ?? '';
  }

  async markRead(messageId: string, typing: boolean): Promise<void> {
    await this.post({ messaging_product: 'whatsapp', status: 'read', message_id: messageId, ...(typing ? { typing_indicator: { type: 'text' } } : {}) });
  }

  private async post(body: unknown): Promise<unknown> {
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/${this.options.phoneNumberId}/messages`;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(url, body);
      } catch (error) {
        const retry = error instanceof GraphApiError ? error.retryable : true; // network errors too
        if (!retry || attempt >= this.attempts) throw error;
        await new Promise((r) => setTimeout(r, this.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  private async once(url: string, body: unknown): Promise<unknown> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.options.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    let json: { error?: { code?: number; message?: string } } = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      // not JSON: the status says enough
    }
    if (!response.ok || json.error) {
      throw new GraphApiError(response.status, json.error?.code, json.error?.message ?? `HTTP ${response.status}`);
    }
    return json;
  }
}
