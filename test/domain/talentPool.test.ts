import {
  answerConsent,
  askAgain,
  askToJoin,
  checkIn,
  countedInPool,
  followUpDue,
  followUpRequest,
  followUpWeeksAllowed,
  inNorth,
  inPool,
  mayAsk,
  monthsInPool,
  poolReasonFor,
  PoolMember,
  POOL_CONSENT_VERSION,
  requestFollowUps,
  trend,
  withdrawConsent,
} from '../../src/domain/talentPool';

const T0 = new Date('2026-01-05T10:00:00.000Z');
const WEEK = 7 * 86_400_000;
const at = (weeks: number) => new Date(T0.getTime() + weeks * WEEK);
const snapshot = { dutch: 'A1', english: 'none', interested: true, outcome: 'language-first', province: 'Groningen' };
const joined = (): PoolMember => answerConsent(askToJoin('language-first', snapshot, T0), true, 'ar', 8, T0);

describe('the talent pool rules', () => {
  it.each([
    ['language-first', undefined, 'language-first'],
    ['not-yet', undefined, 'not-yet'],
    ['eligible', 'talent-pool', 'talent-pool'],
    ['eligible', 'intake-done', undefined],
    ['direct-route', undefined, undefined],
    ['other-orientation', undefined, undefined],
    [undefined, undefined, undefined],
  ])('result %s at stage %s: asked as %s', (outcome, stage, reason) => {
    expect(poolReasonFor(outcome, stage)).toBe(reason);
  });

  it.each([
    [0, false],
    [1, true],
    [8, true],
    [52, true],
    [53, false],
    [200, false],
    [2.5, false],
  ])('FOLLOWUP_WEEKS=%s allowed: %s', (weeks, allowed) => {
    expect(followUpWeeksAllowed(weeks)).toBe(allowed);
  });

  it('records the consent apart (time, language, text version); yes plans the first check-in FOLLOWUP_WEEKS later, no declines', () => {
    const asked = askToJoin('language-first', snapshot, T0);
    expect(mayAsk(asked)).toBe(true);
    const yes = answerConsent(asked, true, 'ar', 8, T0);
    expect(yes).toMatchObject({ status: 'active', consent: { given: true, at: T0.toISOString(), language: 'ar', textVersion: POOL_CONSENT_VERSION }, nextAt: at(8).toISOString() });
    expect(inPool(yes)).toBe(true);
    const no = answerConsent(asked, false, 'tr', 8, T0);
    expect(no.status).toBe('declined');
    expect(no.nextAt).toBeUndefined();
    expect(inPool(no)).toBe(false);
    expect(mayAsk(no)).toBe(false);
  });

  it.each([
    // unanswered before → what is sent, status after, unanswered after
    [0, 'check-in', 'active', 1],
    [1, 'check-in', 'active', 2],
    [2, 'last', 'quiet', 2],
  ] as const)('%s check-ins unanswered: sends %s, then %s', (unanswered, send, status, after) => {
    const result = followUpDue({ ...joined(), unanswered }, 8, at(8));
    expect(result.send).toBe(send);
    expect(result.member.status).toBe(status);
    expect(result.member.unanswered).toBe(after);
    expect(result.member.nextAt).toBe(send === 'check-in' ? at(16).toISOString() : undefined);
  });

  it.each(['withdrawn', 'ready', 'quiet', 'declined', 'asked'] as const)('a %s person gets no check-in', (status) => {
    expect(followUpDue({ ...joined(), status }, 8, at(8)).send).toBeNull();
  });

  it('an answer resets the count; "stop follow-ups" keeps when it was withdrawn and stops everything', () => {
    const due = followUpDue(joined(), 8, at(8)).member;
    expect(due.awaitingCheckIn).toBe(true);
    const { member } = checkIn(due, { dutch: 'A2', english: 'none', interested: true, outcome: 'eligible' }, at(9));
    expect(member.unanswered).toBe(0);
    const stopped = withdrawConsent(joined(), at(3));
    expect(stopped).toMatchObject({ status: 'withdrawn', consent: { given: true, withdrawnAt: at(3).toISOString() } });
    expect(stopped.nextAt).toBeUndefined();
    expect(followUpDue(stopped, 8, at(8)).send).toBeNull();
  });

  it.each([
    // answers at the check-in → ready?, level change?
    [{ dutch: 'A1', english: 'none', outcome: 'language-first' }, false, false, 'active'],
    [{ dutch: 'A2', english: 'none', outcome: 'eligible' }, true, true, 'ready'],
    [{ dutch: 'A1', english: 'B2', outcome: 'direct-route' }, true, true, 'ready'],
    [{ dutch: 'A1', english: 'none', outcome: 'other-orientation' }, false, false, 'active'],
  ])('check-in %o: ready %s, level changed %s', (answers, ready, changed, status) => {
    const result = checkIn(joined(), { interested: true, ...answers }, at(8));
    expect(result.ready).toBe(ready);
    expect(!!result.changed).toBe(changed);
    expect(result.member.status).toBe(status);
    expect(result.member.levels).toHaveLength(2);
  });

  it('asks a ready person again (staff\'s "talent pool" after the selection), keeping the levels so far; a no, a stop or a quiet one stays', () => {
    const ready = checkIn(joined(), { dutch: 'B1', english: 'none', interested: true, outcome: 'eligible' }, at(8)).member;
    expect(mayAsk(ready)).toBe(true);
    const asked = askAgain(ready, askToJoin('talent-pool', { ...snapshot, dutch: 'B1', outcome: 'eligible' }, at(12)));
    expect(asked).toMatchObject({ status: 'asked', reason: 'talent-pool' });
    expect(asked.levels.map((l) => l.dutch)).toEqual(['A1', 'B1', 'B1']);
    expect(askAgain(undefined, asked)).toBe(asked);
    expect(mayAsk(withdrawConsent(joined(), at(1)))).toBe(false);
    expect(mayAsk({ ...joined(), status: 'quiet' })).toBe(false);
    expect(mayAsk(joined())).toBe(false);
  });

  it('respects a no: asked once more only at a new intake result, once ever, not at staff\'s move; the earlier answers are kept', () => {
    const no = answerConsent(askToJoin('language-first', snapshot, T0), false, 'nl', 8, T0);
    expect(mayAsk(no)).toBe(false);
    expect(mayAsk(no, true)).toBe(true);
    const again = askAgain(no, askToJoin('not-yet', snapshot, at(20)));
    expect(again).toMatchObject({ status: 'asked', reason: 'not-yet', askedAgainAt: at(20).toISOString(), earlierConsents: [{ given: false, askedBy: 'bot' }] });
    expect(again.levels).toHaveLength(2);
    const secondNo = answerConsent(again, false, 'nl', 8, at(20));
    expect(mayAsk(secondNo, true)).toBe(false);
    // A yes and a later stop after the question asked once more: still never again by the bot.
    const stopped = withdrawConsent(answerConsent(again, true, 'nl', 8, at(20)), at(24));
    expect(mayAsk(stopped, true)).toBe(false);
    expect(mayAsk(withdrawConsent(joined(), at(1)), true)).toBe(true);
    expect(mayAsk({ ...joined(), status: 'quiet' }, true)).toBe(false);
  });

  it('lets the person ask for follow-ups themselves whatever they said before; their consent says they brought it up', () => {
    const no = answerConsent(askToJoin('language-first', snapshot, T0), false, 'nl', 8, T0);
    expect(followUpRequest(no)).toBe('ask');
    expect(followUpRequest(undefined)).toBe('ask');
    expect(followUpRequest({ ...joined(), status: 'quiet' })).toBe('ask');
    expect(followUpRequest(joined())).toBe('already');
    const asked = requestFollowUps(no, 'language-first', snapshot, at(30));
    expect(asked).toMatchObject({ status: 'asked', askedBy: 'person', earlierConsents: [{ given: false }] });
    expect(asked.askedAgainAt).toBeUndefined(); // their own wish is not the bot's one question after a no
    expect(mayAsk(answerConsent(asked, false, 'fa', 8, at(30)), true)).toBe(true);
    const yes = answerConsent(asked, true, 'fa', 8, at(30));
    expect(yes).toMatchObject({ status: 'active', consent: { given: true, language: 'fa', textVersion: POOL_CONSENT_VERSION, askedBy: 'person', at: at(30).toISOString() } });
  });

  it('counts in the pool\'s numbers while active only: ready and quiet have left them, so leaving again is not counted', () => {
    expect(countedInPool(joined())).toBe(true);
    const ready = checkIn(joined(), { dutch: 'B1', english: 'none', interested: true, outcome: 'eligible' }, at(8)).member;
    expect([inPool(ready), countedInPool(ready)]).toEqual([true, false]);
    expect(countedInPool({ ...joined(), status: 'quiet' })).toBe(false);
    expect(countedInPool(withdrawConsent(joined(), at(1)))).toBe(false);
    expect(countedInPool(undefined)).toBe(false);
  });

  it('is ready once: a second rerun at the threshold is no new signal', () => {
    const first = checkIn(joined(), { dutch: 'B1', english: 'none', interested: true, outcome: 'eligible' }, at(8));
    expect(first.ready).toBe(true);
    expect(checkIn(first.member, { dutch: 'B1', english: 'none', interested: true, outcome: 'eligible' }, at(16)).ready).toBe(false);
  });

  it.each([
    [['A1', 'A1'], 'same'],
    [['A1', 'A2', 'B1'], 'up'],
    [['B1', 'A2'], 'down'],
    [['A1'], 'same'],
  ] as const)('trend of Dutch %o: %s', (dutch, expected) => {
    expect(trend(dutch.map((d, i) => ({ at: at(i).toISOString(), dutch: d, english: null, interested: true, outcome: 'x' })))).toBe(expected);
  });

  it('counts whole months in the pool and knows the north', () => {
    expect(monthsInPool(joined(), at(4))).toBe(0);
    expect(monthsInPool(joined(), at(9))).toBe(2);
    expect(inNorth('Friesland')).toBe(true);
    expect(inNorth('Utrecht')).toBe(false);
    expect(inNorth(null)).toBe(false);
  });
});
