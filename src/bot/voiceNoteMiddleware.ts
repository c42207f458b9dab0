import type { Middleware, Storage, TurnContext } from 'botbuilder';
import type { PersonRecord } from '../domain/person';
import type { Language } from '../i18n/languages';
import type { SpeechToText } from '../speech/speechToText';
import type { VoiceMedia } from '../speech/voiceMedia';
import { VOICE_NOTE, VoiceNote } from '../speech/voiceNote';
import type { Metrics } from '../metrics';
import { PERSON_PROPERTY, userStateKey } from '../storage/botStateKeys';

/** Channels time out a turn after 10–15 s: fetching and transcribing together get at most this long. */
export const VOICE_TIMEOUT_MS = 8_000;
/**
 * A transcript is used as typed text, so no longer than a person would type (512 KB of speech can say
 * more); and "I heard: «…»" with its buttons must fit in one WhatsApp interactive body (1,024).
 */
export const MAX_TRANSCRIPT_CHARS = 900;

export interface VoiceNoteDeps {
  /** Absent when Azure AI Speech is not configured. */
  speech?: SpeechToText;
  /** Where each channel's voice notes are fetched from, by channel id. */
  media: Partial<Record<string, VoiceMedia>>;
  storage: Storage;
  timeoutMs?: number;
  metrics?: Metrics;
}

/**
 * Listens to a voice note before the turn is logged and handled: the audio is fetched from the channel
 * and transcribed in the person's language, in memory only. The transcript goes on the message (marked
 * as transcribed, so the transcript log keeps it like any message, with consent only) and, with any
 * failure, in turn state for the bot to act on. Nothing here throws or sends.
 */
export class VoiceNoteMiddleware implements Middleware {
  constructor(private readonly deps: VoiceNoteDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const media = this.deps.media[activity.channelId];
    const found = activity.type === 'message' && !activity.text?.trim() && activity.attachments?.length ? media?.find(activity.attachments) : undefined;
    if (media && found) {
      const note: VoiceNote = { mediaId: found.mediaId, contentType: found.contentType };
      Object.assign(note, await this.listen(context, media, note));
      // The transcript goes on the message itself, so the transcript log keeps it (with consent) marked as such.
      if (note.transcript) found.attachment.content = { ...(found.attachment.content as object), transcript: note.transcript, transcribed: true };
      context.turnState.set(VOICE_NOTE, note);
      this.deps.metrics?.voiceNotes.inc({ result: note.failure ?? 'transcribed' });
    }
    await next();
  }

  private async listen(context: TurnContext, media: VoiceMedia, note: VoiceNote): Promise<Pick<VoiceNote, 'transcript' | 'failure'>> {
    const speech = this.deps.speech;
    if (!speech) return { failure: 'not-configured' };
    const lng = await this.chosenLanguage(context);
    // Before a language is chosen the bot cannot know which to listen for (the greeting comes first).
    if (!lng) return { failure: 'no-language' };
    if (!speech.supports(lng)) return { failure: 'unsupported-language' };
    const signal = AbortSignal.timeout(this.deps.timeoutMs ?? VOICE_TIMEOUT_MS);
    const fetched = await media.fetch(note.mediaId, signal, note.contentType);
    if (!fetched.ok) return { failure: fetched.reason };
    const result = await speech.transcribe(fetched.audio, lng, signal);
    if (!result.ok) return { failure: result.reason };
    // Speech adds a full stop to what was said, which a one-word answer ("Amina.") does not have.
    const transcript = cut(result.text.trim(), MAX_TRANSCRIPT_CHARS).replace(/[.!。]+$/u, '');
    return transcript ? { transcript } : { failure: 'no-speech' };
  }

  /** The language the person chose, read without creating state. */
  private async chosenLanguage(context: TurnContext): Promise<Language | undefined> {
    const { channelId, from } = context.activity;
    const key = userStateKey(channelId, from.id);
    return ((await this.deps.storage.read([key]))[key]?.[PERSON_PROPERTY] as PersonRecord | undefined)?.language;
  }
}

/** The text up to `max` characters, ending at a word when one ends near there. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const space = head.lastIndexOf(' ');
  return (space > max * 0.8 ? head.slice(0, space) : head).trimEnd() + '…';
}
