import type { Outcome } from '../../src/domain/eligibility';
import type { Language } from '../../src/i18n/languages';
import type { Profile } from '../../src/domain/profile';
import { ChatDriver } from '../support/chatDriver';
import { startAndConsent, tapThroughIntake, tr, ELIGIBLE_ANSWERS } from '../support/intakeScript';

const base = ELIGIBLE_ANSWERS;

const cases: Array<[Outcome, Partial<Profile>]> = [
  ['not-yet', { residenceStatus: 'asylum-seeker' }],
  ['not-target-group', { residenceStatus: 'eu-citizen' }],
  ['other-orientation', { motivatedForIT: false }],
  ['language-first', { dutchLevel: 'A1', englishLevel: 'none' }],
  ['direct-route', { dutchLevel: 'B2' }],
  ['eligible', {}],
];

describe.each<Language>(['nl', 'ar'])('from "hi" to the result with buttons only, in %s', (lng) => {
  it.each(cases)('tells the outcome %s with its next step and routes', async (outcome, change) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await tapThroughIntake(chat, lng, { ...base, ...change });
    const text = chat.transcript();
    expect(text).toContain(tr(lng, 'intake:done'));
    expect(text).toContain(tr(lng, `eligibility:outcomes.${outcome}.next`));
    expect(text).toContain(tr(lng, 'eligibility:routesTitle'));
    expect(chat.buttons().map((b) => b.title)).toEqual([tr(lng, 'common:buttons.yes'), tr(lng, 'common:buttons.no')]);
    const record = (await chat.storage.read(['test/users/person-1/']))['test/users/person-1/'];
    expect(record.person.assessment).toMatchObject({ outcome, rulesVersion: 1 });
    expect(record.person.consent).toMatchObject({ given: true, language: lng });
  });
});

describe('the result in words', () => {
  it('shows the reasons, the flags and the fitting routes in Dutch', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await tapThroughIntake(chat, 'nl', { ...base, hoursPerWeek: 24, education: 'bachelor', englishLevel: 'A1' });
    expect(chat.texts().slice(-4, -1)).toEqual([
      'Dit is je uitslag.\nGoed nieuws: VIT past bij jou! Je beste taalniveau is B1 (Nederlands).\nVolgende stap: een gesprek met een mentor.',
      '• Je kunt 24 uur per week werken. De baan aan het eind is minstens 32 uur per week. Dat is 8 uur te weinig. Praat met een mentor: samen kijk je hoe je meer uren vrij kunt maken.\n' +
        '• Je Engels is lager dan A2. Veel lesmateriaal in de IT is in het Engels, dus oefen je Engels.\n' +
        '• Je hebt een hoge opleiding. Make IT Work helpt mensen zoals jij om een nieuw vak in de IT te leren.',
      'Wegen die bij je passen:\n• VIT: met een mentor je klaarmaken om te leren en te werken in de IT\n' +
        `  ${tr('nl', 'eligibility:routeSteps.vit')}\n` +
        '• Make IT Work: een nieuw vak leren, voor mensen met een hoge opleiding\n' +
        `  ${tr('nl', 'eligibility:routeSteps.make-it-work')}\n` +
        tr('nl', 'eligibility:routeContact'),
    ]);
  });

  it('puts the person in line for a mentor, with the intake result, when they accept the offer', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'ar');
    await tapThroughIntake(chat, 'ar', base);
    await chat.tap(tr('ar', 'common:buttons.yes'));
    expect(chat.texts()).toEqual([tr('ar', 'handoff:requested', { place: 1 }), tr('ar', 'handoff:howToWait')]);
    const record = (await chat.storage.read(['test/users/person-1/']))['test/users/person-1/'];
    expect(record.person.mentorRequests).toEqual([{ at: '2026-11-25T10:00:00.000Z', reason: 'eligibility-follow-up' }]);
    const [handoff] = await chat.handoffs.queue.waiting();
    expect(handoff).toMatchObject({ language: 'ar', reason: 'eligibility-follow-up', outcome: 'eligible', status: 'waiting' });
    expect(handoff.intake).toMatchObject({ completed: true, answers: { residenceStatus: 'statushouder', dutchLevel: 'B1' } });
  });

  it('reaches the result in Tigrinya with buttons only', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'ti');
    await tapThroughIntake(chat, 'ti', { ...base, dutchLevel: 'A2' });
    expect(chat.transcript()).toContain(tr('ti', 'eligibility:outcomes.eligible.text', { level: 'A2', language: tr('ti', 'intake:canDo.languages.dutch') }));
  });
});

describe('each route of the result comes with a first step and the way to its address', () => {
  it.each<Language>(['nl', 'en', 'ar', 'fa', 'ti', 'tr'])('%s: the direct route names every partner with its own first step, then how to get the addresses', async (lng) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, lng);
    await tapThroughIntake(chat, lng, { ...base, dutchLevel: 'B2', education: 'bachelor' });
    const text = chat.transcript();
    for (const route of ['itph-academy', 'capgemini-academy', 'hackyourfuture', 'motopp', 'do-good-only', 'make-it-work']) {
      expect(text).toContain(`• ${tr(lng, `eligibility:routes.${route}`)}\n  ${tr(lng, `eligibility:routeSteps.${route}`)}`);
    }
    expect(text).toContain(tr(lng, 'eligibility:routeContact'));
    // The level was chosen, not estimated: no route says "estimated".
    expect(text).not.toContain(tr(lng, 'eligibility:routeEstimated', { route: tr(lng, 'eligibility:routes.itph-academy') }));
  });

  it.each(cases)('gives a first step for every route of the outcome %s', async (outcome, change) => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await tapThroughIntake(chat, 'en', { ...base, ...change });
    const record = (await chat.storage.read(['test/users/person-1/']))['test/users/person-1/'];
    const routes: string[] = record.person.assessment.routes;
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(chat.transcript()).toContain(tr('en', `eligibility:routeSteps.${route}`));
    expect(outcome).toBe(record.person.assessment.outcome);
  });

  it('says "estimated level" next to each route when the level that decided it was estimated from the can-do statements', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.tap(tr('nl', 'common:buttons.skip'));
    await chat.tap(tr('nl', 'intake:fields.residenceStatus.options.statushouder'));
    await chat.tap(tr('nl', 'common:buttons.skip'));
    await chat.tap(tr('nl', 'intake:levels.dontKnow'));
    for (const answer of ['ja', 'ja', 'ja', 'ja', 'nee']) await chat.say(answer); // A1–B2 yes, C1 no: about B2
    await chat.tap('A2');
    await chat.tap(tr('nl', 'intake:fields.education.options.secondary'));
    await chat.tap(tr('nl', 'common:buttons.no'));
    await chat.tap(tr('nl', 'intake:fields.itExperience.options.hobby'));
    await chat.tap(tr('nl', 'common:buttons.yes'));
    await chat.tap(tr('nl', 'common:buttons.skip'));
    await chat.say('40');
    const text = chat.transcript();
    const record = (await chat.storage.read(['test/users/person-1/']))['test/users/person-1/'];
    expect(record.person.assessment.outcome).toBe('direct-route');
    for (const route of ['itph-academy', 'motopp']) {
      expect(text).toContain(`• ${tr('nl', 'eligibility:routeEstimated', { route: tr('nl', `eligibility:routes.${route}`) })}\n  ${tr('nl', `eligibility:routeSteps.${route}`)}`);
    }
  });
});
