import {
  answerConsent,
  askConsent,
  CONSENT_QUESTION_DAYS,
  DEFAULT_PARTNERS,
  nextStep,
  PARTNER_STEPS,
  partnerRevision,
  parsePartners,
  pendingAsk,
  PartnerFile,
  PartnerRefusalCode,
  recordStep,
  refer,
  StepInput,
  trainingDecisionDay,
} from '../../src/domain/partnerSteps';
import type { JourneyStage } from '../../src/domain/journey';

const T0 = new Date('2026-12-01T09:00:00.000Z');
const later = (days: number) => new Date(T0.getTime() + days * 86_400_000);
const noor = { id: 'acc-noor', firstName: 'Noor' };

function ok(result: ReturnType<typeof askConsent>): PartnerFile {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}`);
  return result.file;
}

/** A person asked about ITPH Academy, who said yes, referred on day 1. */
function referred(): PartnerFile {
  const asked = ok(askConsent(undefined, 'itph-academy', 'selected', noor, 'ar', T0));
  const yes = ok(answerConsent(asked, 'yes', later(0.5)));
  return ok(refer(yes, 'itph-academy', 'selected', noor, later(1)));
}

/** The first `n` steps recorded, a day apart from day 2. */
function withSteps(n: number): PartnerFile {
  let file = referred();
  for (let i = 0; i < n; i++) {
    const step = PARTNER_STEPS[i];
    const input: StepInput = { step, date: later(2 + i).toISOString().slice(0, 10), note: '', ...(step === 'contract-signed' ? { contract: { months: 12, hoursPerWeek: 36, offBenefits: true } } : {}) };
    file = ok(recordStep(file, input, noor, later(30)));
  }
  return file;
}

describe('consent to share, before a referral', () => {
  const cases: Array<[string, () => ReturnType<typeof refer>, PartnerRefusalCode | 'ok']> = [
    ['asked only at selected', () => askConsent(undefined, 'itph-academy', 'homework-reviewed', noor, 'nl', T0), 'not-selected'],
    ['no journey: not selected', () => askConsent(undefined, 'itph-academy', undefined, noor, 'nl', T0), 'not-selected'],
    ['asked at selected', () => askConsent(undefined, 'itph-academy', 'selected', noor, 'nl', T0), 'ok'],
    ['referral without any question', () => refer(undefined, 'itph-academy', 'selected', noor, T0), 'no-consent'],
    ['referral while the question waits', () => refer(ok(askConsent(undefined, 'motopp', 'selected', noor, 'nl', T0)), 'motopp', 'selected', noor, T0), 'consent-pending'],
    ['referral after a no', () => refer(ok(answerConsent(ok(askConsent(undefined, 'motopp', 'selected', noor, 'nl', T0)), 'no', T0)), 'motopp', 'selected', noor, T0), 'consent-refused'],
    ['referral to another partner than the one said yes to', () => refer(ok(answerConsent(ok(askConsent(undefined, 'motopp', 'selected', noor, 'nl', T0)), 'yes', T0)), 'itph-academy', 'selected', noor, T0), 'no-consent'],
    ['referral after a yes', () => refer(ok(answerConsent(ok(askConsent(undefined, 'motopp', 'selected', noor, 'nl', T0)), 'yes', T0)), 'motopp', 'selected', noor, T0), 'ok'],
    ['referral of someone no longer selected', () => refer(ok(answerConsent(ok(askConsent(undefined, 'motopp', 'selected', noor, 'nl', T0)), 'yes', T0)), 'motopp', 'talent-pool' as JourneyStage, noor, T0), 'not-selected'],
    ['a second referral', () => refer(referred(), 'itph-academy', 'selected', noor, later(2)), 'already-referred'],
    ['asking again after the referral', () => askConsent(referred(), 'motopp', 'selected', noor, 'nl', later(2)), 'already-referred'],
    ['an answer with no question', () => answerConsent(undefined, 'yes', T0), 'nothing-asked'],
    ['an answer after the question expired', () => answerConsent(ok(askConsent(undefined, 'motopp', 'selected', noor, 'nl', T0)), 'yes', later(CONSENT_QUESTION_DAYS + 1)), 'nothing-asked'],
  ];
  it.each(cases)('%s', (_name, run, expected) => {
    const result = run();
    expect(result.ok ? 'ok' : result.refusal.code).toBe(expected);
  });

  it('a no, then a new question and a yes: the last answer counts', () => {
    const no = ok(answerConsent(ok(askConsent(undefined, 'motopp', 'selected', noor, 'nl', T0)), 'no', T0));
    const yes = ok(answerConsent(ok(askConsent(no, 'motopp', 'selected', noor, 'nl', later(1))), 'yes', later(1)));
    expect(refer(yes, 'motopp', 'selected', noor, later(2)).ok).toBe(true);
  });

  it('the question waits for the chat only until it is answered', () => {
    const asked = ok(askConsent(undefined, 'motopp', 'selected', noor, 'fa', T0));
    expect(pendingAsk(asked, later(1))).toMatchObject({ partner: 'motopp', language: 'fa' });
    expect(pendingAsk(ok(answerConsent(asked, 'yes', later(1))), later(1))).toBeUndefined();
  });
});

describe('the partner steps, in order', () => {
  const today = later(30).toISOString().slice(0, 10);
  const cases: Array<[string, PartnerFile | undefined, Partial<StepInput>, PartnerRefusalCode | 'ok']> = [
    ['a step before the referral', undefined, { step: 'signed-up' }, 'not-referred'],
    ['the first step', referred(), { step: 'signed-up' }, 'ok'],
    ['the second step first', referred(), { step: 'screened' }, 'out-of-order'],
    ['contract signed right after the referral', referred(), { step: 'contract-signed' }, 'out-of-order'],
    ['a step twice', withSteps(1), { step: 'signed-up' }, 'out-of-order'],
    ['a date that is no day', referred(), { step: 'signed-up', date: '2026-02-30' }, 'date-invalid'],
    ['a date in another form', referred(), { step: 'signed-up', date: '1-12-2026' }, 'date-invalid'],
    ['a date after today', referred(), { step: 'signed-up', date: later(31).toISOString().slice(0, 10) }, 'date-in-future'],
    ['a date before the referral', referred(), { step: 'signed-up', date: '2026-11-30' }, 'date-before-previous'],
    ['a date before the step before it', withSteps(2), { step: 'assessment', date: later(2).toISOString().slice(0, 10) }, 'date-before-previous'],
    ['a note of 501 characters', referred(), { step: 'signed-up', note: 'x'.repeat(501) }, 'note-too-long'],
    ['contract signed without the contract', withSteps(7), { step: 'contract-signed' }, 'contract-missing'],
    ['a contract of 5 months', withSteps(7), { step: 'contract-signed', contract: { months: 5, hoursPerWeek: 36, offBenefits: true } }, 'contract-too-short'],
    ['a contract of 31 hours', withSteps(7), { step: 'contract-signed', contract: { months: 12, hoursPerWeek: 31, offBenefits: true } }, 'contract-too-few-hours'],
    ['a contract that leaves them on benefits', withSteps(7), { step: 'contract-signed', contract: { months: 12, hoursPerWeek: 36, offBenefits: false } }, 'still-on-benefits'],
    ['a contract of exactly 6 months and 32 hours', withSteps(7), { step: 'contract-signed', contract: { months: 6, hoursPerWeek: 32, offBenefits: true } }, 'ok'],
    ['the employer pays', withSteps(8), { step: 'employer-pays' }, 'ok'],
    ['a tenth step', withSteps(9), { step: 'employer-pays' }, 'all-done'],
  ];
  it.each(cases)('%s', (_name, file, input, expected) => {
    const result = recordStep(file, { step: 'signed-up', date: today, note: 'called by the partner', ...input } as StepInput, noor, later(30));
    expect(result.ok ? 'ok' : result.refusal.code).toBe(expected);
  });

  it('names the step expected when one comes out of order', () => {
    const result = recordStep(withSteps(3), { step: 'matched', date: today, note: '' }, noor, later(30));
    expect(result).toMatchObject({ ok: false, refusal: { code: 'out-of-order', expected: 'proposed', step: 'matched' } });
  });

  it('keeps the date, who recorded it and the note of each step; all nine in order', () => {
    const file = withSteps(9);
    expect(file.referral!.steps.map((s) => s.step)).toEqual([...PARTNER_STEPS]);
    expect(file.referral!.steps[0]).toMatchObject({ date: '2026-12-03', by: noor, note: '' });
    expect(file.referral!.steps[7].contract).toEqual({ months: 12, hoursPerWeek: 36, offBenefits: true });
    expect(nextStep(file)).toBeUndefined();
    expect(nextStep(withSteps(4))).toBe('matched');
  });

  it('the training’s decision is four weeks after it started', () => {
    expect(trainingDecisionDay(withSteps(5))).toBeUndefined();
    expect(withSteps(6).referral!.steps[5]).toMatchObject({ step: 'training-started', date: '2026-12-08' });
    expect(trainingDecisionDay(withSteps(6))).toBe('2027-01-05');
  });

  it('every change raises the revision', () => {
    const asked = ok(askConsent(undefined, 'motopp', 'selected', noor, 'nl', T0));
    expect([partnerRevision(undefined), partnerRevision(asked), partnerRevision(ok(answerConsent(asked, 'yes', T0))), partnerRevision(referred()), partnerRevision(withSteps(2))]).toEqual([0, 1, 2, 3, 5]);
  });
});

describe('the PARTNERS setting', () => {
  it('reads the six partners by default', () => {
    const parsed = parsePartners(DEFAULT_PARTNERS);
    expect(parsed.ok && parsed.partners.map((p) => p.name)).toEqual(['ITPH Academy', 'Make IT Work', 'Capgemini Academy', 'HackYourFuture', 'Motopp', 'Do Good Only']);
  });

  it.each([
    ['', 'at least one'],
    ['ITPH=ITPH Academy', 'lower-case'],
    ['itph=', '1 to 60'],
    ['itph=<b>ITPH</b>', 'without < or >'],
    ['itph=A,itph=B', 'named twice'],
    ['no-equals-sign', 'lower-case'],
  ])('refuses %j', (value, problem) => {
    const parsed = parsePartners(value);
    expect(parsed.ok ? '' : parsed.problem).toContain(problem);
  });
});
