import type { Attachment } from 'botbuilder';
import type { Audio } from './speechToText';

/** The largest voice note fetched: about two minutes of WhatsApp's OGG/Opus. */
export const MAX_VOICE_BYTES = 512 * 1024;

/** Audio formats a voice note may come in: what WhatsApp sends and Azure's fast transcription reads. */
export const VOICE_TYPES: ReadonlySet<string> = new Set(['audio/ogg', 'audio/opus', 'audio/mpeg', 'audio/aac', 'audio/amr', 'audio/mp4', 'audio/wav', 'audio/webm']);

/** The media type without its parameters (`audio/ogg; codecs=opus` → `audio/ogg`). */
export const baseType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

export type MediaFailure = 'too-large' | 'wrong-type' | 'not-found' | 'timeout' | 'failed';

export type MediaResult = { ok: true; audio: Audio } | { ok: false; reason: MediaFailure };

/**
 * A channel's voice notes, fetched by the id the channel gave them. Never throws; the bytes are only
 * held in memory. Refuses what is over MAX_VOICE_BYTES or not audio, before downloading it when the
 * channel says so and while downloading otherwise.
 */
export interface VoiceMedia {
  /** The voice note among a message's attachments, in the form this channel sends it; undefined when there is none. */
  find(attachments: Attachment[]): FoundVoice | undefined;
  /** `contentType`: what the message said the audio is, for a channel whose download does not say. */
  fetch(mediaId: string, signal: AbortSignal, contentType?: string): Promise<MediaResult>;
}

export interface FoundVoice {
  attachment: Attachment;
  /** The channel's handle to fetch the audio by, again later too (a mentor playing it). */
  mediaId: string;
  contentType: string;
}

/** Reads a response body up to `max` bytes; undefined when it is longer (the rest is not read). */
export async function readAtMost(response: Response, max: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > max) {
    await response.body?.cancel();
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
