import { ChatDriver } from '../support/chatDriver';
import { ELIGIBLE_ANSWERS, personRecord, startAndConsent, tapThroughIntake, tr } from '../support/intakeScript';

async function finished() {
  const chat = new ChatDriver();
  await startAndConsent(chat, 'en');
  await tapThroughIntake(chat, 'en', ELIGIBLE_ANSWERS);
  await chat.tap(tr('en', 'common:buttons.no')); // no mentor now
  return chat;
}

describe('the result can be seen again, and "Can I join?" does not wipe it', () => {
  it('shows "My result" in the menu once there is one, and it shows the result again', async () => {
    const chat = await finished();
    expect(chat.buttons().map((b) => b.title)).toContain(tr('en', 'common:menu.result'));
    await chat.tap(tr('en', 'common:menu.result'));
    expect(chat.transcript()).toContain(tr('en', 'eligibility:outcomes.eligible.next'));
  });

  it('"Can I join?" after a finished intake offers the result, a change or a new start; the answers stay', async () => {
    const chat = await finished();
    await chat.tap(tr('en', 'common:menu.intake'));
    expect(chat.texts()).toEqual([tr('en', 'intake:again.prompt')]);
    expect((await personRecord(chat)).intake.answers.dutchLevel).toBe('B1');
  });

  it('changing one answer asks only that question and works the result out again', async () => {
    const chat = await finished();
    await chat.tap(tr('en', 'common:menu.intake'));
    await chat.tap(tr('en', 'intake:again.change'));
    await chat.tap(tr('en', 'intake:fieldNames.dutchLevel'));
    expect(chat.texts()).toEqual([tr('en', 'intake:fields.dutchLevel.prompt')]);
    await chat.tap('B2');
    expect(chat.transcript()).toContain(tr('en', 'eligibility:outcomes.direct-route.next'));
    expect((await personRecord(chat)).assessment.outcome).toBe('direct-route');
  });

  it('"start over" in the intake starts the intake again, not the language choice', async () => {
    const chat = new ChatDriver();
    await startAndConsent(chat, 'en');
    await chat.tap(tr('en', 'common:menu.intake'));
    await chat.say('Amina');
    await chat.say('start over');
    expect(chat.texts().at(-1)).toBe(tr('en', 'intake:fields.firstName.prompt'));
    expect((await personRecord(chat)).intake.answers).toEqual({});
  });
});
