import { HandoffService } from '../../src/handoff/handoffService';
import { MemoryHandoffQueue } from '../../src/handoff/memoryHandoffQueue';
import { MemoryHandoffEvents, HandoffEvent } from '../../src/handoff/handoffEvents';
import { parseMentorHours } from '../../src/domain/mentorHours';
import { createLogger } from '../../src/logger';
import { RecordingMessenger } from '../support/recordingMessenger';
import { translator } from '../support/chatDriver';
import { newHandoff } from '../contracts/handoffQueue.contract';
import type { HandoffQueue, MentorRef } from '../../src/handoff/handoffQueue';
import type { FunnelRecorder } from '../../src/reporting/funnel';
import { MemoryReadMarkers } from '../../src/handoff/readMarkers';

/** The funnel's calls, as they were made. */
class CountingFunnel implements FunnelRecorder {
  readonly calls: string[] = [];
  async record(step: string, language: string) {
    this.calls.push(`${step}:${language}`);
  }
  async waited(seconds: number, language: string) {
    this.calls.push(`waited:${seconds}:${language}`);
  }
  async rated(rating: number, language: string) {
    this.calls.push(`rated:${rating}:${language}`);
  }
}

function makeService(hoursSpec = 'always', start = new Date('2026-11-25T10:00:00Z'), queue: HandoffQueue = new MemoryHandoffQueue(), readMarkers = new MemoryReadMarkers()) {
  let now = start;
  const messenger = new RecordingMessenger();
  const events = new MemoryHandoffEvents();
  const seen: HandoffEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const hours = parseMentorHours(hoursSpec);
  if (!hours.ok) throw new Error(hours.problem);
  const funnel = new CountingFunnel();
  const service = new HandoffService({
    queue,
    events,
    messenger,
    translator: translator(),
    hours: { windows: hours.windows, timeZone: 'Europe/Amsterdam' },
    maxWaitMinutes: 20,
    now: () => now,
    logger: createLogger('silent'),
    funnel,
    history: async () => [{ type: 'message', text: 'ik wil een mentor', from: { id: 'u', role: 'user' } } as never],
    readMarkers,
  });
  /** What the person was told in words (the handoff events aside). */
  const told = () => messenger.sent.filter((s) => s.activity.type !== 'event');
  const handoffEvents = () => messenger.sent.filter((s) => s.activity.type === 'event').map((s) => s.activity);
  return { service, messenger, seen, funnel, told, handoffEvents, advance: (minutes: number) => (now = new Date(now.getTime() + minutes * 60000)) };
}

const t = (lng: 'nl' | 'ar', key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);

