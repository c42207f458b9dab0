import { OutcomeEventError, type OutcomeEvents, type OutcomeStepEvent, type PoolEvent } from '../../src/reporting/outcomeEvents';

const step = (over: Partial<OutcomeStepEvent> = {}): OutcomeStepEvent => ({
  step: 'intake',
  at: '2026-12-03T10:00:00.000Z',
  cohort: '2026-11',
  language: 'ar',
  region: 'Utrecht',
  daysSinceFirstContact: 12,
  ...over,
});

const joined = (over: Partial<PoolEvent> = {}): PoolEvent => ({ kind: 'joined', at: '2026-12-03T10:00:00.000Z', language: 'ti', region: 'Groningen', ...over });

/** What every OutcomeEvents must do. `make()` returns an empty store. */
export function outcomeEventsContract(make: () => OutcomeEvents): void {
  it('has no events before any are recorded', async () => {
    const events = make();
    expect(await events.steps('2026-01-01', '2026-12-31')).toEqual([]);
    expect(await events.pool('2026-01-01', '2026-12-31')).toEqual([]);
  });

  it('gives back the step events of the days asked for, oldest first, across months and years', async () => {
    const events = make();
    await events.recordStep(step({ step: 'selected', at: '2027-01-02T09:00:00.000Z', daysSinceFirstContact: 60 }));
    await events.recordStep(step({ step: 'started', at: '2026-11-20T08:00:00.000Z', region: null, daysSinceFirstContact: 0 }));
    await events.recordStep(step());
    await events.recordStep(step({ step: 'referred', at: '2027-03-01T00:00:00.000Z' }));
    expect((await events.steps('2026-11-01', '2027-01-31')).map((e) => [e.step, e.at])).toEqual([
      ['started', '2026-11-20T08:00:00.000Z'],
      ['intake', '2026-12-03T10:00:00.000Z'],
      ['selected', '2027-01-02T09:00:00.000Z'],
    ]);
    expect(await events.steps('2026-12-03', '2026-12-03')).toEqual([step()]);
  });

  it('counts the first and the last day of a range in full', async () => {
    const events = make();
    await events.recordStep(step({ at: '2026-12-01T00:00:00.000Z' }));
    await events.recordStep(step({ at: '2026-12-31T23:59:59.999Z' }));
    await events.recordStep(step({ at: '2027-01-01T00:00:00.000Z' }));
    expect((await events.steps('2026-12-01', '2026-12-31')).map((e) => e.at)).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z']);
  });

  it('keeps every event, also two the same (two people reaching a step at the same moment)', async () => {
    const events = make();
    await events.recordStep(step());
    await events.recordStep(step());
    expect(await events.steps('2026-12-01', '2026-12-31')).toHaveLength(2);
  });

  it('gives back pool events with their level changes, oldest first', async () => {
    const events = make();
    const moved: PoolEvent = { kind: 'level-changed', at: '2027-02-01T12:00:00.000Z', language: 'fa', region: null, dutch: { from: 'A2', to: 'B1' }, english: { from: null, to: 'B2' } };
    await events.recordPool(moved);
    await events.recordPool(joined());
    await events.recordPool(joined({ kind: 'left', at: '2027-03-05T00:00:00.000Z' }));
    expect(await events.pool('2026-12-01', '2027-02-28')).toEqual([joined(), moved]);
  });

  it('keeps only the fields of an event: anything else passed along (a name, an id) is not kept', async () => {
    const events = make();
    await events.recordStep({ ...step(), name: 'Amira', userId: '+31612345678' } as OutcomeStepEvent);
    await events.recordPool({ ...joined(), channelId: 'whatsapp', userId: '+31612345678' } as PoolEvent);
    const [kept] = await events.steps('2026-12-01', '2026-12-31');
    expect(kept).toEqual(step());
    expect(JSON.stringify(await events.pool('2026-12-01', '2026-12-31'))).not.toContain('31612345678');
  });

  it.each([
    ['an unknown step', { step: 'hired' }],
    ['a time that is not one', { at: 'yesterday' }],
    ['a cohort that is not a month', { cohort: '2026-13' }],
    ['a language the bot does not speak', { language: 'de' }],
    ['negative days', { daysSinceFirstContact: -1 }],
    ['days that are not whole', { daysSinceFirstContact: 1.5 }],
    ['a region that is not a province name', { region: 'x'.repeat(200) }],
  ])('refuses a step event with %s, and records nothing', async (_what, over) => {
    const events = make();
    await expect(events.recordStep(step(over as Partial<OutcomeStepEvent>))).rejects.toThrow(OutcomeEventError);
    expect(await events.steps('2026-01-01', '2026-12-31')).toEqual([]);
  });

  it('refuses a pool event of an unknown kind or with a level that is not one', async () => {
    const events = make();
    await expect(events.recordPool(joined({ kind: 'moved' as PoolEvent['kind'] }))).rejects.toThrow(OutcomeEventError);
    await expect(events.recordPool(joined({ kind: 'level-changed', dutch: { from: 'A2', to: '<script>' } }))).rejects.toThrow(OutcomeEventError);
    expect(await events.pool('2026-01-01', '2026-12-31')).toEqual([]);
  });

  it('refuses a read of days that are not days, the wrong way round, or of more than ten years', async () => {
    const events = make();
    await expect(events.steps('2026-02-31', '2026-03-01')).rejects.toThrow(OutcomeEventError);
    await expect(events.steps('2026-12-01', '2026-11-01')).rejects.toThrow(OutcomeEventError);
    await expect(events.pool('2016-01-01', '2026-12-31')).rejects.toThrow(/at most 120 months/);
    expect(await events.pool('2017-01-01', '2026-12-31')).toEqual([]);
  });

  it('gives copies: changing what it returned does not change what it keeps', async () => {
    const events = make();
    await events.recordPool(joined({ kind: 'level-changed', dutch: { from: 'A2', to: 'B1' } }));
    const [got] = await events.pool('2026-12-01', '2026-12-31');
    got.dutch!.to = 'C2';
    expect((await events.pool('2026-12-01', '2026-12-31'))[0].dutch).toEqual({ from: 'A2', to: 'B1' });
  });
}
