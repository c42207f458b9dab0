import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/logger';
import { createIdDigest } from '../../src/storage/idDigest';
import { KeyMigrationResult, migrateKeyNames } from '../../src/storage/keyMigration';
import { RedisStorage } from '../../src/storage/redisStorage';
import { RedisTurnJournal } from '../../src/storage/redisTurnJournal';
import { RedisTranscriptStore } from '../../src/storage/redisTranscriptStore';
import { RedisTranscriptCatalog } from '../../src/storage/transcriptCatalog';
import { RedisWhatsAppStore } from '../../src/channels/whatsapp/whatsAppStore';
import { RedisHandoffQueue } from '../../src/handoff/redisHandoffQueue';
import { personKey, RedisMentorChannelStore } from '../../src/channels/teams/mentorChannelStore';
import { RedisAccountStore } from '../../src/accounts/accountStore';
import { conversationStateKey, userStateKey } from '../../src/storage/botStateKeys';
import { PROJECT_ROOT } from '../../src/projectRoot';
import { startRedisServer, TestRedisServer } from '../support/redisServer';
import { keyspace, namesAnyOf, uniquePrefix } from '../support/testRedis';
import { newHandoff } from '../contracts/handoffQueue.contract';
import { waitFor } from '../support/consoleClient';
import { startTestApp } from '../support/testApp';
import type { Activity } from 'botbuilder';

/**
 * Installations from before keyed key names have keys named by user and conversation ids (the phone
 * number on WhatsApp). The data here is written by the real stores, then put under the names the
 * earlier version used (only the names differed), and migrated; the stores must find everything
 * again, with its expiry, and no key name may hold the number any more.
 */

const SECRET = 'the-installations-secret';
const digest = createIdDigest(SECRET);
const PHONE = '31612345678';
const USER = `NL.${PHONE}`;
const CONVERSATION = `whatsapp:${USER}`;
const TEAMS_USER = '29:1AbCdEfGhIjKlMnOp';
const TEAMS_CONVERSATION = 'a:1XyZteamsPersonalChat';
const MENTOR_AAD = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const IDS = [PHONE, USER, TEAMS_USER, TEAMS_CONVERSATION, 'AbCdEfGhIjKlMnOp', 'XyZteamsPersonalChat', MENTOR_AAD, 'name:sara'];
const DAY = 24 * 60 * 60;
const plain = (text: string, encoding: 'base64url' | 'hex') => createHash('sha256').update(text).digest(encoding);

function lines(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    text: () => chunks.join(''),
  };
}

