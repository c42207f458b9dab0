import type { Request, Server } from 'restify';
import type { Account } from '../accounts/accountStore';
import type { HandoffQueue } from '../handoff/handoffQueue';
import type { Journeys } from '../people/journeys';
import type { JourneyPerson } from '../people/journeyStore';
import type { AuditAction, AuditLog } from '../people/auditLog';
import type { PartnerOutcome, PartnerReferrals } from '../people/partnerReferrals';
import { partnerSummary, summaryHtml, summaryMarkdown } from '../people/partnerSummary';
import type { PersonRecord } from '../domain/person';
import { trainingDecisionDay, type PartnerActor } from '../domain/partnerSteps';
import type { TranscriptCatalog } from '../storage/transcriptCatalog';
import type { Translator } from '../i18n/translator';
import { isLanguage, RIGHT_TO_LEFT } from '../i18n/languages';
import type { Logger, Pseudonymizer } from '../logger';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, requestBody, sendJson, Signed } from './consoleAuth';
import { personSubjects } from './personSubjects';
import { PartnerChoiceRequest, PartnerStepRequest, type PartnerView } from './partnerApi';

const STAFF = ['staff', 'admin'] as const;

export interface PartnerConsoleDeps {
  auth: ConsoleAuth;
  partners: PartnerReferrals;
  journeys: Journeys;
  record(person: JourneyPerson): Promise<PersonRecord | undefined>;
  queue: HandoffQueue;
  catalog: TranscriptCatalog;
  translator: Translator;
  audit: AuditLog;
  pseudonym: Pseudonymizer;
  logger: Logger;
  now: () => Date;
}


const actorOf = (account: Account): PartnerActor => ({ id: account.id, firstName: account.firstName });

/**
 * The referral to a partner in the console (staff and admins), beside the journey: ask the person in
 * the chat whether VIT may share their summary with a partner, refer them after a yes, record the
 * partner's steps, and download the summary. Every view and change is in the audit log.
 */
export function registerPartnerConsole(server: Server, deps: PartnerConsoleDeps): void {
  const onError = consoleErrorLogger(deps.logger);
  const audit = (signed: Signed, action: AuditAction, person: JourneyPerson) =>
    deps.audit.record({ at: deps.now().toISOString(), actor: signed.account.username, role: signed.account.role, action, target: deps.pseudonym(`${person.channelId}/${person.userId}`) ?? '-' });

  /** The person a route names: by the People page's key, a transcript's id, or a handoff's id. */
  const subjects = personSubjects(deps, 'partner');

  async function view(person: JourneyPerson): Promise<PartnerView> {
    const [file, journey] = await Promise.all([deps.partners.of(person), deps.journeys.of(person)]);
    return {
      partners: [...deps.partners.partners],
      stage: journey?.stage ?? null,
      file: file ?? null,
      next: deps.partners.next(file) ?? null,
      decisionDay: trainingDecisionDay(file) ?? null,
    };
  }

  /** A change the rules refused: said why (409), nothing changed. */
  function refused(outcome: PartnerOutcome): asserts outcome is Extract<PartnerOutcome, { ok: true }> {
    if (outcome.ok) return;
    if ('unknownPartner' in outcome) throw new HttpError(400, 'unknown-partner', 'choose one of the partners listed');
    const { message, ...refusal } = outcome.refusal;
    throw new HttpError(409, 'partner-refused', message, { refusal });
  }

  for (const subject of subjects) {
    server.get(subject.path, handle(onError, async (req, res) => {
      const signed = await deps.auth.require(req, STAFF);
      const person = await subject.person(req);
      const body = await view(person);
      await audit(signed, 'view-partner', person);
      sendJson(res, 200, body satisfies PartnerView);
    }));

    server.post(`${subject.path}/ask`, handle(onError, async (req, res) => {
      const signed = await deps.auth.require(req, STAFF);
      const { partner } = requestBody(PartnerChoiceRequest, req, 'send {"partner": "<partner id>"}');
      const person = await subject.person(req);
      const outcome = await deps.partners.ask(person, partner, actorOf(signed.account), deps.now());
      refused(outcome);
      await audit(signed, 'ask-partner-consent', person);
      sendJson(res, 200, { ...(await view(person)), delivery: outcome.delivery } satisfies PartnerView);
    }));

    server.post(`${subject.path}/refer`, handle(onError, async (req, res) => {
      const signed = await deps.auth.require(req, STAFF);
      const { partner } = requestBody(PartnerChoiceRequest, req, 'send {"partner": "<partner id>"}');
      const person = await subject.person(req);
      const outcome = await deps.partners.refer(person, partner, actorOf(signed.account), deps.now());
      refused(outcome);
      await audit(signed, 'refer-partner', person);
      sendJson(res, 200, { ...(await view(person)), delivery: outcome.delivery } satisfies PartnerView);
    }));

    server.post(`${subject.path}/steps`, handle(onError, async (req, res) => {
      const signed = await deps.auth.require(req, STAFF);
      const input = requestBody(PartnerStepRequest, req, 'send {"step": "<step>", "date": "YYYY-MM-DD", "note": "…", "contract": {"months", "hoursPerWeek", "offBenefits"} for contract-signed}');
      const person = await subject.person(req);
      const outcome = await deps.partners.step(person, input, actorOf(signed.account), deps.now());
      refused(outcome);
      await audit(signed, 'record-partner-step', person);
      sendJson(res, 200, { ...(await view(person)), delivery: outcome.delivery } satisfies PartnerView);
    }));

    // The summary for the partner the person said yes to: Markdown (to copy) or a small HTML page.
    server.get(`${subject.path}/summary`, handle(onError, async (req, res) => {
      const signed = await deps.auth.require(req, STAFF);
      const q = (req.query ?? {}) as Record<string, unknown>;
      const lang = isLanguage(q.lang) ? q.lang : 'nl';
      const format = q.format === 'html' ? 'html' : 'md';
      const person = await subject.person(req);
      const [file, journey, record] = await Promise.all([deps.partners.of(person), deps.journeys.of(person), deps.record(person)]);
      const partnerId = file?.referral?.partner ?? [...(file?.asks ?? [])].reverse().find((a) => a.answer === 'yes')?.partner;
      const partner = partnerId ? deps.partners.partner(partnerId) : undefined;
      const summary = partnerId && partnerSummary({ record, journey, file, partnerId, partnerName: partner?.name ?? partnerId }, deps.translator, lang);
      if (!summary) throw new HttpError(409, 'no-consent', 'the person has not said yes to sharing a summary with a partner');
      await audit(signed, 'export-partner-summary', person);
      const body = format === 'html' ? summaryHtml(summary, lang, RIGHT_TO_LEFT.has(lang)) : summaryMarkdown(summary);
      res.setHeader('Content-Type', format === 'html' ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Security-Policy', "default-src 'none'");
      if (q.download === '1') res.setHeader('Content-Disposition', `attachment; filename="vit-summary-${partnerId}.${format}"`);
      res.writeHead(200);
      res.end(body);
    }));
  }
}
