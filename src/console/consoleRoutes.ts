import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Response, Server } from 'restify';
import type { TranscriptStore } from 'botbuilder';
import { timelineMessages, transcriptActivities } from '../storage/transcriptMessages';
import { CLOSE_OUTCOMES, HandoffRecord, handledBy, orderForMentor } from '../domain/handoff';
import { isLanguage, RIGHT_TO_LEFT, SUPPORTED_LANGUAGES } from '../i18n/languages';
import type { LocaleResources } from '../i18n/localeResources';
import type { HandoffService } from '../handoff/handoffService';
import type { HandoffEvent, HandoffEvents } from '../handoff/handoffEvents';
import type { Logger, Pseudonymizer } from '../logger';
import { PROJECT_ROOT } from '../projectRoot';
import { Account, Role } from '../accounts/accountStore';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, publicAccount, requestBody, sendJson } from './consoleAuth';
import { CloseRequest, LoginRequest, MessageRequest, type ChangeResponse, type ClaimResponse, type HandoffDetail, type HandoffList, type HandoffSummary, type MessageResponse, type SessionResponse, type TextsResponse } from './consoleApi';
import { clientAddress, ProxyHopsError } from './clientAddress';
import { personCode } from './personCode';
import { browserMessage, noticeFacts, withUnread } from './consoleNoticeRoutes';
import type { ReadMarkers } from '../handoff/readMarkers';
import { DeliveryFailedError } from '../handoff/personMessenger';
import type { AuditAction, AuditLog } from '../people/auditLog';
import type { MentorDesk } from '../handover/mentorDesk';
import type { CloseFollowUp } from './consoleNotesRoutes';

const TALKERS: readonly Role[] = ['mentor', 'admin'];
const STATIC = path.join(PROJECT_ROOT, 'src/console/public');
const FILES: Record<string, string> = {
  '/console': 'index.html',
  '/console/': 'index.html',
  '/console/app.css': 'app.css',
  '/favicon.ico': 'favicon.ico',
  // The printable outcome report: a page of its own, its figures from /console/api/outcomes.
  '/console/report': 'report.html',
  '/console/report.css': 'report.css',
};
/** The browser's ES modules: /console/js/<name>.js, one folder deep at most; nothing else under /console/js is served. */
const MODULE_PATH = /^\/console\/js\/(?:[a-z]+\/)?[a-zA-Z]+\.js$/;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.ico': 'image/x-icon' };
const HEARTBEAT_MS = 20_000;
const MAX_STREAMS_PER_SESSION = 3;
/** A year, as browsers' preload lists ask; sent only on responses that came over TLS. */
const HSTS = 'max-age=31536000; includeSubDomains';

export interface ConsoleDeps {
  auth: ConsoleAuth;
  handoffs: HandoffService;
  events: HandoffEvents;
  transcripts: TranscriptStore;
  resources: LocaleResources;
  logger: Logger;
  now: () => Date;
  /** Proxies in front that append to X-Forwarded-For (see clientAddress). */
  trustedProxyHops: number;
  /** How often an open event stream is kept alive and its session checked again (default 20 s). */
  heartbeatMs?: number;
  /** Who opened which conversation, and who closed one nobody had taken. */
  audit: AuditLog;
  pseudonym: Pseudonymizer;
  /** Live-update streams one session may hold open at once (default 3: a few tabs). */
  maxStreamsPerSession?: number;
  /** How far each mentor read each conversation: the unread counts in the lists. */
  readMarkers?: ReadMarkers;
  /** HANDOFF_MAX_WAIT_MINUTES: a waiting summary says when the wait passes it. */
  maxWaitMinutes?: number;
  /** Mentors' status and caps: nobody is offered to a mentor who is off or at their cap, and a take beyond the cap is refused. */
  desk?: MentorDesk;
  /** The follow-up day a close may carry (checked first, kept after); without it a close takes none. */
  followUps?: CloseFollowUp;
}

