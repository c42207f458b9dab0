import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { LiveFaqAnswers } from '../../src/storage/liveFaqAnswers';
import { RedisFaqAnswerStore } from '../../src/storage/redisFaqAnswerStore';
import { createLogger } from '../../src/logger';
import { LogCapture } from '../support/testApp';
import { waitFor } from '../support/consoleClient';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';

const edit = (text: string | null) => ({ topic: 'costs' as const, lang: 'nl' as const, text, changedBy: 'lisa', changedAt: new Date().toISOString(), review: null });

describe('LiveFaqAnswers: the edited texts on every instance (real redis-server)', () => {
  const clients: Redis[] = [];
  const connect = (name = `test-${randomUUID()}`) => {
    const client = new Redis(testRedisUrl(), { connectionName: name, maxRetriesPerRequest: 1 });
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    for (const client of clients) client.disconnect();
  });

  it('uses a change made elsewhere once it is announced, and reads the store again after its connection came back', async () => {
    const prefix = uniquePrefix();
    const channel = `${prefix}faq-answers`;
    const publisher = connect();
    const store = new RedisFaqAnswerStore(publisher, prefix);
    const logger = createLogger('info', new LogCapture());
    const subscriberName = `faq-answers-${randomUUID()}`;
    const here = new LiveFaqAnswers({ store, logger, pubsub: { publisher, subscriber: connect(), channel } });
    const there = new LiveFaqAnswers({ store, logger, pubsub: { publisher, subscriber: connect(subscriberName), channel } });
    try {
      await Promise.all([here.refresh(), there.refresh()]);
      expect(there.text('costs', 'nl')).toBeUndefined();
      // Both subscribed: the channel has two listeners.
      await waitFor(async () => ((await publisher.pubsub('NUMSUB', channel)) as [string, number])[1] === 2, 'both instances listening');

      await store.write(edit('Het is gratis.'), 'edit', 0);
      await here.changed();
      expect(here.text('costs', 'nl')).toBe('Het is gratis.');
      await waitFor(() => there.text('costs', 'nl') === 'Het is gratis.', 'the other instance using the new text');

      // A change while the other instance was not listening (no announcement reaches it): its reconnect reads the store.
      await store.write(edit(null), 'revert', 1);
      const list = String(await publisher.client('LIST'));
      const id = /id=(\d+) [^\n]*name=([^ ]+)/g;
      const killed = [...list.matchAll(id)].find((m) => m[2] === subscriberName)?.[1];
      expect(killed).toBeDefined();
      await publisher.client('KILL', 'ID', killed!);
      await waitFor(() => there.text('costs', 'nl') === undefined, 'the other instance back on the seed after its reconnect');
    } finally {
      await here.close();
      await there.close();
    }
  });
});
