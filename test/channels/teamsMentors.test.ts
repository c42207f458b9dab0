import type { Activity } from 'botbuilder';
import { FakeConnector } from '../support/fakeConnector';
import { FakeChannelIssuer } from '../support/fakeChannelIssuer';
import { postActivity, startTestApp } from '../support/testApp';
import { Newcomer } from '../support/newcomer';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { appDigest, connectTestRedis, testRedisUrl, uniquePrefix } from '../support/testRedis';
import { translator } from '../support/chatDriver';
import { RedisMentorChannelStore } from '../../src/channels/teams/mentorChannelStore';
import type { Language } from '../../src/i18n/languages';
import { loadConfig } from '../../src/config';
import type { App } from '../../src/app';

/**
 * Mentors in Microsoft Teams, through the real /api/messages endpoint of two instances sharing one
 * Redis, with Teams' own payload shapes (channel message with an <at> mention, adaptiveCard/action
 * invoke, Action.Submit message, personal chat message) and a loopback stand-in for Teams' Bot
 * Connector receiving posts, new conversations and card updates.
 */

const t = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT = { id: '28:9e2b4c1a-5d6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'VIT Wegwijzer' };
const TEAM = '19:0a1b2c3d4e5f40718293a4b5c6d7e8f9@thread.tacv2';
const CHANNEL = '19:5f6e7d8c9b0a41b2c3d4e5f6a7b8c9d0@thread.tacv2';

interface TeamsPerson {
  id: string;
  name: string;
  aad: string;
  /** Their personal chat with the bot, when they write there themselves. */
  personal: string;
}

const person = (key: string, name: string, aad: string): TeamsPerson => ({ id: `29:1${key}Xk2Lq9WvZ`, name, aad, personal: `a:1${key}PersonalChatWithTheBot` });
const lotte = person('lotte', 'Lotte de Vries', 'b6a8f0c1-2d3e-4f50-8a6b-7c8d9e0f1a2b');
const sara = person('sara', 'Sara Haddad', 'c7b9a1d2-3e4f-4061-9b7c-8d9e0f1a2b3c');
const omar = person('omar', 'Omar Yilmaz', 'd8c0b2e3-4f50-4172-ac8d-9e0f1a2b3c4d');
const kees = person('kees', 'Kees Bakker', 'e9d1c3f4-5061-4283-bd9e-0f1a2b3c4d5e');

let counter = 0;

/** What every Teams activity carries (Microsoft's documented shape). */
function teamsActivity(serviceUrl: string, from: TeamsPerson, extra: Partial<Activity>): Partial<Activity> {
  counter++;
  const now = new Date();
  return {
    id: `1732${String(Date.now()).slice(-7)}${counter}`,
    timestamp: now,
    localTimestamp: now,
    channelId: 'msteams',
    serviceUrl,
    from: { id: from.id, name: from.name, aadObjectId: from.aad },
    recipient: BOT,
    locale: 'nl-NL',
    entities: [{ type: 'clientInfo', locale: 'nl-NL', country: 'NL', platform: 'Web', timezone: 'Europe/Amsterdam' }],
    ...extra,
  };
}

const channelData = (extra: Record<string, unknown> = {}) => ({
  teamsChannelId: CHANNEL,
  teamsTeamId: TEAM,
  channel: { id: CHANNEL },
  team: { id: TEAM },
  tenant: { id: TENANT },
  ...extra,
});

/** A new post in the channel that @mentions the bot. */
function channelMessage(serviceUrl: string, from: TeamsPerson, text: string): Partial<Activity> {
  const mention = `<at>${BOT.name}</at>`;
  const base = teamsActivity(serviceUrl, from, {});
  return {
    ...base,
    type: 'message',
    textFormat: 'plain',
    text: `${mention} ${text}`,
    attachments: [{ contentType: 'text/html', content: `<div><div><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${BOT.name}</span> ${text}</div></div>` }],
    entities: [{ type: 'mention', mentioned: BOT, text: mention }, ...(base.entities ?? [])],
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: `${CHANNEL};messageid=${base.id}`, name: '' },
    channelData: channelData(),
  };
}

/** A message in the person's personal chat with the bot. */
function personalMessage(serviceUrl: string, from: TeamsPerson, text: string, conversationId = from.personal): Partial<Activity> {
  return teamsActivity(serviceUrl, from, {
    type: 'message',
    textFormat: 'plain',
    text,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: conversationId, isGroup: false, name: '' },
    channelData: { tenant: { id: TENANT } },
  });
}

