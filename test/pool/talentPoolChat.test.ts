import { poolAppOnClock } from '../support/poolAppOnClock';
import { translator } from '../support/chatDriver';
import type { Language } from '../../src/i18n/languages';

const tr = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);
const body = (m: Record<string, any>) => m.text?.body ?? m.interactive?.body?.text ?? '';

/**
 * The real app (memory mode) with WhatsApp newcomers over signed webhooks and a fake Graph API; the
 * timed jobs are the memory ones on a clock the test moves (no timers): each `due()` runs what is due.
 */
describe('the talent pool in the chat', () => {
  const world = poolAppOnClock();

  /** A newcomer who does the intake in their language and gets `language-first` (Dutch A1, no English), in Groningen. */
  const languageFirst = (lng: Language, hello: string) => world.languageFirst(lng, hello);


  it('asks a language-first newcomer in Arabic, keeps the consent apart, checks in after FOLLOWUP_WEEKS and, at B1, tells them a route fits and offers the next step', async () => {
    const t = (key: string, vars?: Record<string, unknown>) => tr('ar', key, vars);
    const { person, userId } = await languageFirst('ar', 'مرحبا');
    expect(person.texts().join('\n')).toContain(t('pool:consent.question', { weeks: 8 }));
    const answered = await person.say('نعم');
    expect(answered.map(body).join('\n')).toContain(t('pool:consent.yes', { weeks: 8 }));
    expect(answered.map(body).join('\n')).toContain(t('eligibility:mentorOffer'));
    await person.say(t('common:buttons.no'));
    const member = await world.started.app.pool.of({ channelId: 'whatsapp', userId });
    expect(member).toMatchObject({ status: 'active', reason: 'language-first', province: 'Groningen', consent: { given: true, language: 'ar', textVersion: 1 } });

    const before = person.mine().length;
    await world.due(8);
    expect(person.texts(before)).toEqual([t('pool:followUp.checkIn', { weeks: '8' })]);
    await world.due(0); // run again: nothing more
    expect(person.mine()).toHaveLength(before + 1);

    // Any reply starts the check-in: the intake's level questions and "do you want to work in IT?" again.
    const intro = await person.say('اهلا');
    expect(intro.map(body).join('\n')).toContain(t('pool:checkIn.intro'));
    expect(intro.map(body).join('\n')).toContain(t('intake:fields.dutchLevel.prompt'));
    await person.say('B1');
    await person.say(t('intake:levels.none'));
    const result = (await person.say(t('common:buttons.yes'))).map(body).join('\n');
    expect(result).toContain(t('pool:checkIn.ready'));
    expect(result).toContain(t('eligibility:mentorOffer')); // no mentor has a free time: the mentor offer
    expect(await world.started.app.pool.of({ channelId: 'whatsapp', userId })).toMatchObject({ status: 'ready', followUpsSent: 1, unanswered: 0 });
    const levels = (await world.started.app.pool.of({ channelId: 'whatsapp', userId }))!.levels.map((l) => [l.dutch, l.english, l.outcome]);
    expect(levels).toEqual([['A1', 'none', 'language-first'], ['B1', 'none', 'eligible']]);
    // Ready: no more check-ins.
    const after = person.mine().length;
    await world.due(8);
    expect(person.mine()).toHaveLength(after);
    const events = await world.started.app.records.outcomes.pool('2020-01-01', '2029-12-31');
    expect(events.map((e) => [e.kind, e.language, e.region])).toEqual([['joined', 'ar', 'Groningen'], ['level-changed', 'ar', 'Groningen'], ['left', 'ar', 'Groningen']]);
    expect(events[1]).toMatchObject({ dutch: { from: 'A1', to: 'B1' }, english: { from: 'none', to: 'none' } });
  });

  it('after two check-ins without an answer sends one last message, then no more', async () => {
    const t = (key: string, vars?: Record<string, unknown>) => tr('nl', key, vars);
    const { person, userId } = await languageFirst('nl', 'hallo');
    await person.say('ja');
    await person.say(t('common:buttons.no'));
    const before = person.mine().length;
    await world.due(8);
    await world.due(8);
    await world.due(8);
    expect(person.texts(before)).toEqual([t('pool:followUp.checkIn', { weeks: '8' }), t('pool:followUp.checkIn', { weeks: '8' }), t('pool:followUp.last')]);
    expect(await world.started.app.pool.of({ channelId: 'whatsapp', userId })).toMatchObject({ status: 'quiet', followUpsSent: 2 });
    await world.due(8);
    expect(await world.jobs.runDue()).toBe(0);
    expect(person.mine()).toHaveLength(before + 3);
  });

  it('a check-in answered "no" to working in IT says how to stop, not only that we ask again (Dutch, the no in words)', async () => {
    const t = (key: string, vars?: Record<string, unknown>) => tr('nl', key, vars);
    const { person } = await languageFirst('nl', 'hallo');
    await person.say('ja graag');
    await person.say(t('common:buttons.no'));
    await world.due(8);
    await person.say('hoi');
    await person.say('A2');
    await person.say('geen');
    const result = (await person.say('nee')).map(body).join('\n');
    expect(result).toContain(t('pool:checkIn.notInterested', { weeks: 8 }));
    expect(result).not.toContain(t('pool:checkIn.notReady', { weeks: 8 }));
  });

  it('a message after the last one, months later, is not met by the question left open before (Tigrinya, a yes with an emoji): the menu', async () => {
    const t = (key: string, vars?: Record<string, unknown>) => tr('ti', key, vars);
    const { person, userId } = await languageFirst('ti', 'ሰላም');
    await person.say('ok 👍'); // the yes; the mentor offer after it stays unanswered
    await world.due(8);
    await world.due(8);
    await world.due(8);
    expect(person.texts().at(-1)).toBe(t('pool:followUp.last'));
    const back = (await person.say('ሰላም')).map(body).join('\n');
    expect(back).not.toContain(t('common:chooseButton'));
    expect(back).not.toContain(t('eligibility:mentorOffer'));
    expect(back).toContain(t('common:menu.prompt'));
    expect(await world.started.app.pool.of({ channelId: 'whatsapp', userId })).toMatchObject({ status: 'quiet', unanswered: 0 });
    // The next message is the menu's as usual: nothing about the pool any more.
    const menu = (await person.say(t('common:menu.intake'))).map(body).join('\n');
    expect(menu).not.toContain(t('common:menu.prompt'));
  });

  it('"stop follow-ups" typed in Turkish with a typo stops every planned check-in at once (the menu has the entry while in the pool)', async () => {
    const t = (key: string, vars?: Record<string, unknown>) => tr('tr', key, vars);
    const { person, userId } = await languageFirst('tr', 'merhaba');
    await person.say('evet');
    await person.say(t('common:buttons.no'));
    const menu = [...person.mine()].reverse().find((m) => m.type === 'interactive');
    expect(menu?.interactive.action.sections[0].rows.map((r: { title: string }) => r.title)).toContain(t('pool:menu.button'));
    const stopped = await person.say('takibi durdr');
    expect(stopped.map(body).join('\n')).toContain(t('pool:stopped'));
    expect(await world.started.app.pool.of({ channelId: 'whatsapp', userId })).toMatchObject({ status: 'withdrawn', consent: { given: true } });
    expect((await world.started.app.pool.of({ channelId: 'whatsapp', userId }))!.consent!.withdrawnAt).toBeDefined();
    const before = person.mine().length;
    await world.due(8);
    expect(await world.jobs.runDue()).toBe(0);
    expect(person.mine()).toHaveLength(before);
  });

  it('the menu entry stops follow-ups too; a no to the question is kept and not asked again', async () => {
    const t = (key: string, vars?: Record<string, unknown>) => tr('fa', key, vars);
    const { person, userId } = await languageFirst('fa', 'سلام');
    await person.say('بله');
    await person.say(t('common:buttons.no'));
    const stopped = await person.tap(t('pool:menu.button'));
    expect(stopped.map(body).join('\n')).toContain(t('pool:stopped'));
    expect((await world.started.app.pool.of({ channelId: 'whatsapp', userId }))?.status).toBe('withdrawn');

    const other = await languageFirst('nl', 'hoi');
    await other.person.say('nee');
    expect(other.person.texts().join('\n')).toContain(tr('nl', 'pool:consent.no'));
    expect((await world.started.app.pool.of({ channelId: 'whatsapp', userId: other.userId }))?.status).toBe('declined');
  });

  it('outside WhatsApp\'s 24-hour window the check-in goes out as the approved follow-up template, in the person\'s language', async () => {
    const { person } = await languageFirst('ar', 'مرحبا');
    await person.say('نعم');
    await person.say(tr('ar', 'common:buttons.no'));
    const before = person.mine().length;
    world.graph.failNext(400, 131047, 'Re-engagement message'); // the window has closed
    await world.due(8);
    const sent = person.mine().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].template).toEqual({ name: 'vit_followup', language: { code: 'ar' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '8' }] }] });
  });

  it('is in the subject-access export and erased with the person: the planned check-in goes too', async () => {
    const { person, userId } = await languageFirst('nl', 'hallo');
    await person.say('ja');
    const exported = (await world.started.app.personRecords.export('whatsapp', userId)) as { talentPool: unknown };
    expect(exported.talentPool).toMatchObject({ status: 'active', consent: { given: true, language: 'nl', textVersion: 1 }, levels: [{ dutch: 'A1', english: 'none' }] });
    await world.started.app.personRecords.erase('whatsapp', userId);
    expect(await world.started.app.pool.of({ channelId: 'whatsapp', userId })).toBeUndefined();
    const before = person.mine().length;
    await world.due(8);
    expect(await world.jobs.runDue()).toBe(0);
    expect(person.mine()).toHaveLength(before);
  });
});