describe('HandoffService', () => {
  it('forgets how far mentors read a person\'s handoffs when the person is erased, and no one else\'s', async () => {
    const readMarkers = new MemoryReadMarkers();
    const { service } = makeService('always', undefined, undefined, readMarkers);
    const { handoff: hers } = await service.request(newHandoff({ language: 'ar' }));
    const { handoff: his } = await service.request(newHandoff({ language: 'nl' }));
    await readMarkers.markRead(hers.id, 'm1', 3);
    await readMarkers.markRead(his.id, 'm1', 2);
    expect(await service.erasePerson(hers.person.channelId, hers.person.userId)).toBe(1);
    expect(await readMarkers.readCounts([hers.id, his.id], 'm1')).toEqual(new Map([[hers.id, 0], [his.id, 2]]));
  });

  it('tells waiting people their new place only when it moved enough', async () => {
    const { service, messenger, told: words } = makeService();
    const people = [];
    for (let i = 0; i < 4; i++) people.push((await service.request(newHandoff({ language: 'nl' }))).handoff);
    expect((await service.request(newHandoff({ language: 'nl' }))).place).toBe(5);
    messenger.sent.splice(0);
    await service.claim(people[0].id, { id: 'm1', firstName: 'Sara' });
    const told = words().map((s) => [s.conversationId, s.activity.text]);
    expect(told).toEqual([
      [people[0].conversation.conversation.id, t('nl', 'handoff:claimed', { mentor: 'Sara' })],
      [people[1].conversation.conversation.id, t('nl', 'handoff:place', { place: 1 })],
      [people[2].conversation.conversation.id, t('nl', 'handoff:place', { place: 2 })],
    ]);
    expect(words()[0].relay).toBe(true); // the mentor's arrival may pass the guard
  });

  it('offers to leave a message once, after the maximum wait', async () => {
    const { service, told, advance } = makeService();
    const { handoff } = await service.request(newHandoff({ language: 'ar' }));
    advance(10);
    await service.offerMessages();
    expect(told()).toEqual([]);
    advance(11);
    await service.offerMessages();
    await service.offerMessages();
    expect(told().map((s) => s.activity.text)).toEqual([t('ar', 'handoff:leaveMessageOffer')]);
    expect((await service.queue.get(handoff.id))?.status).toBe('waiting'); // still visible to mentors
  });

  it('says when mentors are back when asked outside their hours, in the person\u2019s language', async () => {
    const { service } = makeService('mon-fri 09:00-17:00', new Date('2026-11-28T12:00:00Z')); // a Saturday
    const nl = await service.request(newHandoff({ language: 'nl' }));
    expect(nl.backAt).toBe('op maandag 30 november om 09:00 (Nederlandse tijd)');
    const open = makeService('mon-fri 09:00-17:00', new Date('2026-11-25T10:00:00Z'));
    expect((await open.service.request(newHandoff())).backAt).toBeUndefined();
  });

  // Mentors' hours Monday to Friday, 09:00-17:00 Dutch time; 7 December 2026 is a Monday (CET, UTC+1).
  it.each<[string, string, string, Record<'nl' | 'ar' | 'ti', string>]>([
    ['Monday 08:20', '2026-12-07T07:20:00Z', 'today', { nl: 'vandaag om 09:00 (Nederlandse tijd)', ar: 'اليوم الساعة', ti: 'ሎሚ ሰዓት' }],
    ['Sunday 12:00', '2026-12-06T11:00:00Z', 'tomorrow', { nl: 'morgen om 09:00 (Nederlandse tijd)', ar: 'غدًا الساعة', ti: 'ጽባሕ ሰዓት' }],
    ['Friday 18:00', '2026-12-04T17:00:00Z', 'on Monday', { nl: 'op maandag 7 december om 09:00 (Nederlandse tijd)', ar: 'الاثنين', ti: 'ሰኑይ' }],
  ])('on %s (%s) says mentors are back %s, in Dutch time and saying so', async (_at, instant, when, expected) => {
    const { service } = makeService('mon-fri 09:00-17:00', new Date(instant));
    const nl = (await service.request(newHandoff({ language: 'nl' }))).backAt!;
    expect(nl).toBe(expected.nl);
    for (const lng of ['ar', 'ti'] as const) {
      const said = (await service.request(newHandoff({ language: lng }))).backAt!;
      expect(said).toContain(expected[lng]);
      expect(said).toContain(lng === 'ar' ? '(بتوقيت هولندا)' : '(ግዜ ሆላንድ)');
      // On Monday morning a weekday alone ("Monday 09:00") reads as next Monday.
      if (when === 'today') expect(said).not.toContain(lng === 'ar' ? 'الاثنين' : 'ሰኑይ');
    }
  });

  it('publishes every change and relays only the owning mentor\u2019s messages', async () => {
    const { service, messenger, seen } = makeService();
    const { handoff } = await service.request(newHandoff());
    await service.fromPerson(handoff, { text: 'hallo', kind: 'text' });
    expect(await service.fromMentor(handoff.id, { id: 'm1', firstName: 'Sara' }, 'hoi')).toEqual({ ok: false, reason: 'not-allowed' });
    await service.claim(handoff.id, { id: 'm1', firstName: 'Sara' });
    expect(await service.fromMentor(handoff.id, { id: 'm2', firstName: 'Omar' }, 'hoi')).toEqual({ ok: false, reason: 'not-yours' });
    expect((await service.fromMentor(handoff.id, { id: 'm1', firstName: 'Sara' }, 'Hoi!')).ok).toBe(true);
    expect(messenger.sent.at(-1)).toMatchObject({ activity: { text: 'Hoi!' }, relay: true });
    await service.release(handoff.id, 'm1');
    await service.claim(handoff.id, { id: 'm1', firstName: 'Sara' });
    await service.close(handoff.id, 'm1', 'helped', '');
    expect(messenger.sent.at(-1)?.activity.suggestedActions?.actions.map((a) => a.title)).toEqual(['1', '2', '3', '4', '5']);
    expect(seen.map((e) => e.type)).toEqual(['new', 'message', 'claimed', 'message', 'released', 'claimed', 'closed']);
  });

  it('marks a mentor message reported as not delivered by its time and text, and tells open consoles', async () => {
    const { service, seen, advance } = makeService();
    const { handoff } = await service.request(newHandoff());
    await service.claim(handoff.id, { id: 'm1', firstName: 'Sara' });
    const sent = await service.fromMentor(handoff.id, { id: 'm1', firstName: 'Sara' }, 'Hoi!');
    const { at } = sent.ok ? sent.handoff.messages.at(-1)! : { at: '' };
    advance(1);
    await service.fromMentor(handoff.id, { id: 'm1', firstName: 'Sara' }, 'Hoi!');
    seen.splice(0);

    expect(await service.markDelivery(handoff.id, { at, text: 'Hoi!' }, 'failed')).toMatchObject({ ok: true });
    expect((await service.queue.get(handoff.id))!.messages.map((m) => m.delivery)).toEqual(['failed', undefined]);
    expect(seen).toEqual([expect.objectContaining({ type: 'delivery', id: handoff.id, mentorId: 'm1', message: expect.objectContaining({ at, text: 'Hoi!', delivery: 'failed' }) })]);

    expect(await service.markDelivery(handoff.id, { at, text: 'Hallo' }, 'failed')).toEqual({ ok: false, reason: 'not-found' });
    expect(seen).toHaveLength(1);
  });

  it('records the handoff as Bot Framework events: handoff.initiate with the intake, then accepted and completed', async () => {
    const { service, handoffEvents } = makeService();
    const intake = { answers: { firstName: 'Amina', dutchLevel: 'A2' }, completed: true };
    const { handoff } = await service.request(newHandoff({ language: 'ar', intake, outcome: 'eligible' }));
    await service.claim(handoff.id, { id: 'm1', firstName: 'Sara' });
    await service.close(handoff.id, 'm1', 'helped', '');
    const events = handoffEvents();
    expect(events.map((e) => [e.name, (e.value as { state?: string }).state])).toEqual([
      ['handoff.initiate', undefined],
      ['handoff.status', 'accepted'],
      ['handoff.status', 'completed'],
    ]);
    expect(events[0]).toMatchObject({
      value: { handoffId: handoff.id, language: 'ar', reason: 'asked', outcome: 'eligible', intake },
      conversation: { id: handoff.conversation.conversation.id },
    });
    expect(events[0].attachments?.[0]).toMatchObject({ name: 'Transcript', content: { activities: [{ text: 'ik wil een mentor' }] } });
    expect(events[2].value).toEqual({ state: 'completed', message: 'helped' });
  });

  it('records a person who leaves the line before a mentor came as a failed handoff, and one who leaves a mentor as completed', async () => {
    const { service, handoffEvents } = makeService();
    const waiting = (await service.request(newHandoff())).handoff;
    await service.leave(waiting);
    const talking = (await service.request(newHandoff())).handoff;
    await service.claim(talking.id, { id: 'm1', firstName: 'Sara' });
    await service.leave((await service.queue.get(talking.id))!);
    const statuses = handoffEvents().filter((e) => e.name === 'handoff.status').map((e) => e.value);
    expect(statuses).toEqual([{ state: 'failed', message: 'person-left' }, { state: 'accepted' }, { state: 'completed', message: 'person-left' }]);
  });

  it('counts a person reached by a mentor once, also when released and taken again', async () => {
    const { service, funnel, advance } = makeService();
    const { handoff } = await service.request(newHandoff({ language: 'nl' }));
    advance(5);
    await service.claim(handoff.id, { id: 'm1', firstName: 'Sara' });
    await service.release(handoff.id, 'm1');
    advance(5);
    await service.claim(handoff.id, { id: 'm2', firstName: 'Omar' });
    expect(funnel.calls).toEqual(['mentorTook:nl', 'waited:300:nl']);
  });

  it('does not tell the person a mentor came when they left between the claim and the telling', async () => {
    // The person's "stop" lands right after the queue gave the handoff to the mentor.
    class StopAfterClaim extends MemoryHandoffQueue {
      override async claim(id: string, mentor: MentorRef, now: Date) {
        const result = await super.claim(id, mentor, now);
        await this.abandon(id, now);
        return result;
      }
    }
    const { service, told, handoffEvents } = makeService('always', undefined, new StopAfterClaim());
    const { handoff } = await service.request(newHandoff());
    expect((await service.claim(handoff.id, { id: 'm1', firstName: 'Sara' })).ok).toBe(true);
    expect(told().map((s) => s.activity.text)).not.toContain(t('ar', 'handoff:claimed', { mentor: 'Sara' }));
    expect(handoffEvents().filter((e) => (e.value as { state?: string }).state === 'accepted')).toEqual([]);
  });

  it('offers a mentor who became free the first person in a language they speak, else the first in line, never the one they gave back', async () => {
    const { service } = makeService();
    const nl = (await service.request(newHandoff({ language: 'nl' }))).handoff;
    const ar = (await service.request(newHandoff({ language: 'ar' }))).handoff;
    expect((await service.nextFor(['ar']))?.id).toBe(ar.id);
    expect((await service.nextFor(['tr']))?.id).toBe(nl.id);
    expect((await service.nextFor(['ar'], ar.id))?.id).toBe(nl.id);
    await service.leave(nl);
    await service.leave(ar);
    expect(await service.nextFor(['ar'])).toBeUndefined();
  });

  it('asks no rating when a mentor closes a request nobody talked with yet, and says it was closed', async () => {
    const { service, told } = makeService();
    const { handoff } = await service.request(newHandoff({ language: 'ar' }));
    await service.close(handoff.id, 'm1', 'other', 'dubbel verzoek');
    expect(told().map((s) => s.activity.text)).toEqual([t('ar', 'handoff:closedUnanswered')]);
    expect(told().some((s) => s.activity.suggestedActions)).toBe(false);
  });
});
