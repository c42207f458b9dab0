import type { Server } from 'restify';
import { handledBy, HandoffRecord, type CloseOutcome } from '../domain/handoff';
import { checkFollowUpDate, dayIn, followUpMaxDays, followUpState, PRIVATE_NOTE_MAX_LENGTH } from '../domain/followUp';
import type { HandoffQueue } from '../handoff/handoffQueue';
import type { HandoffNotes } from '../handoff/handoffNotes';
import type { Logger, Pseudonymizer } from '../logger';
import type { Account, Role } from '../accounts/accountStore';
import type { AuditLog } from '../people/auditLog';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, requestBody, sendJson } from './consoleAuth';
import { NoteRequest, type FollowUpItem, type FollowUpList, type HistoryResponse, type NoteResponse, type NotesResponse } from './consoleApi';
import { earlierHandoffs, historyItems, noteView } from './handoffHistory';
import { personCode } from './personCode';
import { transcriptIdOf } from './transcriptId';

const TALKERS: readonly Role[] = ['mentor', 'admin'];
const MAX_ID = 100;

export interface NotesDeps {
  auth: ConsoleAuth;
  queue: HandoffQueue;
  notes: HandoffNotes;
  pseudonym: Pseudonymizer;
  logger: Logger;
  now: () => Date;
  /** The mentors' time zone: the day a follow-up falls on, and "today", are theirs. */
  timeZone: string;
  /** How long an ended handoff is kept (days): a follow-up is never set past it. */
  retentionDays: number;
  /** Who read a person's earlier handoffs is kept, as for a transcript. */
  audit: AuditLog;
}

/** The same rule as opening the handoff itself, without the preview of a waiting person: staff and admins, and the mentors who took it. */
const mayRead = (account: Account, handoff: HandoffRecord) => account.role !== 'mentor' || handledBy(handoff, account.id);

/**
 * The follow-up day of a close in the console: checked before the close (a real day, not past, not
 * further ahead than the handoff is kept; with the outcome "follow-up" only, which needs one), kept after it.
 */
export class CloseFollowUp {
  constructor(private readonly deps: Pick<NotesDeps, 'notes' | 'now' | 'timeZone' | 'retentionDays'>) {}

  /** Throws a 400 the close form can show, before anything changes. */
  check(outcome: CloseOutcome, followUp: string | undefined): void {
    if (outcome !== 'follow-up') {
      if (followUp) throw new HttpError(400, 'follow-up-not-asked', 'a follow-up day goes only with the outcome "follow-up"');
      return;
    }
    if (!followUp) throw new HttpError(400, 'follow-up-required', 'the outcome "follow-up" needs a day (YYYY-MM-DD) to follow up on');
    const max = followUpMaxDays(this.deps.retentionDays);
    const checked = checkFollowUpDate(followUp, dayIn(this.deps.now(), this.deps.timeZone), max);
    if (!checked.ok) throw new HttpError(400, `follow-up-${checked.problem}`, `the follow-up day must be a date from today up to ${max} days ahead`);
  }

  /** After the close: the follow-up is kept for the mentor who closed (kept as long as the handoff, see createHandoffs). */
  async closed(handoff: HandoffRecord, account: Account, followUp: string | undefined): Promise<void> {
    if (!followUp) return;
    await this.deps.notes.setFollowUp(handoff.person, { handoffId: handoff.id, due: followUp, mentorId: account.id, mentorName: account.firstName, setAt: this.deps.now().toISOString() });
  }
}

/**
 * What mentors remember about people: private notes on a handoff (never sent to the person), the
 * person's earlier handoffs for the mentor who takes them, and the follow-ups set at a close.
 */
export function registerNotesConsole(server: Server, deps: NotesDeps): void {
  const onError = consoleErrorLogger(deps.logger);
  const readable = async (account: Account, id: string) => {
    const handoff = await deps.queue.get(String(id).slice(0, MAX_ID));
    if (!handoff) throw new HttpError(404, 'not-found', 'no such handoff');
    if (!mayRead(account, handoff)) throw new HttpError(403, 'not-yours', 'mentors read only the conversations they took');
    return handoff;
  };

  server.get('/console/api/handoffs/:id/notes', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req);
    const handoff = await readable(account, req.params.id);
    sendJson(res, 200, { notes: (await deps.notes.notes(handoff.id)).map(noteView) } satisfies NotesResponse);
  }));

  server.post('/console/api/handoffs/:id/notes', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    const { text } = requestBody(NoteRequest, req, `text must be 1 to ${PRIVATE_NOTE_MAX_LENGTH} characters`);
    const handoff = await readable(account, req.params.id);
    const note = await deps.notes.addNote(handoff.id, handoff.person, { at: deps.now().toISOString(), mentorId: account.id, mentorName: account.firstName, text: text.trim() });
    if (!note) throw new HttpError(409, 'too-many-notes', 'this conversation has as many private notes as it may keep');
    sendJson(res, 201, { note: noteView(note) } satisfies NoteResponse);
  }));

  server.get('/console/api/handoffs/:id/history', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req);
    const handoff = await readable(account, req.params.id);
    const all = await deps.queue.allFor(handoff.person.channelId, handoff.person.userId);
    const target = deps.pseudonym(`${handoff.person.channelId}/${handoff.person.userId}`) ?? '-';
    await deps.audit.record({ at: deps.now().toISOString(), actor: account.username, role: account.role, action: 'view-history', target });
    sendJson(res, 200, { items: await historyItems(earlierHandoffs(all, handoff), deps.notes) } satisfies HistoryResponse);
  }));

  server.get('/console/api/follow-ups', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req);
    const mineOnly = account.role === 'mentor' || new URL(req.url ?? '/', 'http://console').searchParams.get('mine') === '1';
    const today = dayIn(deps.now(), deps.timeZone);
    const items: FollowUpItem[] = [];
    for (const followUp of await deps.notes.followUps()) {
      if (mineOnly && followUp.mentorId !== account.id) continue;
      const handoff = await deps.queue.get(followUp.handoffId);
      if (!handoff) {
        // The handoff was erased with its person, or it expired: its follow-up goes too.
        await deps.notes.clearFollowUp(followUp.handoffId);
        continue;
      }
      const { person } = handoff;
      items.push({
        handoffId: handoff.id,
        due: followUp.due,
        state: followUpState(followUp.due, today),
        mentor: { id: followUp.mentorId, firstName: followUp.mentorName },
        firstName: person.firstName,
        pseudonym: person.firstName ? undefined : personCode(deps.pseudonym, person.channelId, person.userId),
        language: handoff.language,
        closeOutcome: handoff.closeOutcome,
        note: handoff.note || undefined,
        closedAt: handoff.closedAt,
        transcriptId: transcriptIdOf(handoff.conversation.channelId, handoff.conversation.conversation.id),
      });
    }
    sendJson(res, 200, { today, everyone: !mineOnly, items } satisfies FollowUpList);
  }));

  server.post('/console/api/follow-ups/:id/done', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req);
    const followUp = await deps.notes.followUp(String(req.params.id).slice(0, MAX_ID));
    if (!followUp) throw new HttpError(404, 'not-found', 'no such follow-up');
    if (account.role === 'mentor' && followUp.mentorId !== account.id) throw new HttpError(403, 'not-yours', 'another mentor set this follow-up');
    await deps.notes.clearFollowUp(followUp.handoffId);
    res.send(204);
  }));
}