/** Accept pressed on a card (Action.Execute): Teams sends an adaptiveCard/action invoke. */
function acceptInvoke(serviceUrl: string, from: TeamsPerson, card: PostedCard): Partial<Activity> {
  return teamsActivity(serviceUrl, from, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: card.activityId,
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: card.conversationId, name: '' },
    channelData: channelData({ source: { name: 'message' }, legacy: { replyToId: card.activityId } }),
    value: { action: { type: 'Action.Execute', title: 'Aannemen', verb: 'accept', data: { handoffId: card.handoffId } }, trigger: 'manual' },
  });
}

/** Accept pressed on a client without Universal Actions: the fallback Action.Submit sends a message with the data as value. */
function acceptSubmit(serviceUrl: string, from: TeamsPerson, card: PostedCard): Partial<Activity> {
  return teamsActivity(serviceUrl, from, {
    type: 'message',
    replyToId: card.activityId,
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: card.conversationId, name: '' },
    channelData: channelData({ source: { name: 'message' }, legacy: { replyToId: card.activityId } }),
    value: { handoffId: card.handoffId, verb: 'accept' },
  });
}

interface PostedCard {
  conversationId: string;
  activityId: string;
  handoffId: string;
}

type Card = { body: Array<Record<string, any>>; actions?: Array<Record<string, any>>; version: string };
const cardOf = (activity: Partial<Activity> | undefined): Card => activity?.attachments?.[0]?.content as Card;
/** Every text of a card, facts as "title: value". */
function cardTexts(card: Card | undefined): string[] {
  return (card?.body ?? []).flatMap((e) => (e.type === 'FactSet' ? (e.facts as Array<{ title: string; value: string }>).map((f) => `${f.title}: ${f.value}`) : [String(e.text)]));
}

