import { Queue } from 'bullmq';
import { BullMqTimedJobs, TIMED_QUEUE } from '../../src/jobs/bullMqTimedJobs';
import { FOLLOWUP_JOB } from '../../src/people/talentPool';
import { PARTNER_STEPS } from '../../src/domain/partnerSteps';
import { formatSlotTime } from '../../src/domain/mentorSlots';
import { quarterOf } from '../../src/reporting/outcomeFunnel';
import { createLogger } from '../../src/logger';
import type { Language } from '../../src/i18n/languages';
import type { PoolView } from '../../src/console/consoleApi';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { FakeGraph, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { FakeConnector } from '../support/fakeConnector';
import { FakeChannelIssuer } from '../support/fakeChannelIssuer';
import { translator } from '../support/chatDriver';
import { appDigest, connectTestRedis, keyspace, namesAnyOf, testRedisUrl, uniquePrefix } from '../support/testRedis';

const tr = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);
const fa = (key: string, vars?: Record<string, unknown>) => tr('fa', key, vars);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CHANNEL = '19:5f6e7d8c9b0a41b2c3d4e5f6a7b8c9d0@thread.tacv2';
const TALK_LINK = 'https://meet.example.org/sara';
const INTERVIEW_LINK = 'https://teams.microsoft.com/l/meetup-join/lisa';
const body = (m: Record<string, any>) => m.text?.body ?? m.interactive?.body?.text ?? `[template ${m.template?.name}]`;
/** A whole hour `hours` from now. */
const wholeHour = (hours: number) => new Date(Math.ceil((Date.now() + hours * HOUR) / HOUR) * HOUR);
const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/**
 * The talent pool's "done when", walked on a real redis-server with BullMQ: a Persian newcomer on WhatsApp
 * (signed webhooks, a fake Graph API) gets `language-first`, agrees to follow-ups, is checked in on twice
 * (the clock moved, never slept; outside the 24-hour window, so as the approved template), reaches B2,
 * staff are told (the console's ready list and the Teams mentors' channel), she books the mentor talk in
 * the chat and walks the selection to `selected`, agrees in the chat to share with ITPH Academy, is
 * referred, and the partner's nine steps go to a signed contract; the outcome numbers show her once in
 * every figure and the pool's movement per quarter.
 *
 * The pool's clock starts 17 weeks back and is moved on to now, so that what the pool records (joined,
 * the level change, left) lies in the past, where the funnel's report (on the real clock) reads it.
 */