/** Everything one WhatsApp person and one Teams person leave in Redis, written by the stores of this version. */
async function seed(redis: Redis, prefix: string) {
  const storage = new RedisStorage(redis, { prefix, ttlSeconds: 100 * DAY, digest });
  await storage.write({
    [userStateKey('whatsapp', USER)]: { person: { firstName: 'Amina', language: 'ar' } },
    [userStateKey('msteams', TEAMS_USER)]: { person: { firstName: 'Yonas', language: 'ti' } },
    [conversationStateKey('msteams', TEAMS_CONVERSATION)]: { dialogState: { step: 2 } },
  });
  const journal = new RedisTurnJournal(redis, storage, prefix, digest);
  await storage.write({ [conversationStateKey('whatsapp', CONVERSATION)]: { dialogState: { step: 3 } } });
  // The outbox as the versions of these names kept it: a hash of its own (the journal moves it in on its first look-up).
  const outbox = `${prefix}turn:{${digest(`whatsapp:${CONVERSATION}`)}}:outbox`;
  await redis.hset(outbox, 'activity', journal.name('whatsapp', CONVERSATION, 'wamid.1'), 'replies', JSON.stringify([{ id: 'r-1', activity: { text: 'not sent yet' } }]), 'sent', '0');
  await redis.expire(outbox, 7 * DAY);
  const transcripts = new RedisTranscriptStore(redis, prefix, 30 * DAY, digest);
  const catalog = new RedisTranscriptCatalog(redis, prefix, 30 * DAY, digest);
  for (const [channelId, conversationId, userId] of [['whatsapp', CONVERSATION, USER], ['msteams', TEAMS_CONVERSATION, TEAMS_USER]]) {
    await transcripts.logActivity({ type: 'message', channelId, conversation: { id: conversationId }, from: { id: userId }, text: 'hallo', timestamp: new Date() } as unknown as Activity);
    await catalog.note({ channelId, conversationId, userId, language: 'nl', at: new Date(), message: true });
  }
  const whatsApp = new RedisWhatsAppStore(redis, prefix, 50 * DAY, digest);
  await whatsApp.personKeyFor({ phone: PHONE }, USER);
  await whatsApp.touch(USER, { phone: PHONE }, new Date());
  await whatsApp.hold(USER, 'a mentor message held for the window');
  const queue = new RedisHandoffQueue(redis, { prefix, endedTtlSeconds: 0, digest });
  const { handoff } = await queue.enqueue(newHandoff({ person: { channelId: 'whatsapp', userId: USER, firstName: 'Amina' } }), new Date());
  const accounts = new RedisAccountStore(redis, prefix, digest);
  const mentor = await accounts.create({ username: 'Sara', passwordHash: 'x', role: 'mentor', firstName: 'Sara', languages: ['nl'], disabled: false }, new Date());
  await accounts.linkTeams(mentor.id, MENTOR_AAD);
  const cards = new RedisMentorChannelStore(redis, prefix, 40 * DAY, digest);
  await cards.saveCard(handoff.id, { reference: {}, activityId: 'card-1', language: 'nl' }, personKey('whatsapp', USER));

  // The names the earlier version gave the same keys.
  const tag = (channelId: string, id: string) => `{${digest(`${channelId}:${id}`)}}`;
  const renames: Array<[string, string]> = [
    [`state:${tag('whatsapp', USER)}:user`, `state:whatsapp/users/${USER}/`],
    [`state:${tag('msteams', TEAMS_USER)}:user`, `state:msteams/users/${TEAMS_USER}/`],
    [`state:${tag('whatsapp', CONVERSATION)}:conversation`, `state:whatsapp/conversations/${CONVERSATION}/`],
    [`state:${tag('msteams', TEAMS_CONVERSATION)}:conversation`, `state:msteams/conversations/${TEAMS_CONVERSATION}/`],
    [`turn:${tag('whatsapp', CONVERSATION)}:outbox`, `turn:{${plain(`whatsapp:${CONVERSATION}`, 'base64url')}}:outbox`],
    [`transcript:${tag('whatsapp', CONVERSATION)}`, `transcript:whatsapp:${CONVERSATION}`],
    [`transcript:${tag('msteams', TEAMS_CONVERSATION)}`, `transcript:msteams:${TEAMS_CONVERSATION}`],
    [`transcript-meta:${tag('whatsapp', CONVERSATION)}`, `transcript-meta:whatsapp:${CONVERSATION}`],
    [`transcript-meta:${tag('msteams', TEAMS_CONVERSATION)}`, `transcript-meta:msteams:${TEAMS_CONVERSATION}`],
    [`wa:person:${tag('whatsapp', USER)}`, `wa:person:${USER}`],
    [`wa:held:${tag('whatsapp', USER)}`, `wa:held:${USER}`],
    [`wa:alias:{${digest(`phone:${PHONE}`)}}`, `wa:alias:phone:${PHONE}`],
    [`handoffs:{queue}:open:${digest(`whatsapp:${USER}`)}`, `handoffs:open:whatsapp:${USER}`],
    [`handoffs:{queue}:all:${digest(`whatsapp:${USER}`)}`, `handoffs:all:whatsapp:${USER}`],
    [`handoff:{queue}:${handoff.id}`, `handoff:${handoff.id}`],
    [`handoffs:{queue}:waiting`, 'handoffs:waiting'],
    [`handoffs:{queue}:seq`, 'handoffs:seq'],
    [`teams:cards:person:${tag('whatsapp', USER)}`, `teams:cards:person:${plain(`whatsapp\n${USER}`, 'hex').slice(0, 32)}`],
    [`accounts:name:{${digest('name:sara')}}`, 'accounts:name:sara'],
    [`accounts:teams:{${digest(`aad:${MENTOR_AAD}`)}}`, `accounts:teams:${MENTOR_AAD}`],
  ];
  for (const [now, before] of renames) expect([now, await redis.rename(prefix + now, prefix + before)]).toEqual([now, 'OK']);
  // The handoff record named its person's keys then.
  await redis.hset(`${prefix}handoff:${handoff.id}`, 'openKey', `${prefix}handoffs:open:whatsapp:${USER}`, 'allKey', `${prefix}handoffs:all:whatsapp:${USER}`);
  const ttls = new Map<string, number>();
  for (const [now, before] of renames) ttls.set(now, await redis.pttl(prefix + before));
  return { renames, ttls, handoffId: handoff.id, storage, journal, transcripts, catalog, whatsApp, queue, cards, accounts };
}

