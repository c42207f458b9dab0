import type { Request, Server } from 'restify';
import { allowedMoves, daysInStage, dueAt, JOURNEY_STAGES, JourneyActor, JourneyStage, overdue } from '../domain/journey';
import { handledBy } from '../domain/handoff';
import { municipalityByName } from '../domain/municipalities';
import { OUTCOMES } from '../domain/eligibility';
import type { PersonRecord } from '../domain/person';
import type { Account } from '../accounts/accountStore';
import type { HandoffQueue } from '../handoff/handoffQueue';
import type { Journeys } from '../people/journeys';
import type { JourneyPerson } from '../people/journeyStore';
import type { AuditAction, AuditLog } from '../people/auditLog';
import type { TranscriptCatalog } from '../storage/transcriptCatalog';
import type { Logger, Pseudonymizer } from '../logger';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, requestBody, sendJson, Signed } from './consoleAuth';
import { encodeId, personSubjects } from './personSubjects';
import { personCode } from './personCode';
import { HomeworkNoteTranslationRequest, HomeworkReviewRequest, JourneyBoardQuery, JourneyMoveRequest, type JourneyBoard, type JourneyBoardItem, type JourneyDeliveryView, type JourneyFunnelResponse, type JourneyView, type ReplyTranslationResponse } from './consoleApi';
import type { ConversationTranslation } from '../translation/conversationTranslation';
import { languageFromLocale } from '../i18n/languages';
import type { JourneyMessages } from '../people/journeyMessages';
import type { StoredSlot } from '../people/slotStore';
import { slotKind } from '../domain/mentorSlots';
import type { JourneyMoveOutcome } from '../people/journeys';
import { journeyFunnel, journeyFunnelCsv } from '../reporting/journeyFunnel';
import { query, range } from './consoleStaffRoutes';

const STAFF = ['staff', 'admin'] as const;
/** The board reads at most this many journeys (the most recently active). */
const BOARD_LIMIT = 2000;

export interface JourneyConsoleDeps {
  auth: ConsoleAuth;
  journeys: Journeys;
  /** People's records (user state), in the order asked: their language, intake and result, for the board. */
  records(people: JourneyPerson[]): Promise<Array<PersonRecord | undefined>>;
  queue: HandoffQueue;
  catalog: TranscriptCatalog;
  audit: AuditLog;
  pseudonym: Pseudonymizer;
  logger: Logger;
  now: () => Date;
  /** Tells the person of the homework, a review and the decision; without, moves are made without a word to them. */
  messages?: JourneyMessages;
  /** The person's booked talks and interviews, shown beside the journey; without, none. */
  bookings?: (person: JourneyPerson) => Promise<StoredSlot[]>;
  /** Machine translation of a review note into the person's language (the mentors' replies' own); without, notes go as written. */
  translation?: ConversationTranslation;
}


/** Staff and admins move as staff; a mentor as a mentor. */
const actorOf = (account: Account): JourneyActor => ({ kind: account.role === 'mentor' ? 'mentor' : 'staff', id: account.id, firstName: account.firstName });

/**
 * The selection journeys in the console: the board (staff), and a person's journey with its moves,
 * reached from the People page or the board (staff), from a transcript or a conversation (staff, and
 * the mentors who had the person). Every view and move is in the audit log.
 */
