import type { ReadMarkers } from '../../src/handoff/readMarkers';

/** What every ReadMarkers must do. `make()` returns an empty store. */
export function readMarkersContract(make: () => ReadMarkers): void {
  it('gives 0 for a conversation never read, and the count once read', async () => {
    const markers = make();
    expect(await markers.readCounts(['h-1', 'h-2'], 'sara')).toEqual(new Map([['h-1', 0], ['h-2', 0]]));
    expect(await markers.markRead('h-1', 'sara', 3)).toBe(3);
    expect(await markers.readCounts(['h-1', 'h-2'], 'sara')).toEqual(new Map([['h-1', 3], ['h-2', 0]]));
  });

  it('never moves a marker back (an older tab sending a lower count)', async () => {
    const markers = make();
    await markers.markRead('h-1', 'sara', 5);
    expect(await markers.markRead('h-1', 'sara', 2)).toBe(5);
    expect(await markers.markRead('h-1', 'sara', 7)).toBe(7);
    expect((await markers.readCounts(['h-1'], 'sara')).get('h-1')).toBe(7);
  });

  it('keeps one marker per reader', async () => {
    const markers = make();
    await markers.markRead('h-1', 'sara', 4);
    await markers.markRead('h-1', 'omar', 1);
    expect((await markers.readCounts(['h-1'], 'sara')).get('h-1')).toBe(4);
    expect((await markers.readCounts(['h-1'], 'omar')).get('h-1')).toBe(1);
    expect((await markers.readCounts(['h-1'], 'lina')).get('h-1')).toBe(0);
  });

  it('answers an empty question with an empty map', async () => {
    expect((await make().readCounts([], 'sara')).size).toBe(0);
  });

  it('forgets every reader\'s marker of the handoffs it is given, and only those', async () => {
    const markers = make();
    await markers.markRead('h-1', 'sara', 4);
    await markers.markRead('h-1', 'omar', 2);
    await markers.markRead('h-2', 'sara', 6);
    await markers.forget(['h-1']);
    expect(await markers.readCounts(['h-1', 'h-2'], 'sara')).toEqual(new Map([['h-1', 0], ['h-2', 6]]));
    expect((await markers.readCounts(['h-1'], 'omar')).get('h-1')).toBe(0);
    await markers.forget([]);
  });
}
