import type { Activity } from 'botbuilder';
import { FakeConnector } from '../support/fakeConnector';
import { FakeChannelIssuer } from '../support/fakeChannelIssuer';
import { FakeGraph, whatsAppEnv, WhatsAppPerson } from '../support/fakeGraph';
import { postActivity, startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { translator } from '../support/chatDriver';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { formatWhen } from '../../src/reminders/reminders';
import { formatSlotTime } from '../../src/domain/mentorSlots';
import type { SlotList, TalkNoticeList } from '../../src/console/consoleApi';
import type { Language } from '../../src/i18n/languages';

const t = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT = { id: '28:9e2b4c1a-5d6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'VIT Wegwijzer' };
const SARA = { id: '29:1saraXk2Lq9WvZ', name: 'Sara Haddad', aad: 'c7b9a1d2-3e4f-4061-9b7c-8d9e0f1a2b3c', personal: 'a:1saraPersonalChatWithTheBot' };
const CONSOLE = 'https://vit.example.org/console';
const LINK = 'https://meet.example.org/sara';
const DAY = 86_400_000;

/** A message in Sara's personal chat with the bot, as Teams sends it. */
function personalMessage(serviceUrl: string, text: string): Partial<Activity> {
  const now = new Date();
  return {
    id: `1732${Date.now()}`,
    type: 'message',
    timestamp: now,
    channelId: 'msteams',
    serviceUrl,
    from: { id: SARA.id, name: SARA.name, aadObjectId: SARA.aad },
    recipient: BOT,
    locale: 'nl-NL',
    textFormat: 'plain',
    text,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: SARA.personal, isGroup: false, name: '' },
    channelData: { tenant: { id: TENANT } },
  };
}

/**
 * The mentor hears of a booking: a WhatsApp newcomer (fake Graph API) books Sara's slot in the chat and
 * cancels it; Sara, a mentor whose console account is linked to Teams, gets both in her personal chat
 * with the bot (a loopback Bot Connector) and sees them in the console's notices; on a real redis-server.
 */
describe('a mentor is told of bookings of her slots, in Teams and in the console', () => {
  let connector: FakeConnector;
  let issuer: FakeChannelIssuer;
  let graph: FakeGraph;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    issuer = await new FakeChannelIssuer().start();
    graph = await new FakeGraph().start();
  });
  afterAll(async () => {
    await connector.stop();
    await issuer.stop();
    await graph.stop();
  });

  it('books and cancels from the chat: Sara gets time, language, link and where the intake is in Teams (no intake answers), and the console lists both', async () => {
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix(), TEAMS_SERVICE_URL: connector.url, CONSOLE_PUBLIC_URL: CONSOLE, ...whatsAppEnv(graph) };
    const { app, url, stop } = await startTestApp(env, { channelIssuer: issuer });
    try {
      const account = (await addAccount(app, 'sara', 'mentor', ['nl', 'ar']))!;
      await addAccount(app, 'omar', 'mentor', ['en']);
      expect(await app.accounts.linkTeams(account.id, SARA.aad)).toMatchObject({ username: 'sara' });
      // Sara has written to the bot in Teams once: the bot knows her personal chat.
      expect((await postActivity(url, personalMessage(connector.url, 'hallo'))).status).toBe(200);
      await connector.waitFor(() => connector.repliesIn(SARA.personal).length > 0, 'the bot answering Sara');
      const saraSaw = connector.repliesIn(SARA.personal).length;

      const [sara, omar] = [new ConsoleClient(url), new ConsoleClient(url)];
      await sara.login('sara');
      await omar.login('omar');
      expect((await (await sara.get('/console/api/talks/notices')).json()) as TalkNoticeList).toEqual({ items: [], unseen: 0 });
      const start = new Date(Math.ceil((Date.now() + 2 * DAY) / 3_600_000) * 3_600_000).toISOString();
      expect((await sara.post('/console/api/talks/slots', { start, durationMinutes: 45, languages: ['ar'], link: LINK, weeks: 1 })).status).toBe(201);

      // Amina on WhatsApp: Arabic, the intake with an eligible result, then she books Sara's time.
      const tar = (key: string) => t('ar', key);
      const amina = new WhatsAppPerson(url, graph);
      await amina.say('مرحبا');
      await amina.tap(tar('language:names.ar'));
      await amina.tap(tar('consent:agree'));
      await amina.tap(tar('common:menu.intake'));
      for (const answer of ['آمنة', tar('intake:fields.residenceStatus.options.statushouder'), 'Zwolle', 'B1', 'A2', tar('intake:fields.education.options.secondary'), tar('common:buttons.no'), tar('intake:fields.itExperience.options.hobby'), tar('common:buttons.yes'), 'أحب البرمجة', '40']) {
        await amina.say(answer);
      }
      const last = [...amina.mine()].reverse().find((m) => m.type === 'interactive')!;
      const first = last.interactive.type === 'list' ? last.interactive.action.sections[0].rows[0] : last.interactive.action.buttons[0].reply;
      await amina.tap(first.title);

      // In Teams, in Sara's language (Dutch, the first of her account): who, when (Dutch time), how long, the language, the link, and where the intake is.
      // (Teams shows a line break of plain text as a new paragraph.)
      const booked = [
        t('nl', 'mentorTeams:talk.booked', { name: 'آمنة', when: formatWhen('nl', new Date(start)), minutes: 45, language: 'Arabisch', link: LINK }),
        t('nl', 'mentorTeams:talk.intakeAt', { url: `${CONSOLE}#/slots` }),
      ].join('\n\n');
      const told = await connector.waitFor(() => connector.repliesIn(SARA.personal).slice(saraSaw).find((r) => r.text === booked), 'the booking told to Sara in Teams');
      expect(told.textFormat).toBe('plain');
      expect(told.text).not.toContain('أحب البرمجة'); // the intake's answers stay in the console
      expect(told.text).not.toContain('B1');
      expect(told.text).not.toContain(amina.phone);

      // In the console: the new booking with who, the language and the link; a count for the tab; Omar sees none of it.
      const notices = (await (await sara.get('/console/api/talks/notices')).json()) as TalkNoticeList;
      expect(notices.unseen).toBe(1);
      expect(notices.items).toEqual([expect.objectContaining({ kind: 'booked', start, durationMinutes: 45, language: 'ar', link: LINK, person: { firstName: 'آمنة' }, unseen: true })]);
      const slots = (await (await sara.get('/console/api/talks/slots')).json()) as SlotList;
      expect(slots.items.find((i) => i.id === notices.items[0].slotId)?.booked?.intake?.motivation).toBe('أحب البرمجة'); // the intake, on the slot the notice names
      expect(await (await sara.get('/console/api/talks/notices/unseen')).json()).toEqual({ unseen: 1 });
      expect((await (await omar.get('/console/api/talks/notices')).json()) as TalkNoticeList).toEqual({ items: [], unseen: 0 });
      expect((await new ConsoleClient(url).get('/console/api/talks/notices')).status).toBe(401);

      // Seen: up to the newest shown; a time that is no time is refused.
      expect((await sara.post('/console/api/talks/notices/seen', { at: 'yesterday' })).status).toBe(400);
      expect(await (await sara.post('/console/api/talks/notices/seen', { at: notices.items[0].at })).json()).toEqual({ unseen: 0 });

      // Amina cannot come: Sara hears it in Teams without a name; the console lists it, and the booking no longer names her.
      await amina.say('ما بقدر اجي');
      await amina.tap(tar('common:buttons.yes'));
      const cancelled = t('nl', 'mentorTeams:talk.cancelled', { when: formatWhen('nl', new Date(start)) });
      await connector.waitFor(() => connector.repliesIn(SARA.personal).some((r) => r.text === cancelled), 'the cancellation told to Sara in Teams');
      const after = (await (await sara.get('/console/api/talks/notices')).json()) as TalkNoticeList;
      expect(after.unseen).toBe(1);
      expect(after.items.map((i) => [i.kind, i.person, i.unseen])).toEqual([
        ['cancelled', null, true],
        ['booked', null, false],
      ]);

      // She takes the first free time offered again (Sara's); then Lisa (staff) cancels it, and takes away another free time of Sara's.
      const offered = [...amina.mine()].reverse().find((m) => m.type === 'interactive')!;
      const again = offered.interactive.type === 'list' ? offered.interactive.action.sections[0].rows[0] : offered.interactive.action.buttons[0].reply;
      await amina.tap(again.title);
      await waitFor(async () => !!(await app.records.talks.upcomingOf({ channelId: 'whatsapp', userId: `NL.${amina.phone}` }, new Date())), 'booked again');
      const later = new Date(Date.parse(start) + DAY).toISOString();
      expect((await sara.post('/console/api/talks/slots', { start: later, durationMinutes: 30, languages: ['nl'], link: LINK, weeks: 1 })).status).toBe(201);
      await addAccount(app, 'lisa', 'staff');
      const lisa = new ConsoleClient(url);
      await lisa.login('lisa');
      const mine = ((await (await sara.get('/console/api/talks/slots')).json()) as SlotList).items;
      const [bookedAgain, free] = [mine.find((i) => i.booked)!, mine.find((i) => i.start === later)!];
      const aminaSaw = amina.mine().length;
      expect(await (await lisa.post(`/console/api/talks/slots/${bookedAgain.id}/cancel`)).json()).toEqual({ cancelled: true, told: true });
      expect(await (await lisa.post(`/console/api/talks/slots/${free.id}/cancel`)).json()).toEqual({ cancelled: true, told: false });
      // Amina is told as when Sara cancels; Sara hears both in Teams, in Dutch, with Lisa's name and not Amina's.
      const toAmina = t('ar', 'talk:mentorCancelled', { mentor: 'Sara', time: formatSlotTime(start, 'ar') });
      await waitFor(() => amina.texts(aminaSaw).some((text) => text.includes(toAmina)), 'Amina told of the cancellation');
      const byStaff = t('nl', 'mentorTeams:talk.cancelledByStaff', { name: 'Lisa', when: formatWhen('nl', new Date(start)) });
      const removed = t('nl', 'mentorTeams:talk.removedByStaff', { name: 'Lisa', when: formatWhen('nl', new Date(later)) });
      await connector.waitFor(() => connector.repliesIn(SARA.personal).some((r) => r.text === byStaff), 'the cancellation by staff told to Sara in Teams');
      await connector.waitFor(() => connector.repliesIn(SARA.personal).some((r) => r.text === removed), 'the free time taken away told to Sara in Teams');
      expect([byStaff, removed].join('\n')).not.toContain('آمنة');
      // In the console, as "New for you": who cancelled, whether someone had booked; no person named.
      const byLisa = (await (await sara.get('/console/api/talks/notices')).json()) as TalkNoticeList;
      expect(byLisa.unseen).toBe(4); // her cancellation and new booking, and the two by Lisa
      expect(byLisa.items.slice(0, 2).map((i) => [i.kind, i.by, i.wasBooked, i.slotId, i.person, i.unseen])).toEqual([
        ['cancelled-by-staff', 'Lisa', false, free.id, null, true],
        ['cancelled-by-staff', 'Lisa', true, bookedAgain.id, null, true],
      ]);
      expect(byLisa.items[1].language).toBe('ar');
      // Lisa cancelled: nothing new for her own notices.
      expect(((await (await lisa.get('/console/api/talks/notices')).json()) as TalkNoticeList).items).toEqual([]);

      // Audited: the first name shown in the console and the one sent to Teams, the person as a pseudonym.
      const audit = await app.records.audit.between(new Date(Date.now() - DAY), new Date(Date.now() + 60_000));
      const actions = audit.filter((e) => e.actor === 'sara').map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['notify-talk', 'view-talk']));
      expect(JSON.stringify(audit)).not.toContain(amina.phone);
    } finally {
      await stop();
    }
  });
});
