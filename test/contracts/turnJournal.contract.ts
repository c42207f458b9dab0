import type { Storage } from 'botbuilder';
import type { StoredReply, TurnJournal } from '../../src/storage/turnJournal';
import { turnKey } from '../../src/storage/turnJournal';

const reply = (n: number, text: string): StoredReply => ({ id: `t-${n}`, activity: { type: 'message', text } });

/**
 * What every TurnJournal must do: the states, the handled mark and the outbox written all or nothing
 * (an eTag conflict writes none of them), the outbox confirmed reply by reply and cleared once sent,
 * another turn's outbox left alone, erasure. `make` returns a fresh journal over a fresh storage.
 */
export function turnJournalContract(make: () => { journal: TurnJournal; storage: Storage }): void {
  const conversation = turnKey('test', 'c1');
  const first = turnKey('test', 'c1', 'a1');
  const second = turnKey('test', 'c1', 'a2');

  it('writes the state, the handled mark and the outbox together', async () => {
    const { journal, storage } = make();
    expect(await journal.lookup(conversation, first)).toEqual({ handled: false, pending: undefined });
    await journal.commit({ 'test/conversations/c1': { n: 1, eTag: '@new' } }, { conversation, activity: first, replies: [reply(1, 'a'), reply(2, 'b')] });
    expect((await storage.read(['test/conversations/c1']))['test/conversations/c1']).toMatchObject({ n: 1 });
    expect(await journal.lookup(conversation, first)).toEqual({ handled: true, pending: { activity: first, replies: [reply(1, 'a'), reply(2, 'b')], sent: 0 } });
    expect((await journal.lookup(conversation, second)).handled).toBe(false);
  });

  it('writes nothing at all when a state was written by someone else since it was read', async () => {
    const { journal, storage } = make();
    await storage.write({ 'test/conversations/c1': { n: 1 } });
    const [stale] = Object.values(await storage.read(['test/conversations/c1']));
    await storage.write({ 'test/conversations/c1': { n: 2 } }); // another turn, meanwhile
    await expect(journal.commit({ 'test/conversations/c1': { ...stale, n: 3 } }, { conversation, activity: first, replies: [reply(1, 'a')] })).rejects.toThrow(/eTag conflict/i);
    expect((await storage.read(['test/conversations/c1']))['test/conversations/c1']).toMatchObject({ n: 2 });
    expect(await journal.lookup(conversation, first)).toEqual({ handled: false, pending: undefined });
  });

  it('counts the replies confirmed sent and clears the outbox once all went', async () => {
    const { journal } = make();
    await journal.commit({}, { conversation, activity: first, replies: [reply(1, 'a'), reply(2, 'b'), reply(3, 'c')] });
    await journal.confirm(conversation, first, 1, 3);
    expect((await journal.lookup(conversation, first)).pending?.sent).toBe(1);
    await journal.confirm(conversation, first, 3, 3);
    expect(await journal.lookup(conversation, first)).toEqual({ handled: true, pending: undefined });
  });

  it("leaves a later turn's outbox alone when an earlier turn confirms late, and a turn without replies clears it", async () => {
    const { journal } = make();
    await journal.commit({}, { conversation, activity: first, replies: [reply(1, 'a')] });
    await journal.commit({}, { conversation, activity: second, replies: [reply(1, 'b')] });
    await journal.confirm(conversation, first, 1, 1);
    expect((await journal.lookup(conversation, second)).pending?.replies).toEqual([reply(1, 'b')]);
    await journal.commit({}, { conversation, activity: turnKey('test', 'c1', 'a3'), replies: [] });
    expect((await journal.lookup(conversation, second)).pending).toBeUndefined();
    expect((await journal.lookup(conversation, first)).handled).toBe(true);
  });

  it('keeps conversations apart and forgets erased ones entirely', async () => {
    const { journal } = make();
    const other = turnKey('test', 'c2');
    await journal.commit({}, { conversation, activity: first, replies: [reply(1, 'a')] });
    await journal.commit({}, { conversation: other, activity: first, replies: [reply(1, 'z')] });
    await journal.erase([conversation]);
    expect(await journal.lookup(conversation, first)).toEqual({ handled: false, pending: undefined });
    expect(await journal.lookup(other, first)).toMatchObject({ handled: true, pending: { replies: [reply(1, 'z')] } });
  });
}
