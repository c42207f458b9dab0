/** What a mentor says about themselves in the console header; colleagues see it when they hand a person over. */
export const MENTOR_STATUSES = ['available', 'away', 'off'] as const;
export type MentorStatus = (typeof MENTOR_STATUSES)[number];

export function isMentorStatus(value: unknown): value is MentorStatus {
  return typeof value === 'string' && (MENTOR_STATUSES as readonly string[]).includes(value);
}

/** A mentor who said "available" and did nothing in the console for this long counts as away. */
export const AWAY_AFTER_MINUTES = 15;

/** What is kept per account: the status the mentor chose, and when they last did something in the console. */
export interface MentorPresence {
  status: MentorStatus;
  lastActiveAt: string;
}

/**
 * The status colleagues see: what the mentor chose, except that "available" turns into "away" once
 * they did nothing for AWAY_AFTER_MINUTES. Nothing kept (never signed in since): away.
 */
export function shownStatus(presence: MentorPresence | undefined, now: Date, awayAfterMinutes = AWAY_AFTER_MINUTES): MentorStatus {
  if (!presence) return 'away';
  if (presence.status !== 'available') return presence.status;
  const idleMs = now.getTime() - Date.parse(presence.lastActiveAt);
  return idleMs >= awayAfterMinutes * 60_000 ? 'away' : 'available';
}

/** The highest cap an admin can set: more at once is no cap. */
export const MAX_CAPACITY = 50;

/**
 * Whether a mentor with `active` conversations may take one more under their cap (no cap: always).
 * A cap an admin lowered below what the mentor has leaves them over it until they close some.
 */
export function belowCapacity(active: number, capacity: number | undefined): boolean {
  return capacity === undefined || active < capacity;
}
