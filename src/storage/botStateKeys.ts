/** The property of user state that holds the person's record (src/domain/person.ts). */
export const PERSON_PROPERTY = 'person';

/** The storage keys botbuilder's UserState and ConversationState use (empty namespace); a test holds them to botbuilder's own. */
export function userStateKey(channelId: string, userId: string): string {
  return `${channelId}/users/${userId}/`;
}

export function conversationStateKey(channelId: string, conversationId: string): string {
  return `${channelId}/conversations/${conversationId}/`;
}
