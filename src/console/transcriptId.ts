/** The id the console gives a kept conversation (channel and conversation id, which may be a phone number, encoded). */
export function transcriptIdOf(channelId: string, conversationId: string): string {
  return Buffer.from(JSON.stringify([channelId, conversationId])).toString('base64url');
}
