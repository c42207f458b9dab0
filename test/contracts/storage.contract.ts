import type { Storage, StoreItem } from 'botbuilder';

/**
 * The behaviour every bot-state Storage must have (after botbuilder-core's storageBaseTests):
 * unknown keys read as absent, writes set an eTag, a stale eTag fails, "*" always writes,
 * delete is idempotent. `make` returns a fresh, empty storage.
 */
export function storageContract(make: () => Promise<Storage> | Storage): void {
  let storage: Storage;
  beforeEach(async () => {
    storage = await make();
  });

  it('reads unknown keys as absent', async () => {
    expect(await storage.read(['nobody', 'nothing'])).toEqual({});
  });

  it('does nothing when asked to write or delete nothing', async () => {
    await expect(storage.write({})).resolves.toBeUndefined();
    await expect(storage.delete([])).resolves.toBeUndefined();
  });

  it('stores an item and gives it an eTag', async () => {
    await storage.write({ a: { count: 1, nested: { list: [1, 2] } } });
    const { a } = await storage.read(['a']);
    expect(a).toMatchObject({ count: 1, nested: { list: [1, 2] } });
    expect(typeof a.eTag).toBe('string');
    expect(a.eTag).not.toBe('');
  });

  it('keeps Arabic, Persian and Tigrinya text intact', async () => {
    const text = 'مرحبا · سلام، می‌خواهم · ሰላም እየ';
    await storage.write({ t: { text } });
    expect((await storage.read(['t'])).t.text).toBe(text);
  });

  it('reads several keys at once, leaving out the absent ones', async () => {
    await storage.write({ x: { v: 'x' }, y: { v: 'y' } });
    const items = await storage.read(['x', 'missing', 'y']);
    expect(Object.keys(items).sort()).toEqual(['x', 'y']);
    expect(items.x.v).toBe('x');
    expect(items.y.v).toBe('y');
  });

  it('accepts a write with the current eTag and gives a new eTag', async () => {
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k'])).k as StoreItem;
    await storage.write({ k: { ...first, v: 2 } });
    const second = (await storage.read(['k'])).k as StoreItem;
    expect(second.v).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
  });

  it('rejects a write with a stale eTag and keeps the newer value', async () => {
    await storage.write({ k: { v: 1 } });
    const stale = (await storage.read(['k'])).k as StoreItem;
    await storage.write({ k: { ...stale, v: 2 } });
    await expect(storage.write({ k: { ...stale, v: 3 } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['k'])).k.v).toBe(2);
  });

  it('always writes with eTag "*"', async () => {
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    expect((await storage.read(['k'])).k.v).toBe(2);
  });

  it('lets exactly one of two concurrent writers with the same eTag win', async () => {
    await storage.write({ k: { v: 0 } });
    const base = (await storage.read(['k'])).k as StoreItem;
    const results = await Promise.allSettled([
      storage.write({ k: { ...base, v: 'first' } }),
      storage.write({ k: { ...base, v: 'second' } }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = results[0].status === 'fulfilled' ? 'first' : 'second';
    expect((await storage.read(['k'])).k.v).toBe(winner);
  });

  it('deletes items, and deleting an absent item is not an error', async () => {
    await storage.write({ k: { v: 1 }, keep: { v: 2 } });
    await storage.delete(['k']);
    await storage.delete(['k', 'never-there']);
    expect(await storage.read(['k', 'keep'])).toEqual({ keep: expect.objectContaining({ v: 2 }) });
  });

  it('creates an item anew after it was deleted, whatever eTag the writer holds', async () => {
    await storage.write({ k: { v: 1 } });
    const old = (await storage.read(['k'])).k as StoreItem;
    await storage.delete(['k']);
    await storage.write({ k: { ...old, v: 'again' } });
    expect((await storage.read(['k'])).k.v).toBe('again');
  });
}
