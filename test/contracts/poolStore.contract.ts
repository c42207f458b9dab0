import { answerConsent, askToJoin } from '../../src/domain/talentPool';
import type { PoolEntry, PoolStore } from '../../src/people/poolStore';

const put = (store: PoolStore, who: string, e: PoolEntry, now: Date) => store.update(who, () => e, now);

const T0 = new Date('2026-03-02T09:00:00.000Z');
const member = answerConsent(askToJoin('language-first', { dutch: 'A1', english: 'none', interested: true, outcome: 'language-first', province: 'Drenthe' }, T0), true, 'fa', 8, T0);
const entry = (userId: string): PoolEntry => ({
  person: { channelId: 'whatsapp', userId },
  member,
  contact: { conversation: { channelId: 'whatsapp', serviceUrl: 'whatsapp://graph', conversation: { id: `whatsapp:${userId}` }, user: { id: userId }, bot: { id: 'vit-bot' } }, language: 'fa' },
});

/** What every PoolStore must do. `make(retentionMs)` returns an empty store. */
export function poolStoreContract(make: (retentionMs: number) => PoolStore): void {
  it('keeps a person\'s place with how to reach them, lists the pool newest first, and forgets them', async () => {
    const store = make(86_400_000);
    const now = new Date();
    expect(await store.get('a1')).toBeUndefined();
    await put(store, 'a1', entry('NL.31611111111'), now);
    await put(store, 'b2', entry('NL.31622222222'), new Date(now.getTime() + 1000));
    expect(await store.get('a1')).toEqual(entry('NL.31611111111'));
    expect((await store.list(10, new Date(now.getTime() + 2000))).map((e) => e.who)).toEqual(['b2', 'a1']);
    await store.erase('a1');
    expect(await store.get('a1')).toBeUndefined();
    expect((await store.list(10, new Date(now.getTime() + 2000))).map((e) => e.who)).toEqual(['b2']);
  });

  it('gives a check-in\'s claim to one caller only; released, it can be taken again; sent says so; an erased person gets none', async () => {
    const store = make(86_400_000);
    await put(store, 'c3', entry('NL.31633333333'), new Date());
    const at = '2026-04-27T09:00:00.000Z';
    const claims = await Promise.all([store.claim('c3', at), store.claim('c3', at), store.claim('c3', at)]);
    expect(claims.sort()).toEqual(['claimed', 'sending', 'sending']);
    await store.release('c3', at);
    expect(await store.claim('c3', at)).toBe('claimed');
    await store.sent('c3', at);
    expect(await store.claim('c3', at)).toBe('sent');
    // A time the entry does not wait for (stopped, planned anew) gets nothing to send.
    expect(await store.claim('c3', '2026-06-22T09:00:00.000Z')).toBe('sent');
    await store.update('c3', (current) => current && { ...current, member: { ...current.member, nextAt: '2026-06-22T09:00:00.000Z' } }, new Date());
    expect(await store.claim('c3', '2026-06-22T09:00:00.000Z')).toBe('claimed');
    await store.erase('c3');
    expect(await store.claim('c3', '2026-08-17T09:00:00.000Z')).toBe('sent');
    expect(await store.get('c3')).toBeUndefined();
  });

  it('changes a place as it is now: the change sees the current entry, says what it found and wrote; no change writes nothing', async () => {
    const store = make(86_400_000);
    const now = new Date();
    expect(await store.update('f6', () => undefined, now)).toEqual({ before: undefined });
    expect(await store.get('f6')).toBeUndefined();
    await put(store, 'f6', entry('NL.31666666666'), now);
    const got = await store.update('f6', (current) => current && { ...current, member: { ...current.member, unanswered: current.member.unanswered + 1 } }, now);
    expect(got.before?.member.unanswered).toBe(0);
    expect(got.after?.member.unanswered).toBe(1);
    expect((await store.get('f6'))?.member.unanswered).toBe(1);
    expect(await store.update('f6', () => undefined, now)).toEqual({ before: got.after });
    await store.erase('f6');
    expect(await store.update('f6', (current) => current && { ...current, member: { ...current.member, unanswered: 9 } }, now)).toEqual({ before: undefined });
    expect(await store.get('f6')).toBeUndefined();
  });

  it('loses no update when two writers change one person at the same moment, round after round', async () => {
    const store = make(86_400_000);
    const now = new Date();
    await put(store, 'g7', entry('NL.31677777777'), now);
    const addLevel = (tag: string) => store.update('g7', (current) => current && { ...current, member: { ...current.member, levels: [...current.member.levels, { ...current.member.levels[0], outcome: tag }] } }, now);
    const rounds = 40;
    for (let round = 0; round < rounds; round++) await Promise.all([addLevel(`job-${round}`), addLevel(`turn-${round}`)]);
    const outcomes = (await store.get('g7'))!.member.levels.map((l) => l.outcome);
    expect(outcomes).toHaveLength(1 + 2 * rounds);
    for (let round = 0; round < rounds; round++) expect(outcomes).toEqual(expect.arrayContaining([`job-${round}`, `turn-${round}`]));
  });

  it('leaves out of the pool view whoever was last written longer ago than the retention', async () => {
    const store = make(60_000);
    const now = new Date();
    await put(store, 'd4', entry('NL.31644444444'), new Date(now.getTime() - 120_000));
    await put(store, 'e5', entry('NL.31655555555'), now);
    expect((await store.list(10, now)).map((e) => e.who)).toEqual(['e5']);
  });
}
