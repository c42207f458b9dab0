import {
  allowedMoves,
  daysInStage,
  Journey,
  JOURNEY_ACTORS,
  JOURNEY_STAGES,
  JOURNEY_VERSION,
  journeyStatus,
  JourneyActor,
  JourneyStage,
  motivationGiven,
  move,
  overdue,
  startJourney,
} from '../../src/domain/journey';

const T0 = new Date('2026-12-01T09:00:00.000Z');
const later = (days: number) => new Date(T0.getTime() + days * 86_400_000);
const bot: JourneyActor = { kind: 'bot' };
const sara: JourneyActor = { kind: 'mentor', id: 'acc-sara', firstName: 'Sara' };
const staff: JourneyActor = { kind: 'staff', id: 'acc-noor', firstName: 'Noor' };

/** The programme's table, written out here on its own: every allowed move and who may make it. */
const ALLOWED = `
intake-done > motivation: bot mentor staff
intake-done > mentor-talk-booked: bot mentor staff
intake-done > talent-pool: staff
intake-done > not-selected: staff
motivation > mentor-talk-booked: bot mentor staff
motivation > talent-pool: staff
motivation > not-selected: staff
mentor-talk-booked > mentor-talk-held: mentor staff
mentor-talk-booked > mentor-talk-missed: mentor staff
mentor-talk-booked > motivation: bot mentor staff
mentor-talk-missed > mentor-talk-booked: bot mentor staff
mentor-talk-missed > talent-pool: staff
mentor-talk-missed > not-selected: staff
mentor-talk-held > homework-given: mentor staff
mentor-talk-held > talent-pool: staff
mentor-talk-held > not-selected: staff
homework-given > homework-submitted: bot mentor staff
homework-given > talent-pool: staff
homework-given > not-selected: staff
homework-submitted > homework-reviewed: mentor staff
homework-submitted > homework-given: mentor staff
homework-reviewed > selection-intake: mentor staff
homework-reviewed > homework-given: mentor staff
homework-reviewed > talent-pool: staff
homework-reviewed > not-selected: staff
selection-intake > selected: staff
selection-intake > not-selected: staff
selection-intake > talent-pool: staff
not-selected > talent-pool: staff
talent-pool > motivation: staff
talent-pool > mentor-talk-booked: bot staff
`
  .trim()
  .split('\n')
  .flatMap((line) => {
    const [, from, to, who] = /^(\S+) > (\S+): (.+)$/.exec(line)!;
    return who.split(' ').map((actor) => `${from}>${to}>${actor}`);
  });

const at = (stage: JourneyStage, mentor?: Journey['mentor']): Journey => ({ ...startJourney(T0), stage, ...(mentor ? { mentor } : {}) });
const actorOf = (kind: string): JourneyActor => (kind === 'bot' ? bot : kind === 'mentor' ? sara : staff);

describe('the journey table', () => {
  const cases = JOURNEY_STAGES.flatMap((from) => JOURNEY_STAGES.filter((to) => to !== from).flatMap((to) => JOURNEY_ACTORS.map((actor) => [from, to, actor] as const)));

  it.each(cases)('%s → %s by %s: allowed only when the programme table says so', (from, to, actor) => {
    const result = move(at(from), to, actorOf(actor), 'talked on the phone', later(1));
    const expected = ALLOWED.includes(`${from}>${to}>${actor}`);
    expect(result.ok).toBe(expected);
    if (!result.ok) expect(['not-allowed', 'not-for-actor']).toContain(result.refusal.code);
  });

  it('lists the moves an actor may make from a stage, in the order of the selection', () => {
    expect(allowedMoves('intake-done', 'staff')).toEqual(['motivation', 'mentor-talk-booked', 'not-selected', 'talent-pool']);
    expect(allowedMoves('intake-done', 'mentor')).toEqual(['motivation', 'mentor-talk-booked']);
    expect(allowedMoves('mentor-talk-booked', 'bot')).toEqual(['motivation']);
    expect(allowedMoves('selected', 'staff')).toEqual([]);
  });
});

