import type { HandoffRecord } from '../domain/handoff';
import type { FollowUp, PrivateNote } from '../domain/followUp';
import type { HandoffNotes } from '../handoff/handoffNotes';
import type { HistoryItem, PrivateNoteView } from './consoleApi';
import { transcriptIdOf } from './transcriptId';

export const noteView = (note: PrivateNote): PrivateNoteView => ({ id: note.id, at: note.at, mentorName: note.mentorName, text: note.text });

/** A handoff as a person's history shows it, with its private notes and open follow-up. */
export function historyItem(h: HandoffRecord, notes: PrivateNote[], followUp: FollowUp | undefined): HistoryItem {
  return {
    id: h.id,
    createdAt: h.createdAt,
    claimedAt: h.claimedAt,
    closedAt: h.closedAt,
    status: h.status,
    mentor: h.mentor?.firstName,
    closeOutcome: h.closeOutcome,
    note: h.note || undefined,
    rating: h.rating,
    followUp: followUp?.due,
    notes: notes.map(noteView),
    transcriptId: transcriptIdOf(h.conversation.channelId, h.conversation.conversation.id),
  };
}

/** The given handoffs as history items, newest first, each with what the notes store holds on it. */
export async function historyItems(handoffs: readonly HandoffRecord[], notes: HandoffNotes): Promise<HistoryItem[]> {
  const sorted = [...handoffs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return Promise.all(sorted.map(async (h) => historyItem(h, await notes.notes(h.id), await notes.followUp(h.id))));
}

/**
 * The person's history for one of their handoffs: the handoffs that came before it (what a mentor who
 * takes the person reads, as they read the conversation before their part in the transcript).
 */
export function earlierHandoffs(all: readonly HandoffRecord[], current: HandoffRecord): HandoffRecord[] {
  return all.filter((h) => h.id !== current.id && h.createdAt < current.createdAt);
}
