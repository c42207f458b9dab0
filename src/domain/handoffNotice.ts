import type { HandoffMessage } from './handoff';

/*
 * What a mentor is to notice about a conversation: messages of the person not read yet, whether the
 * person is waiting for an answer, and when someone has waited too long. Pure: times come in.
 */

/**
 * How many of the person's messages came after the first `readCount` messages of the handoff (the
 * mentor's read marker: the number of messages they have seen, messages only ever being appended).
 */
export function unreadCount(messages: readonly HandoffMessage[], readCount: number): number {
  return messages.slice(Math.max(0, readCount)).filter((m) => m.from === 'person').length;
}

/**
 * Since when the person waits for an answer: the time of their first message after the mentor's last
 * one, when the person spoke last; undefined when the mentor spoke last or nobody spoke.
 */
export function needsReplySince(messages: readonly HandoffMessage[]): string | undefined {
  let since: string | undefined;
  for (const m of messages) {
    if (m.from === 'mentor') since = undefined;
    else if (m.from === 'person') since ??= m.at;
  }
  return since;
}

/** The moment a person waiting since `createdAt` has waited `maxWaitMinutes` (an ISO time). */
export function waitLimitAt(createdAt: string, maxWaitMinutes: number): string | undefined {
  const start = Date.parse(createdAt);
  return Number.isFinite(start) ? new Date(start + maxWaitMinutes * 60_000).toISOString() : undefined;
}
