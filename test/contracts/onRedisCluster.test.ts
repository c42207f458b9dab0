import type { Redis } from 'ioredis';
import { RedisStorage } from '../../src/storage/redisStorage';
import { RedisTurnJournal } from '../../src/storage/redisTurnJournal';
import { RedisConversationLocks } from '../../src/storage/redisConversationLocks';
import { RedisFaqAnswerStore } from '../../src/storage/redisFaqAnswerStore';
import { RedisHandoffQueue } from '../../src/handoff/redisHandoffQueue';
import { RedisWhatsAppStore } from '../../src/channels/whatsapp/whatsAppStore';
import { RedisUnansweredQuestions } from '../../src/people/unansweredQuestions';
import { RedisHandoffEvents } from '../../src/handoff/handoffEvents';
import type { HandoffEvent } from '../../src/handoff/handoffEvents';
import { createRedisClient } from '../../src/storage/redisClient';
import { createLogger } from '../../src/logger';
import { startRedisCluster, TestRedisCluster } from '../support/redisCluster';
import { testDigest, uniquePrefix } from '../support/testRedis';
import { storageContract } from './storage.contract';
import { turnJournalContract } from './turnJournal.contract';
import { conversationLocksContract } from './conversationLocks.contract';
import { faqAnswerStoreContract } from './faqAnswerStore.contract';
import { handoffQueueContract } from './handoffQueue.contract';
import { whatsAppStoreContract } from './whatsAppStore.contract';
import { unansweredQuestionsContract } from './unansweredQuestions.contract';
import { RedisAccountStore } from '../../src/accounts/accountStore';
import { RedisInvitationStore } from '../../src/accounts/invitationStore';
import { RedisTeamsLinkRequests } from '../../src/accounts/teamsLinkRequests';
import { RedisMentorPresenceStore } from '../../src/handover/mentorPresenceStore';
import { RedisCannedReplyStore } from '../../src/handover/cannedReplyStore';
import { RedisHandoffNotes } from '../../src/handoff/redisHandoffNotes';
import { RedisReadMarkers } from '../../src/handoff/readMarkers';
import { MemoryJourneyStore, RedisJourneyStore } from '../../src/people/journeyStore';
import { RedisSlotStore } from '../../src/people/slotStore';
import { RedisSlotPublishLock } from '../../src/people/slotPublishLock';
import { MentorTalks } from '../../src/people/mentorTalks';
import { Journeys } from '../../src/people/journeys';
import { slotStoreContract } from './slotStore.contract';
import { RedisPartnerStore } from '../../src/people/partnerStore';
import { partnerStoreContract } from './partnerStore.contract';
import { RedisOidcFlowStore } from '../../src/console/oidcFlowStore';
import { RedisTranslationCache } from '../../src/translation/translationCache';
import { RedisOutcomeEvents } from '../../src/reporting/redisOutcomeEvents';
import { accountStoreContract, invitationStoreContract, teamsLinkRequestsContract } from './accountStore.contract';
import { mentorPresenceStoreContract } from './mentorPresenceStore.contract';
import { cannedReplyStoreContract } from './cannedReplyStore.contract';
import { handoffNotesContract } from './handoffNotes.contract';
import { readMarkersContract } from './readMarkers.contract';
import { journeyStoreContract } from './journeyStore.contract';
import { poolStoreContract } from './poolStore.contract';
import { RedisPoolStore } from '../../src/people/poolStore';
import { oidcFlowStoreContract } from './oidcFlowStore.contract';
import { translationCacheContract } from './translationCache.contract';
import { outcomeEventsContract } from './outcomeEvents.contract';
import { timedJobsContract } from './timedJobs.contract';
import { talkNoticeStoreContract } from './talkNoticeStore.contract';
import { RedisTalkNoticeStore } from '../../src/people/talkNoticeStore';
import { BullMqTimedJobs, TIMED_QUEUE } from '../../src/jobs/bullMqTimedJobs';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { waitFor } from '../support/consoleClient';
import { RedisTranscriptStore } from '../../src/storage/redisTranscriptStore';
import { RedisTranscriptCatalog } from '../../src/storage/transcriptCatalog';
import { RedisPeopleIndex } from '../../src/people/peopleIndex';
import { transcriptStoreContract } from './transcriptStore.contract';
import { transcriptCatalogContract } from './transcriptCatalog.contract';
import { peopleIndexContract } from './peopleIndex.contract';

