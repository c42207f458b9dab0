import { move, startJourney, type Journey, type JourneyStage } from '../../src/domain/journey';
import { nextAfterReady } from '../../src/console/consolePoolRoutes';
import type { StoredSlot } from '../../src/people/slotStore';

const DAY = 86_400_000;
const T0 = new Date('2026-10-01T10:00:00Z');
const READY_AT = new Date(T0.getTime() + 10 * DAY).toISOString();
const SARA = { kind: 'mentor' as const, id: 'acc-sara', firstName: 'Sara' };
const LISA = { kind: 'staff' as const, id: 'acc-lisa', firstName: 'Lisa' };
const TALK: StoredSlot = { id: 's1', mentorId: 'acc-sara', mentorFirstName: 'Sara', start: '2026-10-20T12:00:00.000Z', durationMinutes: 30, languages: ['ar'], link: 'https://meet.example.org/sara' };

/** A journey moved through `stages`, one a day from `from` on. */
function walked(stages: JourneyStage[], from: Date): Journey {
  let journey = startJourney(T0);
  stages.forEach((to, i) => {
    const result = move(journey, to, to === 'mentor-talk-booked' || to === 'motivation' ? { kind: 'bot' } : ['selected', 'not-selected', 'talent-pool'].includes(to) ? LISA : SARA, 'step', new Date(from.getTime() + (i + 1) * DAY));
    if (!result.ok) throw new Error(result.refusal.message);
    journey = result.journey;
  });
  return journey;
}

describe('what a ready person of the talent pool did next (the Pool page\u2019s ready list)', () => {
  const afterReady = new Date(Date.parse(READY_AT));
  it.each([
    ['no journey', undefined, null],
    ['still at the start', walked([], afterReady), null],
    ['at motivation', walked(['motivation'], afterReady), null],
    ['talk booked', walked(['mentor-talk-booked'], afterReady), { step: 'talk-booked', stage: 'mentor-talk-booked', at: TALK.start, host: 'Sara' }],
    ['talk missed', walked(['mentor-talk-booked', 'mentor-talk-missed'], afterReady), { step: 'talk-missed', stage: 'mentor-talk-missed', host: null }],
    ['talk held', walked(['mentor-talk-booked', 'mentor-talk-held'], afterReady), { step: 'moved-on', stage: 'mentor-talk-held', host: null }],
    ['not selected', walked(['mentor-talk-booked', 'mentor-talk-missed', 'not-selected'], afterReady), { step: 'moved-on', stage: 'not-selected', host: null }],
    ['a move from before they were ready', walked(['mentor-talk-booked', 'mentor-talk-held'], T0), null],
  ] as const)('%s', (_, journey, expected) => {
    const next = nextAfterReady(journey as Journey | undefined, READY_AT, journey?.stage === 'mentor-talk-booked' ? TALK : undefined);
    if (expected === null) expect(next).toBeNull();
    else expect(next).toMatchObject(expected);
  });

  it('a booked talk whose slot is not found still says booked, since when', () => {
    const journey = walked(['mentor-talk-booked'], afterReady);
    expect(nextAfterReady(journey, READY_AT, undefined)).toEqual({ step: 'talk-booked', stage: 'mentor-talk-booked', at: journey.since, host: null });
  });
});
