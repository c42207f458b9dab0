import type { Activity } from 'botbuilder';
import { FakeConnector } from '../support/fakeConnector';
import { FakeChannelIssuer } from '../support/fakeChannelIssuer';
import { postActivity, startTestApp } from '../support/testApp';
import { Newcomer } from '../support/newcomer';
import { addAccount, waitFor } from '../support/consoleClient';
import { uniquePrefix } from '../support/testRedis';
import { translator } from '../support/chatDriver';
import type { Language } from '../../src/i18n/languages';

/** Accept in the mentors' Teams channel keeps the same cap as the console; a hand-over redraws the card. */

const t = (lng: Language, key: string, vars?: Record<string, unknown>) => translator().t(lng, key, vars);
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT = { id: '28:9e2b4c1a-5d6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'VIT Wegwijzer' };
const TEAM = '19:0a1b2c3d4e5f40718293a4b5c6d7e8f9@thread.tacv2';
const CHANNEL = '19:5f6e7d8c9b0a41b2c3d4e5f6a7b8c9d0@thread.tacv2';
const SARA = { id: '29:1saraXk2Lq9WvZ', name: 'Sara Haddad', aad: 'c7b9a1d2-3e4f-4061-9b7c-8d9e0f1a2b3c' };

type Card = { body: Array<Record<string, any>>; actions?: Array<Record<string, any>> };
const cardOf = (activity: Partial<Activity> | undefined): Card => activity?.attachments?.[0]?.content as Card;
const cardTexts = (card: Card | undefined): string[] =>
  (card?.body ?? []).flatMap((e) => (e.type === 'FactSet' ? (e.facts as Array<{ title: string; value: string }>).map((f) => `${f.title}: ${f.value}`) : [String(e.text)]));

/** Accept pressed on a card (Action.Execute): Teams sends an adaptiveCard/action invoke. */
function acceptInvoke(serviceUrl: string, card: { conversationId: string; activityId: string; handoffId: string }): Partial<Activity> {
  const now = new Date();
  return {
    id: `1732${String(Date.now()).slice(-7)}`,
    timestamp: now,
    channelId: 'msteams',
    serviceUrl,
    from: { id: SARA.id, name: SARA.name, aadObjectId: SARA.aad },
    recipient: BOT,
    locale: 'en-US',
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: card.activityId,
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: card.conversationId, name: '' },
    channelData: { teamsChannelId: CHANNEL, teamsTeamId: TEAM, channel: { id: CHANNEL }, team: { id: TEAM }, tenant: { id: TENANT }, source: { name: 'message' }, legacy: { replyToId: card.activityId } },
    value: { action: { type: 'Action.Execute', title: 'Accept', verb: 'accept', data: { handoffId: card.handoffId } }, trigger: 'manual' },
  };
}

describe('a mentor at their cap in Microsoft Teams', () => {
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

  it('is refused on Accept with the same words as the console, may accept once below it, and a hand-over shows on the card', async () => {
    const app = await startTestApp({ TEAMS_MENTOR_CHANNEL_ID: CHANNEL, TEAMS_SERVICE_URL: connector.url, MicrosoftAppTenantId: TENANT, DEFAULT_LANGUAGE: 'en', MENTOR_HOURS: 'always' }, { channelIssuer: issuer });
    try {
      const sara = await addAccount(app.app, 'sara', 'mentor', ['en']);
      const omar = await addAccount(app.app, 'omar', 'mentor', ['en']);
      await app.app.accounts.linkTeams(sara.id, SARA.aad);
      const service = app.app.handoffs.service;

      // Sara already talks with someone (taken in the console); her cap is 1.
      const first = new Newcomer(app.url, connector, `conv-${uniquePrefix()}`);
      await first.startAndConsent('en');
      await first.say(t('en', 'common:menu.mentor'));
      await first.hears(t('en', 'handoff:howToWait'));
      const [firstHandoff] = await service.queue.waiting();
      expect((await service.claim(firstHandoff.id, { id: sara.id, firstName: 'Sara' })).ok).toBe(true);
      await app.app.accounts.update(sara.id, { capacity: 1 });

      const before = connector.conversations.length;
      const second = new Newcomer(app.url, connector, `conv-${uniquePrefix()}`);
      await second.startAndConsent('en');
      await second.say(t('en', 'common:menu.mentor'));
      await second.hears(t('en', 'handoff:howToWait'));
      const [handoff] = await service.queue.waiting();
      const posted = await connector.waitFor(() => connector.conversations.slice(before).find((c) => c.parameters.channelData?.channel?.id === CHANNEL), 'the card in the channel');
      const card = { conversationId: posted.id, activityId: posted.activityId!, handoffId: handoff.id };

      const refused = (await (await postActivity(app.url, acceptInvoke(connector.url, card))).json()) as { value: Card };
      expect(cardTexts(refused.value)).toEqual([t('en', 'mentorTeams:accept.atCapacity', { count: 1 })]);
      expect((await service.queue.get(handoff.id))?.status).toBe('waiting');

      await app.app.accounts.update(sara.id, { capacity: 2 });
      const accepted = (await (await postActivity(app.url, acceptInvoke(connector.url, card))).json()) as { value: Card };
      expect(cardTexts(accepted.value)).toContain(t('en', 'mentorTeams:card.taken', { mentor: 'Sara' }));
      await second.hears(t('en', 'handoff:claimed', { mentor: 'Sara' }));

      // Sara hands the person to Omar: the card in the channel says Omar has them now.
      expect((await service.transfer(handoff.id, { id: sara.id, firstName: 'Sara' }, { id: omar.id, firstName: 'Omar' })).ok).toBe(true);
      await second.hears(t('en', 'handoff:transferred', { mentor: 'Omar' }));
      await waitFor(() => cardTexts(cardOf(connector.current(posted.id, posted.activityId!))).includes(t('en', 'mentorTeams:card.taken', { mentor: 'Omar' })), 'the card redrawn with Omar');
    } finally {
      await app.stop();
    }
  }, 60_000);
});
