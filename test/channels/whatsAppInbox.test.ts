import type { Redis } from 'ioredis';
import { RedisWhatsAppInbox } from '../../src/channels/whatsapp/whatsAppInbox';
import { parseWebhook, InboundMessage } from '../../src/channels/whatsapp/inbound';
import { metaWebhook, textMessage, PHONE_NUMBER_ID } from '../support/fakeGraph';
import { connectTestRedis, uniquePrefix } from '../support/testRedis';
import { untilInboxIdle } from '../support/inboxIdle';

const DEAD_SECONDS = 30 * 24 * 60 * 60;
const IDLE_MS = 10;
const message = (text: string, phone = '31611111111'): InboundMessage => parseWebhook(metaWebhook(textMessage(text), phone), 'bot', PHONE_NUMBER_ID).messages[0];

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('RedisWhatsAppInbox on a real redis-server', () => {
  const make = (prefix: string, options: Partial<ConstructorParameters<typeof RedisWhatsAppInbox>[1]> = {}) =>
    new RedisWhatsAppInbox(redis, { prefix, deadSeconds: DEAD_SECONDS, idleMs: IDLE_MS, sweepMs: 1000, ...options });

  it('keeps each message until it is done, then forgets it', async () => {
    const prefix = uniquePrefix();
    const inbox = make(prefix);
    const ids = await inbox.append([message('een'), message('twee')]);
    expect(ids).toHaveLength(2);
    expect(await redis.xlen(`${prefix}wa:{inbox}`)).toBe(2);
    for (const id of ids) await inbox.done(id!);
    expect(await redis.xlen(`${prefix}wa:{inbox}`)).toBe(0);
    await untilInboxIdle(redis, prefix, IDLE_MS);
    expect((await make(prefix).takeOver()).entries).toEqual([]);
  });

  it('lets another instance take over what a gone instance left, once, with the message as it came', async () => {
    const prefix = uniquePrefix();
    const a = make(prefix);
    const kept = message('hallo');
    const [id] = await a.append([kept]);
    const b = make(prefix);
    await untilInboxIdle(redis, prefix, IDLE_MS);
    expect((await b.takeOver()).entries).toEqual([]); // a is alive: its turn may still be running
    await a.close(); // a is gone
    const c = make(prefix);
    const [taken, ...more] = await Promise.all([b.takeOver(), c.takeOver()]).then((r) => r.flatMap((x) => x.entries));
    expect(more).toEqual([]);
    expect(taken).toMatchObject({ id, orphaned: true, message: { id: kept.id, personKey: kept.personKey, address: kept.address, activity: { text: 'hallo' } } });
    expect(taken.message.timestamp).toEqual(kept.timestamp);
    await untilInboxIdle(redis, prefix, IDLE_MS);
    expect([...(await b.takeOver()).entries, ...(await c.takeOver()).entries]).toEqual([]); // b works on it now; c sees b alive
    await b.done(id!);
    expect(await redis.xlen(`${prefix}wa:{inbox}`)).toBe(0);
  });

  it('tries a failed entry again in the same instance, and moves it to the dead-letter list after too many deliveries', async () => {
    const prefix = uniquePrefix();
    const inbox = make(prefix, { maxDeliveries: 3 });
    const [id] = await inbox.append([message('kapot')]);
    inbox.failed(id!); // delivery 1 failed
    await untilInboxIdle(redis, prefix, IDLE_MS);
    const second = await inbox.takeOver();
    expect(second.entries.map((e) => [e.id, e.orphaned])).toEqual([[id, false]]);
    inbox.failed(id!); // delivery 2
    await untilInboxIdle(redis, prefix, IDLE_MS);
    expect((await inbox.takeOver()).entries).toHaveLength(1);
    inbox.failed(id!); // delivery 3
    await untilInboxIdle(redis, prefix, IDLE_MS);
    expect(await inbox.takeOver()).toEqual({ entries: [], dead: 1 });
    expect(await redis.xlen(`${prefix}wa:{inbox}`)).toBe(0);
    const dead = await redis.lrange(`${prefix}wa:{inbox}:dead`, 0, -1);
    expect(dead.map((raw) => JSON.parse(raw).activity.text)).toEqual(['kapot']);
    expect(await redis.ttl(`${prefix}wa:{inbox}:dead`)).toBeGreaterThan(DEAD_SECONDS - 60);
  });

  it("erases a person's kept and dead entries by any of their keys, and leaves others", async () => {
    const prefix = uniquePrefix();
    const inbox = make(prefix, { maxDeliveries: 1 });
    const [dead] = await inbox.append([message('oud', '31622222222')]);
    inbox.failed(dead!);
    await untilInboxIdle(redis, prefix, IDLE_MS);
    expect((await inbox.takeOver()).dead).toBe(1);
    await inbox.append([message('nieuw', '31622222222'), message('ander', '31633333333')]);
    await inbox.erase(['31622222222']);
    const left = await redis.xrange(`${prefix}wa:{inbox}`, '-', '+');
    expect(left.map(([, fields]) => JSON.parse(fields[1]).activity.text)).toEqual(['ander']);
    expect(await redis.llen(`${prefix}wa:{inbox}:dead`)).toBe(0);
    await inbox.erase(['NL.31633333333']); // the BSUID names the same person
    expect(await redis.xlen(`${prefix}wa:{inbox}`)).toBe(0);
  });
});