describe('a move', () => {
  it('records who, when and why, and keeps the journey it was given unchanged', () => {
    const start = at('intake-done');
    const result = move(start, 'motivation', sara, '  Read her motivation  ', later(2));
    expect(result).toMatchObject({ ok: true, journey: { stage: 'motivation', since: later(2).toISOString(), version: JOURNEY_VERSION } });
    if (!result.ok) return;
    expect(result.journey.moves.at(-1)).toEqual({ from: 'intake-done', to: 'motivation', at: later(2).toISOString(), by: sara, reason: 'Read her motivation' });
    expect(start.stage).toBe('intake-done');
    expect(start.moves).toHaveLength(1);
  });

  it('makes the mentor who moves a person their mentor; staff moves leave the mentor as it was', () => {
    const byMentor = move(at('intake-done'), 'motivation', sara, 'read it', later(1));
    if (!byMentor.ok) throw new Error(byMentor.refusal.message);
    expect(byMentor.journey.mentor).toEqual({ id: 'acc-sara', firstName: 'Sara' });
    const byStaff = move(byMentor.journey, 'mentor-talk-booked', staff, 'booked by phone', later(2));
    if (!byStaff.ok) throw new Error(byStaff.refusal.message);
    expect(byStaff.journey.mentor).toEqual({ id: 'acc-sara', firstName: 'Sara' });
    expect(byStaff.journey.moves.map((m) => m.by.kind)).toEqual(['bot', 'mentor', 'staff']);
  });

  it('is refused with a code when the table has no such move', () => {
    const result = move(at('intake-done'), 'selected', staff, 'great', later(1));
    expect(result).toMatchObject({ ok: false, refusal: { code: 'not-allowed', from: 'intake-done', to: 'selected', actor: 'staff' } });
  });

  it('is refused for a mentor where only staff decide, and says who may', () => {
    const result = move(at('selection-intake'), 'selected', sara, 'great', later(1));
    expect(result).toMatchObject({ ok: false, refusal: { code: 'not-for-actor', allowedFor: ['staff'] } });
  });

  it('is refused to the stage the person is at already', () => {
    expect(move(at('motivation'), 'motivation', staff, 'again', later(1))).toMatchObject({ ok: false, refusal: { code: 'same-stage' } });
  });

  it('is refused without a reason', () => {
    expect(move(at('motivation'), 'mentor-talk-booked', sara, '   ', later(1))).toMatchObject({ ok: false, refusal: { code: 'reason-missing' } });
  });

  it('keeps at most 500 characters of a reason', () => {
    const result = move(at('motivation'), 'mentor-talk-booked', sara, 'x'.repeat(900), later(1));
    expect(result.ok && result.journey.moves.at(-1)!.reason.length).toBe(500);
  });
});

describe('deadlines and what is next', () => {
  const rules = { homeworkDays: 14 };
  const homework = () => {
    const r = move(at('mentor-talk-held', { id: 'acc-sara', firstName: 'Sara' }), 'homework-given', sara, 'sent the assignment', T0);
    if (!r.ok) throw new Error(r.refusal.message);
    return r.journey;
  };

  it('gives homework a due date and calls it late after the configured days', () => {
    expect(journeyStatus(homework(), rules, later(3))).toEqual({ stage: 'homework-given', since: T0.toISOString(), nextBy: 'person', due: later(14).toISOString(), mentor: 'Sara' });
    expect(overdue(homework(), rules, later(14))).toBeUndefined();
    expect(overdue(homework(), rules, later(15))).toBe('homework-late');
  });

  it('flags a missed talk as overdue', () => {
    expect(overdue(at('mentor-talk-missed'), rules, T0)).toBe('talk-missed');
    expect(overdue(at('mentor-talk-held'), rules, later(100))).toBeUndefined();
  });

  it('counts whole days in a stage', () => {
    expect(daysInStage(homework(), later(2.5))).toBe(2);
  });

  it.each([
    ['eligible', 'Ik wil software maken', true],
    ['eligible', '', false],
    ['eligible', undefined, false],
    ['direct-route', 'Ik wil software maken', false],
    ['language-first', 'I love computers', false],
  ])('takes the intake motivation as the first step for outcome %s with motivation %p: %s', (outcome, motivation, expected) => {
    expect(motivationGiven(outcome, motivation)).toBe(expected);
  });
});
