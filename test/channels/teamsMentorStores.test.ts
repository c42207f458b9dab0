import type { Redis } from 'ioredis';
import { MemoryMentorChannelStore, MentorChannel, MentorChannelStore, personKey, RedisMentorChannelStore } from '../../src/channels/teams/mentorChannelStore';
import { MemoryMentorChatStore, MentorChatStore, RedisMentorChatStore } from '../../src/channels/teams/mentorChatStore';
import { AccountStore, MemoryAccountStore, RedisAccountStore } from '../../src/accounts/accountStore';
import { parseMentorCommand } from '../../src/channels/teams/mentorCommands';
import { connectTestRedis, testDigest, uniquePrefix } from '../support/testRedis';

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

const channel: MentorChannel = {
  channelId: '19:mentors@thread.tacv2',
  teamId: '19:team@thread.tacv2',
  tenantId: 'tenant-1',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  bot: { id: '28:bot', name: 'VIT Wegwijzer' },
  language: 'nl',
};
const reference = { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: '19:mentors@thread.tacv2;messageid=1', isGroup: true, conversationType: 'channel', name: '' } };

describe.each<[string, () => MentorChannelStore]>([
  ['memory', () => new MemoryMentorChannelStore()],
  ['Redis', () => new RedisMentorChannelStore(redis, uniquePrefix(), 3600, testDigest)],
])('MentorChannelStore (%s)', (_name, make) => {
  it('has no channel until one is chosen, and the last choice wins', async () => {
    const store = make();
    expect(await store.channel()).toBeUndefined();
    await store.chooseChannel(channel);
    await store.chooseChannel({ ...channel, channelId: '19:other@thread.tacv2', language: 'en' });
    expect(await store.channel()).toEqual({ ...channel, channelId: '19:other@thread.tacv2', language: 'en' });
  });

  it('lets exactly one of many posters claim a card, and shows it only once it is saved', async () => {
    const store = make();
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claimCardPost('h1')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.card('h1')).toBeUndefined();
    await store.saveCard('h1', { reference, activityId: '1', language: 'nl' }, personKey('emulator', 'user-1'));
    expect(await store.card('h1')).toEqual({ reference, activityId: '1', language: 'nl' });
    expect(await store.claimCardPost('h1')).toBe(false);
  });

  it('finds and forgets the cards about one person, and no one else\u2019s', async () => {
    const store = make();
    const amina = personKey('whatsapp', '31612345678');
    const omar = personKey('whatsapp', '31687654321');
    for (const [id, person] of [['h1', amina], ['h2', amina], ['h3', omar]] as const) {
      await store.claimCardPost(id);
      await store.saveCard(id, { reference, activityId: id, language: 'nl' }, person);
    }
    expect((await store.cardsOf(amina)).sort()).toEqual(['h1', 'h2']);
    await store.forgetCardsOf(amina);
    expect(await store.cardsOf(amina)).toEqual([]);
    expect(await store.card('h1')).toBeUndefined();
    expect(await store.card('h3')).toMatchObject({ activityId: 'h3' });
  });

  it('says yes once per key to many callers at once', async () => {
    const store = make();
    const answers = await Promise.all(Array.from({ length: 20 }, () => store.once('message:h1:2026-11-25T10:00:00.000Z')));
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await store.once('message:h1:2026-11-25T10:00:01.000Z')).toBe(true);
  });
});

describe.each<[string, () => MentorChatStore]>([
  ['memory', () => new MemoryMentorChatStore()],
  ['Redis', () => new RedisMentorChatStore(redis, uniquePrefix(), 3600)],
])('MentorChatStore (%s)', (_name, make) => {
  it('keeps each mentor\u2019s personal chat and current conversation apart', async () => {
    const store = make();
    const chat = { ...reference, conversation: { id: 'a:sara', isGroup: false, conversationType: 'personal', name: '' }, user: { id: '29:sara', name: '' } };
    expect(await store.chatOf('sara')).toBeUndefined();
    await store.saveChat('sara', chat);
    await store.setCurrentHandoff('sara', 'h1');
    expect(await store.chatOf('sara')).toEqual(chat);
    expect(await store.currentHandoff('sara')).toBe('h1');
    expect(await store.chatOf('omar')).toBeUndefined();
    expect(await store.currentHandoff('omar')).toBeUndefined();
    await store.setCurrentHandoff('sara', undefined);
    expect(await store.currentHandoff('sara')).toBeUndefined();
  });
});

