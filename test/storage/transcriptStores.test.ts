import { MemoryTranscriptStore } from 'botbuilder';
import type { Redis } from 'ioredis';
import { RedisTranscriptStore } from '../../src/storage/redisTranscriptStore';
import { MemoryTranscriptCatalog, RedisTranscriptCatalog } from '../../src/storage/transcriptCatalog';
import { MemoryPeopleIndex, RedisPeopleIndex } from '../../src/people/peopleIndex';
import { connectTestRedis, testDigest, uniquePrefix } from '../support/testRedis';
import { transcriptStoreContract } from '../contracts/transcriptStore.contract';
import { transcriptCatalogContract } from '../contracts/transcriptCatalog.contract';
import { peopleIndexContract } from '../contracts/peopleIndex.contract';

let redis: Redis;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

describe('transcript stores in memory', () => {
  describe('MemoryTranscriptStore (Bot Framework)', () => transcriptStoreContract(() => new MemoryTranscriptStore()));
  describe('MemoryTranscriptCatalog', () => transcriptCatalogContract((retentionMs) => new MemoryTranscriptCatalog(retentionMs)));
  describe('MemoryPeopleIndex', () => peopleIndexContract((retentionMs) => new MemoryPeopleIndex(retentionMs)));
});

describe('transcript stores on a real redis-server', () => {
  describe('RedisTranscriptStore', () => transcriptStoreContract(() => new RedisTranscriptStore(redis, uniquePrefix(), 3600, testDigest)));
  describe('RedisTranscriptCatalog', () => transcriptCatalogContract((retentionMs) => new RedisTranscriptCatalog(redis, uniquePrefix(), retentionMs / 1000, testDigest)));
  describe('RedisPeopleIndex', () => peopleIndexContract((retentionMs) => new RedisPeopleIndex(redis, uniquePrefix(), retentionMs)));
});
