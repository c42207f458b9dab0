/** Who a person is on a channel: enough to find everything held on them. */
export interface PersonRef {
  channelId: string;
  userId: string;
  conversationIds: string[];
}

/** A place other than bot state that holds data on people (transcripts, the mentor queue, …). */
export interface PersonDataHolder {
  erase(person: PersonRef): Promise<void>;
}