/** A handoff as the lists show it: no user id (it may be a phone number), waiting time and language fit. */
export function handoffSummary(h: HandoffRecord, account: Account, pseudonym: Pseudonymizer, maxWaitMinutes?: number): HandoffSummary {
  return {
    id: h.id,
    firstName: h.person.firstName,
    // Three letters of the keyed digest of who the person is: the same in every list and after a reload, and not their number.
    pseudonym: h.person.firstName ? undefined : personCode(pseudonym, h.person.channelId, h.person.userId),
    language: h.language,
    reason: h.reason,
    outcome: h.outcome,
    status: h.status,
    createdAt: h.createdAt,
    claimedAt: h.claimedAt,
    closedAt: h.closedAt,
    mentor: h.mentor,
    messageCount: h.messages.length,
    speaksLanguage: account.languages.includes(h.language),
    ...noticeFacts(h, maxWaitMinutes),
  };
}

/** The web console at /console and its JSON API at /console/api; returns a function ending open event streams. */
export function registerConsole(server: Server, deps: ConsoleDeps): () => void {
  const onError = consoleErrorLogger(deps.logger);
  const streams = new Set<Response>();
  const streamsPerSession = new Map<string, number>();
  /** Counts a live-update stream against its session until it closes; past the cap, a 429 instead. */
  const holdStreamPlace = (sessionId: string, res: Response) => {
    const open = streamsPerSession.get(sessionId) ?? 0;
    if (open >= (deps.maxStreamsPerSession ?? MAX_STREAMS_PER_SESSION)) throw new HttpError(429, 'too-many-streams', 'this session has as many live-update streams open as it may');
    streamsPerSession.set(sessionId, open + 1);
    res.once('close', () => {
      const left = (streamsPerSession.get(sessionId) ?? 1) - 1;
      if (left > 0) streamsPerSession.set(sessionId, left);
      else streamsPerSession.delete(sessionId);
    });
  };
  const audit = (account: Account, action: AuditAction, handoff: HandoffRecord) =>
    deps.audit.record({ at: deps.now().toISOString(), actor: account.username, role: account.role, action, target: deps.pseudonym(`${handoff.person.channelId}/${handoff.person.userId}`) ?? '-' });
  // Over TLS (here, or at a trusted proxy that says so), browsers are told to come back only over TLS.
  server.use((req, res, next) => {
    const forwardedProto = deps.trustedProxyHops > 0 ? String(req.headers['x-forwarded-proto'] ?? '').split(',').pop()?.trim() : undefined;
    if (req.isSecure() || forwardedProto === 'https') res.header('Strict-Transport-Security', HSTS);
    return next();
  });

  const sendStatic = (res: Response, file: string) => {
    const full = path.join(STATIC, file);
    const body = readFileSync(full); // small, and read per request so an edited file shows at once
    res.setHeader('Content-Type', TYPES[path.extname(full)]);
    res.setHeader('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.writeHead(200);
    res.end(body);
  };
  for (const [route, file] of Object.entries(FILES)) {
    server.get(route, handle(onError, async (_req, res) => sendStatic(res, file)));
  }
  server.get('/console/js/*', handle(onError, async (req, res) => {
    const urlPath = (req.path?.() ?? '').split('?')[0];
    if (!MODULE_PATH.test(urlPath) || !existsSync(path.join(STATIC, urlPath.slice('/console/'.length)))) throw new HttpError(404, 'not-found', 'no such file');
    sendStatic(res, urlPath.slice('/console/'.length));
  }));

  server.get('/console/api/texts', handle(onError, async (req, res) => {
    const asked = String((req.query as Record<string, unknown>)?.lang ?? '');
    const lang = isLanguage(asked) ? asked : 'nl';
    sendJson(res, 200, { lang, dir: RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr', languages: SUPPORTED_LANGUAGES, texts: consoleTexts(deps.resources[lang]) } satisfies TextsResponse);
  }));

  server.post('/console/api/login', handle(onError, async (req, res) => {
    const { username, password } = requestBody(LoginRequest, req, 'send {"username", "password"}');
    let address: string;
    try {
      address = clientAddress(req, deps.trustedProxyHops);
    } catch (error) {
      if (!(error instanceof ProxyHopsError)) throw error;
      deps.logger.error({ trustedProxyHops: error.trustedHops, forwardedEntries: error.seen }, error.message);
      throw new HttpError(503, 'proxy-setting', 'the server\u2019s proxy setting does not match this request; the operator must fix TRUSTED_PROXY_HOPS');
    }
    const signed = await deps.auth.login(username, password, address);
    res.setHeader('Set-Cookie', deps.auth.sessionCookie(signed.session));
    const { stage } = signed.session;
    sendJson(res, 200, { user: publicAccount(signed.account), csrfToken: signed.session.csrfToken, ...(stage ? { stage } : {}) } satisfies SessionResponse);
  }));

  server.post('/console/api/logout', handle(onError, async (req, res) => {
    await deps.auth.logout(await deps.auth.require(req));
    res.setHeader('Set-Cookie', deps.auth.sessionCookie(undefined));
    res.send(204);
  }));

  server.get('/console/api/me', handle(onError, async (req, res) => {
    const { account, session } = await deps.auth.require(req);
    sendJson(res, 200, { user: publicAccount(account), csrfToken: session.csrfToken } satisfies SessionResponse);
  }));

  server.get('/console/api/handoffs', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req);
    const [waiting, active] = await Promise.all([deps.handoffs.queue.waiting(), deps.handoffs.queue.active()]);
    const shown = active.filter((h) => account.role !== 'mentor' || h.mentor?.id === account.id);
    sendJson(res, 200, {
      waiting: orderForMentor(waiting, account.languages).map((h) => handoffSummary(h, account, deps.pseudonym, deps.maxWaitMinutes)),
      active: await withUnread(shown, account, deps.readMarkers, (h) => handoffSummary(h, account, deps.pseudonym, deps.maxWaitMinutes)),
    } satisfies HandoffList);
  }));

  server.get('/console/api/handoffs/:id', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req);
    const handoff = await deps.handoffs.queue.get(req.params.id);
    if (!handoff) throw new HttpError(404, 'not-found', 'no such handoff');
    const mayOpen = account.role !== 'mentor' || handledBy(handoff, account.id) || handoff.status === 'waiting';
    // Who read a person's conversation (a mentor's preview, staff or an admin reading along) is kept, as for transcripts.
    if (mayOpen) await audit(account, 'view-handoff', handoff);
    // A mentor reads what they handled; of someone waiting, only enough to decide to take them.
    if (account.role === 'mentor' && !handledBy(handoff, account.id)) {
      // What became of a person this mentor was looking at (taken, left the line, closed), so the page says it and stops asking.
      if (handoff.status === 'active') throw new HttpError(403, 'not-yours', 'another mentor is talking with this person', { status: handoff.status, by: handoff.mentor?.firstName });
      if (handoff.status !== 'waiting') throw new HttpError(403, 'not-yours', 'mentors read only the conversations they handled', { status: handoff.status });
      return sendJson(res, 200, {
        handoff: { ...handoffSummary(handoff, account, deps.pseudonym), intake: handoff.intake },
        timeline: handoff.messages.filter((m) => m.from === 'person').map(browserMessage),
      } satisfies HandoffDetail);
    }
    sendJson(res, 200, {
      handoff: { ...handoffSummary(handoff, account, deps.pseudonym), intake: handoff.intake, closeOutcome: handoff.closeOutcome, note: handoff.note, rating: handoff.rating },
      timeline: [...(await earlierConversation(deps.transcripts, handoff)), ...handoff.messages.map(browserMessage)],
    } satisfies HandoffDetail);
  }));

  server.post('/console/api/handoffs/:id/claim', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    await deps.desk?.touch(account.id);
    const take = () => deps.handoffs.claim(req.params.id, { id: account.id, firstName: account.firstName });
    // Within the mentor's cap: counted and taken under their own lock, so two takes at once cannot both pass it.
    const result = deps.desk ? await deps.desk.takeWithinCap(account, take) : await take();
    if (result === 'at-capacity') {
      throw new HttpError(409, 'at-capacity', `you have ${account.capacity} conversations going on, as many as you may: close one first`, { capacity: account.capacity });
    }
    if (result === 'busy') throw new HttpError(409, 'busy', 'another take of yours is still going on: try again');
    if (result.ok) return sendJson(res, 200, { handoff: handoffSummary(result.handoff, account, deps.pseudonym) } satisfies ClaimResponse);
    if (result.reason === 'already-taken') throw new HttpError(409, 'already-taken', 'another mentor took this conversation', { by: result.handoff.mentor?.firstName });
    throw new HttpError(result.reason === 'not-found' ? 404 : 409, result.reason, 'this conversation is not waiting any more');
  }));

  server.post('/console/api/handoffs/:id/release', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    const result = await deps.handoffs.release(req.params.id, account.id);
    await sendChange(res, result, account, deps);
  }));

  server.post('/console/api/handoffs/:id/close', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    const { outcome, note, followUp } = requestBody(CloseRequest, req, `outcome must be one of ${CLOSE_OUTCOMES.join(', ')}; note, if any, text of at most 2000 characters`);
    if (deps.followUps) deps.followUps.check(outcome, followUp);
    else if (followUp) throw new HttpError(400, 'follow-up-not-asked', 'follow-up days are not kept here');
    // A request nobody took is closed by an admin only, and on the record: a mentor takes it first.
    const before = await deps.handoffs.queue.get(req.params.id);
    const waiting = before?.status === 'waiting';
    if (waiting && account.role !== 'admin') throw new HttpError(403, 'claim-first', 'take the conversation before you close it (only an admin closes a waiting request)');
    const result = await deps.handoffs.close(req.params.id, account.id, outcome, note ?? '');
    if (waiting && result.ok) await audit(account, 'close-waiting', result.handoff);
    if (result.ok) await deps.followUps?.closed(result.handoff, account, followUp);
    await sendChange(res, result, account, deps);
  }));

  server.post('/console/api/handoffs/:id/messages', handle(onError, async (req, res) => {
    const { account } = await deps.auth.require(req, TALKERS);
    const { text } = requestBody(MessageRequest, req, 'text must be 1 to 4000 characters');
    await deps.desk?.touch(account.id);
    const result = await deps.handoffs.fromMentor(req.params.id, { id: account.id, firstName: account.firstName }, text.trim()).catch((error: unknown) => {
      // The channel refused it (a number no longer on WhatsApp, limits that did not clear): the mentor must know.
      if (error instanceof DeliveryFailedError) throw new HttpError(502, 'not-delivered', 'the message did not reach the person');
      throw error;
    });
    if (!result.ok) return sendChange(res, result, account, deps);
    sendJson(res, 200, { message: result.handoff.messages.at(-1)! } satisfies MessageResponse);
  }));

  server.get('/console/api/events', handle(onError, async (req, res) => {
    const { account, session } = await deps.auth.require(req);
    holdStreamPlace(session.id, res);
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 3000\n\n');
    const send = (event: HandoffEvent) => {
      // A new notice about a mentor's talk slots: their console asks for its count; no one else hears of it.
      if (event.type === 'talk-notice') {
        if (event.mentorId === account.id) res.write('event: talks\ndata: {}\n\n');
        return;
      }
      // A message's text goes only to the mentor talking (and admins); others learn that something changed.
      const mayRead = account.role === 'admin' || (event.mentorId !== undefined && event.mentorId === account.id);
      const { message, ...rest } = event;
      res.write(`event: handoff\ndata: ${JSON.stringify(mayRead && message ? { ...rest, message: browserMessage(message) } : rest)}\n\n`);
    };
    // A session ended since (sign-out, `users disable`, `reset-password`, expiry) ends the stream, checked
    // at every heartbeat and before every event, so nothing more reaches a browser that lost its right to it.
    let ended = false;
    const stillSignedIn = async () => {
      if (ended) return false;
      try {
        await deps.auth.require(req);
        return true;
      } catch (error) {
        if (!(error instanceof HttpError)) return true; // the session store is unreachable: no reason to drop a signed-in mentor
        ended = true;
        res.end();
        return false;
      }
    };
    let order = Promise.resolve(); // events go out in the order they came, each after its check
    const unsubscribe = deps.events.subscribe((event) => {
      order = order.then(async () => {
        if (await stillSignedIn()) send(event);
      });
    });
    const heartbeat = setInterval(() => {
      void stillSignedIn().then((ok) => ok && res.write(': keep-alive\n\n'));
    }, deps.heartbeatMs ?? HEARTBEAT_MS);
    streams.add(res);
    await new Promise<void>((resolve) => {
      req.once('close', resolve);
      res.once('close', resolve);
    });
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    streams.delete(res);
  }));

  return () => {
    for (const res of streams) res.end();
  };
}

