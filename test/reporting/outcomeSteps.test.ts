import { outcomeStepEvent, outcomeFactsOf } from '../../src/reporting/outcomeSteps';
import type { Language } from '../../src/i18n/languages';
import { ChatDriver } from '../support/chatDriver';
import { ELIGIBLE_ANSWERS, startAndConsent, tr } from '../support/intakeScript';

const AT = new Date('2027-01-10T09:30:00.000Z');

describe('the step event made from a person’s record', () => {
  it.each([
    ['a first message in November, Zwolle', { firstContactAt: '2026-11-30T23:59:00.000Z', language: 'ar', municipality: 'Zwolle' }, { cohort: '2026-11', region: 'Overijssel', daysSinceFirstContact: 40 }],
    ['the first message on the day itself', { firstContactAt: '2027-01-10T08:00:00.000Z', language: 'ti', municipality: 'Groningen' }, { cohort: '2027-01', region: 'Groningen', daysSinceFirstContact: 0 }],
    ['a municipality skipped', { firstContactAt: '2026-12-01T00:00:00.000Z', language: 'nl' }, { cohort: '2026-12', region: null, daysSinceFirstContact: 40 }],
    ['a municipality that is not one', { firstContactAt: '2026-12-01T00:00:00.000Z', language: 'fa', municipality: 'Atlantis' }, { cohort: '2026-12', region: null }],
    ['no first message kept: the step’s own month', { language: 'tr', municipality: 'Leeuwarden' }, { cohort: '2027-01', region: 'Friesland', daysSinceFirstContact: 0 }],
    ['a first message after the step (a clock that went back): 0 days', { firstContactAt: '2027-01-11T00:00:00.000Z', language: 'en' }, { cohort: '2027-01', daysSinceFirstContact: 0 }],
  ])('%s', (_what, facts, expected) => {
    expect(outcomeStepEvent('intake', facts as never, AT)).toMatchObject({ step: 'intake', at: AT.toISOString(), language: facts.language, ...expected });
  });

  it('makes no event for a person without a language (the funnel counts per language)', () => {
    expect(outcomeStepEvent('started', { firstContactAt: AT.toISOString() }, AT)).toBeUndefined();
  });

  it('takes the first message, the language and the municipality of the record, nothing else', () => {
    const facts = outcomeFactsOf({ startedAt: '2026-11-01T10:00:00.000Z', language: 'ar', intake: { answers: { firstName: 'Amira', municipality: 'Zwolle' }, estimated: [], startedAt: '', updatedAt: '' } });
    expect(facts).toEqual({ firstContactAt: '2026-11-01T10:00:00.000Z', language: 'ar', municipality: 'Zwolle' });
    expect(Object.keys(outcomeStepEvent('intake', facts, AT)!).sort()).toEqual(['at', 'cohort', 'daysSinceFirstContact', 'language', 'region', 'step']);
  });
});

describe('the first three steps, counted as a person goes', () => {
  const PERSON = { channelId: 'test', userId: 'person-1' };
  const staff = { kind: 'staff' as const, id: 'acc-noor', firstName: 'Noor' };

  /** The intake with the municipality typed (with a typo), the rest by buttons. */
  async function intake(chat: ChatDriver, lng: Language, municipality: string, again = false) {
    await chat.tap(tr(lng, 'common:menu.intake'));
    if (again) await chat.tap(tr(lng, 'intake:again.restart'));
    await chat.tap(tr(lng, 'common:buttons.skip')); // first name
    await chat.tap(tr(lng, 'intake:fields.residenceStatus.options.statushouder'));
    await chat.say(municipality);
    await chat.tap(tr(lng, `intake:levels.${ELIGIBLE_ANSWERS.dutchLevel}`));
    await chat.tap(tr(lng, `intake:levels.${ELIGIBLE_ANSWERS.englishLevel}`));
    await chat.tap(tr(lng, 'intake:fields.education.options.secondary'));
    await chat.tap(tr(lng, 'common:buttons.no'));
    await chat.tap(tr(lng, 'intake:fields.itExperience.options.hobby'));
    await chat.tap(tr(lng, 'common:buttons.yes'));
    await chat.tap(tr(lng, 'common:buttons.skip')); // motivation
    await chat.tap('40');
  }

  it('counts started at the language choice, intake at the result, selected at staff’s decision: once each, with the month, language and province only', async () => {
    let now = new Date('2026-11-28T10:00:00.000Z');
    const chat = new ChatDriver(undefined, {}, () => now);
    await startAndConsent(chat, 'ti');
    now = new Date('2026-12-02T10:00:00.000Z');
    await intake(chat, 'ti', 'groningn');
    // A second intake from the start counts nothing again: the journey is there already.
    await chat.tap(tr('ti', 'common:buttons.no'));
    await intake(chat, 'ti', 'Groningen', true);
    expect((await chat.journeys.of(PERSON))?.stage).toBe('intake-done');

    now = new Date('2026-12-20T10:00:00.000Z');
    for (const stage of ['mentor-talk-booked', 'mentor-talk-held', 'homework-given', 'homework-submitted', 'homework-reviewed', 'selection-intake', 'selected'] as const) {
      const moved = await chat.journeys.moveTo(PERSON, stage, staff, 'decided with the mentor', now);
      expect(moved.ok).toBe(true);
    }
    expect((await chat.journeys.moveTo(PERSON, 'selected', staff, 'again', now)).ok).toBe(false);

    const events = await chat.outcomes.steps('2026-11-01', '2026-12-31');
    expect(events).toEqual([
      { step: 'started', at: '2026-11-28T10:00:00.000Z', cohort: '2026-11', language: 'ti', region: null, daysSinceFirstContact: 0 },
      { step: 'intake', at: '2026-12-02T10:00:00.000Z', cohort: '2026-11', language: 'ti', region: 'Groningen', daysSinceFirstContact: 4 },
      { step: 'selected', at: '2026-12-20T10:00:00.000Z', cohort: '2026-11', language: 'ti', region: 'Groningen', daysSinceFirstContact: 22 },
    ]);
  });

  it('counts started in the language typed (with a typo, after an emoji), once', async () => {
    const chat = new ChatDriver();
    await chat.say('selam 👋');
    await chat.say('turkce');
    await chat.say('👍');
    expect((await chat.outcomes.steps('2026-11-01', '2026-11-30')).map((e) => [e.step, e.language, e.cohort, e.region])).toEqual([['started', 'tr', '2026-11', null]]);
  });

  it('counts nothing before a language is chosen, and started once when the language is changed later', async () => {
    const chat = new ChatDriver();
    await chat.say('hallo');
    expect(await chat.outcomes.steps('2026-11-01', '2026-11-30')).toEqual([]);
    await chat.tap(tr('nl', 'language:names.nl'));
    await chat.tap(tr('nl', 'consent:agree'));
    await chat.say('taal');
    await chat.tap(tr('ar', 'language:names.ar'));
    expect((await chat.outcomes.steps('2026-11-01', '2026-11-30')).map((e) => [e.step, e.language])).toEqual([['started', 'nl']]);
  });
});
