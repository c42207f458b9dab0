import type { Storage } from 'botbuilder';
import type { PersonRecord } from '../domain/person';

/** The property of user state that holds the person's record (src/domain/person.ts). */
export const PERSON_PROPERTY = 'person';

/** The storage keys botbuilder's UserState and ConversationState use (empty namespace); a test holds them to botbuilder's own. */
export function userStateKey(channelId: string, userId: string): string {
  return `${channelId}/users/${userId}/`;
}

export function conversationStateKey(channelId: string, conversationId: string): string {
  return `${channelId}/conversations/${conversationId}/`;
}

/** A person's record as last saved in user state, if they have one. */
export async function readPersonRecord(storage: Storage, person: { channelId: string; userId: string }): Promise<PersonRecord | undefined> {
  const key = userStateKey(person.channelId, person.userId);
  return (await storage.read([key]))[key]?.[PERSON_PROPERTY] as PersonRecord | undefined;
}