export function registerJourneyConsole(server: Server, deps: JourneyConsoleDeps): void {
  const onError = consoleErrorLogger(deps.logger);
  const audit = (signed: Signed, action: AuditAction, target: string) =>
    deps.audit.record({ at: deps.now().toISOString(), actor: signed.account.username, role: signed.account.role, action, target: deps.pseudonym(target) ?? '-' });

  /** A mentor reaches a person's journey only when they had the person in a conversation, or are the journey's mentor. */
  async function mayReach(signed: Signed, person: JourneyPerson): Promise<void> {
    if (signed.account.role !== 'mentor') return;
    const handoffs = await deps.queue.allFor(person.channelId, person.userId);
    if (handoffs.some((h) => handledBy(h, signed.account.id))) return;
    if ((await deps.journeys.of(person))?.mentor?.id === signed.account.id) return;
    throw new HttpError(403, 'not-yours', 'mentors see the journeys of the people they had in a conversation');
  }

  async function view(person: JourneyPerson, signed: Signed): Promise<JourneyView> {
    const journey = await deps.journeys.of(person);
    const now = deps.now();
    if (!journey) return { journey: null, allowed: [], daysInStage: null, due: null, overdue: null };
    const booked = deps.bookings ? await deps.bookings(person) : [];
    return {
      bookings: booked.map((slot) => ({ kind: slotKind(slot), start: slot.start, durationMinutes: slot.durationMinutes, host: slot.mentorFirstName, link: slot.link, outcome: slot.outcome?.kind ?? null })),
      journey,
      allowed: allowedMoves(journey.stage, actorOf(signed.account).kind),
      daysInStage: daysInStage(journey, now),
      due: dueAt(journey, deps.journeys.rules) ?? null,
      overdue: overdue(journey, deps.journeys.rules, now) ?? null,
      ...(journey.stage === 'homework-submitted' && deps.messages ? { noteTranslation: { on: deps.translation?.enabled === true, to: await deps.messages.languageOf(person) } } : {}),
    };
  }

  /** The person a route names: by the People page's key (staff), a transcript's id, or a handoff's id. */
  const subjects = personSubjects(deps, 'journey', STAFF);

  /** A move the table refused, or a person without a journey: said so, nothing changed. */
  function refused(moved: JourneyMoveOutcome): asserts moved is Extract<JourneyMoveOutcome, { ok: true }> {
    if (!moved.ok && 'missing' in moved) throw new HttpError(404, 'no-journey', 'this person has no journey (no intake result yet, or their data was erased)');
    if (!moved.ok) {
      const { message, ...refusal } = moved.refusal;
      throw new HttpError(409, 'journey-refused', message, { refusal });
    }
  }

  /** The funnel from everyone's journey within the retention, with each person's language only. */
  async function funnel(req: Request) {
    const { fromDay, toDay } = range(query(req), 56);
    const entries = await deps.journeys.store.list(BOARD_LIMIT, deps.now());
    const records = await deps.records(entries.map((e) => e.person));
    const report = journeyFunnel(entries.map((e, i) => ({ journey: e.journey, language: records[i]?.language ?? null })), fromDay, toDay);
    return { from: fromDay, to: toDay, ...report };
  }

  server.get('/console/api/journey-funnel', handle(onError, async (req, res) => {
    await deps.auth.require(req, STAFF);
    sendJson(res, 200, (await funnel(req)) satisfies JourneyFunnelResponse);
  }));

  server.get('/console/api/journey-funnel.csv', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, STAFF);
    const report = await funnel(req);
    await audit(signed, 'export-journey-funnel', `${report.from}..${report.to}`);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', `attachment; filename="vit-journey-${report.from}-${report.to}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.writeHead(200);
    res.end(journeyFunnelCsv(report));
  }));

  for (const subject of subjects) {
    server.get(subject.path, handle(onError, async (req, res) => {
      const signed = await deps.auth.require(req, subject.roles);
      const person = await subject.person(req);
      await mayReach(signed, person);
      const body = await view(person, signed);
      await audit(signed, 'view-journey', `${person.channelId}/${person.userId}`);
      sendJson(res, 200, body satisfies JourneyView);
    }));

    server.post(`${subject.path}/moves`, handle(onError, async (req, res) => {
      const signed = await deps.auth.require(req, subject.roles);
      const { to, reason } = requestBody(JourneyMoveRequest, req, 'send {"to": "<stage>", "reason": "why"}');
      const person = await subject.person(req);
      await mayReach(signed, person);
      const { outcome, delivery } = deps.messages
        ? await deps.messages.move(person, to, actorOf(signed.account), reason, deps.now())
        : { outcome: await deps.journeys.moveTo(person, to, actorOf(signed.account), reason, deps.now()), delivery: null };
      refused(outcome);
      await audit(signed, 'move-journey', `${person.channelId}/${person.userId}`);
      sendJson(res, 200, { ...(await view(person, signed)), delivery } satisfies JourneyView);
    }));

    /** The review note in the person's language, kept for the review that follows (as a mentor's reply is). Texts are never logged. */
    server.post(`${subject.path}/homework/review-translation`, handle(onError, async (req, res) => {
      const signed = await deps.auth.require(req, subject.roles);
      const { note } = requestBody(HomeworkNoteTranslationRequest, req, 'send {"note": "what the person reads"} (1 to 1000 characters)');
      const person = await subject.person(req);
      await mayReach(signed, person);
      if (!deps.messages) throw new HttpError(404, 'not-found', 'homework is not set up here');
      if (!deps.translation?.enabled) return sendJson(res, 200, { on: false } satisfies ReplyTranslationResponse);
      const to = await deps.messages.languageOf(person);
      const preview = await deps.translation.previewReply(owner(person), note, to);
      sendJson(res, 200, { on: true, to, ...preview } satisfies ReplyTranslationResponse);
    }));

    server.post(`${subject.path}/homework/review`, handle(onError, async (req, res) => {
      const signed = await deps.auth.require(req, subject.roles);
      const { verdict, note, translated } = requestBody(HomeworkReviewRequest, req, 'send {"verdict": "passed" | "again", "note": "what the person reads"}');
      const person = await subject.person(req);
      await mayReach(signed, person);
      if (!deps.messages) throw new HttpError(404, 'not-found', 'homework is not set up here');
      let translation: { text: string; to: string; from?: string } | undefined;
      if (translated) {
        // Exactly the translation previewed: none kept (never previewed, the person's language changed, erased) and nothing happens.
        const to = await deps.messages.languageOf(person);
        const kept = deps.translation?.enabled ? await deps.translation.keptReply(owner(person), note, to) : undefined;
        if (!kept) throw new HttpError(409, 'not-translated', 'this note has no translation to send: preview it again, or send it as written');
        const sameLanguage = kept.from !== undefined && languageFromLocale(kept.from) === to;
        if (!sameLanguage) translation = { text: kept.text, to, ...(kept.from ? { from: kept.from } : {}) };
      }
      const { outcome, delivery } = await deps.messages.review(person, verdict, note, actorOf(signed.account), deps.now(), translation);
      refused(outcome);
      await audit(signed, 'review-homework', `${person.channelId}/${person.userId}`);
      sendJson(res, 200, { ...(await view(person, signed)), delivery: delivery satisfies JourneyDeliveryView | null } satisfies JourneyView);
    }));
  }

  server.get('/console/api/journeys', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req, STAFF);
    const parsed = JourneyBoardQuery.safeParse(Object.fromEntries(Object.entries((req.query ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v ?? '')])));
    if (!parsed.success) throw new HttpError(400, 'bad-request', 'filters: language, province, track, mentor (short text each)');
    const filter = parsed.data;
    const now = deps.now();
    const rules = deps.journeys.rules;
    const everyone: JourneyBoardItem[] = [];
    const entries = await deps.journeys.store.list(BOARD_LIMIT, now);
    const records = await deps.records(entries.map((e) => e.person));
    for (const [i, { person, journey }] of entries.entries()) {
      const record = records[i];
      const answers = record?.intake?.answers ?? {};
      const firstName = typeof answers.firstName === 'string' && answers.firstName.trim() ? answers.firstName : null;
      const newest = record?.conversations?.[0];
      everyone.push({
        key: encodeId([person.channelId, person.userId]),
        firstName,
        pseudonym: firstName ? undefined : personCode(deps.pseudonym, person.channelId, person.userId),
        language: record?.language ?? null,
        province: (typeof answers.municipality === 'string' ? municipalityByName(answers.municipality)?.province : undefined) ?? null,
        track: record?.assessment?.outcome ?? null,
        mentor: journey.mentor?.firstName ?? null,
        stage: journey.stage,
        since: journey.since,
        daysInStage: daysInStage(journey, now),
        overdue: overdue(journey, rules, now) ?? null,
        transcriptId: newest ? encodeId([person.channelId, newest]) : null,
      });
    }
    const fits = (item: JourneyBoardItem) =>
      (!filter.language || item.language === filter.language) &&
      (!filter.province || item.province === filter.province) &&
      (!filter.track || item.track === filter.track) &&
      (!filter.mentor || item.mentor === filter.mentor);
    const items = everyone.filter(fits).sort((a, b) => (a.overdue ? 0 : 1) - (b.overdue ? 0 : 1) || b.daysInStage - a.daysInStage);
    const counts = Object.fromEntries(JOURNEY_STAGES.map((stage) => [stage, items.filter((i) => i.stage === stage).length])) as Record<JourneyStage, number>;
    const distinct = (pick: (i: JourneyBoardItem) => string | null) => [...new Set(everyone.map(pick).filter((v): v is string => !!v))].sort();
    await audit(signed, 'view-journey-board', '');
    sendJson(res, 200, {
      counts,
      items,
      choices: { languages: distinct((i) => i.language), provinces: distinct((i) => i.province), tracks: distinct((i) => i.track), mentors: distinct((i) => i.mentor) },
      homeworkDays: deps.messages ? await deps.messages.homeworkDays(OUTCOMES) : { least: rules.homeworkDays, most: rules.homeworkDays },
    } satisfies JourneyBoard);
  }));
}

/** Whose translations: the person's (erased with them). */
function owner(person: JourneyPerson) {
  return { channelId: person.channelId, userId: person.userId };
}
