import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { FakeGraph, WhatsAppPerson, whatsAppEnv, wamid } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { keyspace, namesAnyOf, uniquePrefix } from '../support/testRedis';
import { startRedisServer, TestRedisServer } from '../support/redisServer';
import { translator } from '../support/chatDriver';

/**
 * Item 4 of the security review, replayed: after "delete my data" the WhatsApp message ids (the
 * number in base64) stayed in key names for 7 days, and the append-only file kept the erased number,
 * name and texts until its next rewrite. The scan decodes base64 and reads the append-only file too.
 */

const t = (key: string) => translator().t('nl', key);

/** The append-only file's contents, all parts (Redis 7 keeps a directory of them). */
function appendOnlyFile(server: TestRedisServer): string {
  const dir = path.join(server.dir, 'appendonlydir');
  return readdirSync(dir).map((name) => readFileSync(path.join(dir, name), 'latin1')).join('\n');
}

async function rewriteDone(redis: Redis): Promise<boolean> {
  const info = await redis.info('persistence');
  return /aof_rewrite_in_progress:0/.test(info) && /aof_rewrite_scheduled:0/.test(info);
}

describe('erasure leaves nothing behind in Redis', () => {
  let server: TestRedisServer;
  let graph: FakeGraph;
  beforeAll(async () => {
    server = await startRedisServer({ appendOnly: true, plainAppendOnlyFile: true });
    graph = await new FakeGraph().start();
  });
  afterAll(async () => {
    await graph.stop();
    await server.dispose();
  });

  it('the fake Graph API makes ids as Meta does, which the scan decodes to the number', () => {
    expect(namesAnyOf(wamid('31612345678', 'ABC'), ['31612345678'])).toBe(true);
    expect(wamid('31612345678', 'ABC')).not.toContain('31612345678');
  });

  it('keeps message ids only as keyed digests, and rewrites the append-only file after the erasure, once per interval', async () => {
    const prefix = uniquePrefix();
    const { app, url, stop } = await startTestApp({ ...whatsAppEnv(graph), REDIS_URL: server.url, REDIS_KEY_PREFIX: prefix, LOG_PSEUDONYM_SECRET: 'a-test-secret-of-some-length' });
    const redis = new Redis(server.url);
    try {
      await addAccount(app, 'lisa', 'staff');
      const person = new WhatsAppPerson(url, graph);
      await person.say('hallo', 2);
      await person.tap('Nederlands', 4);
      await person.tap(t('consent:agree'), 2);
      await person.say('is het gratis?', 1);
      const ids = [person.phone, `NL.${person.phone}`];
      // Before: the person is there (so the scans below can see them), but no key names a message id.
      const before = await keyspace(redis, prefix);
      expect(before.some(([key, value]) => namesAnyOf(key + value, ids))).toBe(true);
      // Handled messages are marked in the conversation's turn journal, under digests only.
      expect(before.filter(([key]) => /:turn:\{[^}]+\}:handled$/.test(key)).length).toBeGreaterThan(0);
      expect(before.filter(([key]) => namesAnyOf(key, ids))).toEqual(before.filter(([key]) => /:state:|:transcript|:wa:(person|alias|held|sentids):/.test(key) && namesAnyOf(key, ids)));
      for (const [key, value] of before.filter(([k]) => /:wa:(seen|sent):|:turn:/.test(k))) expect([key, namesAnyOf(key + value, ids)]).toEqual([key, false]);
      expect(namesAnyOf(appendOnlyFile(server), ids)).toBe(true);

      const lisa = new ConsoleClient(url);
      await lisa.login('lisa');
      const [found] = ((await (await lisa.get('/console/api/people?q=')).json()) as { items: Array<{ key: string }> }).items;
      const erasure = await lisa.post(`/console/api/people/${found.key}/erase`, { confirm: true });
      expect(erasure.status).toBe(200);
      expect(((await erasure.json()) as { erased: Record<string, unknown> }).erased).toMatchObject({ appendOnlyFile: 'rewriting' });
      await waitFor(() => rewriteDone(redis), 'the append-only file rewrite');

      for (const [key, value] of await keyspace(redis, prefix)) expect([key, namesAnyOf(key, ids) || namesAnyOf(value, ids)]).toEqual([key, false]);
      expect(namesAnyOf(appendOnlyFile(server), ids)).toBe(false);

      // A second erasure within ten minutes gets its rewrite at the end of the interval, not now.
      const other = new WhatsAppPerson(url, graph);
      await other.say('hoi', 2);
      const second = await app.personRecords.erase('whatsapp', `NL.${other.phone}`);
      expect(second).toMatchObject({ appendOnlyFile: 'rewrite-scheduled' });
      const at = Date.parse((second as { at: string }).at);
      expect(at).toBeGreaterThan(Date.now() + 9 * 60 * 1000);
      expect(at).toBeLessThanOrEqual(Date.now() + 10 * 60 * 1000);
    } finally {
      redis.disconnect();
      await stop();
    }
  });
});
