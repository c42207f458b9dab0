import type { Language } from '../i18n/languages';
import type { Logger } from '../logger';
import type { Audio, SpeechToText, Transcription } from './speechToText';

/**
 * The locale Azure's fast transcription is asked for, per language. Tigrinya has none. Arabic as
 * spoken in the Levant and the Gulf is understood by the ar-SA model well enough; a newcomer who
 * is misheard says "no" at the confirmation and types.
 */
export const SPEECH_LOCALES: Partial<Record<Language, string>> = { nl: 'nl-NL', en: 'en-US', ar: 'ar-SA', tr: 'tr-TR', fa: 'fa-IR' };

const API_VERSION = '2024-11-15';

export interface AzureSpeechSettings {
  key: string;
  region: string;
  /** The resource's own endpoint; else `https://<region>.api.cognitive.microsoft.com`. */
  endpoint?: string;
  logger: Logger;
}

/**
 * Azure AI Speech fast transcription over REST (synchronous, multipart: the audio and a JSON
 * definition naming the locale). One attempt: a retry would not fit in the turn.
 */
export class AzureSpeechToText implements SpeechToText {
  private readonly url: string;

  constructor(private readonly settings: AzureSpeechSettings) {
    const base = (settings.endpoint ?? `https://${settings.region}.api.cognitive.microsoft.com`).replace(/\/$/, '');
    this.url = `${base}/speechtotext/transcriptions:transcribe?api-version=${API_VERSION}`;
  }

  supports(lng: Language): boolean {
    return SPEECH_LOCALES[lng] !== undefined;
  }

  async transcribe(audio: Audio, lng: Language, signal: AbortSignal): Promise<Transcription> {
    const locale = SPEECH_LOCALES[lng];
    if (!locale) return { ok: false, reason: 'unsupported-language' };
    const form = new FormData();
    form.append('audio', new Blob([audio.bytes], { type: audio.contentType }), 'voice');
    form.append('definition', JSON.stringify({ locales: [locale], profanityFilterMode: 'None' }));
    try {
      const response = await fetch(this.url, { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': this.settings.key }, body: form, signal });
      if (!response.ok) {
        await response.body?.cancel();
        this.settings.logger.warn({ speech: { status: response.status } }, 'Azure Speech could not transcribe a voice note');
        return { ok: false, reason: 'failed' };
      }
      const result = (await response.json()) as { combinedPhrases?: Array<{ text?: string }> };
      const text = (result.combinedPhrases ?? []).map((p) => p.text ?? '').join(' ').trim();
      return text ? { ok: true, text } : { ok: false, reason: 'no-speech' };
    } catch (error) {
      if (signal.aborted) return { ok: false, reason: 'timeout' };
      // The message only: it names the host, never what was said.
      this.settings.logger.warn({ speech: { error: (error as Error).message } }, 'Azure Speech could not be reached');
      return { ok: false, reason: 'failed' };
    }
  }
}
