import { readdirSync, readFileSync } from 'node:fs';
import { answerConsent, askConsent, partnerRevision, recordStep, refer, type PartnerFile } from '../../src/domain/partnerSteps';
import path from 'node:path';
import { Redis } from 'ioredis';
import { FakeGraph, WhatsAppPerson, whatsAppEnv, wamid } from '../support/fakeGraph';
import { startTestApp, testConfig } from '../support/testApp';
import { dayIn } from '../../src/domain/followUp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { keyspace, namesAnyOf, uniquePrefix } from '../support/testRedis';
import { startRedisServer, TestRedisServer } from '../support/redisServer';
import { translator } from '../support/chatDriver';
import { FakeConnector } from '../support/fakeConnector';
import { FakeChannelIssuer } from '../support/fakeChannelIssuer';
import { postActivity } from '../support/testApp';
import { randomUUID } from 'node:crypto';

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

const TENANT = 'b28fdbfd-2b78-4f93-b0f8-8881793f0f8f';
const BOT = { id: '28:6a1d7a4e-3c2b-4f0e-9d8a-5b7c2e1f0a9d', name: 'VIT Wegwijzer' };

/** A newcomer in their personal Teams chat, as Teams sends their messages (authenticated by the fake issuer). */
class TeamsNewcomer {
  readonly userId = `29:1${randomUUID().replace(/-/g, '')}`;
  readonly aadObjectId = randomUUID();
  readonly conversationId = `a:1${randomUUID().replace(/-/g, '')}`;
  private count = 0;

  constructor(
    private readonly botUrl: string,
    private readonly connector: FakeConnector,
  ) {}

  /** Every form of the person's ids a key name must not hold (with and without their dashes and type prefixes). */
  ids(): string[] {
    return [this.userId, this.userId.slice(4), this.aadObjectId, this.aadObjectId.replace(/-/g, ''), this.conversationId, this.conversationId.slice(4)];
  }