describe('mentors in Microsoft Teams', () => {
  let connector: FakeConnector;
  let issuer: FakeChannelIssuer;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    issuer = await new FakeChannelIssuer().start();
  });
  afterAll(async () => {
    await connector.stop();
    await issuer.stop();
  });

  it('with two instances sharing Redis: chooses the channel, posts each handoff card once, lets one of two mentors win, relays both ways, and keeps the cards up to date', async () => {
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix(), TEAMS_SERVICE_URL: connector.url, MENTOR_HOURS: 'always' };
    const a = await startTestApp(env, { channelIssuer: issuer });
    const b = await startTestApp(env, { channelIssuer: issuer });
    const redis = connectTestRedis();
    const store = new RedisMentorChannelStore(redis, env.REDIS_KEY_PREFIX, 3600, appDigest(env.REDIS_KEY_PREFIX));
    const url = connector.url;
    const link = async (app: App, username: string, who: TeamsPerson) => {
      const account = await app.accounts.byUsername(username);
      expect(await app.accounts.linkTeams(account!.id, who.aad)).toMatchObject({ username });
    };
    const send = async (app: App, activity: Partial<Activity>) => {
      const response = await postActivity(app === a.app ? a.url : b.url, activity);
      expect(response.status).toBe(200);
      return response;
    };
    /** The replies in a conversation, as text. */
    const textsIn = (conversationId: string) => connector.repliesIn(conversationId).map((r) => r.text);
    /** The conversations where the bot writes to a mentor: the chat they wrote from, and any it opened with them. */
    const chatsOf = (who: TeamsPerson) => [who.personal, ...connector.conversations.filter((c) => c.parameters.members?.[0]?.id === who.id).map((c) => c.id)];
    const textsTo = (who: TeamsPerson) => chatsOf(who).flatMap(textsIn);
    const mentorHears = (who: TeamsPerson, text: string) => connector.waitFor(() => textsTo(who).includes(text), `"${text}" in ${who.name}'s chat`);
    const cardsInChannel = () => connector.conversations.filter((c) => c.parameters.channelData?.channel?.id === CHANNEL);

    try {
      await addAccount(a.app, 'lotte', 'admin', ['nl']);
      await addAccount(a.app, 'sara', 'mentor', ['nl']);
      await addAccount(a.app, 'omar', 'mentor', ['en']);
      await link(a.app, 'lotte', lotte);
      await link(b.app, 'sara', sara);
      await link(a.app, 'omar', omar);

      // "/mentors-here": refused for a mentor and for someone not linked; stored for an admin.
      const fromSara = channelMessage(url, sara, '/mentors-here');
      await send(a.app, fromSara);
      expect(textsIn(fromSara.conversation!.id)).toEqual([t('nl', 'mentorTeams:channel.notAdmin')]);
      const fromKees = channelMessage(url, kees, '/mentors-here');
      await send(b.app, fromKees);
      expect(textsIn(fromKees.conversation!.id)).toEqual([t('nl', 'mentorTeams:channel.notAdmin')]);
      expect(await store.channel()).toBeUndefined();
      const fromLotte = channelMessage(url, lotte, '/mentors-here');
      await send(b.app, fromLotte);
      expect(textsIn(fromLotte.conversation!.id)).toEqual([t('nl', 'mentorTeams:channel.chosen')]);
      expect(await store.channel()).toMatchObject({ channelId: CHANNEL, teamId: TEAM, tenantId: TENANT, serviceUrl: url, bot: BOT, language: 'nl' });

      // A linked mentor's personal chat never reaches the newcomer side: no greeting, no language question.
      await send(a.app, personalMessage(url, sara, 'hallo'));
      expect(textsIn(sara.personal)).toEqual([t('nl', 'mentorTeams:chat.noConversation')]);

      // A newcomer (Emulator) starts the intake, then asks for a mentor: one card in the channel.
      const amina = new Newcomer(a.url, connector, `conv-${uniquePrefix()}`);
      await amina.startAndConsent('nl');
      await amina.say(t('nl', 'common:menu.intake'));
      await amina.say('Amina');
      await amina.say(t('nl', 'intake:fields.residenceStatus.options.statushouder'));
      await amina.say(t('nl', 'common:buttons.skip'));
      await amina.hears(t('nl', 'intake:fields.dutchLevel.prompt'));
      await amina.say(t('nl', 'intake:levels.B1'));
      await amina.say(translator().list('nl', 'commands:mentor')[0]);
      await amina.hears(t('nl', 'handoff:howToWait'));
      const [handoff] = await a.app.handoffs.service.queue.waiting();
      const posted = await connector.waitFor(() => cardsInChannel()[0], 'a card in the mentors\u2019 channel');
      const first: PostedCard = { conversationId: posted.id, activityId: posted.activityId!, handoffId: handoff.id };
      expect(posted.parameters).toMatchObject({ isGroup: true, bot: BOT, tenantId: TENANT, channelData: { channel: { id: CHANNEL }, tenant: { id: TENANT } } });
      const card = cardOf(connector.current(first.conversationId, first.activityId));
      expect(card.version).toBe('1.5');
      expect(cardTexts(card)).toEqual(
        expect.arrayContaining([
          t('nl', 'mentorTeams:card.title'),
          t('nl', 'mentorTeams:card.waiting'),
          `${t('nl', 'mentorTeams:facts.name')}: Amina`,
          `${t('nl', 'mentorTeams:facts.language')}: Nederlands`,
          `${t('nl', 'mentorTeams:facts.channel')}: ${t('nl', 'console:channels.emulator')}`,
          `${t('nl', 'mentorTeams:facts.reason')}: ${t('nl', 'console:reasons.asked')}`,
          `${t('nl', 'console:intake.fields.dutchLevel')}: B1`,
          `${t('nl', 'mentorTeams:facts.intake')}: ${t('nl', 'console:intake.notFinished')}`,
        ]),
      );
      const since = new Date(handoff.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
      expect(cardTexts(card)).toContain(t('nl', 'mentorTeams:card.since', { since: `{{DATE(${since}, SHORT)}} {{TIME(${since})}}` }));
      expect(cardTexts(card).join(' ')).not.toMatch(/statushouder|user-conv/i); // no status, no user id
      expect(card.actions).toEqual([
        {
          type: 'Action.Execute',
          title: t('nl', 'mentorTeams:card.accept'),
          verb: 'accept',
          data: { handoffId: handoff.id },
          style: 'positive',
          fallback: { type: 'Action.Submit', title: t('nl', 'mentorTeams:card.accept'), data: { handoffId: handoff.id, verb: 'accept' } },
        },
      ]);

      // An unlinked Teams user presses Accept: asked to get linked; nothing changes.
      const unlinked = (await (await send(b.app, acceptInvoke(url, kees, first))).json()) as { value: Card };
      expect(unlinked).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: expect.objectContaining({ type: 'AdaptiveCard', version: '1.5' }) });
      expect(cardTexts(unlinked.value)).toEqual([t('nl', 'mentorTeams:accept.notLinked')]);
      expect((await a.app.handoffs.service.queue.get(handoff.id))?.status).toBe('waiting');

      // Sara and Omar press Accept at once, on different instances: exactly one wins.
      const [saraAnswer, omarAnswer] = await Promise.all([send(a.app, acceptInvoke(url, sara, first)), send(b.app, acceptInvoke(url, omar, first))]);
      const answers = [(await saraAnswer.json()) as { statusCode: number; type: string; value: Card }, (await omarAnswer.json()) as { statusCode: number; type: string; value: Card }];
      const taken = (await a.app.handoffs.service.queue.get(handoff.id))!;
      expect(taken.status).toBe('active');
      const saraWon = taken.mentor?.firstName === 'Sara';
      const [winner, loser] = saraWon ? [sara, omar] : [omar, sara];
      const [winnerName, loserName] = saraWon ? ['Sara', 'Omar'] : ['Omar', 'Sara'];
      const [winnerLng, loserLng]: Language[] = saraWon ? ['nl', 'en'] : ['en', 'nl'];
      const [winnerAnswer, loserAnswer] = saraWon ? answers : [answers[1], answers[0]];
      expect(winnerAnswer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      expect(cardTexts(winnerAnswer.value)).toEqual(expect.arrayContaining([t(winnerLng, 'mentorTeams:accept.yours', { name: 'Amina' }), t(winnerLng, 'mentorTeams:card.taken', { mentor: winnerName })]));
      expect(winnerAnswer.value.actions).toBeUndefined();
      expect(cardTexts(loserAnswer.value)).toEqual(expect.arrayContaining([t(loserLng, 'mentorTeams:accept.alreadyTaken', { mentor: winnerName }), t(loserLng, 'mentorTeams:card.taken', { mentor: winnerName })]));
      // The card in the channel, for everyone: taken by the winner, no Accept any more.
      const takenCard = await connector.waitFor(() => {
        const now = cardOf(connector.current(first.conversationId, first.activityId));
        return cardTexts(now).includes(t('nl', 'mentorTeams:card.taken', { mentor: winnerName })) && now;
      }, 'the channel card saying who took it');
      expect(takenCard.actions).toBeUndefined();
      expect(connector.updates.every((u) => u.conversationId === first.conversationId && u.activityId === first.activityId)).toBe(true);
      await amina.hears(t('nl', 'handoff:claimed', { mentor: winnerName }));

      // The winner hears in their personal chat whom they talk with (their own chat, or one the bot opened).
      await mentorHears(winner, t(winnerLng, 'mentorTeams:chat.started', { name: 'Amina', language: 'Nederlands' }));

      // Relay: the mentor's Teams chat → the newcomer; the newcomer → the mentor's Teams chat.
      const winnerChat = chatsOf(winner).find((id) => textsIn(id).length > 0 && textsIn(id).includes(t(winnerLng, 'mentorTeams:chat.started', { name: 'Amina', language: 'Nederlands' })))!;
      await send(winner === sara ? a.app : b.app, personalMessage(url, winner, 'Hoi Amina, wat fijn dat je er bent!', winnerChat));
      await amina.hears('Hoi Amina, wat fijn dat je er bent!');
      await amina.say('Ik heb een diploma uit Syrië. Telt dat?');
      await mentorHears(winner, t(winnerLng, 'mentorTeams:chat.fromPerson', { name: 'Amina', text: 'Ik heb een diploma uit Syrië. Telt dat?' }));
      // The newcomer's words reach Teams as plain text: nothing they type becomes a link or formatting there.
      const relayed = chatsOf(winner).flatMap((id) => connector.repliesIn(id)).find((r) => r.text === t(winnerLng, 'mentorTeams:chat.fromPerson', { name: 'Amina', text: 'Ik heb een diploma uit Syrië. Telt dat?' }));
      expect(relayed?.textFormat).toBe('plain');
      const timeline = (await a.app.handoffs.service.queue.get(handoff.id))!.messages.map((m) => [m.from, m.text]);
      expect(timeline).toEqual([
        ['mentor', 'Hoi Amina, wat fijn dat je er bent!'],
        ['person', 'Ik heb een diploma uit Syrië. Telt dat?'],
      ]);
      // The channel reports later that the mentor's first message never arrived (WhatsApp's failed status does
      // this): the mentor hears it in their Teams chat, once, from one of the two instances.
      const firstMessage = (await a.app.handoffs.service.queue.get(handoff.id))!.messages[0];
      expect((await b.app.handoffs.service.markDelivery(handoff.id, { at: firstMessage.at, text: firstMessage.text }, 'failed')).ok).toBe(true);
      const notice = t(winnerLng, 'mentorTeams:chat.notDeliveredLater', { name: 'Amina', text: 'Hoi Amina, wat fijn dat je er bent!' });
      await mentorHears(winner, notice);
      // Both instances get the event over Redis pub/sub and race for it in the background (a `once` key);
      // nothing outside the app shows when the losing one has given up, so this stays a short pause.
      await new Promise((r) => setTimeout(r, 300));
      expect(textsTo(winner).filter((text) => text === notice)).toHaveLength(1);

      // A voice note from the person (WhatsApp): the mentor reads that it came, what the computer heard, and where to listen.
      const open = (await a.app.handoffs.service.queue.get(handoff.id))!;
      await a.app.handoffs.service.fromPerson(open, { kind: 'voice', text: 'Ik woon in Utrecht', voice: { mediaId: '1037543291543636', contentType: 'audio/ogg' } });
      await mentorHears(winner, t(winnerLng, 'mentorTeams:chat.personSentVoiceHeard', { name: 'Amina', text: 'Ik woon in Utrecht' }));
      await a.app.handoffs.service.fromPerson(open, { kind: 'voice', text: '', voice: { mediaId: '1037543291543637', contentType: 'audio/ogg' } });
      await mentorHears(winner, t(winnerLng, 'mentorTeams:chat.personSentVoice', { name: 'Amina' }));

      // Nothing had been said when the first mentor took it: no "earlier in this conversation" for them.
      expect(textsTo(winner).some((text) => text?.startsWith(t(winnerLng, 'mentorTeams:chat.earlier')))).toBe(false);

      // "/who": a card about the person, in the mentor's language.
      await send(a.app, personalMessage(url, winner, '/who', winnerChat));
      const who = await connector.waitFor(() => connector.repliesIn(winnerChat).map(cardOf).find((c) => c && cardTexts(c).includes(t(winnerLng, 'mentorTeams:chat.whoTitle', { name: 'Amina' }))), 'the /who card');
      expect(cardTexts(who)).toEqual(
        expect.arrayContaining([
          `${t(winnerLng, 'mentorTeams:facts.language')}: Nederlands`,
          `${t(winnerLng, 'mentorTeams:facts.channel')}: ${t(winnerLng, 'console:channels.emulator')}`,
          `${t(winnerLng, 'console:intake.fields.dutchLevel')}: B1`,
          t(winnerLng, 'mentorTeams:card.taken', { mentor: winnerName }),
        ]),
      );
      expect(who.actions).toBeUndefined();

      // "/release": the newcomer is back in line, the card waits again with Accept.
      await send(b.app, personalMessage(url, winner, '/release', winnerChat));
      await mentorHears(winner, t(winnerLng, 'mentorTeams:chat.released', { name: 'Amina' }));
      await amina.hears(t('nl', 'handoff:released', { place: 1 }));
      const waitingAgain = await connector.waitFor(() => {
        const now = cardOf(connector.current(first.conversationId, first.activityId));
        return cardTexts(now).includes(t('nl', 'mentorTeams:card.waiting')) && now;
      }, 'the channel card waiting again');
      expect(waitingAgain.actions?.[0]).toMatchObject({ type: 'Action.Execute', verb: 'accept', data: { handoffId: handoff.id } });
      await send(a.app, personalMessage(url, winner, 'Ben je er nog?', winnerChat));
      await mentorHears(winner, t(winnerLng, 'mentorTeams:chat.noConversation'));

      // The other mentor takes it now (the other way to reach a mentor's chat), closes it with an outcome and a note.
      const again = await send(loser === sara ? a.app : b.app, acceptInvoke(url, loser, first));
      expect(cardTexts(((await again.json()) as { value: Card }).value)).toContain(t(loserLng, 'mentorTeams:accept.yours', { name: 'Amina' }));
      await mentorHears(loser, t(loserLng, 'mentorTeams:chat.started', { name: 'Amina', language: 'Nederlands' }));
      // The second mentor sees what was said before, without the console (Teams shows "\n\n" as a line break).
      const history = [
        t(loserLng, 'mentorTeams:chat.earlier'),
        t(loserLng, 'mentorTeams:chat.fromMentor', { mentor: winnerName, text: 'Hoi Amina, wat fijn dat je er bent!' }),
        t(loserLng, 'mentorTeams:chat.fromPerson', { name: 'Amina', text: 'Ik heb een diploma uit Syrië. Telt dat?' }),
        t(loserLng, 'mentorTeams:chat.personSentVoiceHeard', { name: 'Amina', text: 'Ik woon in Utrecht' }),
        t(loserLng, 'mentorTeams:chat.personSentVoice', { name: 'Amina' }),
      ].join('\n\n');
      await mentorHears(loser, history);
      await amina.hears(t('nl', 'handoff:claimed', { mentor: loserName }));
      // Sara wrote to the bot before, so her own chat was used; Omar never did, so the bot opened one with him.
      expect(connector.conversations.filter((c) => c.parameters.members?.[0]?.id === sara.id)).toEqual([]);
      expect(connector.conversations.filter((c) => c.parameters.members?.[0]?.id === omar.id).map((c) => c.parameters)).toEqual([
        { isGroup: false, bot: BOT, members: [{ id: omar.id, name: '' }], tenantId: TENANT, channelData: { tenant: { id: TENANT } } },
      ]);
      await connector.waitFor(() => cardTexts(cardOf(connector.current(first.conversationId, first.activityId))).includes(t('nl', 'mentorTeams:card.taken', { mentor: loserName })), 'the card taken by the second mentor');
      const loserChat = chatsOf(loser).find((id) => textsIn(id).includes(t(loserLng, 'mentorTeams:chat.started', { name: 'Amina', language: 'Nederlands' })))!;
      await send(a.app, personalMessage(url, loser, '/close done well', loserChat));
      const outcomes = ['helped', 'referred', 'follow-up', 'no-response', 'other'].map((o) => `${o} (${t(loserLng, `console:close.outcomes.${o}`)})`).join(', ');
      await mentorHears(loser, t(loserLng, 'mentorTeams:chat.closeUsage', { outcomes }));
      expect((await a.app.handoffs.service.queue.get(handoff.id))?.status).toBe('active');
      await send(b.app, personalMessage(url, loser, '/close helped diploma via IDW laten waarderen', loserChat));
      await mentorHears(loser, t(loserLng, 'mentorTeams:chat.closed', { name: 'Amina' }));
      await amina.hears(t('nl', 'handoff:rateQuestion'));
      expect(await a.app.handoffs.service.queue.get(handoff.id)).toMatchObject({ status: 'closed', closeOutcome: 'helped', note: 'diploma via IDW laten waarderen', mentor: { firstName: loserName } });
      await connector.waitFor(() => cardTexts(cardOf(connector.current(first.conversationId, first.activityId))).includes(t('nl', 'mentorTeams:card.closedBy', { mentor: loserName })), 'the card saying the conversation is closed');

      // A second newcomer: Accept on a client without Universal Actions (Action.Submit), then the newcomer leaves.
      const noor = new Newcomer(b.url, connector, `conv-${uniquePrefix()}`);
      await noor.startAndConsent('nl');
      await noor.say(t('nl', 'common:menu.mentor'));
      await noor.hears(t('nl', 'handoff:howToWait'));
      const secondPost = await connector.waitFor(() => cardsInChannel()[1], 'a second card in the channel');
      const [secondHandoff] = await b.app.handoffs.service.queue.waiting();
      const second: PostedCard = { conversationId: secondPost.id, activityId: secondPost.activityId!, handoffId: secondHandoff.id };
      expect(cardTexts(cardOf(connector.current(second.conversationId, second.activityId)))).toContain(`${t('nl', 'mentorTeams:facts.name')}: ${t('nl', 'console:person.unnamed')}`);
      const submit = acceptSubmit(url, winner, second);
      await send(a.app, submit);
      expect(textsIn(second.conversationId)).toContain(t(winnerLng, 'mentorTeams:accept.yours', { name: t(winnerLng, 'console:person.unnamed') }));
      await connector.waitFor(() => cardTexts(cardOf(connector.current(second.conversationId, second.activityId))).includes(t('nl', 'mentorTeams:card.taken', { mentor: winnerName })), 'the second card taken via Action.Submit');
      await noor.say(translator().list('nl', 'commands:stop')[0]);
      await noor.hears(t('nl', 'handoff:mentorLeft')); // a mentor was talking with her: the talk ended
      await connector.waitFor(() => cardTexts(cardOf(connector.current(second.conversationId, second.activityId))).includes(t('nl', 'mentorTeams:card.left')), 'the second card saying the person left');
      await mentorHears(winner, t(winnerLng, 'mentorTeams:chat.personLeft', { name: t(winnerLng, 'console:person.unnamed') }));

      // The first newcomer deletes their data: their card no longer shows anything about them.
      await amina.say('5');
      await amina.hears(t('nl', 'handoff:ratingThanks'));
      await amina.say(translator().list('nl', 'commands:delete')[0]);
      await amina.hears(t('nl', 'delete:confirm'));
      await amina.say(t('nl', 'delete:yes'));
      await amina.hears(t('nl', 'delete:done'));
      await connector.waitFor(() => cardTexts(cardOf(connector.current(first.conversationId, first.activityId))).join() === t('nl', 'mentorTeams:card.erased'), 'the first card emptied');

      // Each handoff's card was posted exactly once, though both instances heard every event.
      expect(cardsInChannel()).toHaveLength(2);
      expect(connector.activities.filter((x) => x.conversationId.startsWith(CHANNEL) && x.attachments?.length)).toHaveLength(2);
    } finally {
      await redis.quit();
      await a.stop();
      await b.stop();
    }
  });

  it('in memory, posts into the channel from the configuration and updates the card when the newcomer leaves the line', async () => {
    const app = await startTestApp({ TEAMS_MENTOR_CHANNEL_ID: CHANNEL, TEAMS_SERVICE_URL: connector.url, MicrosoftAppTenantId: TENANT, DEFAULT_LANGUAGE: 'en', MENTOR_HOURS: 'always' }, { channelIssuer: issuer });
    try {
      const before = connector.conversations.length;
      const newcomer = new Newcomer(app.url, connector, `conv-${uniquePrefix()}`);
      await newcomer.startAndConsent('ar');
      await newcomer.say(t('ar', 'common:menu.mentor'));
      await newcomer.hears(t('ar', 'handoff:howToWait'));
      const posted = await connector.waitFor(() => connector.conversations.slice(before).find((c) => c.parameters.channelData?.channel?.id === CHANNEL), 'a card in the configured channel');
      expect(posted.parameters).toMatchObject({ isGroup: true, tenantId: TENANT, channelData: { channel: { id: CHANNEL }, tenant: { id: TENANT } } });
      const card = () => cardTexts(cardOf(connector.current(posted.id, posted.activityId!)));
      expect(card()).toEqual(expect.arrayContaining([t('en', 'mentorTeams:card.waiting'), `${t('en', 'mentorTeams:facts.language')}: العربية`]));

      await newcomer.say(translator().list('ar', 'commands:stop')[0]);
      await newcomer.hears(t('ar', 'handoff:left'));
      await connector.waitFor(() => card().includes(t('en', 'mentorTeams:card.left')), 'the card saying the person left the line');
      expect(cardOf(connector.current(posted.id, posted.activityId!)).actions).toBeUndefined();
      expect(connector.conversations.slice(before)).toHaveLength(1);
    } finally {
      await app.stop();
    }
  });

  it('with CONSOLE_PUBLIC_URL, relays a voice note to a mentor in Teams with a link to its conversation in the console', async () => {
    const consoleUrl = 'https://vit.example.org/console';
    const app = await startTestApp(
      { TEAMS_MENTOR_CHANNEL_ID: CHANNEL, TEAMS_SERVICE_URL: connector.url, MicrosoftAppTenantId: TENANT, DEFAULT_LANGUAGE: 'en', MENTOR_HOURS: 'always', CONSOLE_PUBLIC_URL: `${consoleUrl}/` },
      { channelIssuer: issuer },
    );
    try {
      const account = await addAccount(app.app, 'sara', 'mentor', ['ar']);
      await app.app.accounts.linkTeams(account.id, sara.aad);
      const before = connector.conversations.length;
      const newcomer = new Newcomer(app.url, connector, `conv-${uniquePrefix()}`);
      await newcomer.startAndConsent('nl');
      await newcomer.say(t('nl', 'common:menu.mentor'));
      await newcomer.hears(t('nl', 'handoff:howToWait'));
      const [handoff] = await app.app.handoffs.service.queue.waiting();
      const posted = await connector.waitFor(() => connector.conversations.slice(before).find((c) => c.parameters.channelData?.channel?.id === CHANNEL), 'a card in the configured channel');
      expect((await postActivity(app.url, acceptInvoke(connector.url, sara, { conversationId: posted.id, activityId: posted.activityId!, handoffId: handoff.id }))).status).toBe(200);
      const opened = await connector.waitFor(() => connector.conversations.slice(before).find((c) => c.parameters.members?.[0]?.id === sara.id), 'the chat the bot opens with Sara');
      const saraHears = (text: string) => connector.waitFor(() => connector.repliesIn(opened.id).some((r) => r.text === text && r.textFormat === 'plain'), `"${text}" in Sara's chat (got ${JSON.stringify(connector.repliesIn(opened.id).map((r) => [r.text, r.textFormat]))})`);

      const open = (await app.app.handoffs.service.queue.get(handoff.id))!;
      const link = `${consoleUrl}#/handoffs/${encodeURIComponent(handoff.id)}`;
      const name = t('ar', 'console:person.unnamed'); // the newcomer did not give a name in the intake
      await app.app.handoffs.service.fromPerson(open, { kind: 'voice', text: 'Ik woon in Utrecht', voice: { mediaId: '1037543291543636', contentType: 'audio/ogg' } });
      // The link on a line of its own (Teams shows "\n\n" as a line break), outside the right-to-left isolation.
      await saraHears(`${t('ar', 'mentorTeams:chat.personSentVoiceHeardLink', { name, text: 'Ik woon in Utrecht' })}\n\n${link}`);
      await app.app.handoffs.service.fromPerson(open, { kind: 'voice', text: '', voice: { mediaId: '1037543291543637', contentType: 'audio/ogg' } });
      await saraHears(`${t('ar', 'mentorTeams:chat.personSentVoiceLink', { name })}\n\n${link}`);
      expect(connector.repliesIn(opened.id).map((r) => r.text).join('\n')).not.toContain('(/console)');
    } finally {
      await app.stop();
    }
  });

  it('greets a linked mentor who installs the app as a mentor, once; a newcomer still gets the language question', async () => {
    const app = await startTestApp({ MENTOR_HOURS: 'always' }, { channelIssuer: issuer });
    try {
      const account = await addAccount(app.app, 'sara', 'mentor', ['ar']);
      await app.app.accounts.linkTeams(account.id, sara.aad);
      const chat = (who: TeamsPerson) => `${who.personal}-install`;
      const install = (who: TeamsPerson) => [
        teamsActivity(connector.url, who, {
          type: 'conversationUpdate',
          membersAdded: [{ id: BOT.id, name: '' }],
          conversation: { conversationType: 'personal', tenantId: TENANT, id: chat(who), isGroup: false, name: '' },
          channelData: { tenant: { id: TENANT } },
        }),
        teamsActivity(connector.url, who, {
          type: 'installationUpdate',
          action: 'add',
          conversation: { conversationType: 'personal', tenantId: TENANT, id: chat(who), isGroup: false, name: '' },
          channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
        }),
      ];
      for (const activity of install(sara)) expect((await postActivity(app.url, activity)).status).toBe(200);
      expect(connector.repliesIn(chat(sara)).map((r) => r.text)).toEqual([t('ar', 'mentorTeams:chat.welcome', { name: 'Sara' })]);

      for (const activity of install(kees)) expect((await postActivity(app.url, activity)).status).toBe(200);
      await connector.waitFor(() => connector.repliesIn(chat(kees)).some((r) => r.text?.startsWith(t('nl', 'common:greeting'))), 'the newcomer greeting for someone not linked');
    } finally {
      await app.stop();
    }
  });

  it('takes "link me" from a Teams user no account has to the accounts page, with the name Teams gave; linking there takes it off the list', async () => {
    const app = await startTestApp({ MENTOR_HOURS: 'always' }, { channelIssuer: issuer });
    try {
      await addAccount(app.app, 'anna', 'admin');
      const account = await addAccount(app.app, 'kees', 'mentor');
      const ask = personalMessage(connector.url, kees, 'Link me');
      expect((await postActivity(app.url, ask)).status).toBe(200);
      await connector.waitFor(() => connector.repliesIn(kees.personal).some((r) => r.text === t('nl', 'mentorTeams:chat.linkRequested', { name: 'Kees Bakker' })), 'the answer to "link me"');
      expect(connector.repliesIn(kees.personal).map((r) => r.text).join('\n')).not.toContain(t('nl', 'common:greeting')); // not taken for a newcomer

      const admin = new ConsoleClient(app.url);
      await admin.login('anna');
      const list = await (await admin.get('/console/api/accounts')).json();
      expect(list.teamsRequests).toEqual([{ aadObjectId: kees.aad, name: 'Kees Bakker', at: expect.any(String) }]);
      expect((await admin.post(`/console/api/accounts/${account.id}/teams`, { aadObjectId: kees.aad })).status).toBe(200);
      expect((await (await admin.get('/console/api/accounts')).json()).teamsRequests).toEqual([]);
      expect(await app.app.accounts.byTeamsAadObjectId(kees.aad)).toMatchObject({ username: 'kees' });
    } finally {
      await app.stop();
    }
  });

  it('refuses a channel id that is not a Teams channel id, in one readable line', () => {
    expect(loadConfig({ TEAMS_MENTOR_CHANNEL_ID: 'mentors' })).toEqual({
      ok: false,
      problems: ['config: TEAMS_MENTOR_CHANNEL_ID must be a Teams channel id such as 19:abc123@thread.tacv2 (got "mentors")'],
    });
  });
});