// The same contracts as on memory and the single redis-server, on a real 3-master Redis Cluster with
// a replica per master, through the client the product uses with REDIS_CLUSTER=true.
let cluster: TestRedisCluster;
let redis: Redis;
beforeAll(async () => {
  cluster = await startRedisCluster();
  redis = createRedisClient({ url: cluster.url, cluster: true }, createLogger('silent'), 'contracts');
}, 60_000);
afterAll(async () => {
  await redis?.quit();
  await cluster?.dispose();
});

describe('RedisStorage on a Redis Cluster', () => {
  storageContract(() => new RedisStorage(redis, { prefix: uniquePrefix(), digest: testDigest }));
});

describe('RedisTurnJournal on a Redis Cluster', () => {
  turnJournalContract(() => {
    const storage = new RedisStorage(redis, { prefix: uniquePrefix(), digest: testDigest });
    return { journal: new RedisTurnJournal(redis, storage, uniquePrefix(), testDigest), storage };
  });
});

describe('RedisConversationLocks on a Redis Cluster', () => {
  conversationLocksContract((timings) => new RedisConversationLocks(redis, uniquePrefix(), timings, testDigest));
});

describe('RedisFaqAnswerStore on a Redis Cluster', () => {
  faqAnswerStoreContract(() => new RedisFaqAnswerStore(redis, uniquePrefix()));
});

describe('RedisHandoffQueue on a Redis Cluster', () => {
  handoffQueueContract(() => new RedisHandoffQueue(redis, { prefix: uniquePrefix(), endedTtlSeconds: 3600, digest: testDigest }));
});

describe('RedisWhatsAppStore on a Redis Cluster', () => {
  whatsAppStoreContract(() => new RedisWhatsAppStore(redis, uniquePrefix(), 30 * 24 * 60 * 60, testDigest));
});

describe('RedisUnansweredQuestions on a Redis Cluster', () => {
  unansweredQuestionsContract((retentionMs, now) => new RedisUnansweredQuestions(redis, uniquePrefix(), retentionMs, now));
});

describe('account stores on a Redis Cluster', () => {
  accountStoreContract(() => new RedisAccountStore(redis, uniquePrefix(), testDigest));
  invitationStoreContract(() => new RedisInvitationStore(redis, uniquePrefix()));
  teamsLinkRequestsContract(() => new RedisTeamsLinkRequests(redis, uniquePrefix()));
});

describe('mentor presence and canned replies on a Redis Cluster', () => {
  mentorPresenceStoreContract(() => new RedisMentorPresenceStore(redis, uniquePrefix()));
  cannedReplyStoreContract(() => new RedisCannedReplyStore(redis, uniquePrefix()));
});

describe('handoff notes and read markers on a Redis Cluster', () => {
  handoffNotesContract(() => new RedisHandoffNotes(redis, { prefix: uniquePrefix(), ttlSeconds: 3600, digest: testDigest }));
  readMarkersContract(() => new RedisReadMarkers(redis, uniquePrefix(), 3600));
});

describe('journeys on a Redis Cluster', () => {
  journeyStoreContract((retentionMs) => new RedisJourneyStore(redis, uniquePrefix(), testDigest, retentionMs));
});

describe('transcripts, their catalog and the index of people on a Redis Cluster', () => {
  describe('RedisTranscriptStore', () => transcriptStoreContract(() => new RedisTranscriptStore(redis, uniquePrefix(), 3600, testDigest)));
  describe('RedisTranscriptCatalog', () => transcriptCatalogContract((retentionMs) => new RedisTranscriptCatalog(redis, uniquePrefix(), retentionMs / 1000, testDigest)));
  describe('RedisPeopleIndex', () => peopleIndexContract((retentionMs) => new RedisPeopleIndex(redis, uniquePrefix(), retentionMs)));
});

