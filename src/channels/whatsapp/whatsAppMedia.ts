import type { Attachment } from 'botbuilder';
import { baseType, FoundVoice, MAX_VOICE_BYTES, MediaResult, readAtMost, VOICE_TYPES, VoiceMedia } from '../../speech/voiceMedia';
import type { Logger } from '../../logger';

/** Meta's media ids are numbers; anything else is refused before a request is made. */
const MEDIA_ID = /^[0-9]{1,40}$/;

export interface WhatsAppMediaOptions {
  /** Base URL with the API version, e.g. https://graph.facebook.com/v23.0 */
  baseUrl: string;
  accessToken: string;
  phoneNumberId: string;
  logger: Logger;
  maxBytes?: number;
}

/**
 * A person's voice note from the Graph API: the media id gives a short-lived URL (asked with our
 * phone number id, so media sent to another business number of the same app is refused by Meta),
 * and the URL, with the same token, the bytes.
 */
export class WhatsAppMedia implements VoiceMedia {
  private readonly maxBytes: number;
  private readonly base: URL;

  constructor(private readonly options: WhatsAppMediaOptions) {
    this.maxBytes = options.maxBytes ?? MAX_VOICE_BYTES;
    this.base = new URL(options.baseUrl);
  }

  /** WhatsApp's audio (a voice note or an audio file) as inbound.ts maps it: its media id in the content. */
  find(attachments: Attachment[]): FoundVoice | undefined {
    const attachment = attachments.find((a) => a.contentType?.toLowerCase().startsWith('audio/'));
    const mediaId = (attachment?.content as { mediaId?: unknown } | undefined)?.mediaId;
    return attachment && typeof mediaId === 'string' ? { attachment, mediaId, contentType: attachment.contentType } : undefined;
  }

  /** Meta says what the media is; the message's own type is not needed. */
  async fetch(mediaId: string, signal: AbortSignal): Promise<MediaResult> {
    if (!MEDIA_ID.test(mediaId)) return { ok: false, reason: 'not-found' };
    try {
      const base = this.options.baseUrl.replace(/\/$/, '');
      const infoResponse = await fetch(`${base}/${mediaId}?phone_number_id=${encodeURIComponent(this.options.phoneNumberId)}`, {
        headers: this.auth(),
        signal,
      });
      if (!infoResponse.ok) {
        await infoResponse.body?.cancel();
        this.warn('media not found', infoResponse.status);
        return { ok: false, reason: infoResponse.status >= 500 ? 'failed' : 'not-found' };
      }
      const info = (await infoResponse.json()) as { id?: string; url?: string; mime_type?: string; file_size?: number | string };
      if (info.id !== undefined && info.id !== mediaId) return { ok: false, reason: 'not-found' };
      const contentType = info.mime_type ?? '';
      if (!VOICE_TYPES.has(baseType(contentType))) return { ok: false, reason: 'wrong-type' };
      if (Number(info.file_size) > this.maxBytes) return { ok: false, reason: 'too-large' };
      const url = this.downloadUrl(info.url);
      if (!url) return { ok: false, reason: 'failed' };
      const download = await fetch(url, { headers: this.auth(), signal, redirect: 'error' });
      if (!download.ok) {
        await download.body?.cancel();
        this.warn('media download failed', download.status);
        return { ok: false, reason: download.status === 404 ? 'not-found' : 'failed' };
      }
      const bytes = await readAtMost(download, this.maxBytes);
      if (!bytes) return { ok: false, reason: 'too-large' };
      return { ok: true, audio: { bytes, contentType } };
    } catch (error) {
      if (signal.aborted) return { ok: false, reason: 'timeout' };
      this.options.logger.warn({ channel: 'whatsapp', err: { message: (error as Error).message } }, 'could not fetch a voice note');
      return { ok: false, reason: 'failed' };
    }
  }

  /**
   * The token goes only to an https address (Meta's media host) or to the Graph API's own origin
   * (a local stand-in): a URL that says otherwise is not followed.
   */
  private downloadUrl(raw: string | undefined): string | undefined {
    if (!raw) return undefined;
    try {
      const url = new URL(raw);
      return url.protocol === 'https:' || url.origin === this.base.origin ? url.toString() : undefined;
    } catch {
      return undefined;
    }
  }

  private auth(): Record<string, string> {
    return { Authorization: `Bearer ${this.options.accessToken}` };
  }

  private warn(message: string, status: number): void {
    this.options.logger.warn({ channel: 'whatsapp', status }, `could not fetch a voice note: ${message}`);
  }
}
