import type { Server } from 'restify';
import { inNorth, inPool, monthsInPool, trend } from '../domain/talentPool';
import type { PersonRecord } from '../domain/person';
import type { Journey, JourneyStage } from '../domain/journey';
import type { StoredSlot } from '../people/slotStore';
import type { AuditLog } from '../people/auditLog';
import type { PoolPerson } from '../people/poolStore';
import type { TalentPool } from '../people/talentPool';
import type { Logger, Pseudonymizer } from '../logger';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, sendJson } from './consoleAuth';
import { encodeId } from './personSubjects';
import { personCode } from './personCode';
import { PoolQuery, type PoolItem, type PoolNext, type PoolView } from './consoleApi';

/** The pool view reads at most this many people (the most recently written). */
const POOL_LIMIT = 2000;

export interface PoolConsoleDeps {
  auth: ConsoleAuth;
  pool: TalentPool;
  /** People's records (user state), in the order asked: their first name, for staff. */
  records(people: PoolPerson[]): Promise<Array<PersonRecord | undefined>>;
  /** The person's selection journey, for what a ready person did next; without, the ready list shows the pool's word only. */
  journey?(person: PoolPerson): Promise<Journey | undefined>;
  /** The person's talk still to come, if they booked one. */
  upcomingTalk?(person: PoolPerson): Promise<StoredSlot | undefined>;
  audit: AuditLog;
  pseudonym: Pseudonymizer;
  logger: Logger;
  now: () => Date;
}

/** Stages where a ready person still has the next step before them (booking the talk). */
const BEFORE_THE_TALK: readonly JourneyStage[] = ['intake-done', 'motivation', 'talent-pool'];

/**
 * What a ready person did since they were found ready, as the journey says: the talk booked (its time
 * and mentor), the talk missed, or on past the talk (held, homework, the interview, a decision). A move
 * from before they were ready says nothing new.
 */
export function nextAfterReady(journey: Journey | undefined, readyAt: string | null, talk: StoredSlot | undefined): PoolNext | null {
  if (!journey || (readyAt && journey.since < readyAt) || BEFORE_THE_TALK.includes(journey.stage)) return null;
  const { stage, since } = journey;
  if (stage === 'mentor-talk-booked') return { step: 'talk-booked', stage, at: talk?.start ?? since, host: talk?.mentorFirstName ?? null };
  if (stage === 'mentor-talk-missed') return { step: 'talk-missed', stage, at: since, host: null };
  return { step: 'moved-on', stage, at: since, host: null };
}


/**
 * The talent pool for the console: everyone in it by levels, region, track and interest, months in the
 * pool, last contact and the levels' trend, and the ready list. Every signed-in account sees it; only
 * staff and admins see names (and the People page's key), anyone else the pseudonym codes. Audited.
 */
export function registerPoolConsole(server: Server, deps: PoolConsoleDeps): void {
  const onError = consoleErrorLogger(deps.logger);

  server.get('/console/api/pool', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req);
    const parsed = PoolQuery.safeParse(Object.fromEntries(Object.entries((req.query ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v ?? '')]).filter(([, v]) => v !== '')));
    if (!parsed.success) throw new HttpError(400, 'bad-request', 'filters: dutch, english (a level), province, north (yes|no), track, interest (yes|no|unknown), status (active|ready|quiet)');
    const filter = parsed.data;
    const named = signed.account.role === 'staff' || signed.account.role === 'admin';
    const now = deps.now();
    const entries = (await deps.pool.list(POOL_LIMIT)).filter((e) => inPool(e.entry.member));
    const records = named ? await deps.records(entries.map((e) => e.entry.person)) : [];
    // Only the ready ones: what they did next is read from their journey and bookings.
    const next = await Promise.all(
      entries.map(async ({ entry }) =>
        entry.member.status === 'ready' && deps.journey
          ? nextAfterReady(await deps.journey(entry.person), entry.member.readyAt ?? null, await deps.upcomingTalk?.(entry.person))
          : null,
      ),
    );
    const everyone: PoolItem[] = entries.map(({ entry }, i) => {
      const { member, person } = entry;
      const last = member.levels[member.levels.length - 1];
      const answers = records[i]?.intake?.answers ?? {};
      const firstName = named && typeof answers.firstName === 'string' && answers.firstName.trim() ? answers.firstName.trim() : null;
      return {
        key: named ? encodeId([person.channelId, person.userId]) : null,
        transcriptId: named && records[i]?.conversations?.[0] ? encodeId([person.channelId, records[i]!.conversations![0]]) : null,
        name: firstName ?? personCode(deps.pseudonym, person.channelId, person.userId) ?? '—',
        pseudonymous: !firstName,
        language: member.consent?.language ?? null,
        dutch: last?.dutch ?? null,
        english: last?.english ?? null,
        province: member.province,
        north: inNorth(member.province),
        interested: last?.interested ?? null,
        track: last?.outcome ?? 'unknown',
        status: member.status as PoolItem['status'],
        reason: member.reason,
        monthsInPool: monthsInPool(member, now),
        lastContactAt: member.lastContactAt,
        followUpsSent: member.followUpsSent,
        trend: trend(member.levels),
        levels: member.levels.map((l) => ({ at: l.at, dutch: l.dutch, english: l.english })),
        readyAt: member.readyAt ?? null,
        next: next[i],
      };
    });
    const interest = (i: PoolItem) => (i.interested === null ? 'unknown' : i.interested ? 'yes' : 'no');
    const fits = (i: PoolItem) =>
      (!filter.dutch || i.dutch === filter.dutch) &&
      (!filter.english || i.english === filter.english) &&
      (!filter.province || i.province === filter.province) &&
      (!filter.north || i.north === (filter.north === 'yes')) &&
      (!filter.track || i.track === filter.track) &&
      (!filter.interest || interest(i) === filter.interest) &&
      (!filter.status || i.status === filter.status);
    const items = everyone.filter(fits).sort((a, b) => b.monthsInPool - a.monthsInPool || a.name.localeCompare(b.name));
    const count = (pick: (i: PoolItem) => string | null) => items.reduce<Record<string, number>>((acc, i) => ((acc[pick(i) ?? 'unknown'] = (acc[pick(i) ?? 'unknown'] ?? 0) + 1), acc), {});
    const distinct = (pick: (i: PoolItem) => string | null) => [...new Set(everyone.map(pick).filter((v): v is string => !!v))].sort();
    await deps.audit.record({ at: now.toISOString(), actor: signed.account.username, role: signed.account.role, action: 'view-pool', target: '-' });
    sendJson(res, 200, {
      items,
      // Ready until the selection goes past the talk: from then on the journey board follows them.
      ready: everyone.filter((i) => i.status === 'ready' && i.next?.step !== 'moved-on').sort((a, b) => (b.readyAt ?? '').localeCompare(a.readyAt ?? '')),
      counts: { total: items.length, byDutch: count((i) => i.dutch), byEnglish: count((i) => i.english) },
      choices: { provinces: distinct((i) => i.province), tracks: distinct((i) => i.track) },
      weeks: deps.pool.weeks,
      named,
    } satisfies PoolView);
  }));
}
