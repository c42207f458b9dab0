import { ChatDriver } from '../support/chatDriver';
import { personRecord, startAndConsent, tr } from '../support/intakeScript';

describe('an intake stops as soon as its outcome is settled', () => {
  it('an asylum seeker gets the result after the status question, kindly, with what to do now and a mentor offered', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.intake'));
    await chat.say('Amina');
    await chat.tap(tr('en', 'intake:fields.residenceStatus.options.asylum-seeker'));
    const said = chat.transcript();
    expect(said).toContain(tr('en', 'eligibility:outcomes.not-yet.text'));
    expect(said).toContain(tr('en', 'eligibility:settled.not-yet'));
    expect(said).not.toContain(tr('en', 'intake:fields.municipality.prompt'));
    expect(chat.texts().at(-1)).toBe(tr('en', 'eligibility:mentorOffer'));
    const person = await personRecord(chat);
    expect(person.assessment.outcome).toBe('not-yet');
    expect(person.intake.completedAt).toBeDefined();
  });

  it('someone who does not want IT work is not asked the hours', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'nl');
    await chat.tap(tr('nl', 'common:menu.intake'));
    await chat.tap(tr('nl', 'common:buttons.skip'));
    await chat.tap(tr('nl', 'intake:fields.residenceStatus.options.statushouder'));
    await chat.tap(tr('nl', 'common:buttons.skip'));
    await chat.tap(tr('nl', 'intake:levels.B1'));
    await chat.tap(tr('nl', 'intake:levels.A2'));
    await chat.tap(tr('nl', 'intake:fields.education.options.primary'));
    await chat.tap(tr('nl', 'intake:fields.itExperience.options.none'));
    await chat.say('nee');
    expect(chat.transcript()).toContain(tr('nl', 'eligibility:outcomes.other-orientation.text'));
    expect(chat.transcript()).not.toContain(tr('nl', 'intake:fields.hoursPerWeek.prompt'));
  });
});
