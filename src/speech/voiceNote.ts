import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { MediaFailure } from './voiceMedia';
import type { SpeechFailure } from './speechToText';

/** Why a voice note gave no transcript: the audio, the speech service, or no speech service at all. */
export type VoiceFailure = MediaFailure | SpeechFailure | 'not-configured';

/** What became of the voice note of this turn (turn state under VOICE_NOTE). */
export interface VoiceNote {
  /** The channel's id for the audio, to fetch it again (a mentor listening); the audio itself is never kept. */
  mediaId: string;
  contentType: string;
  transcript?: string;
  failure?: VoiceFailure;
}

export const VOICE_NOTE = Symbol.for('vit.voiceNote');

/** Content of a voice note attachment: the media id, and once heard the transcript, marked as such. */
export interface VoiceAttachmentContent {
  mediaId: string;
  transcript?: string;
  transcribed?: true;
}

/** The voice note attachment of a message without text: audio with a media id the channel can fetch. */
export function voiceAttachmentOf(activity: Partial<Activity>): (Attachment & { content: VoiceAttachmentContent }) | undefined {
  if (activity.type !== 'message' || activity.text?.trim()) return undefined;
  const attachment = activity.attachments?.find((a) => a.contentType?.toLowerCase().startsWith('audio/'));
  const mediaId = (attachment?.content as { mediaId?: unknown } | undefined)?.mediaId;
  return attachment && typeof mediaId === 'string' ? (attachment as Attachment & { content: VoiceAttachmentContent }) : undefined;
}

export function voiceNoteOf(context: TurnContext): VoiceNote | undefined {
  return context.turnState.get(VOICE_NOTE) as VoiceNote | undefined;
}
