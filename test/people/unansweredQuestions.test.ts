import type { Redis } from 'ioredis';
import { MemoryUnansweredQuestions, RedisUnansweredQuestions } from '../../src/people/unansweredQuestions';
import { maskPersonalText, questionGroupKey } from '../../src/domain/maskPersonalText';
import { connectTestRedis, keyspace, uniquePrefix } from '../support/testRedis';
import { unansweredQuestionsContract } from '../contracts/unansweredQuestions.contract';

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('MemoryUnansweredQuestions', () => {
  unansweredQuestionsContract((retentionMs, now) => new MemoryUnansweredQuestions(retentionMs, now));
});

describe('RedisUnansweredQuestions on a real redis-server', () => {
  unansweredQuestionsContract((retentionMs, now) => new RedisUnansweredQuestions(redis, uniquePrefix(), retentionMs, now));

  it('keeps one entity under one hash tag, with no person in a key name', async () => {
    const prefix = uniquePrefix();
    const store = new RedisUnansweredQuestions(redis, prefix, 86400000);
    await store.add({ text: 'laptop?', lang: 'nl', at: new Date().toISOString(), reason: 'unsure', guess: { intent: null, confidence: 0 }, author: 'digest1' });
    const keys = (await keyspace(redis, prefix)).map(([key]) => key).sort();
    expect(keys).toEqual([`${prefix}{unanswered}:entries`, `${prefix}{unanswered}:times`]);
  });
});

describe('maskPersonalText', () => {
  it.each([
    ['mail me at omar.k@example.com please', 'mail me at [e-mail] please'],
    ['bel 06-12345678 of +31 6 1234 5678', 'bel [number] of [number]'],
    ['mijn BSN is ١٢٣٤٥٦٧٨٩', 'mijn BSN is [number]'],
    ['rekening NL91 ABNA 0417 1643 00', 'rekening [number]'],
    ['ik heet Omar en ik ben 34', 'ik heet [name] en ik ben 34'],
    ['my name is Sara, do I need a laptop', 'my name is [name], do I need a laptop'],
    ['cost 2026 is 300 euro', 'cost 2026 is 300 euro'],
  ])('masks %j', (text, masked) => {
    expect(maskPersonalText(text)).toBe(masked);
  });
});

describe('questionGroupKey', () => {
  it('groups the same words in another case, order or punctuation, and not other words', () => {
    expect(questionGroupKey('Do I need a LAPTOP?')).toBe(questionGroupKey('i need a laptop, do'));
    expect(questionGroupKey('Kinderopvang?')).toBe(questionGroupKey('kinderopvang'));
    expect(questionGroupKey('do I need a laptop')).not.toBe(questionGroupKey('do I need a phone'));
  });
});
