import type { Redis } from 'ioredis';

export const AUDIT_ACTIONS = [
  'view-transcript',
  'search-transcripts',
  'search-people',
  'export-person',
  'erase-person',
  'export-transcripts',
  'export-stats',
  'view-handoff',
  'view-history',
  'close-waiting',
  'view-unanswered',
  'add-faq-example',
  'mark-out-of-scope',
  'needs-new-answer',
  'edit-faq-answer',
  'revert-faq-answer',
  'review-faq-answer',
  'import-faq-answers',
  'view-journey',
  'view-journey-board',
  'view-pool',
  'move-journey',
  'transfer-handoff',
  'set-capacity',
  'edit-canned-reply',
  'delete-canned-reply',
  'create-account',
  'change-account',
  'disable-account',
  'enable-account',
  'reset-account',
  'set-password',
  'link-teams',
  'unlink-teams',
  'enrol-second-factor',
  'use-recovery-code',
  'publish-slot',
  'cancel-slot',
  'view-talk',
  'notify-talk',
  'record-talk',
  'edit-homework',
  'review-homework',
  'export-journey-funnel',
  'export-outcomes',
  'view-partner',
  'ask-partner-consent',
  'refer-partner',
  'record-partner-step',
  'export-partner-summary',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  at: string;
  actor: string;
  role: string;
  action: AuditAction;
  /** What it was about: a pseudonym of the person (never the person's own id), a conversation pseudonym, or "-" for a search (the words searched for can name someone, so they are not kept); for a decision on an unanswered question, its id (and the topic it became an example of). */
  target: string;
}

/** Who viewed, exported or erased what, when. Memory or Redis (p:audit: a list, newest first, capped). */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  between(from: Date, to: Date): Promise<AuditEntry[]>;
}

const CAP = 100_000;

export class MemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry) {
    this.entries.unshift({ ...entry });
    this.entries.length = Math.min(this.entries.length, CAP);
  }

  async between(from: Date, to: Date) {
    return this.entries.filter((e) => e.at >= from.toISOString() && e.at <= to.toISOString()).map((e) => ({ ...e }));
  }
}

export class RedisAuditLog implements AuditLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async record(entry: AuditEntry) {
    await this.redis.multi().lpush(`${this.prefix}audit`, JSON.stringify(entry)).ltrim(`${this.prefix}audit`, 0, CAP - 1).exec();
  }

  async between(from: Date, to: Date) {
    const raw = await this.redis.lrange(`${this.prefix}audit`, '0', '-1');
    return raw.map((r) => JSON.parse(r) as AuditEntry).filter((e) => e.at >= from.toISOString() && e.at <= to.toISOString());
  }
}
