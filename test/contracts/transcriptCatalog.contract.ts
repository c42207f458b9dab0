import type { CatalogNote, TranscriptCatalog } from '../../src/storage/transcriptCatalog';
import { movedClock } from '../support/movedClock';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A turn of a conversation: the person's message at `at`, the bot's answer a millisecond later. */
const turn = (conversationId: string, at: number, language?: string): CatalogNote[] => [
  { channelId: 'whatsapp', conversationId, userId: '31600000001', language, at: new Date(at), message: true },
  { channelId: 'whatsapp', conversationId, userId: '31600000001', language, at: new Date(at + 1), message: false },
];

/**
 * What every TranscriptCatalog must do. `make(retentionMs)` returns an empty catalog (on Redis with the
 * product's upkeep period, during which a later turn of the same conversation writes only what changes).
 */
export function transcriptCatalogContract(make: (retentionMs: number) => TranscriptCatalog): void {
  const clock = movedClock();
  afterEach(() => clock.restore());

  it('lists a new conversation at once, with every field', async () => {
    const catalog = make(HOUR);
    const t0 = clock.set(Date.now());
    await catalog.noteAll(turn('wa:1', t0, 'nl'));
    const expected = { channelId: 'whatsapp', conversationId: 'wa:1', userId: '31600000001', language: 'nl', firstAt: iso(t0), lastAt: iso(t0 + 1), messageCount: 1 };
    expect(await catalog.get('whatsapp', 'wa:1')).toEqual(expected);
    expect(await catalog.between(new Date(t0 - 1000), new Date(t0 + 1000))).toEqual([expected]);
    expect(await catalog.get('whatsapp', 'wa:2')).toBeUndefined();
  });

  it('a later turn within the period moves its last activity, language and count, and is found by them', async () => {
    const catalog = make(HOUR);
    const t0 = clock.set(Date.now());
    await catalog.noteAll(turn('wa:1', t0));
    const t1 = clock.set(t0 + 20_000);
    await catalog.noteAll(turn('wa:1', t1, 'ar'));
    await catalog.note({ channelId: 'whatsapp', conversationId: 'wa:1', userId: '31600000001', at: new Date(t1 + 2), message: false });
    const expected = { channelId: 'whatsapp', conversationId: 'wa:1', userId: '31600000001', language: 'ar', firstAt: iso(t0), lastAt: iso(t1 + 2), messageCount: 2 };
    expect(await catalog.get('whatsapp', 'wa:1')).toEqual(expected);
    // Active after t0 + 10 s (only its later turn was): listed; after t1 + 1 s: not.
    expect(await catalog.between(new Date(t0 + 10_000), new Date(t1 + 1000))).toEqual([expected]);
    expect(await catalog.between(new Date(t1 + 1000), new Date(t1 + 2000))).toEqual([]);
    // Begun after `to`: not listed.
    expect(await catalog.between(new Date(t0 - 2000), new Date(t0 - 1000))).toEqual([]);
  });

  it('lists conversations newest first by their last activity', async () => {
    const catalog = make(HOUR);
    const t0 = clock.set(Date.now());
    await catalog.noteAll([...turn('wa:1', t0), ...turn('wa:2', t0)]);
    clock.set(t0 + 1000);
    await catalog.noteAll(turn('wa:2', t0 + 1000));
    clock.set(t0 + 2000);
    await catalog.noteAll(turn('wa:1', t0 + 2000));
    expect((await catalog.between(new Date(t0 - 1000), new Date(t0 + 3000))).map((m) => m.conversationId)).toEqual(['wa:1', 'wa:2']);
  });

  it('keeps a conversation listed the retention after its last activity, and not a moment longer', async () => {
    const catalog = make(HOUR);
    const t0 = clock.set(Date.now());
    await catalog.noteAll(turn('wa:1', t0));
    const last = clock.set(t0 + 30_000);
    await catalog.noteAll(turn('wa:1', last)); // within the period: its catalog entry may stay at t0
    clock.set(last + HOUR - 1000);
    expect((await catalog.between(new Date(0), new Date(8.64e15))).map((m) => m.conversationId)).toEqual(['wa:1']);
    clock.set(last + 1 + HOUR + 1);
    expect(await catalog.between(new Date(0), new Date(8.64e15))).toEqual([]);
  });

  it('removes a conversation, and catalogues it afresh at once when it is noted again', async () => {
    const catalog = make(HOUR);
    const t0 = clock.set(Date.now());
    await catalog.noteAll([...turn('wa:1', t0, 'nl'), ...turn('wa:1', t0 + 10, 'nl')]);
    await catalog.noteAll(turn('wa:2', t0));
    await catalog.remove('whatsapp', 'wa:1');
    await catalog.remove('whatsapp', 'wa:9'); // never noted: nothing happens
    expect(await catalog.get('whatsapp', 'wa:1')).toBeUndefined();
    expect((await catalog.between(new Date(t0 - 1000), new Date(t0 + 1000))).map((m) => m.conversationId)).toEqual(['wa:2']);
    const t1 = clock.set(t0 + 1000);
    await catalog.noteAll(turn('wa:1', t1));
    const again = { channelId: 'whatsapp', conversationId: 'wa:1', userId: '31600000001', firstAt: iso(t1), lastAt: iso(t1 + 1), messageCount: 1 };
    expect(await catalog.get('whatsapp', 'wa:1')).toEqual({ ...again, language: undefined });
    expect((await catalog.between(new Date(t0 - 1000), new Date(t1 + 1000))).map((m) => m.conversationId)).toEqual(['wa:1', 'wa:2']);
  });
}