describe('the talent pool walked end to end on Redis', () => {
  let graph: FakeGraph;
  let connector: FakeConnector;
  let issuer: FakeChannelIssuer;
  beforeAll(async () => {
    graph = await new FakeGraph().start();
    connector = await new FakeConnector().start();
    issuer = await new FakeChannelIssuer().start();
  });
  afterAll(async () => {
    await graph.stop();
    await connector.stop();
    await issuer.stop();
  });

  async function walkApp(prefix: string, clock: { now: number }) {
    const jobs = new BullMqTimedJobs({ url: testRedisUrl(), keyPrefix: prefix, lockMs: 5000, logger: createLogger('silent'), now: () => new Date(clock.now) });
    const started = await startTestApp(
      {
        ...whatsAppEnv(graph),
        REDIS_URL: testRedisUrl(),
        REDIS_KEY_PREFIX: prefix,
        FOLLOWUP_WEEKS: '8',
        WHATSAPP_TEMPLATE_FOLLOWUP: 'vit_followup',
        TEAMS_MENTOR_CHANNEL_ID: CHANNEL,
        TEAMS_SERVICE_URL: connector.url,
        MicrosoftAppTenantId: TENANT,
        MENTOR_HOURS: 'always',
      },
      { channelIssuer: issuer, timedJobs: jobs, poolClock: () => new Date(clock.now), whatsAppClock: () => new Date(clock.now) },
    );
    await jobs.start();
    const watch = new Queue(TIMED_QUEUE, { connection: { url: testRedisUrl() }, prefix: `${prefix}{jobs}` });
    const planned = async () => (await watch.getDelayed()).filter((job) => job.data.kind === FOLLOWUP_JOB);
    /** Moves the clock on; the check-ins due by then are promoted in BullMQ and run; waits until none is waiting or running. */
    const moveClock = async (weeks: number) => {
      clock.now += weeks * WEEK;
      for (const job of await planned()) if (Date.parse(job.data.at) <= clock.now) await job.promote();
      await waitFor(async () => {
        const counts = await watch.getJobCounts('wait', 'active', 'prioritized');
        const due = (await planned()).filter((job) => Date.parse(job.data.at) <= clock.now);
        return counts.wait + counts.active + counts.prioritized + due.length === 0;
      }, 'every due check-in run');
    };
    return { ...started, planned, moveClock, stop: async () => { await watch.close(); await started.stop(); } };
  }

  /** A newcomer on WhatsApp who does the intake in Persian and gets `language-first` (Dutch A1, no English), in Groningen. */
  async function languageFirst(url: string): Promise<{ person: WhatsAppPerson; userId: string }> {
    const person = new WhatsAppPerson(url, graph);
    await person.say('سلام');
    await person.tap(fa('language:names.fa'));
    await person.tap(fa('consent:agree'));
    await person.tap(fa('common:menu.intake'));
    for (const answer of ['نرگس', fa('intake:fields.residenceStatus.options.statushouder'), 'Groningen', 'A1', fa('intake:levels.none'), fa('intake:fields.education.options.bachelor'), fa('common:buttons.no'), fa('intake:fields.itExperience.options.hobby'), fa('common:buttons.yes'), 'دوست دارم برنامه نویس بشم', '36']) {
      await person.say(answer);
    }
    return { person, userId: `NL.${person.phone}` };
  }

  /**
   * A check-in weeks after her last message: WhatsApp's 24-hour window (reckoned on the moved clock) is
   * closed, so it goes straight out as the follow-up template, without first trying a text Meta would refuse.
   */
  async function checkInAsTemplate(walk: Awaited<ReturnType<typeof walkApp>>, person: WhatsAppPerson, weeks = 8) {
    const before = person.mine().length;
    const calls = graph.calls.length;
    await walk.moveClock(weeks);
    const sent = person.mine().slice(before);
    expect(sent.map((m) => m.template)).toEqual([{ name: 'vit_followup', language: { code: 'fa' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '8' }] }] }]);
    expect(graph.calls.slice(calls).filter((c) => c.body.to === person.phone)).toHaveLength(1);
  }

  /** Her answers to a check-in, typed: any message starts it, then Dutch, English, still interested. */
  async function answerCheckIn(person: WhatsAppPerson, dutch: string, english: string, yes = fa('common:buttons.yes')): Promise<string> {
    const intro = (await person.say('سلام، زبانم بهتر شده')).map(body).join('\n');
    expect(intro).toContain(fa('pool:checkIn.intro'));
    expect(intro).toContain(fa('intake:fields.dutchLevel.prompt'));
    await person.say(dutch);
    await person.say(english);
    return (await person.say(yes)).map(body).join('\n');
  }

  it('a Persian newcomer: language-first, two check-ins, B2, the staff signal, the talk booked, selected, referred, nine partner steps, counted once in every figure', async () => {
    const prefix = uniquePrefix();
    const clock = { now: Date.now() - 17 * WEEK };
    const joinedAt = clock.now;
    const walk = await walkApp(prefix, clock);
    const { app, url } = walk;
    try {
      await addAccount(app, 'sara', 'mentor', ['fa']);
      await addAccount(app, 'lisa', 'staff', ['fa']);
      const [sara, lisa] = [new ConsoleClient(url), new ConsoleClient(url)];
      await sara.login('sara');
      await lisa.login('lisa');

      // The intake: language first; she is asked whether we may contact her again, and says yes in her words.
      const { person, userId } = await languageFirst(url);
      const who = { channelId: 'whatsapp', userId };
      const key = Buffer.from(JSON.stringify(['whatsapp', userId])).toString('base64url');
      expect(person.texts().join('\n')).toContain(fa('pool:consent.question', { weeks: 8 }));
      expect((await person.say('بله')).map(body).join('\n')).toContain(fa('pool:consent.yes', { weeks: 8 }));
      await person.say(fa('common:buttons.no'));
      expect(await app.pool.of(who)).toMatchObject({ status: 'active', reason: 'language-first', province: 'Groningen', consent: { given: true, language: 'fa' } });
      expect((await app.records.journeys.of(who))?.stage).toBe('intake-done');
      expect(await walk.planned()).toHaveLength(1);

      // The first check-in, 8 weeks on: the window is closed, so the template; she answers: English A1 now, not yet enough.
      await walk.moveClock(4);
      expect(person.mine().filter((m) => m.template)).toHaveLength(0);
      await checkInAsTemplate(walk, person, 4);
      const first = await answerCheckIn(person, 'A1', 'A1');
      expect(first).not.toContain(fa('pool:checkIn.ready'));
      expect(await app.pool.of(who)).toMatchObject({ status: 'active', followUpsSent: 1, unanswered: 0 });
      expect(await walk.planned()).toHaveLength(1);

      // A mentor has a free time in Persian for the talk.
      const talkStart = wholeHour(50);
      expect((await sara.post('/console/api/talks/slots', { start: talkStart.toISOString(), durationMinutes: 30, languages: ['fa'], link: TALK_LINK, weeks: 1 })).status).toBe(201);

      // The second check-in, 8 weeks later: her English is B2 now, her Dutch A2; a route fits; she is offered the talk's times.
      await checkInAsTemplate(walk, person);
      const second = await answerCheckIn(person, 'a2', 'b2', 'آره');
      expect(second).toContain(fa('pool:checkIn.ready'));
      expect(second).toContain(fa('talk:offer'));
      expect(await app.pool.of(who)).toMatchObject({ status: 'ready', followUpsSent: 2 });
      expect((await app.pool.of(who))!.levels.map((l) => [l.dutch, l.english])).toEqual([['A1', 'none'], ['A1', 'A1'], ['A2', 'B2']]);
      expect(await walk.planned()).toEqual([]);

      // The staff signal: the Teams mentors' channel (a first name and the language), the console's ready list.
      const signal = await connector.waitFor(() => connector.conversations.find((c) => c.parameters.channelData?.channel?.id === CHANNEL && c.parameters.activity?.text?.includes('نرگس')), 'the signal in the mentors\' channel');
      expect(signal.parameters.activity?.text).toBe(tr('nl', 'pool:teams.ready', { who: 'نرگس', language: tr('nl', 'language:names.fa') }));
      const view = (await (await lisa.get('/console/api/pool')).json()) as PoolView;
      expect(view.ready.map((i) => [i.key, i.name, i.status, i.dutch, i.english, i.province, i.north, i.trend])).toEqual([[key, 'نرگس', 'ready', 'A2', 'B2', 'Groningen', true, 'up']]);

      // She books the talk by typing its number; the journey moves from intake-done to mentor-talk-booked.
      const booked = (await person.say('۱')).map(body).join('\n');
      expect(booked).toContain(fa('talk:booked', { mentor: 'Sara', time: formatSlotTime(talkStart.toISOString(), 'fa'), minutes: 30, link: TALK_LINK }).split('\n')[0]);
      expect((await app.records.journeys.of(who))?.stage).toBe('mentor-talk-booked');

      // The talk's time comes (moved to an hour ago); Sara records it held.
      const [slot] = (await app.records.talks.store.list(new Date(Date.now() - DAY), 50)).filter((s) => s.booking);
      const { booking: _booking, outcome: _outcome, ...plain } = slot;
      await app.records.talks.store.add([{ ...plain, start: new Date(Date.now() - HOUR).toISOString() }]);
      expect((await sara.post(`/console/api/talks/slots/${slot.id}/outcome`, { kind: 'held', note: 'Gemotiveerd, goed Engels' })).status).toBe(200);
      expect((await app.records.journeys.of(who))?.stage).toBe('mentor-talk-held');

      // Homework: staff set it for every track, move her on; she hands it in from the chat; staff pass it.
      const tracks = ((await (await lisa.get('/console/api/homework')).json()) as { tracks: string[] }).tracks;
      for (const track of tracks) expect((await lisa.post(`/console/api/homework/${track}`, { texts: { fa: 'یک صفحه وب کوچک درباره شهرت بساز.', nl: 'Maak een kleine webpagina over je stad.' }, link: 'https://example.org/opdracht', days: 7 })).status).toBe(200);
      const journeyPath = `/console/api/people/${key}/journey`;
      expect((await lisa.post(`${journeyPath}/moves`, { to: 'homework-given', reason: 'goed gesprek' })).status).toBe(200);
      await waitFor(() => person.texts().find((text) => text.includes('یک صفحه وب کوچک درباره شهرت بساز.')), 'the homework in Persian');
      expect((await person.say('تکلیفم: https://github.com/narges/shahr')).map(body).join('\n')).toContain(fa('journey:homework.received'));
      expect((await lisa.post(`${journeyPath}/homework/review`, { verdict: 'passed', note: 'Mooi werk!' })).status).toBe(200);
      await waitFor(() => person.texts().find((text) => text.includes(fa('journey:homework.passed', { name: 'Lisa', note: 'Mooi werk!' }))), 'the review in Persian');

      // The intake interview in a staff time: she is invited, types that she wants it, picks the first time.
      const interviewStart = wholeHour(74);
      expect((await lisa.post('/console/api/talks/slots', { start: interviewStart.toISOString(), durationMinutes: 30, languages: ['fa'], link: INTERVIEW_LINK, weeks: 1, kind: 'interview' })).status).toBe(201);
      expect((await lisa.post(`${journeyPath}/moves`, { to: 'selection-intake', reason: 'klaar voor het gesprek' })).status).toBe(200);
      await waitFor(() => person.texts().find((text) => text.includes(fa('interview:invite'))), 'the interview invitation');
      expect((await person.say('وقت مصاحبه میخوام')).map(body).join('\n')).toContain(fa('interview:offer'));
      expect((await person.say('۱')).map(body).join('\n')).toContain(fa('interview:booked', { mentor: 'Lisa', time: formatSlotTime(interviewStart.toISOString(), 'fa'), minutes: 30, link: INTERVIEW_LINK }).split('\n')[0]);

      // Selected: she hears it.
      expect((await lisa.post(`${journeyPath}/moves`, { to: 'selected', reason: 'Sterk interview' })).status).toBe(200);
      await waitFor(() => person.texts().find((text) => text.includes(fa('journey:decision.selected'))), 'the decision in Persian');

      // The consent to share with ITPH Academy, asked in the chat; her yes in her words; the referral.
      const partnerPath = `/console/api/people/${key}/partner`;
      expect((await lisa.post(`${partnerPath}/ask`, { partner: 'itph-academy' })).status).toBe(200);
      await waitFor(() => person.texts().find((text) => text.includes(fa('partners:consent.question', { partner: 'ITPH Academy' }))), 'the consent question');
      expect((await person.say('بله موافقم')).map(body).join('\n')).toContain(fa('partners:consent.yes', { partner: 'ITPH Academy' }));
      const referred = (await (await lisa.post(`${partnerPath}/refer`, { partner: 'itph-academy' })).json()) as any;
      expect(referred).toMatchObject({ delivery: 'sent', next: 'signed-up' });
      await waitFor(() => person.texts().find((text) => text.includes(fa('partners:referred', { partner: 'ITPH Academy' }))), 'told of the referral');

      // The nine steps, in order, to a signed contract (12 months, 36 hours, off benefits); she hears each.
      const today = new Date().toISOString().slice(0, 10);
      for (const step of PARTNER_STEPS) {
        const recorded = (await (await lisa.post(`${partnerPath}/steps`, { step, date: today, note: `noot ${step}`, ...(step === 'contract-signed' ? { contract: { months: 12, hoursPerWeek: 36, offBenefits: true } } : {}) })).json()) as any;
        expect([step, recorded.delivery, recorded.file.referral.steps.at(-1).step]).toEqual([step, 'sent', step]);
      }
      expect(PARTNER_STEPS).toHaveLength(9);
      const decision = new Intl.DateTimeFormat('fa', { day: 'numeric', month: 'long', timeZone: 'Europe/Amsterdam', calendar: 'gregory' }).format(new Date(`${new Date(Date.parse(`${today}T00:00:00Z`) + 28 * DAY).toISOString().slice(0, 10)}T12:00:00Z`));
      for (const step of PARTNER_STEPS) {
        await waitFor(() => person.texts().find((text) => text.includes(fa(`partners:steps.${step}`, { partner: 'ITPH Academy', date: decision }))), `told of ${step}`);
      }
      expect(((await (await lisa.get(partnerPath)).json()) as any).next).toBeNull();

      // The numbers: exactly her, once in every figure, in her cohort, language and region.
      const month = monthOf(Date.now());
      const from = monthOf(joinedAt);
      const report = (await (await lisa.get(`/console/api/outcomes?from=${from}&to=${month}`)).json()) as any;
      const people = (group: any) => group.steps.map((s: any) => [s.step, s.people]);
      const once = [['started', 1], ['intake', 1], ['selected', 1], ['referred', 1], ['training-started', 1], ['contract-signed', 1]];
      expect(people(report.funnel.total)).toEqual(once);
      expect(report.funnel.byCohort.filter((g: any) => g.steps[0].people > 0).map((g: any) => [g.cohort, people(g)])).toEqual([[month, once]]);
      expect(report.funnel.byLanguage.map((g: any) => [g.language, people(g)])).toEqual([['fa', once]]);
      expect(report.funnel.byRegion.map((g: any) => [g.region, g.steps.slice(1).map((s: any) => s.people)])).toEqual([['Groningen', [1, 1, 1, 1, 1]]]);
      // The pool per quarter: she joined, English up twice (none, A1, B2), Dutch once (A1, A2), she left when ready.
      const pool = report.pool.filter((q: any) => q.language === 'fa');
      const sum = (field: string) => pool.reduce((n: number, q: any) => n + q[field], 0);
      expect(['joined', 'left', 'dutchUp', 'englishUp', 'dutchDown', 'englishDown'].map((f) => [f, sum(f)])).toEqual([['joined', 1], ['left', 1], ['dutchUp', 1], ['englishUp', 2], ['dutchDown', 0], ['englishDown', 0]]);
      expect(pool.at(-1).size).toBe(0);
      // Quarter by quarter: joined when she said yes, English up at the first check-in, both up and left at the second.
      const expected = new Map<string, number[]>();
      for (const [at, moves] of [[joinedAt, [1, 0, 0, 0]], [joinedAt + 8 * WEEK, [0, 0, 0, 1]], [joinedAt + 16 * WEEK, [0, 1, 1, 1]]] as const) {
        const q = quarterOf(new Date(at).toISOString().slice(0, 7));
        expected.set(q, (expected.get(q) ?? [0, 0, 0, 0]).map((n, i) => n + moves[i]));
      }
      expect(pool.filter((q: any) => q.joined + q.left + q.dutchUp + q.englishUp > 0).map((q: any) => [q.quarter, [q.joined, q.left, q.dutchUp, q.englishUp]])).toEqual([...expected]);
      expect(JSON.stringify(report)).not.toMatch(new RegExp(`${person.phone}|نرگس`));

      // And as CSV.
      const csv = (await (await lisa.get(`/console/api/outcomes.csv?from=${from}&to=${month}`)).text()).split('\n');
      expect(csv.filter((line) => line.startsWith('total,')).map((line) => line.split(',').slice(4, 6).join(','))).toEqual(['started,1', 'intake,1', 'selected,1', 'referred,1', 'training-started,1', 'contract-signed,1']);
      const header = csv.indexOf('quarter,language,size,joined,left,dutchUp,dutchDown,englishUp,englishDown');
      expect(header).toBeGreaterThan(0);
      expect(csv.slice(header + 1).filter((line) => line.split(',')[1] === 'fa')).toEqual(pool.map((q: any) => [q.quarter, 'fa', q.size, q.joined, q.left, q.dutchUp, q.dutchDown, q.englishUp, q.englishDown].join(',')));

      // The mentors' channel was told once, in the whole walk.
      expect(connector.conversations.filter((c) => c.parameters.channelData?.channel?.id === CHANNEL && c.parameters.activity?.text?.includes('نرگس'))).toHaveLength(1);

      // Her subject-access export holds her place in the pool and the partner file; one erasure takes
      // everything about her out of Redis (the planned jobs too); the numbers outlive her and name no one.
      const exported = (await (await lisa.post(`/console/api/people/${key}/export`)).json()) as any;
      expect(exported.talentPool).toMatchObject({ status: 'ready', consent: { given: true, language: 'fa' } });
      expect(exported.partner.referral.steps).toHaveLength(9);
      const redis = connectTestRedis();
      try {
        const digest = appDigest(prefix)(`whatsapp:${userId}`);
        const about = (entries: Array<[string, string]>) => entries.filter(([k, v]) => !k.includes('{outcomes}') && (k.includes(digest) || namesAnyOf(`${k} ${v}`, [person.phone, userId, 'نرگس'])));
        expect(about(await keyspace(redis, prefix)).length).toBeGreaterThan(0);
        expect((await lisa.post(`/console/api/people/${key}/erase`, { confirm: true })).status).toBe(200);
        expect(about(await keyspace(redis, prefix))).toEqual([]);
        expect(await app.pool.of(who)).toBeUndefined();
        const after = (await (await lisa.get(`/console/api/outcomes?from=${from}&to=${month}`)).json()) as any;
        expect(people(after.funnel.total)).toEqual(once);
        expect(after.pool).toEqual(report.pool);
      } finally {
        redis.disconnect();
      }
    } finally {
      await walk.stop();
    }
  }, 240_000);

  it('a Turkish newcomer whom staff moved to the talent pool (journey stage talent-pool) books the talk from the chat once a check-in finds her ready; a second "talent pool" decision asks her again and puts her back', async () => {
    const prefix = uniquePrefix();
    const clock = { now: Date.now() - 9 * WEEK };
    const walk = await walkApp(prefix, clock);
    const { app, url } = walk;
    const t = (key: string, vars?: Record<string, unknown>) => tr('tr', key, vars);
    try {
      await addAccount(app, 'sara', 'mentor', ['tr']);
      await addAccount(app, 'lisa', 'staff');
      const lisa = new ConsoleClient(url);
      await lisa.login('lisa');
      // Eligible at the intake (Dutch B1), no mentor now; staff put her in the talent pool for a later round.
      const person = new WhatsAppPerson(url, graph);
      await person.say('merhaba');
      await person.tap(t('language:names.tr'));
      await person.tap(t('consent:agree'));
      await person.tap(t('common:menu.intake'));
      for (const answer of ['Elif', t('intake:fields.residenceStatus.options.statushouder'), 'Utrecht', 'B1', t('intake:levels.none'), t('intake:fields.education.options.secondary'), t('common:buttons.no'), t('intake:fields.itExperience.options.hobby'), t('common:buttons.yes'), 'Yazilim ogrenmek istiyorum', '32']) {
        await person.say(answer);
      }
      await person.say(t('common:buttons.no'));
      const who = { channelId: 'whatsapp', userId: `NL.${person.phone}` };
      const key = Buffer.from(JSON.stringify(['whatsapp', who.userId])).toString('base64url');
      expect((await lisa.post(`/console/api/people/${key}/journey/moves`, { to: 'talent-pool', reason: 'Geen plek in deze ronde' })).status).toBe(200);
      await waitFor(() => person.texts().find((text) => text.includes(t('pool:consent.question', { weeks: 8 }))), 'asked about follow-ups');
      expect((await person.say('evet olur')).map(body).join('\n')).toContain(t('pool:consent.yes', { weeks: 8 }));
      expect((await app.records.journeys.of(who))?.stage).toBe('talent-pool');

      const talkStart = wholeHour(50);
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      expect((await sara.post('/console/api/talks/slots', { start: talkStart.toISOString(), durationMinutes: 30, languages: ['tr'], link: TALK_LINK, weeks: 1 })).status).toBe(201);

      // The check-in (the window closed on the moved clock: the template in Turkish); her Dutch is B2 now: ready, the times offered.
      const before = person.mine().length;
      await walk.moveClock(8);
      expect(person.mine().slice(before).map((m) => m.template?.name)).toEqual(['vit_followup']);
      expect(person.mine().at(-1)!.template.language).toEqual({ code: 'tr' });
      await person.say('selam');
      await person.say('B2');
      await person.say(t('intake:levels.none'));
      const ready = (await person.say(t('common:buttons.yes'))).map(body).join('\n');
      expect(ready).toContain(t('pool:checkIn.ready'));
      expect(ready).toContain(t('talk:offer'));
      const booked = (await person.say('1')).map(body).join('\n');
      expect(booked).toContain(t('talk:booked', { mentor: 'Sara', time: formatSlotTime(talkStart.toISOString(), 'tr'), minutes: 30, link: TALK_LINK }).split('\n')[0]);
      expect((await app.records.journeys.of(who))?.stage).toBe('mentor-talk-booked');
      const view = (await (await lisa.get('/console/api/pool')).json()) as PoolView;
      expect(view.ready.map((i) => [i.name, i.dutch, i.reason])).toEqual([['Elif', 'B2', 'talent-pool']]);
      // The ready list says what is true now: the talk booked, when and with whom.
      expect(view.ready[0].next).toEqual({ step: 'talk-booked', stage: 'mentor-talk-booked', at: talkStart.toISOString(), host: 'Sara' });

      // The talk is held, and staff decide "talent pool" once more (not this round): she is asked again,
      // says yes, and is back in the pool with her levels so far; the check-ins start again.
      const [slot] = (await app.records.talks.store.list(new Date(Date.now() - DAY), 50)).filter((s) => s.booking);
      const { booking: _booking, ...plain } = slot;
      await app.records.talks.store.add([{ ...plain, start: new Date(Date.now() - HOUR).toISOString() }]);
      expect((await sara.post(`/console/api/talks/slots/${slot.id}/outcome`, { kind: 'held', note: 'Nog even wachten' })).status).toBe(200);
      // Past the talk: off the ready list (the journey board follows her); in the pool's list with her stage.
      const held = (await (await lisa.get('/console/api/pool')).json()) as PoolView;
      expect(held.ready).toEqual([]);
      expect(held.items.filter((i) => i.name === 'Elif').map((i) => [i.status, i.next?.step, i.next?.stage])).toEqual([['ready', 'moved-on', 'mentor-talk-held']]);
      const asked = person.mine().length;
      expect((await lisa.post(`/console/api/people/${key}/journey/moves`, { to: 'talent-pool', reason: 'Volgende ronde' })).status).toBe(200);
      await waitFor(() => person.texts(asked).find((text) => text.includes(t('pool:consent.question', { weeks: 8 }))), 'asked again about follow-ups');
      expect((await person.say('evet')).map(body).join('\n')).toContain(t('pool:consent.yes', { weeks: 8 }));
      const again = await app.pool.of(who);
      expect(again).toMatchObject({ status: 'active', reason: 'talent-pool' });
      expect(again!.levels.map((l) => l.dutch)).toEqual(['B1', 'B2', 'B2']);
      expect(await walk.planned()).toHaveLength(1);
      expect(((await (await lisa.get('/console/api/pool')).json()) as PoolView).ready).toEqual([]);
      expect((await app.records.outcomes.pool(`${new Date().getUTCFullYear() - 1}-01-01`, `${new Date().getUTCFullYear() + 1}-12-31`)).map((e) => e.kind)).toEqual(['joined', 'level-changed', 'left', 'joined']);
    } finally {
      await walk.stop();
    }
  }, 120_000);

  it('"stop follow-ups" typed in Persian after a check-in takes every planned check-in out of Redis at once: with the clock moved on, nothing more is sent', async () => {
    const prefix = uniquePrefix();
    const clock = { now: Date.now() - 20 * WEEK };
    const walk = await walkApp(prefix, clock);
    try {
      const { person, userId } = await languageFirst(walk.url);
      await person.say('بله');
      await person.say(fa('common:buttons.no'));
      await checkInAsTemplate(walk, person);
      expect(await walk.planned()).toHaveLength(1);
      expect((await person.say('دیگه پیگیری نکنید')).map(body).join('\n')).toContain(fa('pool:stopped'));
      expect(await walk.planned()).toEqual([]);
      expect(await walk.app.pool.of({ channelId: 'whatsapp', userId })).toMatchObject({ status: 'withdrawn', followUpsSent: 1 });
      const before = person.mine().length;
      await walk.moveClock(8);
      await walk.moveClock(8);
      expect(person.mine()).toHaveLength(before);
      expect((await walk.app.records.outcomes.pool(`${new Date().getUTCFullYear() - 1}-01-01`, `${new Date().getUTCFullYear() + 1}-12-31`)).map((e) => e.kind)).toEqual(['joined', 'left']);
    } finally {
      await walk.stop();
    }
  }, 120_000);
});
