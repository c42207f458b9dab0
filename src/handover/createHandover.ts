import type { Redis } from 'ioredis';
import type { AccountStore } from '../accounts/accountStore';
import type { HandoffQueue } from '../handoff/handoffQueue';
import { CannedReplyStore, MemoryCannedReplyStore, RedisCannedReplyStore } from './cannedReplyStore';
import { MemoryMentorPresenceStore, RedisMentorPresenceStore } from './mentorPresenceStore';
import { MentorDesk } from './mentorDesk';
import { MemoryTakeLock, RedisTakeLock } from './takeLock';

export interface Handover {
  /** Mentors' status, load and caps. */
  desk: MentorDesk;
  /** The replies staff wrote for mentors to insert. */
  replies: CannedReplyStore;
}

/** Mentors' status and the canned replies: in Redis when there is one, else in this process's memory. */
export function createHandover(input: { redis?: Redis; prefix: string; accounts: AccountStore; queue: HandoffQueue; now: () => Date }): Handover {
  const { redis, prefix } = input;
  const presence = redis ? new RedisMentorPresenceStore(redis, prefix) : new MemoryMentorPresenceStore();
  return {
    desk: new MentorDesk({ accounts: input.accounts, presence, queue: input.queue, now: input.now, lock: redis ? new RedisTakeLock(redis, prefix) : new MemoryTakeLock() }),
    replies: redis ? new RedisCannedReplyStore(redis, prefix) : new MemoryCannedReplyStore(),
  };
}
