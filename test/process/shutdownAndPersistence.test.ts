import { appDigest } from '../support/testRedis';
import { Redis } from 'ioredis';
import { RedisStorage } from '../../src/storage/redisStorage';
import { RedisConversationLocks } from '../../src/storage/redisConversationLocks';
import { conversationLockKey } from '../../src/storage/conversationLocks';
import { userStateKey } from '../../src/storage/botStateKeys';
import type { PersonRecord } from '../../src/domain/person';
import { startBotProcess, BotProcess } from '../support/botProcess';
import { startRedisServer, TestRedisServer } from '../support/redisServer';
import { FakeConnector, emulatorMessage } from '../support/fakeConnector';
import { postActivity } from '../support/testApp';
import { waitFor } from '../support/consoleClient';
import { translator } from '../support/chatDriver';

const t = (key: string) => translator().t('nl', key);
const PREFIX = 'stop:';

describe('shutdown with a turn not yet written, and the persistence check at start', () => {
  let persisting: TestRedisServer;
  let volatile: TestRedisServer;
  let redis: Redis;
  let connector: FakeConnector;
  const bots: BotProcess[] = [];
  const start = async (env: Record<string, string>) => {
    const bot = await startBotProcess({ LOG_LEVEL: 'info', REDIS_KEY_PREFIX: PREFIX, ...env });
    bots.push(bot);
    await bot.waitForLog(/vit-bot listening/, 45000); // a start takes long on a busy machine
    return bot;
  };

  beforeAll(async () => {
    [persisting, volatile] = await Promise.all([startRedisServer({ appendOnly: true }), startRedisServer()]);
    redis = new Redis(persisting.url, { maxRetriesPerRequest: 1 });
    connector = await new FakeConnector().start();
  }, 30000);

  afterAll(async () => {
    for (const bot of bots) bot.kill('SIGKILL');
    await Promise.all(bots.map((b) => b.exited));
    await connector?.stop();
    redis?.disconnect();
    await Promise.all([persisting?.dispose(), volatile?.dispose()]);
  });

  it('abandons a turn that reaches its write after the grace period, exits 3, and the resent message is then handled once', async () => {
    const conversation = { id: 'conv-abandoned' };
    const from = { id: 'user-abandoned', name: 'Amina', role: 'user' };
    const bot = await start({ REDIS_URL: persisting.url, SHUTDOWN_GRACE_MS: '300', TURN_LOCK_WAIT_MS: '30000' });
    const hoi = emulatorMessage(connector.url, 'hoi', { conversation, from });
    expect((await postActivity(bot.url, hoi)).status).toBe(200);
    expect(connector.repliesIn(conversation.id)).toHaveLength(2); // greeting and the languages

    // Another instance's turn holds the conversation: the next message waits for it, before its write.
    const locks = new RedisConversationLocks(redis, PREFIX, { ttlMs: 20000, waitMs: 5000 }, appDigest(PREFIX));
    const held = await locks.acquire(conversationLockKey('emulator', conversation.id), Date.now());
    const choice = emulatorMessage(connector.url, t('language:names.nl'), { conversation, from });
    const answered = postActivity(bot.url, choice).then((r) => r.status, () => 'cut off');
    await waitFor(async () => (await redis.keys(`${PREFIX}lock:*:line`)).length === 1, 'the message waiting for the conversation');
    bot.kill('SIGTERM');
    await bot.waitForLog(/shutdown grace period passed/, 20000);
    await held.release(); // the waiting turn runs now, and stops at its write

    expect(await answered).toBe(500); // not handled: the channel delivers it again
    expect(await bot.exited).toBe(3);
    expect(bot.stdout()).toContain('turn abandoned at shutdown before its write');
    expect(bot.stdout()).toMatch(/"abandoned":1[^\n]*stopped; turns were abandoned/);
    const key = userStateKey('emulator', from.id);
    const stored = async () => (await new RedisStorage(redis, { prefix: PREFIX, digest: appDigest(PREFIX) }).read([key]))[key]?.person as PersonRecord | undefined;
    expect((await stored())?.language).toBeUndefined(); // nothing of the abandoned turn was written
    expect(connector.repliesIn(conversation.id)).toHaveLength(2);

    const next = await start({ REDIS_URL: persisting.url });
    expect((await postActivity(next.url, choice)).status).toBe(200); // the channel's retry
    expect((await postActivity(next.url, choice)).status).toBe(200); // and once more: handled once
    expect((await stored())?.language).toBe('nl');
    const answer = connector.repliesIn(conversation.id).map((r) => r.text).slice(2);
    expect(answer[0]).toBe(t('language:changed'));
    expect(answer.at(-1)).toBe(t('consent:question'));
    expect(answer).toHaveLength(4); // the language's answer once, not twice
    next.kill('SIGTERM');
    expect(await next.exited).toBe(0); // nothing abandoned: a clean stop
  }, 120000);

  it('says in one line at start whether Redis keeps its data on disk, or that it could not be checked', async () => {
    const withAof = await start({ REDIS_URL: persisting.url });
    await withAof.waitForLog(/Redis keeps its data on disk/, 20000);
    expect(withAof.stdout()).toMatch(/"persistence":"aof"/);

    const without = await start({ REDIS_URL: volatile.url });
    await without.waitForLog(/Redis keeps nothing on disk/, 20000);
    expect(without.stdout().match(/keeps nothing on disk/g)).toHaveLength(1);

    // A managed Redis that does not allow CONFIG to this user.
    const admin = new Redis(volatile.url, { maxRetriesPerRequest: 1 });
    await admin.call('ACL', 'SETUSER', 'vit', 'on', '>secret', '~*', '&*', '+@all', '-config');
    admin.disconnect();
    const limited = await start({ REDIS_URL: volatile.url.replace('redis://', 'redis://vit:secret@') });
    await limited.waitForLog(/could not check whether Redis keeps its data on disk/, 20000);
    expect(limited.stdout()).toMatch(/"persistence":"unknown"[^\n]*NOPERM/);
    for (const bot of [withAof, without, limited]) bot.kill('SIGTERM');
    expect(await Promise.all([withAof.exited, without.exited, limited.exited])).toEqual([0, 0, 0]);
  }, 180000);
});
