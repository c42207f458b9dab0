import { GraphApiError, GraphClient, retryAfterMs } from '../../src/channels/whatsapp/graphClient';
import { FakeGraph } from '../support/fakeGraph';

describe('Graph API back-off', () => {
  let graph: FakeGraph;
  let waits: number[];
  let client: GraphClient;
  const person = { phone: '31612345678' };
  const text = { type: 'text', text: { body: 'hoi', preview_url: false } };

  beforeEach(async () => {
    graph = await new FakeGraph().start();
    waits = [];
    client = new GraphClient({ baseUrl: graph.url, accessToken: 't', phoneNumberId: '1', baseDelayMs: 500, sleep: async (ms) => void waits.push(ms) });
  });
  afterEach(async () => {
    await graph.stop();
  });

  it('waits at least 6 seconds after "too many messages to this person", then delivers', async () => {
    graph.failNext(400, 131056, '(#131056) Pair rate limit hit', 2);
    expect(await client.send(person, text)).toMatch(/^wamid\./);
    expect(waits).toEqual([6000, 12000]);
    expect(graph.sent()).toHaveLength(1);
  });

  it('backs off exponentially after 5xx and throughput limits, then delivers', async () => {
    graph.failNext(503, 0, 'Service unavailable');
    graph.failNext(400, 130429, 'Rate limit hit');
    graph.failNext(500, 131000, 'Something went wrong');
    expect(await client.send(person, text)).toMatch(/^wamid\./);
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('honours Retry-After, and gives up when it asks for longer than a turn can wait', async () => {
    graph.failNext(429, 130429, 'Rate limit hit', 1, { 'Retry-After': '2' });
    await client.send(person, text);
    expect(waits).toEqual([2000]);
    graph.failNext(429, 130429, 'Rate limit hit', 1, { 'Retry-After': '3600' });
    await expect(client.send(person, text)).rejects.toMatchObject({ status: 429, code: 130429 });
    expect(waits).toEqual([2000]);
  });

  it('does not retry what a retry cannot fix: spam rate, a closed window, an undeliverable number', async () => {
    for (const code of [131048, 131047, 131026]) {
      graph.failNext(400, code);
      const error = await client.send(person, text).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphApiError);
      expect((error as GraphApiError).code).toBe(code);
    }
    expect(waits).toEqual([]);
    expect(graph.sent()).toEqual([]);
  });

  it('gives up after the last attempt with the Graph API error', async () => {
    graph.failNext(500, 1, 'down', 4);
    await expect(client.send(person, text)).rejects.toMatchObject({ status: 500 });
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
