import type { Server } from 'restify';
import type { PersonRecord } from '../domain/person';
import { slotKind } from '../domain/mentorSlots';
import type { Account } from '../accounts/accountStore';
import type { AuditAction, AuditLog } from '../people/auditLog';
import type { MentorTalks, SlotActionResult, TalkActor } from '../people/mentorTalks';
import type { MentorTalkNotices } from '../people/mentorTalkNotices';
import type { SlotPerson, StoredSlot } from '../people/slotStore';
import type { Logger, Pseudonymizer } from '../logger';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, requestBody, sendJson, Signed } from './consoleAuth';
import { personCode } from './personCode';
import { SlotRequest, TalkNoticesSeenRequest, TalkOutcomeRequest, type SlotItem, type SlotList, type SlotRefusal, type TalkNoticeItem, type TalkNoticeList, type TalkPerson } from './consoleApi';

export interface TalkConsoleDeps {
  auth: ConsoleAuth;
  talks: MentorTalks;
  /** What the mentor is told about bookings of their slots. */
  notices: MentorTalkNotices;
  /** The person's record (user state): their first name and intake, for the mentor before the talk. */
  record(person: SlotPerson): Promise<PersonRecord | undefined>;
  /** Tells the person their talk is off and offers the next free slots; false when it could not be sent. */
  tellCancelled(slot: StoredSlot): Promise<boolean>;
  /** Tells the person they were missed at the talk and how to plan a new one; false when it could not be sent. */
  tellMissed?(slot: StoredSlot): Promise<boolean>;
  audit: AuditLog;
  pseudonym: Pseudonymizer;
  logger: Logger;
  now: () => Date;
}

const actorOf = (account: Account): TalkActor => ({ id: account.id, firstName: account.firstName, role: account.role === 'mentor' ? 'mentor' : 'staff' });

const REFUSED: Record<'missing' | 'not-yours' | 'not-booked' | 'not-started' | 'interview', [number, string]> = {
  interview: [409, 'the interview’s outcome is recorded in the person’s journey (selected, not selected, talent pool)'],
  missing: [404, 'no such slot (it was cancelled, or has expired)'],
  'not-yours': [403, 'this slot is another mentor’s'],
  'not-booked': [409, 'nobody booked this slot'],
  'not-started': [409, 'the talk has not started yet'],
};

function valueOf<T>(result: SlotActionResult<T>): T {
  if (result.ok) return result.value;
  const [status, message] = REFUSED[result.reason];
  throw new HttpError(status, result.reason, message);
}

/**
 * "My slots" in the console: a mentor publishes slots (one-off or weekly, with languages and their own
 * meeting link), sees who booked with the intake before the talk, cancels a slot (the person is told
 * and offered the next free ones), and after the talk records held or missed with a note. Every
 * booked person shown, every slot published or cancelled and every outcome is in the audit log.
 */
