import type { Language } from '../i18n/languages';

/** A voice note's audio as fetched from the channel: held in memory for one turn, never stored. */
export interface Audio {
  bytes: Uint8Array<ArrayBuffer>;
  /** As the channel said, e.g. `audio/ogg; codecs=opus`. */
  contentType: string;
}

/** Why a voice note could not be understood; each gets its own words for the person. */
export type SpeechFailure = 'unsupported-language' | 'no-speech' | 'timeout' | 'failed';

export type Transcription = { ok: true; text: string } | { ok: false; reason: SpeechFailure };

/**
 * Turns audio into text in one of our languages. Never throws: a failure is a value, so a turn
 * carries on with the kind "I can only read text". Gives up when `signal` aborts (reason 'timeout').
 */
export interface SpeechToText {
  /** True when speech in this language can be transcribed at all (Azure has no Tigrinya). */
  supports(lng: Language): boolean;
  transcribe(audio: Audio, lng: Language, signal: AbortSignal): Promise<Transcription>;
}
