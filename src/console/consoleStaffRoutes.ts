import type { Request, Response, Server } from 'restify';
import type { TranscriptStore } from 'botbuilder';
import type { HandoffQueue } from '../handoff/handoffQueue';
import type { TranscriptCatalog, TranscriptMeta } from '../storage/transcriptCatalog';
import type { PersonRecords } from '../people/personRecords';
import { MentorLine, timelineMessages, transcriptActivities } from '../storage/transcriptMessages';
import type { AuditAction, AuditLog } from '../people/auditLog';
import type { StatsStore } from '../reporting/statsStore';
import type { UnansweredQuestions } from '../people/unansweredQuestions';
import { dayOf } from '../reporting/statsStore';
import { funnelCsv, funnelReport } from '../reporting/funnelReport';
import type { Translator } from '../i18n/translator';
import { isLanguage } from '../i18n/languages';
import { describeAssessment } from '../i18n/describeAssessment';
import { normalizeText } from '../domain/normalizeText';
import type { Logger, Pseudonymizer } from '../logger';
import { Account, Role } from '../accounts/accountStore';
import { CLOSE_OUTCOMES, mentorReadsUntil } from '../domain/handoff';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, requestBody, sendJson, Signed } from './consoleAuth';
import { decodeId, encodeId } from './personSubjects';
import { personCode } from './personCode';
import { EraseRequest, type AuditList, type EraseResponse, type StatsResponse, type TranscriptView, type HistoryItem, type PeopleList, type TranscriptList } from './consoleApi';
import type { HandoffNotes } from '../handoff/handoffNotes';
import { historyItems } from './handoffHistory';
import { transcriptIdOf } from './transcriptId';

const STAFF: readonly Role[] = ['staff', 'admin'];
const PAGE = 50;
const MAX_RANGE_DAYS = 400;

export interface StaffDeps {
  auth: ConsoleAuth;
  people: PersonRecords;
  catalog: TranscriptCatalog;
  transcripts: TranscriptStore;
  queue: HandoffQueue;
  stats: StatsStore;
  audit: AuditLog;
  translator: Translator;
  pseudonym: Pseudonymizer;
  logger: Logger;
  /** Questions the FAQ could not answer well; a person's own are part of their export. */
  unanswered?: UnansweredQuestions;
  /** Mentors' private notes and follow-ups, shown with each handoff of a transcript. */
  notes?: HandoffNotes;
}


/** When an activity was logged, as ISO text, the way the timeline gives it (timelineMessages). */
function timeOf(activity: { timestamp?: Date | string }): string {
  return new Date(activity.timestamp ?? 0).toISOString();
}

export function query(req: Request): Record<string, string> {
  return Object.fromEntries(Object.entries((req.query ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v ?? '')]));
}

/** A calendar day as given (YYYY-MM-DD), if there is one; a day that does not exist (2026-02-31) is refused, not moved. */
function day(q: Record<string, string>, name: 'from' | 'to'): string | undefined {
  const value = q[name];
  if (!value) return undefined;
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()) || dayOf(parsed) !== value) {
    throw new HttpError(400, 'bad-request', `"${name}" must be a date like 2026-11-01, not "${value.slice(0, 40)}"`);
  }
  return value;
}

/** A date range from "from"/"to" (YYYY-MM-DD, inclusive); without them, the last `defaultDays` days. */
export function range(q: Record<string, string>, defaultDays: number): { from: Date; to: Date; fromDay: string; toDay: string } {
  const toDay = day(q, 'to') ?? dayOf(new Date());
  const fromDay = day(q, 'from') ?? dayOf(new Date(Date.parse(toDay) - (defaultDays - 1) * 86400000));
  if (fromDay > toDay) throw new HttpError(400, 'bad-request', '"from" is after "to"');
  if ((Date.parse(toDay) - Date.parse(fromDay)) / 86400000 > MAX_RANGE_DAYS) throw new HttpError(400, 'bad-request', `at most ${MAX_RANGE_DAYS} days at once`);
  return { from: new Date(`${fromDay}T00:00:00.000Z`), to: new Date(`${toDay}T23:59:59.999Z`), fromDay, toDay };
}

