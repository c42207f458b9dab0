import type { TurnContext } from 'botbuilder';
import type { MediaFailure } from './voiceMedia';
import type { SpeechFailure } from './speechToText';

/** Why a voice note gave no transcript: the audio, the speech service, no speech service at all, or no language chosen yet. */
export type VoiceFailure = MediaFailure | SpeechFailure | 'not-configured' | 'no-language';

/** What became of the voice note of this turn (turn state under VOICE_NOTE). */
export interface VoiceNote {
  /** The channel's id for the audio, to fetch it again (a mentor listening); the audio itself is never kept. */
  mediaId: string;
  contentType: string;
  transcript?: string;
  failure?: VoiceFailure;
}

export const VOICE_NOTE = Symbol.for('vit.voiceNote');

export function voiceNoteOf(context: TurnContext): VoiceNote | undefined {
  return context.turnState.get(VOICE_NOTE) as VoiceNote | undefined;
}
