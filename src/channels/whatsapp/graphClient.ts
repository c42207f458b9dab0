import type { WhatsAppAddress } from './inbound';
import type { GraphMessage } from './outbound';

/** Graph API error codes the bot treats specially (Meta's documentation, 2026). */
export const GRAPH_ERRORS = {
  windowClosed: 131047, // re-engagement: more than 24 h since the person's last message
  throughput: 130429, // too many messages per second from the number
  pairRate: 131056, // too many messages to one person in a short time
  spamRate: 131048, // Meta thinks the number sends spam: sending more makes it worse
  undeliverable: 131026, // e.g. not a WhatsApp number
  bsuidNotSupported: 131062,
} as const;

const RETRYABLE = new Set<number>([GRAPH_ERRORS.throughput, GRAPH_ERRORS.pairRate, 4, 80007, 131000]);
/** Never retried, whatever the HTTP status says. */
const FINAL = new Set<number>([GRAPH_ERRORS.spamRate, GRAPH_ERRORS.windowClosed, GRAPH_ERRORS.undeliverable]);

export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
    /** From a Retry-After header, when the Graph API sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(`Graph API ${status}${code ? ` (code ${code})` : ''}: ${message}`);
    this.name = 'GraphApiError';
  }

  get retryable(): boolean {
    if (this.code !== undefined && FINAL.has(this.code)) return false;
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
  /**
   * The least wait after 131056 (too many messages to one person): Meta allows about one message
   * every 6 seconds to the same person in a burst, so retrying sooner only fails again.
   */
  pairRateDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the send fails instead of holding the turn. */
  maxDelayMs?: number;
  timeoutMs?: number;
  /** How to wait between attempts (tests record the waits instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
}

/** The few Graph API calls the bot makes: send a message, mark one read (with a typing indicator). */
export class GraphClient {
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly pairRateDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: GraphClientOptions) {
    this.attempts = options.attempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.pairRateDelayMs = options.pairRateDelayMs ?? 6_000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    // Unref'd: a retry's wait never keeps the process alive by itself (turns in flight are drained at shutdown).
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms).unref()));
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

  /** How long to wait before attempt `attempt + 1`, or undefined when another attempt does not help. */
  delayAfter(error: unknown, attempt: number): number | undefined {
    const retry = error instanceof GraphApiError ? error.retryable : true; // network errors too
    if (!retry || attempt >= this.attempts) return undefined;
    const backOff = this.baseDelayMs * 2 ** (attempt - 1);
    if (error instanceof GraphApiError && error.retryAfterMs !== undefined) {
      return error.retryAfterMs <= this.maxDelayMs ? error.retryAfterMs : undefined;
    }
    if (error instanceof GraphApiError && error.code === GRAPH_ERRORS.pairRate) return Math.max(backOff, this.pairRateDelayMs * 2 ** (attempt - 1));
    return backOff;
  }

  private async post(body: unknown): Promise<unknown> {
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/${this.options.phoneNumberId}/messages`;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(url, body);
      } catch (error) {
        const delay = this.delayAfter(error, attempt);
        if (delay === undefined) throw error;
        await this.sleep(delay);
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
      throw new GraphApiError(response.status, json.error?.code, json.error?.message ?? `HTTP ${response.status}`, retryAfterMs(response.headers.get('retry-after')));
    }
    return json;
  }
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