  /** Types a message (a button's title works as pressing it); the turn has ended when the POST answers. */
  async says(text: string): Promise<void> {
    this.count++;
    const response = await postActivity(this.botUrl, {
      type: 'message',
      id: `17${Date.now()}${this.count}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      from: { id: this.userId, name: 'Yonas', aadObjectId: this.aadObjectId },
      recipient: BOT,
      conversation: { conversationType: 'personal', tenantId: TENANT, id: this.conversationId },
      channelData: { tenant: { id: TENANT } },
      locale: 'nl-NL',
      text,
      textFormat: 'plain',
    });
    expect(response.status).toBe(200);
  }
}

describe('erasure leaves nothing behind in Redis', () => {
  let server: TestRedisServer;
  let graph: FakeGraph;
  let connector: FakeConnector;
  let issuer: FakeChannelIssuer;
  beforeAll(async () => {
    server = await startRedisServer({ appendOnly: true, plainAppendOnlyFile: true });
    graph = await new FakeGraph().start();
    connector = await new FakeConnector().start();
    issuer = await new FakeChannelIssuer().start();
  });
  afterAll(async () => {
    await connector.stop();
    await issuer.stop();
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
      const journals = before.filter(([key, value]) => /:state:\{[^}]+\}:conversation$/.test(key) && value.includes('"h:'));
      expect(journals.length).toBeGreaterThan(0);
      // No key name holds the number, plain or encoded, while the person exists either.
      expect(before.map(([key]) => key).filter((key) => namesAnyOf(key, ids))).toEqual([]);
      for (const [key, value] of before.filter(([k]) => /:wa:(seen|sent):|:turn:/.test(k))) expect([key, namesAnyOf(key + value, ids)]).toEqual([key, false]);
      // The journal's fields in the conversation state (handled marks, the outbox kept after it went out) name no one either.
      for (const [key, value] of journals) {
        const { eTag, doc, ...fields } = JSON.parse(value) as Record<string, string>;
        void [eTag, doc];
        expect([key, namesAnyOf(JSON.stringify(fields), ids)]).toEqual([key, false]);
      }
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
  it('names nobody in any key, before and after the erasure, after a full intake on WhatsApp and on Teams and a mentor talk', async () => {
    const prefix = uniquePrefix();
    const nl = (key: string) => t(key);
    const { app, url, stop } = await startTestApp(
      { ...whatsAppEnv(graph), REDIS_URL: server.url, REDIS_KEY_PREFIX: prefix, LOG_PSEUDONYM_SECRET: 'a-test-secret-of-some-length', MENTOR_HOURS: 'always' },
      { channelIssuer: issuer },
    );
    const redis = new Redis(server.url);
    try {
      await addAccount(app, 'sara', 'mentor');
      // WhatsApp, through signed webhooks; the fake Graph API makes message ids as Meta does (the number in base64).
      const amina = new WhatsAppPerson(url, graph);
      await amina.say('hallo');
      await amina.tap('Nederlands');
      await amina.tap(nl('consent:agree'));
      await amina.tap(nl('common:menu.intake'));
      await amina.say('Amina');
      await amina.tap(nl('intake:fields.residenceStatus.options.statushouder'));
      await amina.say('Utrecht');
      await amina.tap(nl('intake:levels.B1'));
      await amina.tap(nl('intake:levels.A2'));
      await amina.tap(nl('intake:fields.education.options.vocational'));
      await amina.tap(nl('common:buttons.no'));
      await amina.tap(nl('intake:fields.itExperience.options.hobby'));
      await amina.tap(nl('common:buttons.yes'));
      await amina.say('Ik wil graag programmeren.');
      await amina.tap('40');
      await amina.tap(nl('common:buttons.yes')); // a mentor, please
      const waiting = await waitFor(async () => (await app.handoffs.service.queue.waiting())[0], 'the WhatsApp handoff');
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      expect((await sara.post(`/console/api/handoffs/${waiting.id}/claim`)).status).toBe(200);
      expect((await sara.post(`/console/api/handoffs/${waiting.id}/messages`, { text: 'Hallo Amina, ik ben Sara.' })).status).toBe(200);
      await waitFor(() => amina.texts().includes('Hallo Amina, ik ben Sara.'), 'the mentor message on WhatsApp');
      await amina.say('Dank je!', 0); // to the mentor: no answer from the bot
      // A mentor's private note and follow-up: kept with the handoff, named by it, and erased with the person.
      expect((await sara.post(`/console/api/handoffs/${waiting.id}/notes`, { text: `Belt terug op ${amina.phone}` })).status).toBe(201);
      const tomorrow = dayIn(new Date(Date.now() + 86_400_000), testConfig().MENTOR_TIMEZONE);
      expect((await sara.post(`/console/api/handoffs/${waiting.id}/close`, { outcome: 'follow-up', followUp: tomorrow })).status).toBe(200);
      // Her partner file (consent, referral, a step whose note names her number): under her digest, erased with her.
      const staff = { id: 'acc-lisa', firstName: 'Lisa' };
      const steps = [
        (f: PartnerFile | undefined) => askConsent(f, 'itph-academy', 'selected', staff, 'nl', new Date()),
        (f: PartnerFile | undefined) => answerConsent(f, 'yes', new Date(), 'wamid-1'),
        (f: PartnerFile | undefined) => refer(f, 'itph-academy', 'selected', staff, new Date()),
        (f: PartnerFile | undefined) => recordStep(f, { step: 'signed-up', date: new Date().toISOString().slice(0, 10), note: `Gebeld op ${amina.phone}` }, staff, new Date()),
      ];
      let partnerFile: PartnerFile | undefined;
      for (const step of steps) {
        const result = step(partnerFile);
        if (!result.ok) throw new Error(result.refusal.code);
        expect(await app.records.partnerFiles.save({ channelId: 'whatsapp', userId: `NL.${amina.phone}` }, result.file, partnerRevision(partnerFile))).toBe(true);
        partnerFile = result.file;
      }

      // Teams, authenticated as Teams sends it.
      const yonas = new TeamsNewcomer(url, connector);
      for (const text of [
        'hallo',
        'Nederlands',
        nl('consent:agree'),
        nl('common:menu.intake'),
        'Yonas',
        nl('intake:fields.residenceStatus.options.statushouder'),
        'Amersfoort',
        nl('intake:levels.B2'),
        nl('intake:levels.B1'),
        nl('intake:fields.education.options.vocational'),
        nl('common:buttons.yes'),
        nl('intake:fields.itExperience.options.hobby'),
        nl('common:buttons.yes'),
        'Ik wil software testen.',
        '32',
        nl('common:buttons.yes'),
      ])
        await yonas.says(text);
      await waitFor(async () => (await app.handoffs.service.queue.openFor('msteams', yonas.userId)) !== undefined, 'the Teams handoff');

      const whatsAppIds = [amina.phone, `NL.${amina.phone}`];
      const everyone = [...whatsAppIds, ...yonas.ids()];
      const before = await keyspace(redis, prefix);
      // The scan can see them: both people are in the values (their records, transcripts, handoffs).
      expect(before.some(([, value]) => namesAnyOf(value, whatsAppIds))).toBe(true);
      expect(before.some(([, value]) => namesAnyOf(value, yonas.ids()))).toBe(true);
      expect(before.length).toBeGreaterThan(20);
      // While they exist, no key name holds a number, a Teams user, AAD or conversation id: not plain, not in base64 or hex.
      expect(before.map(([key]) => key).filter((key) => namesAnyOf(key, everyone))).toEqual([]);
      // The person's keys are there, under their digests: state, transcript, WhatsApp record, handoffs.
      for (const kind of [/:state:\{[^}]+\}:user$/, /:state:\{[^}]+\}:conversation$/, /:transcript:\{[^}]+\}$/, /:wa:person:\{[^}]+\}$/, /:wa:alias:\{[^}]+\}$/, /:handoffs:\{queue\}:open:[^:]+$/, /:handoff-notes:person:\{[^}]+\}$/, /:handoff-notes:\{[^}]+\}:notes$/, /:partner:\{[^}]+\}$/]) {
        expect([kind.source, before.some(([key]) => kind.test(key))]).toEqual([kind.source, true]);
      }

      expect((await app.personRecords.erase('whatsapp', `NL.${amina.phone}`)).stateKeys).toBeGreaterThan(0);
      expect((await app.personRecords.erase('msteams', yonas.userId)).stateKeys).toBeGreaterThan(0);
      await waitFor(() => rewriteDone(redis), 'the append-only file rewrite');
      const after = await keyspace(redis, prefix);
      for (const [key, value] of after) expect([key, namesAnyOf(key, everyone) || namesAnyOf(value, everyone)]).toEqual([key, false]);
    } finally {
      redis.disconnect();
      await stop();
    }
  });
});
