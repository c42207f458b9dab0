import type { Redis } from 'ioredis';
import { MemoryFaqAnswerStore } from '../../src/storage/faqAnswerStore';
import { RedisFaqAnswerStore } from '../../src/storage/redisFaqAnswerStore';
import { connectTestRedis, keyspace, uniquePrefix } from '../support/testRedis';
import { faqAnswerStoreContract } from '../contracts/faqAnswerStore.contract';

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryFaqAnswerStore', () => {
  faqAnswerStoreContract(() => new MemoryFaqAnswerStore());
});

describe('RedisFaqAnswerStore on a real redis-server', () => {
  faqAnswerStoreContract(() => new RedisFaqAnswerStore(redis, uniquePrefix()));

  it('keeps every key under the hash tag {faq-answers}, one history per topic and language', async () => {
    const prefix = uniquePrefix();
    const store = new RedisFaqAnswerStore(redis, prefix);
    await store.writeAll(
      [
        { topic: 'costs', lang: 'nl', text: 'A', changedBy: 'lisa', changedAt: '2026-12-06T10:00:00.000Z', review: null },
        { topic: 'age', lang: 'fa', text: 'B', changedBy: 'lisa', changedAt: '2026-12-06T10:00:00.000Z', review: null },
      ],
      'import',
    );
    const keys = (await keyspace(redis, prefix)).map(([key]) => key).sort();
    expect(keys).toEqual([`${prefix}{faq-answers}:history:age/fa`, `${prefix}{faq-answers}:history:costs/nl`, `${prefix}{faq-answers}:records`]);
  });
});
