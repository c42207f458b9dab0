import { WhatsAppPerson } from '../support/fakeGraph';
import { answerLanguageFirstIntake, poolAppOnClock } from '../support/poolAppOnClock';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { translator } from '../support/chatDriver';
import type { Language } from '../../src/i18n/languages';

const tr = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);
const WEEK = 7 * 86_400_000;
const body = (m: Record<string, any>) => m.text?.body ?? m.interactive?.body?.text ?? '';
const joined = (messages: Array<Record<string, any>>) => messages.map(body).join('\n');

/**
 * Someone who said no to follow-ups (or stopped them) is never nagged: the bot asks once more only at
 * a new intake result, and only once; the person can always ask for follow-ups themselves, by typing
 * it in their language. The real app (memory mode), WhatsApp newcomers over signed webhooks, a fake
 * Graph API, and the timed jobs on a clock the test moves.
 */
describe('asking for follow-ups after a no', () => {
  const world = poolAppOnClock();

  async function newcomer(lng: Language, hello: string): Promise<{ person: WhatsAppPerson; userId: string; result: string }> {
    const { person, userId, last } = await world.languageFirst(lng, hello);
    return { person, userId, result: joined(last) };
  }

  /** A new intake from the menu ("Start again"), months later: its result. */
  async function intakeAgain(person: WhatsAppPerson, lng: Language): Promise<string> {
    const t = (key: string) => tr(lng, key);
    world.clock.now += 20 * WEEK;
    await person.say(t('common:menu.intake'));
    await person.tap(t('intake:again.restart'));
    return joined(await answerLanguageFirstIntake(person, lng));
  }

  it('Arabic: a no is kept; "أريد المتابعة" typed later brings the question, and the yes is recorded as the person\'s own, the no before it kept', async () => {
    const t = (key: string, vars?: Record<string, unknown>) => tr('ar', key, vars);
    const { person, userId, result } = await newcomer('ar', 'مرحبا');
    expect(result).toContain(t('pool:consent.question', { weeks: 8 }));
    const no = joined(await person.say('لا'));
    expect(no).toContain(t('pool:consent.no'));
    await person.say(t('common:buttons.no')); // the mentor offer
    expect(await world.started.app.pool.of({ channelId: 'whatsapp', userId })).toMatchObject({ status: 'declined' });
    // Nothing is sent on its own: no check-in is planned for a no.
    const quiet = person.mine().length;
    await world.due(8);
    expect(person.mine()).toHaveLength(quiet);

    const asked = await person.say('أريد المتابعة');
    expect(joined(asked)).toBe(t('pool:consent.question', { weeks: 8 }));
    const buttons = asked.at(-1)?.interactive?.action?.buttons?.map((b: any) => b.reply.title);
    expect(buttons).toEqual([t('common:buttons.yes'), t('common:buttons.no')]);
    const yes = joined(await person.tap(t('common:buttons.yes')));
    expect(yes).toContain(t('pool:consent.yes', { weeks: 8 }));
    const member = await world.started.app.pool.of({ channelId: 'whatsapp', userId });
    expect(member).toMatchObject({ status: 'active', askedBy: 'person', consent: { given: true, language: 'ar', textVersion: 1, askedBy: 'person' } });
    expect(member!.consent!.at).toBe(new Date(world.clock.now).toISOString());
    expect(member!.earlierConsents).toEqual([expect.objectContaining({ given: false, language: 'ar', textVersion: 1, askedBy: 'bot' })]);

    // In the pool now: check-ins come, and asking again says so instead of asking.
    const before = person.mine().length;
    await world.due(8);
    expect(person.texts(before)).toEqual([t('pool:followUp.checkIn', { weeks: '8' })]);
    expect(joined(await person.say('ايقاف المتابعة'))).toContain(t('pool:stopped'));
    const again = joined(await person.say('المتابعه'));
    expect(again).toBe(t('pool:consent.question', { weeks: 8 }));
    await person.say('نعم');
    expect(joined(await person.say('أريد المتابعة'))).toBe(t('pool:request.already', { weeks: 8 }));
    // Its export holds every answer: the no, the yes and its stop, and the yes now.
    const exported = (await world.started.app.personRecords.export('whatsapp', userId)) as unknown as { talentPool: { consent: unknown; earlierConsents: unknown[] } };
    expect(exported.talentPool.earlierConsents).toHaveLength(2);
    expect(exported.talentPool.earlierConsents[1]).toMatchObject({ given: true, askedBy: 'person', withdrawnAt: expect.any(String) });
  });

  it('Dutch: after a no, "where am I?" says how to ask; a new intake result asks once more, once only; "houd me op de hoogte" always works', async () => {
    const t = (key: string, vars?: Record<string, unknown>) => tr('nl', key, vars);
    const { person, userId } = await newcomer('nl', 'hallo');
    await person.say('nee');
    await person.say(t('common:buttons.no'));
    const whereAmI = joined(await person.say('waar sta ik'));
    expect(whereAmI).toContain(t('pool:request.hint', { weeks: 8 }));

    // A new intake, months later, with a result the pool is for: asked once more…
    const second = await intakeAgain(person, 'nl');
    expect(second).toContain(t('pool:consent.question', { weeks: 8 }));
    await person.say('nee');
    await person.say(t('common:buttons.no'));
    const member = await world.started.app.pool.of({ channelId: 'whatsapp', userId });
    expect(member).toMatchObject({ status: 'declined', askedAgainAt: expect.any(String) });
    expect(member!.earlierConsents).toHaveLength(1);
    // …and not a third time.
    const third = await intakeAgain(person, 'nl');
    expect(third).toContain(t('eligibility:mentorOffer'));
    expect(third).not.toContain(t('pool:consent.question', { weeks: 8 }));
    await person.say(t('common:buttons.no'));
    expect((await world.started.app.pool.of({ channelId: 'whatsapp', userId }))?.status).toBe('declined');

    // Their own wish counts at any time, also with a typo.
    expect(joined(await person.say('houd me op de hoogt'))).toBe(t('pool:consent.question', { weeks: 8 }));
    expect(joined(await person.say('ja graag'))).toContain(t('pool:consent.yes', { weeks: 8 }));
    expect(await world.started.app.pool.of({ channelId: 'whatsapp', userId })).toMatchObject({ status: 'active', consent: { given: true, language: 'nl', askedBy: 'person' } });
    expect(joined(await person.say('waar sta ik'))).not.toContain(t('pool:request.hint', { weeks: 8 }));
    const before = person.mine().length;
    await world.due(8);
    expect(person.texts(before)).toEqual([t('pool:followUp.checkIn', { weeks: '8' })]);
  });

  it('Persian: after a stop, "where am I?" says how to ask; the new intake result asks once more, and the yes brings the check-ins back', async () => {
    const t = (key: string, vars?: Record<string, unknown>) => tr('fa', key, vars);
    const { person, userId } = await newcomer('fa', 'سلام');
    await person.say('بله');
    await person.say(t('common:buttons.no'));
    expect(joined(await person.say('توقف پیگیری'))).toContain(t('pool:stopped'));
    expect(joined(await person.say(t('common:menu.status')))).toContain(t('pool:request.hint', { weeks: 8 }));
    const second = await intakeAgain(person, 'fa');
    expect(second).toContain(t('pool:consent.question', { weeks: 8 }));
    expect(joined(await person.say('بله'))).toContain(t('pool:consent.yes', { weeks: 8 }));
    await person.say(t('common:buttons.no'));
    const member = await world.started.app.pool.of({ channelId: 'whatsapp', userId });
    expect(member).toMatchObject({ status: 'active', askedAgainAt: expect.any(String), consent: { given: true, language: 'fa', askedBy: 'bot' } });
    expect(member!.earlierConsents).toEqual([expect.objectContaining({ given: true, withdrawnAt: expect.any(String) })]);
    const before = person.mine().length;
    await world.due(8);
    expect(person.texts(before)).toEqual([t('pool:followUp.checkIn', { weeks: '8' })]);
  });

  it('Turkish: staff\'s move to the talent pool does not ask again after a no, but says how; "takip istiyorum" then asks, and is not taken for "takip istemiyorum"', async () => {
    const t = (key: string, vars?: Record<string, unknown>) => tr('tr', key, vars);
    const { person, userId } = await newcomer('tr', 'merhaba');
    await person.say('hayır');
    await person.say(t('common:buttons.no'));
    await addAccount(world.started.app, 'lisa', 'staff');
    const lisa = new ConsoleClient(world.started.url);
    await lisa.login('lisa');
    const key = Buffer.from(JSON.stringify(['whatsapp', userId])).toString('base64url');
    const before = person.mine().length;
    expect((await lisa.post(`/console/api/people/${key}/journey/moves`, { to: 'talent-pool', reason: 'Geen plek in deze ronde' })).status).toBe(200);
    await waitFor(() => person.texts(before).some((text) => text.includes(t('journey:decision.talent-pool'))), 'the decision');
    const told = person.texts(before).join('\n');
    expect(told).toContain(t('pool:request.hint', { weeks: 8 }));
    expect(told).not.toContain(t('pool:consent.question', { weeks: 8 }));
    expect((await world.started.app.pool.of({ channelId: 'whatsapp', userId }))?.status).toBe('declined');

    expect(joined(await person.say('takip istiyorum'))).toBe(t('pool:consent.question', { weeks: 8 }));
    expect(joined(await person.say('evet'))).toContain(t('pool:consent.yes', { weeks: 8 }));
    expect(await world.started.app.pool.of({ channelId: 'whatsapp', userId })).toMatchObject({ status: 'active', reason: 'talent-pool', consent: { given: true, language: 'tr', askedBy: 'person' } });
    expect(joined(await person.say('takip istemiyorum'))).toContain(t('pool:stopped'));
    expect((await world.started.app.pool.of({ channelId: 'whatsapp', userId }))?.status).toBe('withdrawn');
  });
});