export function registerTalkConsole(server: Server, deps: TalkConsoleDeps): void {
  const onError = consoleErrorLogger(deps.logger);
  const audit = (signed: Signed, action: AuditAction, target: string) =>
    deps.audit.record({ at: deps.now().toISOString(), actor: signed.account.username, role: signed.account.role, action, target });
  const personTarget = (p: SlotPerson) => deps.pseudonym(`${p.channelId}/${p.userId}`) ?? '-';

  /** First name from the intake, or the short code the other pages use. */
  async function whoBooked(person: SlotPerson): Promise<{ firstName: string | null; pseudonym?: string }> {
    const name = (await deps.record(person))?.intake?.answers?.firstName;
    const firstName = typeof name === 'string' && name ? name : null;
    return { firstName, ...(firstName ? {} : { pseudonym: personCode(deps.pseudonym, person.channelId, person.userId) }) };
  }

  async function item(slot: StoredSlot): Promise<SlotItem> {
    let booked: TalkPerson | null = null;
    if (slot.booking) {
      const { person } = slot.booking;
      const record = await deps.record(person);
      const answers = record?.intake?.answers ?? {};
      const firstName = typeof answers.firstName === 'string' && answers.firstName ? answers.firstName : null;
      const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
      booked = {
        firstName,
        ...(firstName ? {} : { pseudonym: personCode(deps.pseudonym, person.channelId, person.userId) }),
        language: slot.booking.language,
        intake: record?.intake
          ? {
              outcome: record.assessment?.outcome ?? null,
              dutchLevel: text(answers.dutchLevel),
              englishLevel: text(answers.englishLevel),
              hoursPerWeek: typeof answers.hoursPerWeek === 'number' ? answers.hoursPerWeek : null,
              motivation: text(answers.motivation),
            }
          : null,
      };
    }
    return {
      id: slot.id,
      kind: slotKind(slot),
      start: slot.start,
      durationMinutes: slot.durationMinutes,
      languages: slot.languages,
      link: slot.link,
      booked,
      outcome: slot.outcome ? { kind: slot.outcome.kind, note: slot.outcome.note, at: slot.outcome.at } : null,
    };
  }

  server.get('/console/api/talks/slots', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req);
    const slots = await deps.talks.slotsOf(signed.account.id, deps.now());
    const items = await Promise.all(slots.map(item));
    for (const slot of slots) if (slot.booking) await audit(signed, 'view-talk', personTarget(slot.booking.person));
    sendJson(res, 200, { items } satisfies SlotList);
  }));

  // The mentor's notices: new bookings (who, when, in which language, the link; the intake on the slot's card) and cancellations.
  server.get('/console/api/talks/notices', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req);
    const { notices, seenAt } = await deps.notices.store.get(signed.account.id);
    const items: TalkNoticeItem[] = [];
    for (const n of notices) {
      let person: TalkNoticeItem['person'] = null;
      if (n.kind === 'booked') {
        const slot = await deps.talks.store.get(n.slotId);
        if (slot?.booking && slot.booking.bookedAt === n.bookedAt && slot.mentorId === signed.account.id) {
          person = await whoBooked(slot.booking.person);
          await audit(signed, 'view-talk', personTarget(slot.booking.person));
        }
      }
      const { id, kind, at, slotId, start, durationMinutes, language, link } = n;
      const staff = kind === 'cancelled-by-staff' ? { by: n.by ?? '', wasBooked: n.wasBooked === true } : {};
      items.push({ id, kind, at, slotId, start, durationMinutes, language, link, ...staff, person, unseen: !seenAt || at > seenAt });
    }
    sendJson(res, 200, { items, unseen: items.filter((i) => i.unseen).length } satisfies TalkNoticeList);
  }));

  // How many notices are new (for the tab's badge): a number, no person.
  server.get('/console/api/talks/notices/unseen', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req);
    sendJson(res, 200, { unseen: await deps.notices.unseen(signed.account.id) });
  }));

  server.post('/console/api/talks/notices/seen', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req);
    const { at } = requestBody(TalkNoticesSeenRequest, req, 'send {"at": "<the newest notice\u2019s time>"}');
    const now = deps.now().toISOString();
    const upTo = new Date(at).toISOString();
    const { seenAt } = await deps.notices.store.get(signed.account.id);
    // Never back (an older page sending late), never ahead of now.
    if (!seenAt || upTo > seenAt) await deps.notices.store.markSeen(signed.account.id, upTo < now ? upTo : now);
    sendJson(res, 200, { unseen: await deps.notices.unseen(signed.account.id) });
  }));

  server.post('/console/api/talks/slots', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req);
    const draft = requestBody(SlotRequest, req, 'send {"start": "<ISO time>", "durationMinutes": 30, "languages": ["nl"], "link": "https://…", "weeks": 1, "kind": "talk" | "interview"}');
    if (draft.kind === 'interview' && signed.account.role === 'mentor') throw new HttpError(403, 'forbidden', 'times for the intake interview are published by staff');
    const published = await deps.talks.publish({ id: signed.account.id, firstName: signed.account.firstName }, draft, deps.now());
    if (!published.ok && published.problem === 'busy') throw new HttpError(503, 'busy', 'another publication of yours is being saved; try again');
    if (!published.ok) {
      const refusal: SlotRefusal = { problem: published.problem, ...(published.at ? { at: published.at } : {}) };
      throw new HttpError(409, 'slot-refused', `the slot was not published: ${published.problem}`, { refusal });
    }
    await audit(signed, 'publish-slot', `${published.slots.length}`);
    sendJson(res, 201, { items: await Promise.all(published.slots.map(item)) } satisfies SlotList);
  }));

  server.post('/console/api/talks/slots/:id/cancel', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req);
    const slot = valueOf(await deps.talks.cancelSlot(actorOf(signed.account), String(req.params.id).slice(0, 100), deps.now()));
    const toTell = slot.booking && !slot.outcome && Date.parse(slot.start) > deps.now().getTime();
    const told = toTell ? await deps.tellCancelled(slot) : false;
    await audit(signed, 'cancel-slot', slot.booking ? personTarget(slot.booking.person) : '-');
    sendJson(res, 200, { cancelled: true, told });
  }));

  server.post('/console/api/talks/slots/:id/outcome', handle(onError, async (req, res) => {
    const signed = await deps.auth.require(req);
    const { kind, note } = requestBody(TalkOutcomeRequest, req, 'send {"kind": "held" | "missed", "note": "…"}');
    const slot = valueOf(await deps.talks.recordOutcome(actorOf(signed.account), String(req.params.id).slice(0, 100), kind, note, deps.now()));
    const told = kind === 'missed' && deps.tellMissed ? await deps.tellMissed(slot) : false;
    await audit(signed, 'record-talk', personTarget(slot.booking!.person));
    sendJson(res, 200, { ...(await item(slot)), ...(kind === 'missed' ? { told } : {}) });
  }));
}