describe('moving Redis keys to names without ids', () => {
  let server: TestRedisServer;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis.disconnect();
    await server.dispose();
  });

  it('moves every key named by an id, keeps its expiry, and the stores find everything again', async () => {
    const prefix = uniquePrefix();
    const seeded = await seed(redis, prefix);
    const before = await keyspace(redis, prefix);
    expect(before.filter(([key]) => namesAnyOf(key, IDS)).length).toBe(15);

    const log = lines();
    const result = await migrateKeyNames({ redis, prefix, digest, logger: createLogger('debug', log.stream), batch: 3 });
    expect(result).toMatchObject({ renamed: seeded.renames.length, superseded: 0 });

    const after = await keyspace(redis, prefix);
    expect(after.map(([key]) => key).filter((key) => namesAnyOf(key, IDS))).toEqual([]);
    expect(after.length).toBe(before.length);
    for (const [now] of seeded.renames) {
      const ttl = await redis.pttl(prefix + now);
      // Kept, not reset: within the time the test took.
      expect([now, ttl <= seeded.ttls.get(now)! && ttl > seeded.ttls.get(now)! - 60_000]).toEqual([now, true]);
    }
    // The log says counts, never a key or an id.
    expect(log.text()).toContain('moved Redis keys to names without ids');
    expect(namesAnyOf(log.text(), IDS)).toBe(false);

    // Every store reads what it wrote before.
    const states = await seeded.storage.read([userStateKey('whatsapp', USER), userStateKey('msteams', TEAMS_USER), conversationStateKey('whatsapp', CONVERSATION), conversationStateKey('msteams', TEAMS_CONVERSATION)]);
    expect(Object.keys(states)).toHaveLength(4);
    expect(states[userStateKey('whatsapp', USER)]).toMatchObject({ person: { firstName: 'Amina' } });
    const { pending } = await seeded.journal.lookup(seeded.journal.name('whatsapp', CONVERSATION), 'another');
    expect(pending?.replies.map((r) => r.activity.text)).toEqual(['not sent yet']);
    expect((await seeded.transcripts.getTranscriptActivities('whatsapp', CONVERSATION)).items.map((a) => a.text)).toEqual(['hallo']);
    expect((await seeded.transcripts.getTranscriptActivities('msteams', TEAMS_CONVERSATION)).items.map((a) => a.text)).toEqual(['hallo']);
    expect(await seeded.catalog.get('msteams', TEAMS_CONVERSATION)).toMatchObject({ userId: TEAMS_USER });
    expect(await seeded.whatsApp.personKeyFor({ phone: PHONE }, 'someone-new')).toBe(USER);
    expect(await seeded.whatsApp.person(USER)).toMatchObject({ address: { phone: PHONE } });
    expect(await seeded.whatsApp.heldMessages(USER)).toEqual(['a mentor message held for the window']);
    expect((await seeded.queue.openFor('whatsapp', USER))?.id).toBe(seeded.handoffId);
    expect(await seeded.cards.cardsOf(personKey('whatsapp', USER))).toEqual([seeded.handoffId]);
    expect((await seeded.accounts.byUsername('sara'))?.firstName).toBe('Sara');
    expect((await seeded.accounts.byTeamsAadObjectId(MENTOR_AAD))?.username).toBe('Sara');
    // Closing the handoff frees the person's moved open key.
    expect(await seeded.queue.claim(seeded.handoffId, { id: 'sara', firstName: 'Sara' }, new Date())).toMatchObject({ ok: true });
    expect(await seeded.queue.close(seeded.handoffId, 'sara', 'helped', '', new Date())).toMatchObject({ ok: true });
    expect(await seeded.queue.openFor('whatsapp', USER)).toBeUndefined();
    expect((await seeded.queue.allFor('whatsapp', USER)).map((h) => h.id)).toEqual([seeded.handoffId]);

    // Erasure finds the moved keys: nothing of the person is left.
    await seeded.queue.erasePerson('whatsapp', USER);
    await seeded.whatsApp.erase(USER);
    await seeded.storage.delete([userStateKey('whatsapp', USER), conversationStateKey('whatsapp', CONVERSATION)]);
    await seeded.journal.erase([seeded.journal.name('whatsapp', CONVERSATION)]);
    await seeded.transcripts.deleteTranscript('whatsapp', CONVERSATION);
    await seeded.cards.forgetCardsOf(personKey('whatsapp', USER));
    for (const [key, value] of await keyspace(redis, prefix)) if (!key.includes('transcript-meta') && !key.includes('catalog')) expect([key, namesAnyOf(value, [PHONE, USER])]).toEqual([key, false]);

    // A second run finds nothing to do.
    expect(await migrateKeyNames({ redis, prefix, digest, logger: createLogger('silent') })).toMatchObject({ renamed: 0, superseded: 0 });
  });

  it('runs when the bot starts (App.ready, as src/index.ts calls it before listening)', async () => {
    const prefix = uniquePrefix();
    await redis.hset(`${prefix}state:emulator/users/${USER}/`, 'eTag', 'e1', 'doc', JSON.stringify({ person: { firstName: 'Amina' } }));
    await redis.expire(`${prefix}state:emulator/users/${USER}/`, 3600);
    const { app, stop } = await startTestApp({ REDIS_URL: server.url, REDIS_KEY_PREFIX: prefix, LOG_PSEUDONYM_SECRET: SECRET });
    try {
      await app.ready();
      expect(await redis.keys(`${prefix}state:*`)).toEqual([`${prefix}state:{${digest(`emulator:${USER}`)}}:user`]);
      expect(await app.storage.read([userStateKey('emulator', USER)])).toMatchObject({ [userStateKey('emulator', USER)]: { person: { firstName: 'Amina' } } });
    } finally {
      await stop();
    }
  });

  it('says how far it is on a large keyspace, in counts only', async () => {
    const prefix = uniquePrefix();
    const pipeline = redis.pipeline();
    for (let i = 0; i < 12_000; i++) pipeline.set(`${prefix}wa:alias:phone:317${String(i).padStart(8, '0')}`, `NL.${i}`);
    await pipeline.exec();
    const log = lines();
    expect(await migrateKeyNames({ redis, prefix, digest, logger: createLogger('info', log.stream) })).toMatchObject({ renamed: 12_000 });
    const progress = log.text().split('\n').filter((line) => line.includes('moving Redis keys to names without ids'));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(progress[0])).toMatchObject({ migration: 'key-names', scanned: expect.any(Number), renamed: expect.any(Number) });
    expect(/317\d{8}/.test(log.text())).toBe(false);
  });

  it('lets a key this version wrote meanwhile win over the old one, and deletes the old one', async () => {
    const prefix = uniquePrefix();
    const storage = new RedisStorage(redis, { prefix, digest });
    await redis.hset(`${prefix}state:whatsapp/users/${USER}/`, 'eTag', 'old', 'doc', JSON.stringify({ person: { firstName: 'before' } }));
    await storage.write({ [userStateKey('whatsapp', USER)]: { person: { firstName: 'after' } } });
    expect(await migrateKeyNames({ redis, prefix, digest, logger: createLogger('silent') })).toMatchObject({ renamed: 0, superseded: 1 });
    expect((await redis.keys(`${prefix}*`)).filter((key) => key.includes(PHONE))).toEqual([]);
    expect(await storage.read([userStateKey('whatsapp', USER)])).toMatchObject({ [userStateKey('whatsapp', USER)]: { person: { firstName: 'after' } } });
  });

  it('is safe when two instances start at once: one migrates, the other waits, nothing is moved twice', async () => {
    const prefix = uniquePrefix();
    await seed(redis, prefix);
    const other = new Redis(server.url);
    const log = lines();
    try {
      const results = await Promise.all([
        migrateKeyNames({ redis, prefix, digest, logger: createLogger('info', log.stream), batch: 2 }),
        migrateKeyNames({ redis: other, prefix, digest, logger: createLogger('info', log.stream), batch: 2 }),
      ]);
      const total = (key: keyof KeyMigrationResult) => results.reduce((sum, r) => sum + r[key], 0);
      expect([total('renamed'), total('superseded')]).toEqual([20, 0]);
      expect(results.map((r) => r.renamed).sort((a, b) => a - b)).toEqual([0, 20]);
      expect(log.text()).toContain('another instance is migrating Redis key names: waiting for it');
      expect((await redis.keys(`${prefix}*`)).filter((key) => namesAnyOf(key, IDS))).toEqual([]);
      expect(await redis.exists(`${prefix}migration:key-names:lease`)).toBe(0);
    } finally {
      other.disconnect();
    }
  });

  it('goes on where a migration killed halfway stopped (the `vit-bot migrate-keys` command)', async () => {
    const prefix = uniquePrefix();
    const count = 3000;
    const pipeline = redis.pipeline();
    for (let i = 0; i < count; i++) pipeline.set(`${prefix}wa:alias:phone:316${String(i).padStart(8, '0')}`, `NL.${i}`, 'EX', 3600);
    await pipeline.exec();
    const env = { PATH: process.env.PATH ?? '', REDIS_URL: server.url, REDIS_KEY_PREFIX: prefix, LOG_PSEUDONYM_SECRET: SECRET, LOG_LEVEL: 'info' };
    const cli = path.join(PROJECT_ROOT, 'dist/src/cli/main.js');
    const moved = async () => (await redis.keys(`${prefix}wa:alias:{*`)).length;

    const first = spawn(process.execPath, [cli, 'migrate-keys', '--batch', '1', '--lease-seconds', '5'], { env, stdio: 'ignore' });
    const exited = new Promise((resolve) => first.on('exit', resolve));
    await waitFor(async () => (await moved()) >= 50, 'the first keys moved');
    first.kill('SIGKILL');
    await exited;
    const halfway = await moved();
    expect(halfway).toBeGreaterThanOrEqual(50);
    expect(halfway).toBeLessThan(count);
    // The dead run's lease is still there; the next run waits for it to expire and goes on.
    expect(await redis.exists(`${prefix}migration:key-names:lease`)).toBe(1);

    const second = spawn(process.execPath, [cli, 'migrate-keys'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    second.stdout.on('data', (chunk) => (out += chunk));
    second.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ renamed: count - halfway, superseded: 0 });
    expect(await moved()).toBe(count);
    expect((await redis.keys(`${prefix}wa:alias:phone:*`)).length).toBe(0);
    // It waited for the dead run's lease (or found it expired), and logged counts only.
    expect(await redis.exists(`${prefix}migration:key-names:lease`)).toBe(0);
    expect(namesAnyOf(err + out, ['31600000001'])).toBe(false);
    for (const key of (await redis.keys(`${prefix}wa:alias:*`)).slice(0, 20)) expect(await redis.ttl(key)).toBeGreaterThan(3000);
  });
});
