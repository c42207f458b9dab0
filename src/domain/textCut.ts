/**
 * Set in an incoming activity's channelData by the edge that cut a too-long message (and told the
 * person so): a question waiting for an answer still asks again when the part it read is no answer.
 */
export const TEXT_CUT_MARK = 'vitTextCut';

/** Whether an incoming activity's text was cut at the edge. */
export function textWasCut(channelData: unknown): boolean {
  return typeof channelData === 'object' && channelData !== null && (channelData as Record<string, unknown>)[TEXT_CUT_MARK] === true;
}
