import type { Activity, TranscriptStore } from 'botbuilder';

const message = (conversationId: string, text: string, at: number, from = 'u1'): Activity =>
  ({
    type: 'message',
    id: `${conversationId}-${text}`,
    text,
    channelId: 'whatsapp',
    conversation: { id: conversationId },
    from: { id: from, role: from === 'bot' ? 'bot' : 'user' },
    recipient: { id: from === 'bot' ? 'u1' : 'bot' },
    timestamp: new Date(at),
  }) as unknown as Activity;

/** A turn as Bot Framework's logger hands it over: the activities one by one, in one go. */
const logTurn = (store: TranscriptStore, activities: Activity[]) => Promise.all(activities.map((a) => store.logActivity(a)));

const texts = async (store: TranscriptStore, conversationId: string) => (await store.getTranscriptActivities('whatsapp', conversationId)).items.map((a) => a.text);
const listed = async (store: TranscriptStore) => (await store.listTranscripts('whatsapp')).items.map((i) => i.id).sort();

/**
 * What every TranscriptStore the bot uses must do (Bot Framework's MemoryTranscriptStore too).
 * `make()` returns an empty store; on Redis a later turn of a conversation within the upkeep period
 * is a plain append, its index entry left as it was.
 */
export function transcriptStoreContract(make: () => TranscriptStore): void {
  it('gives back a conversation in order, turn after turn, and lists it in its channel from its first activity', async () => {
    const store = make();
    const t0 = Date.now() - 5000;
    await logTurn(store, [message('wa:1', 'hallo', t0), message('wa:1', 'Welkom!', t0 + 1, 'bot')]);
    await logTurn(store, [message('wa:1', 'wat is vit', t0 + 1000), message('wa:1', 'VIT is…', t0 + 1001, 'bot')]);
    expect(await texts(store, 'wa:1')).toEqual(['hallo', 'Welkom!', 'wat is vit', 'VIT is…']);
    const { items } = await store.listTranscripts('whatsapp');
    expect(items.map((i) => [i.channelId, i.id, new Date(i.created).getTime()])).toEqual([['whatsapp', 'wa:1', t0]]);
    expect((await store.getTranscriptActivities('whatsapp', 'wa:2')).items).toEqual([]);
    expect((await store.listTranscripts('msteams')).items).toEqual([]);
  });

  it('lists a new conversation at once, beside one logged again within the period', async () => {
    const store = make();
    const t0 = Date.now() - 5000;
    await logTurn(store, [message('wa:1', 'hallo', t0)]);
    await logTurn(store, [message('wa:1', 'nog een', t0 + 1000)]);
    await logTurn(store, [message('wa:2', 'salaam', t0 + 2000)]);
    expect(await listed(store)).toEqual(['wa:1', 'wa:2']);
    expect(await texts(store, 'wa:2')).toEqual(['salaam']);
  });

  it('deletes a transcript, and lists it at once when the conversation is logged again', async () => {
    const store = make();
    const t0 = Date.now() - 5000;
    await logTurn(store, [message('wa:1', 'hallo', t0)]);
    await logTurn(store, [message('wa:2', 'salaam', t0)]);
    await store.deleteTranscript('whatsapp', 'wa:1');
    expect(await texts(store, 'wa:1')).toEqual([]);
    expect(await listed(store)).toEqual(['wa:2']);
    await logTurn(store, [message('wa:1', 'opnieuw', t0 + 1000)]);
    expect(await texts(store, 'wa:1')).toEqual(['opnieuw']);
    expect(await listed(store)).toEqual(['wa:1', 'wa:2']);
  });
}
