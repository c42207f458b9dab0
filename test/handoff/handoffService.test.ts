import { HandoffService } from '../../src/handoff/handoffService';
import { MemoryHandoffQueue } from '../../src/handoff/memoryHandoffQueue';
import { MemoryHandoffEvents, HandoffEvent } from '../../src/handoff/handoffEvents';
import { parseMentorHours } from '../../src/domain/mentorHours';
import { createLogger } from '../../src/logger';
import { RecordingMessenger } from '../support/recordingMessenger';
import { translator } from '../support/chatDriver';
import { newHandoff } from '../contracts/handoffQueue.contract';

function makeService(hoursSpec = 'always', start = new Date('2026-11-25T10:00:00Z')) {
  let now = start;
  const messenger = new RecordingMessenger();
  const events = new MemoryHandoffEvents();
  const seen: HandoffEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const hours = parseMentorHours(hoursSpec);
  if (!hours.ok) throw new Error(hours.problem);
  const service = new HandoffService({
    queue: new MemoryHandoffQueue(),
    events,
    messenger,
    translator: translator(),
    hours: { windows: hours.windows, timeZone: 'Europe/Amsterdam' },
    maxWaitMinutes: 20,
    now: () => now,
    logger: createLogger('silent'),
  });
  return { service, messenger, seen, advance: (minutes: number) => (now = new Date(now.getTime() + minutes * 60000)) };
}

const t = (lng: 'nl' | 'ar', key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);

describe('HandoffService', () => {
  it('tells waiting people their new place only when it moved enough', async () => {
    const { service, messenger } = makeService();
    const people = [];
    for (let i = 0; i < 4; i++) people.push((await service.request(newHandoff({ language: 'nl' }))).handoff);
    expect((await service.request(newHandoff({ language: 'nl' }))).place).toBe(5);
    await service.claim(people[0].id, { id: 'm1', firstName: 'Sara' });
    const told = messenger.sent.map((s) => [s.conversationId, s.activity.text]);
    expect(told).toEqual([
      [people[0].conversation.conversation.id, t('nl', 'handoff:claimed', { mentor: 'Sara' })],
      [people[1].conversation.conversation.id, t('nl', 'handoff:place', { place: 1 })],
      [people[2].conversation.conversation.id, t('nl', 'handoff:place', { place: 2 })],
    ]);
    expect(messenger.sent[0].relay).toBe(true); // the mentor's arrival may pass the guard
  });

  it('offers to leave a message once, after the maximum wait', async () => {
    const { service, messenger, advance } = makeService();
    const { handoff } = await service.request(newHandoff({ language: 'ar' }));
    advance(10);
    await service.offerMessages();
    expect(messenger.sent).toEqual([]);
    advance(11);
    await service.offerMessages();
    await service.offerMessages();
    expect(messenger.texts()).toEqual([t('ar', 'handoff:leaveMessageOffer')]);
    expect((await service.queue.get(handoff.id))?.status).toBe('waiting'); // still visible to mentors
  });

  it('says when mentors are back when asked outside their hours, in the person\u2019s language', async () => {
    const { service } = makeService('mon-fri 09:00-17:00', new Date('2026-11-28T12:00:00Z')); // a Saturday
    const nl = await service.request(newHandoff({ language: 'nl' }));
    expect(nl.backAt).toBe('maandag 09:00');
    const open = makeService('mon-fri 09:00-17:00', new Date('2026-11-25T10:00:00Z'));
    expect((await open.service.request(newHandoff())).backAt).toBeUndefined();
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
});