/** Staff pages' API: transcripts (mentors: only those they handled), numbers, people, audit log. */
export function registerStaffConsole(server: Server, deps: StaffDeps): void {
  const onError = consoleErrorLogger(deps.logger);
  const audit = (signed: Signed, action: AuditAction, target: string) =>
    deps.audit.record({ at: new Date().toISOString(), actor: signed.account.username, role: signed.account.role, action, target: deps.pseudonym(target) ?? '-' });

  /**
   * The mentors (first names) of a conversation's handoffs, and how far this account reads it: staff and
   * admins all of it; a mentor by the rule for handoffs (mentorReadsUntil), so the Transcripts page shows
   * no more than the conversations page (not another mentor's later talk with a person this one once had).
   */
  async function mentorsOf(meta: TranscriptMeta, account: Account) {
    const handoffs = (await deps.queue.allFor(meta.channelId, meta.userId)).filter((h) => h.conversation.conversation.id === meta.conversationId);
    const until = account.role === 'mentor' ? mentorReadsUntil(handoffs, account.id) : 'all';
    // The handoffs this account reads (those that began within what it may read), with how each ended.
    const shown = handoffs.filter((h) => readable(until)(h.createdAt));
    return { names: [...new Set(handoffs.flatMap((h) => (h.mentor ? [h.mentor.firstName] : [])))], handled: until !== undefined, until, shown };
  }
  const readable = (until: string | 'all' | undefined) => (at: string | undefined) => until === 'all' || (until !== undefined && !!at && at <= until);
  const closeOutcomeFilter = (value: string | undefined) => {
    if (!value) return undefined;
    if (!(CLOSE_OUTCOMES as readonly string[]).includes(value)) throw new HttpError(400, 'bad-request', `"closeOutcome" must be one of ${CLOSE_OUTCOMES.join(', ')}`);
    return value;
  };

  server.get('/console/api/transcripts', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req);
    const q = query(req);
    const { from, to } = range(q, 30);
    const wanted = normalizeText(q.q ?? '');
    const closeOutcome = closeOutcomeFilter(q.closeOutcome);
    const start = Number(q.cursor ? decodeId(q.cursor, 1)[0] : 0);
    const items = [];
    let index = 0;
    let next: string | null = null;
    for (const meta of await deps.catalog.between(from, to)) {
      if (q.channel && meta.channelId !== q.channel) continue;
      const record = await deps.people.record(meta.channelId, meta.userId);
      const language = meta.language ?? record?.language;
      if (q.language && language !== q.language) continue;
      const outcome = record?.assessment?.outcome ?? null;
      if (q.outcome && outcome !== q.outcome) continue;
      const mentors = await mentorsOf(meta, signed.account);
      if (signed.account.role === 'mentor' && !mentors.handled) continue;
      if (q.mentor && !mentors.names.some((n) => normalizeText(n) === normalizeText(q.mentor))) continue;
      if (closeOutcome && !mentors.shown.some((h) => h.closeOutcome === closeOutcome)) continue;
      let snippet: string | null = null;
      if (wanted) {
        const mayRead = readable(mentors.until);
        const hit = (await transcriptActivities(deps.transcripts, meta.channelId, meta.conversationId)).find((a) => a.text && mayRead(timeOf(a)) && normalizeText(a.text).includes(wanted));
        // A mentor's close note is found by the same words (of the handoffs this account reads).
        const noted = hit ? undefined : mentors.shown.find((h) => h.note && normalizeText(h.note).includes(wanted));
        if (!hit && !noted) continue;
        snippet = (hit ? hit.text! : noted!.note!).slice(0, 160);
      }
      if (index++ < start) continue;
      if (items.length === PAGE) {
        next = encodeId([String(start + PAGE)]);
        break;
      }
      const firstName = record?.intake?.answers.firstName;
      items.push({
        id: transcriptIdOf(meta.channelId, meta.conversationId),
        channelId: meta.channelId,
        language: language ?? null,
        firstAt: meta.firstAt,
        lastAt: meta.lastAt,
        messageCount: meta.messageCount,
        person: typeof firstName === 'string' ? firstName : null,
        pseudonym: typeof firstName === 'string' && firstName.trim() ? undefined : personCode(deps.pseudonym, meta.channelId, meta.userId),
        outcome,
        mentors: mentors.names,
        closes: mentors.shown.map((h) => ({ status: h.status, closeOutcome: h.closeOutcome ?? null, rating: h.rating ?? null })),
        snippet,
      });
    }
    // Looking through everyone's words is itself reading personal data: it is logged like a view.
    if (wanted && start === 0) await audit(signed, 'search-transcripts', '');
    sendJson(res, 200, { items, nextCursor: next } satisfies TranscriptList);
  }));

  server.get('/console/api/transcripts/:id', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req);
    const [channelId, conversationId] = decodeId(req.params.id, 2);
    const meta = await deps.catalog.get(channelId, conversationId);
    if (!meta) throw new HttpError(404, 'not-found', 'no such transcript (it may have expired or been erased)');
    const { handled, until, shown } = await mentorsOf(meta, signed.account);
    if (!handled) throw new HttpError(403, 'not-yours', 'mentors read only the conversations they handled');
    const record = await deps.people.record(channelId, meta.userId);
    const lang = isLanguage(query(req).lang) ? (query(req).lang as 'nl') : 'nl';
    const mentorLines: MentorLine[] = (await deps.queue.allFor(channelId, meta.userId))
      .filter((h) => h.conversation.conversation.id === conversationId)
      .flatMap((h) => h.messages.filter((m) => m.from === 'mentor'));
    // A relayed message is the mentor's when the handoff recorded it; the handoff also says who wrote it.
    const messages = timelineMessages(await transcriptActivities(deps.transcripts, channelId, conversationId), mentorLines).filter((m) => readable(until)(m.at));
    await audit(signed, 'view-transcript', `${channelId}/${meta.userId}`);
    const assessment = record?.assessment;
    const firstName = record?.intake?.answers.firstName;
    sendJson(res, 200, {
      conversation: { id: req.params.id, channelId, language: meta.language ?? record?.language ?? null, firstAt: meta.firstAt, lastAt: meta.lastAt },
      // For a person without a first name, the short code the mentor lists show too ("Persoon FD1").
      pseudonym: typeof firstName === 'string' && firstName.trim() ? undefined : personCode(deps.pseudonym, channelId, meta.userId),
      person: record
        ? {
            firstName: record.intake?.answers.firstName,
            language: record.language,
            consent: record.consent,
            intake: record.intake && { answers: record.intake.answers, estimated: record.intake.estimated, completed: !!record.intake.completedAt },
            assessment: assessment && { ...assessment, reasons: describeAssessment(assessment, deps.translator, lang).reasons },
          }
        : null,
      messages,
      // How each handoff of the conversation (that this account reads) ended, with the mentor's private notes.
      handoffs: deps.notes ? await historyItems(shown, deps.notes) : ([] as HistoryItem[]),
    } satisfies TranscriptView);
  }));

  server.get('/console/api/stats', handle(onError, async (req, res) => {
    await deps.auth.require(req, STAFF);
    const { fromDay, toDay } = range(query(req), 56);
    sendJson(res, 200, { from: fromDay, to: toDay, ...funnelReport(await deps.stats.days(fromDay, toDay)) } satisfies StatsResponse);
  }));

  server.get('/console/api/stats.csv', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, STAFF);
    const { fromDay, toDay } = range(query(req), 56);
    const csv = funnelCsv(funnelReport(await deps.stats.days(fromDay, toDay)));
    await audit(signed, 'export-stats', `${fromDay}..${toDay}`);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', `attachment; filename="vit-numbers-${fromDay}-${toDay}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.writeHead(200);
    res.end(csv);
  }));

  server.get('/console/api/people', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, STAFF);
    const found = await deps.people.find(query(req).q ?? '');
    await audit(signed, 'search-people', '');
    sendJson(res, 200, { items: found.map(({ userId, ...rest }) => ({ key: encodeId([rest.channelId, userId]), ...rest })) } satisfies PeopleList);
  }));

  server.post('/console/api/people/:key/export', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, STAFF);
    const [channelId, userId] = decodeId(req.params.key, 2);
    const about = deps.pseudonym(`${channelId}/${userId}`);
    // Who viewed, exported or erased what about the person is held on them too.
    const auditEntries = about ? (await deps.audit.between(new Date(0), new Date())).filter((e) => e.target === about) : [];
    const unanswered = about && deps.unanswered ? await deps.unanswered.byAuthor(about) : [];
    const data = { ...(await deps.people.export(channelId, userId)), audit: auditEntries, unansweredQuestions: unanswered };
    await audit(signed, 'export-person', `${channelId}/${userId}`);
    res.setHeader('Content-Disposition', 'attachment; filename="vit-person-export.json"');
    sendJson(res, 200, data);
  }));

  server.post('/console/api/people/:key/erase', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, STAFF);
    const { confirmActive } = requestBody(EraseRequest, req, 'send {"confirm": true} to erase');
    const [channelId, userId] = decodeId(req.params.key, 2);
    const handoffs = await deps.queue.allFor(channelId, userId);
    const talking = handoffs.find((h) => h.status === 'active');
    // A mentor is talking with the person right now: erasing ends that conversation, so it is said first.
    if (talking && confirmActive !== true) {
      throw new HttpError(409, 'talking-with-mentor', 'a mentor is talking with this person now; send {"confirm": true, "confirmActive": true} to erase anyway', { mentor: talking.mentor?.firstName });
    }
    const erased = await deps.people.erase(channelId, userId);
    // The erasure itself tells open consoles (`erased`), as it does when the person asks for it.
    await audit(signed, 'erase-person', `${channelId}/${userId}`);
    sendJson(res, 200, { erased } satisfies EraseResponse);
  }));

  server.get('/console/api/audit', handle(onError, async (req, res) => {
    await deps.auth.require(req, ['admin']);
    const { from, to } = range(query(req), 30);
    sendJson(res, 200, { items: await deps.audit.between(from, to) } satisfies AuditList);
  }));
}