describe('slots (talks and interviews) and their publish lock on a Redis Cluster', () => {
  slotStoreContract((retentionMs) => new RedisSlotStore(redis, uniquePrefix(), testDigest, retentionMs));

  it('publishes one of ten overlapping times sent at once by one owner', async () => {
    const prefix = uniquePrefix();
    const talks = new MentorTalks(new RedisSlotStore(redis, prefix, testDigest, 86_400_000), new Journeys(new MemoryJourneyStore(86_400_000), { homeworkDays: 14 }), undefined, new RedisSlotPublishLock(redis, prefix));
    const base = Date.now() + 86_400_000;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => talks.publish({ id: 'acc-lisa', firstName: 'Lisa' }, { start: new Date(base + i * 60_000).toISOString(), durationMinutes: 30, languages: ['nl'], link: 'https://meet.example.org/lisa', weeks: 1, kind: 'interview' }, new Date())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.problem === 'overlap')).toHaveLength(9);
  });
});

describe('partner files on a Redis Cluster', () => {
  partnerStoreContract((retentionMs) => new RedisPartnerStore(redis, uniquePrefix(), testDigest, retentionMs));
});

describe('The talent pool on a Redis Cluster', () => {
  poolStoreContract((retentionMs) => new RedisPoolStore(redis, uniquePrefix(), retentionMs));
});

describe('Microsoft sign-in flows and kept translations on a Redis Cluster', () => {
  oidcFlowStoreContract(() => new RedisOidcFlowStore(redis, uniquePrefix(), 600));
  translationCacheContract(() => new RedisTranslationCache(redis, { prefix: uniquePrefix(), ttlMs: 30 * 86_400_000, digest: testDigest }));
});

describe('timed jobs (BullMQ) on a Redis Cluster', () => {
  timedJobsContract(async () => {
    const prefix = uniquePrefix();
    const jobs = new BullMqTimedJobs({ url: cluster.url, cluster: true, keyPrefix: prefix, lockMs: 5000, logger: createLogger('silent') });
    await jobs.start();
    const node = new URL(cluster.url);
    const watching = new Cluster([{ host: node.hostname, port: Number(node.port) }], { redisOptions: { maxRetriesPerRequest: null } });
    const watch = new Queue(TIMED_QUEUE, { connection: watching, prefix: `${prefix}{jobs}` });
    const settle = async () => {
      // Settled when no job is due, waiting or running.
      await waitFor(async () => {
        const counts = await watch.getJobCounts('wait', 'active', 'prioritized');
        const delayed = (await watch.getDelayed()).filter((j) => j.timestamp + (j.delay ?? 0) <= Date.now());
        return counts.wait + counts.active + counts.prioritized + delayed.length === 0;
      }, 'every due job run');
    };
    return { jobs, now: () => new Date(), settle, close: async () => { await jobs.close(); await watch.close(); await watching.quit(); } };
  });
});

describe('RedisOutcomeEvents on a Redis Cluster', () => {
  outcomeEventsContract(() => new RedisOutcomeEvents(redis, uniquePrefix()));
});

describe('handoff events over pub/sub on a Redis Cluster', () => {
  it('reaches a subscriber connected through another node of the cluster', async () => {
    const logger = createLogger('silent');
    const channel = `${uniquePrefix()}handoff-events`;
    // Each instance has its own subscriber; the cluster passes a PUBLISH on to every node.
    const other = createRedisClient({ url: `redis://127.0.0.1:${cluster.ports[3]}`, cluster: true }, logger, 'other');
    const receiving = new RedisHandoffEvents(other, createRedisClient({ url: `redis://127.0.0.1:${cluster.ports[5]}`, cluster: true }, logger, 'events'), channel, logger);
    const sending = new RedisHandoffEvents(redis, createRedisClient({ url: cluster.url, cluster: true }, logger, 'events'), channel, logger);
    try {
      await receiving.whenSubscribed();
      const received = new Promise<HandoffEvent>((resolve) => receiving.subscribe(resolve));
      const event = { type: 'new', handoffId: 'h-1' } as unknown as HandoffEvent;
      await sending.publish(event);
      expect(await received).toEqual(event);
    } finally {
      await receiving.close();
      await sending.close();
      await other.quit();
    }
  });
});

describe('RedisTalkNoticeStore on a Redis Cluster', () => {
  talkNoticeStoreContract(() => new RedisTalkNoticeStore(redis, uniquePrefix(), 60_000));
});
