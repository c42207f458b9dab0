import type { Attachment } from 'botbuilder';
import type { Logger } from '../../logger';
import { baseType, FoundVoice, MAX_VOICE_BYTES, MediaResult, readAtMost, VOICE_TYPES, VoiceMedia } from '../../speech/voiceMedia';

/** How Teams hands a bot a file the person sent in their personal chat (the app must allow files). */
export const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';

/** Audio file types Teams names, with the media type the speech service is told. */
const AUDIO_FILE_TYPES: Record<string, string> = {
  m4a: 'audio/mp4',
  mp4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  amr: 'audio/amr',
  webm: 'audio/webm',
};

/** Teams files live in the sender's OneDrive or their team's SharePoint. */
const FILE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.sharepoint\.com$/i;

/**
 * An audio file a person sent the bot in Teams: its download URL is pre-authorised (no token goes
 * with it) and short-lived. Only an https SharePoint address is fetched, so a message cannot make
 * the server fetch anything else.
 */
export class TeamsFileMedia implements VoiceMedia {
  constructor(private readonly options: { logger: Logger; maxBytes?: number }) {}

  find(attachments: Attachment[]): FoundVoice | undefined {
    for (const attachment of attachments) {
      const content = attachment.content as { downloadUrl?: unknown; fileType?: unknown } | undefined;
      const contentType = AUDIO_FILE_TYPES[String(content?.fileType ?? '').toLowerCase()];
      if (attachment.contentType === TEAMS_FILE && contentType && typeof content?.downloadUrl === 'string') {
        return { attachment, mediaId: content.downloadUrl, contentType };
      }
    }
    return undefined;
  }

  async fetch(mediaId: string, signal: AbortSignal, contentType?: string): Promise<MediaResult> {
    if (!isFileAddress(mediaId)) return { ok: false, reason: 'not-found' };
    const max = this.options.maxBytes ?? MAX_VOICE_BYTES;
    try {
      const response = await fetch(mediaId, { signal, redirect: 'error' });
      if (!response.ok) {
        await response.body?.cancel();
        this.options.logger.warn({ channel: 'msteams', status: response.status }, 'could not fetch a voice file');
        return { ok: false, reason: response.status === 404 || response.status === 403 ? 'not-found' : 'failed' };
      }
      // SharePoint often says application/octet-stream: the file type the message named decides then.
      const said = baseType(response.headers.get('content-type') ?? '');
      const type = VOICE_TYPES.has(said) ? said : contentType && VOICE_TYPES.has(baseType(contentType)) ? baseType(contentType) : undefined;
      if (!type) {
        await response.body?.cancel();
        return { ok: false, reason: 'wrong-type' };
      }
      const bytes = await readAtMost(response, max);
      return bytes ? { ok: true, audio: { bytes, contentType: type } } : { ok: false, reason: 'too-large' };
    } catch (error) {
      if (signal.aborted) return { ok: false, reason: 'timeout' };
      this.options.logger.warn({ channel: 'msteams', err: { message: (error as Error).message } }, 'could not fetch a voice file');
      return { ok: false, reason: 'failed' };
    }
  }
}

function isFileAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && FILE_HOST.test(url.hostname);
  } catch {
    return false;
  }
}