/**
 * The answer to a release or close: the handoff, and the person to offer the mentor who just became
 * free (first in line in a language they speak, else first in line), or null when nobody waits.
 */
async function sendChange(res: Response, result: Awaited<ReturnType<HandoffService['release']>>, account: Account, { handoffs, pseudonym, desk }: Pick<ConsoleDeps, 'handoffs' | 'pseudonym' | 'desk'>): Promise<void> {
  if (result.ok) {
    // A mentor who is off, or still at their cap (an admin lowered it), is offered nobody.
    const offered = !desk || (await desk.mayBeOffered(account));
    const next = offered ? await handoffs.nextFor(account.languages, result.handoff.id) : undefined;
    return sendJson(res, 200, { handoff: handoffSummary(result.handoff, account, pseudonym), next: next ? handoffSummary(next, account, pseudonym) : null } satisfies ChangeResponse);
  }
  const status = result.reason === 'not-found' ? 404 : result.reason === 'not-yours' ? 403 : 409;
  sendJson(res, status, { error: result.reason, message: `this cannot be done now (${result.reason})` });
}

/** How far a channel's clock may lag ours (a phone's clock; WhatsApp stamps in whole seconds). */
const CHANNEL_CLOCK_LAG_MS = 5 * 60 * 1000;

/**
 * What the person and the bot said before the handoff, from the transcript (only kept with consent).
 * The transcript dates a message by the channel's clock, the handoff by ours: a message the person wrote
 * after the handoff began can be dated before it in the transcript. The handoff keeps it (and shows it
 * after the divider), so such a copy is left out here: from the end, a message of the person's with the
 * text of one the handoff kept, dated no earlier than that one allowing for the channel's lag.
 */
