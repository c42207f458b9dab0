import type { Activity } from 'botbuilder';
import { RedisTranscriptStore } from '../../src/storage/redisTranscriptStore';
import { RedisTranscriptCatalog } from '../../src/storage/transcriptCatalog';
import { connectTestRedis, uniquePrefix } from '../support/testRedis';
import { waitFor } from '../support/consoleClient';

const activity = (text: string): Activity =>
  ({
    type: 'message',
    text,
    channelId: 'emulator',
    conversation: { id: 'c-retention' },
    from: { id: 'u1', role: 'user' },
    recipient: { id: 'bot' },
    timestamp: new Date(),
  }) as unknown as Activity;

describe('transcript retention on a real redis-server', () => {
  it('keeps a transcript for the retention period and then it is gone, with its catalog entry, without anyone acting', async () => {
    const redis = connectTestRedis();
    const prefix = uniquePrefix();
    try {
      const store = new RedisTranscriptStore(redis, prefix, 1);
      const catalog = new RedisTranscriptCatalog(redis, prefix, 1);
      await store.logActivity(activity('hallo'));
      await catalog.note({ channelId: 'emulator', conversationId: 'c-retention', userId: 'u1', language: 'nl', at: new Date(), message: true });
      expect((await store.getTranscriptActivities('emulator', 'c-retention')).items.map((a) => a.text)).toEqual(['hallo']);
      expect(await catalog.get('emulator', 'c-retention')).toMatchObject({ userId: 'u1', messageCount: 1 });
      // The transcript and its catalog entry each carry their own TTL, set a moment apart: wait for both.
      await waitFor(
        async () => (await redis.exists(`${prefix}transcript:emulator:c-retention`, `${prefix}transcript-meta:emulator:c-retention`)) === 0,
        'the transcript and its catalog entry expiring',
        5000,
      );
      expect((await store.getTranscriptActivities('emulator', 'c-retention')).items).toEqual([]);
      expect(await catalog.get('emulator', 'c-retention')).toBeUndefined();
      await new Promise((r) => setTimeout(r, 50));
      expect(await catalog.between(new Date(0), new Date())).toEqual([]);
      expect((await store.listTranscripts('emulator')).items).toEqual([]);
      expect(await redis.keys(`${prefix}*`)).toEqual([]);
    } finally {
      await redis.quit();
    }
  });

  it('pages through long transcripts and lists them per channel', async () => {
    const redis = connectTestRedis();
    const prefix = uniquePrefix();
    try {
      const store = new RedisTranscriptStore(redis, prefix, 3600);
      for (let i = 0; i < 130; i++) await store.logActivity(activity(`m${i}`));
      const first = await store.getTranscriptActivities('emulator', 'c-retention');
      expect(first.items).toHaveLength(100);
      const second = await store.getTranscriptActivities('emulator', 'c-retention', first.continuationToken);
      expect(second.items.map((a) => a.text).at(-1)).toBe('m129');
      expect(second.continuationToken).toBe('');
      expect((await store.listTranscripts('emulator')).items.map((i) => i.id)).toEqual(['c-retention']);
      await store.deleteTranscript('emulator', 'c-retention');
      expect(await redis.keys(`${prefix}*`)).toEqual([]);
    } finally {
      await redis.quit();
    }
  });
});
