import { WhatsAppPerson } from '../support/fakeGraph';
import { poolAppOnClock } from '../support/poolAppOnClock';
import { eligibleIntakeOnWhatsApp, tr } from '../support/intakeScript';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import type { Language } from '../../src/i18n/languages';

const WEEK = 7 * 86_400_000;
const body = (m: Record<string, any>) => m.text?.body ?? m.interactive?.body?.text ?? '';

/**
 * What newcomers type to the talent pool's questions, on WhatsApp (signed webhooks, a fake Graph API)
 * with the real app in memory mode; the check-ins run on a clock the test moves.
 */
describe('the talent pool understands what newcomers type', () => {
  const world = poolAppOnClock();

  /** A newcomer who does the intake in their language and gets `language-first` (Dutch A1, no English): the consent question waits. */
  async function languageFirst(lng: Language, hello: string): Promise<{ person: WhatsAppPerson; who: { channelId: string; userId: string } }> {
    const { person, userId } = await world.languageFirst(lng, hello);
    expect(person.texts().join('\n')).toContain(tr(lng, 'pool:consent.question', { weeks: 8 }));
    return { person, who: { channelId: 'whatsapp', userId } };
  }


  it.each<[Language, string, string, string]>([
    ['nl', 'hallo', 'ja', 'stopp opvolgnig'],
    ['fa', 'سلام', 'بله', 'تقوف پیگیزی'],
  ])('%s: "stop follow-ups" with typos in both words stops every planned check-in (hello "%s", yes "%s", then "%s")', async (lng, hello, yes, stop) => {
    const { person, who } = await languageFirst(lng, hello);
    await person.say(yes);
    await person.say(tr(lng, 'common:buttons.no')); // no mentor now: the menu
    const stopped = await person.say(stop);
    expect(stopped.map(body).join('\n')).toContain(tr(lng, 'pool:stopped'));
    expect((await world.started.app.pool.of(who))?.status).toBe('withdrawn');
    const before = person.mine().length;
    world.clock.now += 8 * WEEK;
    expect(await world.jobs.runDue()).toBe(0);
    expect(person.mine()).toHaveLength(before);
  });

  it('"ik wil niet stoppen met de opleiding" in the pool does not stop follow-ups', async () => {
    const { person, who } = await languageFirst('nl', 'hallo');
    await person.say('ja');
    await person.say(tr('nl', 'common:buttons.no'));
    const reply = await person.say('ik wil niet stoppen met de opleiding');
    expect(reply.map(body).join('\n')).not.toContain(tr('nl', 'pool:stopped'));
    expect((await world.started.app.pool.of(who))?.status).toBe('active');
  });

  it.each<[Language, string, string]>([
    ['nl', 'hallo', 'misschien later?'],
    ['fa', 'سلام', 'شاید بعدا'],
    ['ar', 'مرحبا', 'ربما لاحقا'],
  ])('%s: "maybe later" to "may we contact you again?" says what yes and no mean and asks once more with Yes and No (hello "%s", then "%s")', async (lng, hello, later) => {
    const t = (key: string, vars?: Record<string, unknown>) => tr(lng, key, vars);
    const { person, who } = await languageFirst(lng, hello);
    const asked = await person.say(later);
    expect(asked.map(body).join('\n')).toContain(t('pool:consent.later', { weeks: 8 }));
    expect(asked.map(body).join('\n')).not.toContain(t('common:chooseButton'));
    const buttons = asked.at(-1)!.interactive.action.buttons.map((b: { reply: { title: string } }) => b.reply.title);
    expect(buttons).toEqual([t('common:buttons.yes'), t('common:buttons.no')]);
    expect((await world.started.app.pool.of(who))?.status).toBe('asked');
    const yes = await person.tap(t('common:buttons.yes'));
    expect(yes.map(body).join('\n')).toContain(t('pool:consent.yes', { weeks: 8 }));
    expect(yes.map(body).join('\n')).toContain(t('eligibility:mentorOffer'));
    expect((await world.started.app.pool.of(who))?.status).toBe('active');
  });

  it('"belki sonra" twice: the second time a yes or a no is asked for, and a no is kept', async () => {
    const t = (key: string, vars?: Record<string, unknown>) => tr('tr', key, vars);
    const { person, who } = await languageFirst('tr', 'merhaba');
    await person.say('belki sonra');
    const again = await person.say('belki sonra');
    expect(again.map(body).join('\n')).toContain(t('common:chooseButton'));
    const no = await person.say('hayır');
    expect(no.map(body).join('\n')).toContain(t('pool:consent.no'));
    expect((await world.started.app.pool.of(who))?.status).toBe('declined');
  });

  it.each<[Language, string, string, string]>([
    ['nl', 'hallo', 'misschien later', 'ja'],
    ['fa', 'سلام', 'شاید بعدا', 'بله'],
  ])('%s: "maybe later" to the question that comes with staff\'s decision (talent pool) gets what yes and no mean; the yes after it is the consent (hello "%s", then "%s", "%s")', async (lng, hello, later, yes) => {
    const t = (key: string, vars?: Record<string, unknown>) => tr(lng, key, vars);
    await addAccount(world.started.app, 'lisa', 'staff', [lng]);
    const lisa = new ConsoleClient(world.started.url);
    await lisa.login('lisa');
    const person = new WhatsAppPerson(world.started.url, world.graph);
    await eligibleIntakeOnWhatsApp(person, lng, hello);
    await person.say(t('common:buttons.no')); // no mentor now
    const who = { channelId: 'whatsapp', userId: `NL.${person.phone}` };
    const key = Buffer.from(JSON.stringify([who.channelId, who.userId])).toString('base64url');
    const before = person.mine().length;
    expect((await lisa.post(`/console/api/people/${key}/journey/moves`, { to: 'talent-pool', reason: 'Nu geen plek' })).status).toBe(200);
    await waitFor(() => person.texts(before).some((text) => text.includes(t('pool:consent.question', { weeks: 8 }))), 'the question with the decision');
    const clarified = (await person.say(later)).map(body).join('\n');
    expect(clarified).toContain(t('pool:consent.later', { weeks: 8 }));
    expect((await world.started.app.pool.of(who))?.status).toBe('asked');
    expect((await person.say(yes)).map(body).join('\n')).toContain(t('pool:consent.yes', { weeks: 8 }));
    expect((await world.started.app.pool.of(who))?.status).toBe('active');
  });

  it.each<[Language, string]>([
    ['fa', 'سلام'],
    ['ar', 'مرحبا'],
  ])('%s: the question as sent on WhatsApp isolates the number of weeks exactly once (hello "%s")', async (lng, hello) => {
    const { person } = await languageFirst(lng, hello);
    const question = person.texts().find((text) => text.includes('\u20688\u2069'));
    expect(question).toBeDefined();
    expect(question).not.toMatch(/[\u2066-\u2068]{2}|\u2069{2}/);
  });
});
