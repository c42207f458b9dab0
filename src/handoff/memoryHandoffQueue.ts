import { randomUUID } from 'node:crypto';
import { canTransition, CloseOutcome, HandoffDelivery, HandoffMessage, HandoffRecord, HandoffStatus, isOpen } from '../domain/handoff';
import type { ChangeResult, ClaimResult, HandoffQueue, MentorMessageRef, MentorRef, NewHandoff, NoticeField } from './handoffQueue';

/** The queue in one process's memory (the default without REDIS_URL). */
export class MemoryHandoffQueue implements HandoffQueue {
  private readonly records = new Map<string, HandoffRecord>();
  private seq = 0;

  async enqueue(input: NewHandoff, now: Date) {
    const open = await this.openFor(input.person.channelId, input.person.userId);
    if (open) return { handoff: open, created: false };
    const record: HandoffRecord = { ...clone(input), id: randomUUID(), status: 'waiting', createdAt: now.toISOString(), messages: [], seq: ++this.seq };
    this.records.set(record.id, record);
    return { handoff: clone(record), created: true };
  }

  async get(id: string) {
    const r = this.records.get(id);
    return r && clone(r);
  }

  async openFor(channelId: string, userId: string) {
    const r = [...this.records.values()].find((h) => isOpen(h.status) && h.person.channelId === channelId && h.person.userId === userId);
    return r && clone(r);
  }

  async waiting() {
    return [...this.records.values()].filter((h) => h.status === 'waiting').sort((a, b) => a.seq - b.seq).map(clone);
  }

  async active() {
    return [...this.records.values()]
      .filter((h) => h.status === 'active')
      .sort((a, b) => (a.claimedAt ?? '').localeCompare(b.claimedAt ?? ''))
      .map(clone);
  }

  async position(id: string) {
    const index = (await this.waiting()).findIndex((h) => h.id === id);
    return index < 0 ? undefined : index + 1;
  }

  async claim(id: string, mentor: MentorRef, now: Date): Promise<ClaimResult> {
    const r = this.records.get(id);
    if (!r) return { ok: false, reason: 'not-found' };
    if (r.status === 'active') return { ok: false, reason: 'already-taken', handoff: clone(r) };
    if (r.status !== 'waiting') return { ok: false, reason: 'not-waiting' };
    const handledBy = [...new Set([...(r.handledBy ?? []), mentor.id])].sort();
    Object.assign(r, { status: 'active', mentor: { ...mentor }, claimedAt: now.toISOString(), claims: (r.claims ?? 0) + 1, handledBy });
    return { ok: true, handoff: clone(r) };
  }

  async transfer(id: string, fromMentorId: string, to: MentorRef): Promise<ChangeResult> {
    const r = this.records.get(id);
    if (!r) return { ok: false, reason: 'not-found' };
    if (r.status !== 'active') return { ok: false, reason: 'not-allowed' };
    if (r.mentor?.id !== fromMentorId) return { ok: false, reason: 'not-yours' };
    r.mentor = { ...to };
    r.handledBy = [...new Set([...(r.handledBy ?? []), to.id])].sort();
    return { ok: true, handoff: clone(r) };
  }

  async release(id: string, mentorId: string): Promise<ChangeResult> {
    return this.change(id, 'waiting', mentorId, (r) => {
      delete r.mentor;
      delete r.claimedAt;
    });
  }

  async close(id: string, mentorId: string, outcome: CloseOutcome, note: string, now: Date): Promise<ChangeResult> {
    return this.change(id, 'closed', mentorId, (r) => Object.assign(r, { closedAt: now.toISOString(), closeOutcome: outcome, note }));
  }

  async abandon(id: string, now: Date, note?: string): Promise<ChangeResult> {
    return this.change(id, 'abandoned', undefined, (r) => Object.assign(r, { closedAt: now.toISOString() }, note ? { note } : {}));
  }

  async addMessage(id: string, message: HandoffMessage): Promise<ChangeResult> {
    const r = this.records.get(id);
    if (!r) return { ok: false, reason: 'not-found' };
    if (!isOpen(r.status)) return { ok: false, reason: 'not-allowed' };
    r.messages.push({ ...message });
    return { ok: true, handoff: clone(r) };
  }

  async markDelivery(id: string, ref: MentorMessageRef, delivery: HandoffDelivery): Promise<ChangeResult> {
    const r = this.records.get(id);
    const message = [...(r?.messages ?? [])].reverse().find((m) => m.from === 'mentor' && m.at === ref.at && m.text === ref.text);
    if (!r || !message) return { ok: false, reason: 'not-found' };
    message.delivery = delivery;
    return { ok: true, handoff: clone(r) };
  }

  async rate(id: string, rating: number): Promise<ChangeResult> {
    const r = this.records.get(id);
    if (!r) return { ok: false, reason: 'not-found' };
    if (r.status !== 'closed' || r.rating !== undefined) return { ok: false, reason: 'not-allowed' };
    r.rating = rating;
    return { ok: true, handoff: clone(r) };
  }

  async allFor(channelId: string, userId: string) {
    return [...this.records.values()]
      .filter((h) => h.person.channelId === channelId && h.person.userId === userId)
      .sort((a, b) => a.seq - b.seq)
      .map(clone);
  }

  async latestFor(channelId: string, userId: string) {
    return (await this.allFor(channelId, userId)).at(-1);
  }

  async updateNotice(id: string, field: NoticeField, expected: string | undefined, next: string): Promise<boolean> {
    const r = this.records.get(id);
    if (!r) return false;
    const current = r[field] === undefined ? undefined : String(r[field]);
    if (current !== expected) return false;
    if (field === 'toldPlace') r.toldPlace = Number(next);
    else r.leaveMessageOfferedAt = next;
    return true;
  }

  async erasePerson(channelId: string, userId: string): Promise<number> {
    const ids = [...this.records.values()].filter((h) => h.person.channelId === channelId && h.person.userId === userId).map((h) => h.id);
    ids.forEach((id) => this.records.delete(id));
    return ids.length;
  }

  /** A status change checked against the state machine; `mentorId` (when given) must own an active handoff. */
  private change(id: string, to: HandoffStatus, mentorId: string | undefined, apply: (r: HandoffRecord) => void): ChangeResult {
    const r = this.records.get(id);
    if (!r) return { ok: false, reason: 'not-found' };
    if (!canTransition(r.status, to)) return { ok: false, reason: 'not-allowed' };
    if (mentorId !== undefined && r.status === 'active' && r.mentor?.id !== mentorId) return { ok: false, reason: 'not-yours' };
    apply(r);
    r.status = to;
    return { ok: true, handoff: clone(r) };
  }
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