export async function earlierConversation(store: TranscriptStore, handoff: HandoffRecord) {
  const activities = await transcriptActivities(store, handoff.conversation.channelId, handoff.conversation.conversation.id);
  const before = Date.parse(handoff.createdAt);
  const earlier = timelineMessages(activities).filter((m) => Date.parse(m.at) <= before);
  const kept = handoff.messages.filter((m) => m.from === 'person');
  const copies = new Set<number>();
  for (let i = earlier.length - 1; i >= 0 && kept.length > 0; i--) {
    const message = earlier[i];
    if (message.from !== 'person') continue;
    const at = Date.parse(message.at);
    const match = kept.findIndex((m) => m.text === message.text && at >= Date.parse(m.at) - CHANNEL_CLOCK_LAG_MS);
    if (match < 0) continue;
    copies.add(i);
    kept.splice(match, 1);
  }
  return earlier.filter((_, i) => !copies.has(i));
}

/**
 * The console's texts: console.json, with the partner panel's (partners.json, under `console`) as
 * `partner`, and the names of its audit actions among the audit log's.
 */
/** The console's texts: its own namespace, the partner panel's (`partners.console`, its audit actions among the others) and the pool page's (`consolePool`). */
function consoleTexts(resources: Record<string, unknown>): Record<string, unknown> {
  const console = (resources.console ?? {}) as Record<string, Record<string, unknown>>;
  const partner = ((resources.partners as Record<string, unknown> | undefined)?.console ?? {}) as Record<string, unknown>;
  const audit = (console.audit ?? {}) as Record<string, unknown>;
  const actions = { ...((audit.actions ?? {}) as Record<string, unknown>), ...((partner.auditActions ?? {}) as Record<string, unknown>) };
  return { ...console, audit: { ...audit, actions }, partner, pool: (resources.consolePool ?? {}) as Record<string, unknown> };
}
