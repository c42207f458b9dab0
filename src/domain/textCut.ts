/**
 * The most of a message the bot reads. Every answer it expects is a few words and every FAQ question
 * a sentence or two; WhatsApp itself allows 4,096. Beyond this the rest is dropped at the channel's
 * edge, before anything stores, logs or searches it.
 */
export const MAX_TEXT_CHARS = 1000;

/**
 * Set in an incoming activity's channelData by the edge that cut a too-long message: the person is
 * told so, and a step that must not take a part for the whole (a homework hand-in) can tell.
 */
export const TEXT_CUT_MARK = 'vitTextCut';

/** Whether an incoming activity's text was cut at the edge. */
export function textWasCut(channelData: unknown): boolean {
  return typeof channelData === 'object' && channelData !== null && (channelData as Record<string, unknown>)[TEXT_CUT_MARK] === true;
}
