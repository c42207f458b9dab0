import type { VoiceFailure } from '../src/speech/voiceNote';

/**
 * What the person hears when their voice note gave no transcript. Where they can do something about
 * it (shorter, again, with words) they are told so; otherwise (no speech service, Tigrinya, a slow or
 * failing service) the kind "I can only read text" as for any other file.
 */
export function voiceFailureText(failure: VoiceFailure | undefined): string {
  switch (failure) {
    case 'too-large':
      return 'voice:tooLong';
    case 'not-found':
      return 'voice:notReceived';
    case 'no-speech':
      return 'voice:noWords';
    default:
      return 'common:onlyText';
  }
}
