import { randomUUID } from 'node:crypto';
import { FollowUp, orderFollowUps, PRIVATE_NOTES_PER_HANDOFF, PrivateNote } from '../domain/followUp';

/** Who a handoff is about (channel and user id; the user id may be a phone number: personal data). */
export interface PersonKey {
  channelId: string;
  userId: string;
}

/** What is kept on one handoff of a person beyond the queue: a mentor's private notes and the follow-up day. */
export interface HandoffHoldings {
  handoffId: string;
  notes: PrivateNote[];
  followUp: FollowUp | null;
}

/**
 * What mentors keep on a handoff for themselves: private notes (never sent to the person) and a
 * follow-up day set at the close. Kept with the handoff (as long as it, see `retain`), listed per
 * person for their data export, erased with the person. Implementations: memory and Redis.
 */
export interface HandoffNotes {
  /** Adds a private note, oldest first; undefined (nothing kept) when the handoff has PRIVATE_NOTES_PER_HANDOFF already. */
  addNote(handoffId: string, person: PersonKey, note: Omit<PrivateNote, 'id'>): Promise<PrivateNote | undefined>;
  /** The handoff's private notes, oldest first (none: an empty list). */
  notes(handoffId: string): Promise<PrivateNote[]>;
  /** Sets (or replaces) the handoff's follow-up. */
  setFollowUp(person: PersonKey, followUp: FollowUp): Promise<void>;
  followUp(handoffId: string): Promise<FollowUp | undefined>;
  /** Removes the handoff's follow-up (done); false when there was none. */
  clearFollowUp(handoffId: string): Promise<boolean>;
  /** Every follow-up kept, the earliest day first. */
  followUps(): Promise<FollowUp[]>;
  /** Keeps what is held on the handoff as long as the handoff from now on (called when it ends). */
  retain(handoffId: string, person: PersonKey): Promise<void>;
  /** Everything held on the person's handoffs (for their data export). */
  forPerson(person: PersonKey): Promise<HandoffHoldings[]>;
  /** Erases everything held on the person's handoffs; returns how many handoffs had something. */
  erasePerson(person: PersonKey): Promise<number>;
}

const personOf = (person: PersonKey) => `${person.channelId}\u0000${person.userId}`;

/** In one process (no Redis): kept until erased or the process ends, as the memory queue keeps handoffs. */
export class MemoryHandoffNotes implements HandoffNotes {
  private readonly notesBy = new Map<string, PrivateNote[]>();
  private readonly followUpsBy = new Map<string, FollowUp>();
  private readonly handoffsOf = new Map<string, Set<string>>();

  async addNote(handoffId: string, person: PersonKey, note: Omit<PrivateNote, 'id'>) {
    const list = this.notesBy.get(handoffId) ?? [];
    if (list.length >= PRIVATE_NOTES_PER_HANDOFF) return undefined;
    this.remember(handoffId, person);
    const kept: PrivateNote = { id: randomUUID(), ...note };
    this.notesBy.set(handoffId, [...list, kept]);
    return { ...kept };
  }

  async notes(handoffId: string) {
    return (this.notesBy.get(handoffId) ?? []).map((n) => ({ ...n }));
  }

  async setFollowUp(person: PersonKey, followUp: FollowUp) {
    this.remember(followUp.handoffId, person);
    this.followUpsBy.set(followUp.handoffId, { ...followUp });
  }

  async followUp(handoffId: string) {
    const found = this.followUpsBy.get(handoffId);
    return found && { ...found };
  }

  async clearFollowUp(handoffId: string) {
    return this.followUpsBy.delete(handoffId);
  }

  async followUps() {
    return orderFollowUps([...this.followUpsBy.values()].map((f) => ({ ...f })));
  }

  async retain() {
    // Nothing expires in memory.
  }

  async forPerson(person: PersonKey) {
    const ids = [...(this.handoffsOf.get(personOf(person)) ?? [])].sort();
    return ids.map((handoffId) => ({ handoffId, notes: (this.notesBy.get(handoffId) ?? []).map((n) => ({ ...n })), followUp: this.followUpsBy.get(handoffId) ?? null }));
  }

  async erasePerson(person: PersonKey) {
    const ids = this.handoffsOf.get(personOf(person)) ?? new Set<string>();
    for (const id of ids) {
      this.notesBy.delete(id);
      this.followUpsBy.delete(id);
    }
    this.handoffsOf.delete(personOf(person));
    return ids.size;
  }

  private remember(handoffId: string, person: PersonKey) {
    const key = personOf(person);
    (this.handoffsOf.get(key) ?? this.handoffsOf.set(key, new Set()).get(key)!).add(handoffId);
  }
}