describe.each<[string, () => AccountStore]>([
  ['memory', () => new MemoryAccountStore()],
  ['Redis', () => new RedisAccountStore(redis, uniquePrefix(), testDigest)],
])('AccountStore Teams links (%s)', (_name, make) => {
  const input = (username: string) => ({ username, firstName: username, role: 'mentor' as const, languages: [], passwordHash: 'x', disabled: false });
  const aad = '6c7f1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';

  it('links one Teams user to one account, finds it by object id in any case, and unlinks', async () => {
    const store = make();
    const sara = await store.create(input('sara'), new Date());
    const omar = await store.create(input('omar'), new Date());
    expect(await store.byTeamsAadObjectId(aad)).toBeUndefined();
    expect(await store.linkTeams(sara.id, aad.toUpperCase())).toMatchObject({ id: sara.id, teamsAadObjectId: aad });
    expect(await store.byTeamsAadObjectId(aad)).toMatchObject({ username: 'sara' });
    expect(await store.linkTeams(sara.id, aad)).toMatchObject({ id: sara.id }); // again: fine
    expect(await store.linkTeams(omar.id, aad)).toBe('taken');
    expect(await store.linkTeams('no-such-id', aad)).toBeUndefined();

    await store.unlinkTeams(sara.id);
    expect(await store.byTeamsAadObjectId(aad)).toBeUndefined();
    expect((await store.byId(sara.id))?.teamsAadObjectId).toBeUndefined();
    expect(await store.linkTeams(omar.id, aad)).toMatchObject({ id: omar.id });
  });

  it('moves an account to a new Teams user, freeing the old one', async () => {
    const store = make();
    const sara = await store.create(input('sara'), new Date());
    const other = '11111111-2222-4333-8444-555555555555';
    await store.linkTeams(sara.id, aad);
    await store.linkTeams(sara.id, other);
    expect(await store.byTeamsAadObjectId(aad)).toBeUndefined();
    expect(await store.byTeamsAadObjectId(other)).toMatchObject({ username: 'sara' });
    const omar = await store.create(input('omar'), new Date());
    expect(await store.linkTeams(omar.id, aad)).toMatchObject({ id: omar.id });
  });
});

describe('parseMentorCommand', () => {
  it.each<[string, ReturnType<typeof parseMentorCommand>]>([
    ['Hoi Amina, hoe gaat het?', undefined],
    ['/who', { name: 'who' }],
    ['  /WHO  ', { name: 'who' }],
    ['/release', { name: 'release' }],
    ['/close helped diploma via IDW', { name: 'close', outcome: 'helped', note: 'diploma via IDW' }],
    ['/close Follow-Up   call next week\nabout the test', { name: 'close', outcome: 'follow-up', note: 'call next week\nabout the test' }],
    ['/close no-response', { name: 'close', outcome: 'no-response', note: '' }],
    ['/close done well', { name: 'close-usage' }],
    ['/close', { name: 'close-usage' }],
    [`/close other ${'x'.repeat(2001)}`, { name: 'close-usage' }],
    ['/mentors-here', { name: 'mentors-here' }],
    ['/help', { name: 'help' }],
    ['/dance', { name: 'unknown' }],
  ])('reads %j', (text, expected) => {
    expect(parseMentorCommand(text)).toEqual(expected);
  });
});

describe('RedisMentorChannelStore key names', () => {
  it('names a person\u2019s card index by their keyed digest, never by their user id', async () => {
    const prefix = uniquePrefix();
    const store = new RedisMentorChannelStore(redis, prefix, 3600, testDigest);
    await store.claimCardPost('h1');
    await store.saveCard('h1', { reference, activityId: 'h1', language: 'nl' }, personKey('whatsapp', '31612345678'));
    const keys = (await redis.keys(`${prefix}*`)).sort();
    expect(keys).toEqual([`${prefix}teams:card:h1`, `${prefix}teams:cards:person:{${testDigest('whatsapp:31612345678')}}`]);
    expect(keys.join(' ')).not.toContain('31612345678');
  });
});
