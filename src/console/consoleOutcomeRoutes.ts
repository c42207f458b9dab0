import type { Request, Server } from 'restify';
import type { OutcomeEvents } from '../reporting/outcomeEvents';
import { outcomeCsv, outcomeFunnel, poolByQuarter, UNKNOWN_REGION } from '../reporting/outcomeFunnel';
import { isLanguage } from '../i18n/languages';
import { PROVINCES } from '../domain/profile';
import type { AuditLog } from '../people/auditLog';
import type { Logger } from '../logger';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, sendJson, Signed } from './consoleAuth';
import { query } from './consoleStaffRoutes';
import type { OutcomeReportResponse } from './consoleApi';

const STAFF = ['staff', 'admin'] as const;
/** The oldest cohort one can ask for (months back): the events are kept about five years. */
export const OLDEST_COHORT_MONTHS = 60;
/** The pool's size counts every event since the pool began: read this far back (the events' longest read). */
const POOL_HISTORY_MONTHS = 120;
const DEFAULT_MONTHS = 12;

export interface OutcomeConsoleDeps {
  auth: ConsoleAuth;
  outcomes: OutcomeEvents;
  audit: AuditLog;
  logger: Logger;
  now: () => Date;
}

/** `YYYY-MM` of a date, `back` months earlier. */
function monthOf(date: Date, back = 0): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
}

/** What the report is asked for: the cohorts (months of first contact), and one language or region if wanted; refused with a clear message otherwise. */
export function outcomeQuery(q: Record<string, string>, now: Date): { from: string; to: string; language?: string; region?: string } {
  const month = (name: 'from' | 'to', fallback: string) => {
    const value = q[name];
    if (!value) return fallback;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new HttpError(400, 'bad-request', `"${name}" must be a month like 2026-11, not "${value.slice(0, 20)}"`);
    return value;
  };
  const thisMonth = monthOf(now);
  const to = month('to', thisMonth);
  const from = month('from', monthOf(new Date(`${to}-01T00:00:00Z`), DEFAULT_MONTHS - 1));
  if (from > to) throw new HttpError(400, 'bad-request', '"from" is after "to"');
  if (to > thisMonth) throw new HttpError(400, 'bad-request', '"to" is in the future');
  const oldest = monthOf(now, OLDEST_COHORT_MONTHS - 1);
  if (from < oldest) throw new HttpError(400, 'bad-request', `cohorts go back to ${oldest} (the numbers are kept five years)`);
  const language = q.language || undefined;
  if (language && !isLanguage(language)) throw new HttpError(400, 'bad-request', '"language" must be one of nl, en, ar, tr, fa, ti');
  const region = q.region || undefined;
  if (region && region !== UNKNOWN_REGION && !(PROVINCES as readonly string[]).includes(region)) throw new HttpError(400, 'bad-request', `"region" must be a province (${PROVINCES.join(', ')}) or "${UNKNOWN_REGION}"`);
  return { from, to, ...(language ? { language } : {}), ...(region ? { region } : {}) };
}

/**
 * The numbers funders ask for, for staff and admins: the outcome funnel per cohort, language and
 * region, and the talent pool per quarter, as JSON (the Numbers page, the printable report) and CSV
 * (each export in the audit log). No person in any figure.
 */
export function registerOutcomeConsole(server: Server, deps: OutcomeConsoleDeps): void {
  const onError = consoleErrorLogger(deps.logger);

  async function report(req: Request): Promise<OutcomeReportResponse> {
    const now = deps.now();
    const asked = outcomeQuery(query(req), now);
    const today = now.toISOString().slice(0, 10);
    const [steps, pool] = await Promise.all([deps.outcomes.steps(`${asked.from}-01`, today), deps.outcomes.pool(`${monthOf(now, POOL_HISTORY_MONTHS - 1)}-01`, today)]);
    return {
      ...asked,
      generatedAt: now.toISOString(),
      regions: [...PROVINCES, UNKNOWN_REGION],
      funnel: outcomeFunnel(steps, asked.from, asked.to, asked),
      pool: poolByQuarter(pool, asked.from, asked.to),
    };
  }

  server.get('/console/api/outcomes', handle(onError, async (req, res) => {
    await deps.auth.require(req, STAFF);
    sendJson(res, 200, await report(req));
  }));

  server.get('/console/api/outcomes.csv', handle(onError, async (req, res) => {
    const signed: Signed = await deps.auth.require(req, STAFF);
    const body = await report(req);
    const what = [body.language, body.region].filter(Boolean).join(',');
    await deps.audit.record({ at: deps.now().toISOString(), actor: signed.account.username, role: signed.account.role, action: 'export-outcomes', target: `${body.from}..${body.to}${what ? ` ${what}` : ''}` });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', `attachment; filename="vit-outcomes-${body.from}-${body.to}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.writeHead(200);
    res.end(outcomeCsv(body.funnel, body.pool));
  }));
}
