import type { Language } from '../i18n/languages';
import type { Logger } from '../logger';
import type { MessageTranslator, TranslatedText, Translation } from './messageTranslator';

/** Azure's limits for one translate request (v3): 1,000 texts and 50,000 characters; we stay well below. */
const MAX_TEXTS_PER_REQUEST = 100;
const MAX_CHARS_PER_REQUEST = 40_000;
/** Long enough for Azure's usual answer, short enough that a mentor is not left waiting. */
export const DEFAULT_TRANSLATION_TIMEOUT_MS = 5000;

export interface AzureTranslatorSettings {
  key: string;
  region: string;
  /** e.g. https://api.cognitive.microsofttranslator.com, or the resource's own custom-domain endpoint. */
  endpoint: string;
  logger: Logger;
  timeoutMs?: number;
}

type AzureItem = { detectedLanguage?: { language?: unknown }; translations?: Array<{ text?: unknown; to?: unknown }> };

/**
 * Azure AI Translator, Text Translation REST API v3.0 (`POST /translate?api-version=3.0&to=…`), on
 * the global fetch: the one call we need does not justify the SDK's pipeline. One attempt per call
 * within the timeout: the mentor sees a failure at once and chooses (try again, send the original).
 * Only the status and Azure's numeric error code are logged, never a text.
 */
export class AzureMessageTranslator implements MessageTranslator {
  readonly enabled = true;
  private readonly base: string;

  constructor(private readonly settings: AzureTranslatorSettings) {
    this.base = settings.endpoint.replace(/\/+$/, '');
  }

  async translate(texts: readonly string[], to: Language, from?: Language): Promise<Translation> {
    if (texts.length === 0) return { ok: true, items: [] };
    const signal = AbortSignal.timeout(this.settings.timeoutMs ?? DEFAULT_TRANSLATION_TIMEOUT_MS);
    const items: TranslatedText[] = [];
    for (const batch of batches(texts)) {
      const result = await this.request(batch, to, from, signal);
      if (!result.ok) return result;
      items.push(...result.items);
    }
    return { ok: true, items };
  }

  private async request(texts: readonly string[], to: Language, from: Language | undefined, signal: AbortSignal): Promise<Translation> {
    const query = new URLSearchParams({ 'api-version': '3.0', to, ...(from ? { from } : {}) });
    try {
      const response = await fetch(`${this.base}/translate?${query}`, {
        method: 'POST',
        headers: {
          'Ocp-Apim-Subscription-Key': this.settings.key,
          'Ocp-Apim-Subscription-Region': this.settings.region,
          'Content-Type': 'application/json; charset=UTF-8',
        },
        body: JSON.stringify(texts.map((text) => ({ Text: text }))),
        signal,
      });
      if (!response.ok) {
        // Azure's error body: {"error":{"code":401000,"message":"…"}}; the message may quote the request, so only the code is kept.
        const body = (await response.json().catch(() => undefined)) as { error?: { code?: unknown } } | undefined;
        const code = typeof body?.error?.code === 'number' ? body.error.code : undefined;
        this.settings.logger.warn({ translator: { status: response.status, code } }, 'Azure Translator refused a translation');
        return { ok: false, reason: 'failed' };
      }
      const body = (await response.json()) as unknown;
      const items = parseItems(body, texts.length, to);
      if (!items) {
        this.settings.logger.warn({ translator: { status: response.status } }, 'Azure Translator answered with a body that is not a translation');
        return { ok: false, reason: 'failed' };
      }
      return { ok: true, items };
    } catch (error) {
      if (signal.aborted) {
        this.settings.logger.warn({ translator: { timeoutMs: this.settings.timeoutMs ?? DEFAULT_TRANSLATION_TIMEOUT_MS } }, 'Azure Translator did not answer in time');
        return { ok: false, reason: 'timeout' };
      }
      // The message only: it names the host or the parse problem, never a text.
      this.settings.logger.warn({ translator: { error: (error as Error).message } }, 'Azure Translator could not be reached');
      return { ok: false, reason: 'failed' };
    }
  }
}

/** One result per text, each with a non-empty translation into `to`; anything else is not trusted. */
function parseItems(body: unknown, count: number, to: Language): TranslatedText[] | undefined {
  if (!Array.isArray(body) || body.length !== count) return undefined;
  const items: TranslatedText[] = [];
  for (const item of body as AzureItem[]) {
    const translation = item?.translations?.find((t) => t?.to === to) ?? item?.translations?.[0];
    if (!translation || typeof translation.text !== 'string' || translation.text.trim() === '') return undefined;
    const detected = item.detectedLanguage?.language;
    items.push({ text: translation.text, ...(typeof detected === 'string' ? { from: detected } : {}) });
  }
  return items;
}

function* batches(texts: readonly string[]): Generator<string[]> {
  let batch: string[] = [];
  let chars = 0;
  for (const text of texts) {
    if (batch.length > 0 && (batch.length >= MAX_TEXTS_PER_REQUEST || chars + text.length > MAX_CHARS_PER_REQUEST)) {
      yield batch;
      batch = [];
      chars = 0;
    }
    batch.push(text);
    chars += text.length;
  }
  if (batch.length > 0) yield batch;
}
