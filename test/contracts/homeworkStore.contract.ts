import type { HomeworkDefinition } from '../../src/domain/homework';
import type { HomeworkStore } from '../../src/people/homeworkStore';

const eligible: HomeworkDefinition = {
  track: 'eligible',
  texts: { nl: 'Maak een kleine webpagina over jezelf.', en: 'Make a small web page about yourself.' },
  link: 'https://example.org/huiswerk',
  days: 10,
  updatedAt: '2026-12-06T12:00:00.000Z',
  updatedBy: 'noor',
};

/** What every HomeworkStore must do. `make()` returns an empty store. */
export function homeworkStoreContract(make: () => HomeworkStore): void {
  it('has no homework for a track staff did not define', async () => {
    const store = make();
    expect(await store.get('eligible')).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });

  it('keeps a definition per track and gives it back as saved, listed by track', async () => {
    const store = make();
    await store.put(eligible);
    await store.put({ ...eligible, track: 'direct-route', link: undefined, texts: { ar: 'اصنعوا صفحة صغيرة' }, days: 7 });
    expect(await store.get('eligible')).toEqual(eligible);
    expect((await store.list()).map((d) => [d.track, d.days])).toEqual([
      ['direct-route', 7],
      ['eligible', 10],
    ]);
  });

  it('replaces a track’s definition, and removes it', async () => {
    const store = make();
    await store.put(eligible);
    await store.put({ ...eligible, days: 5, texts: { tr: 'Kendiniz hakkında küçük bir web sayfası yapın.' } });
    expect(await store.get('eligible')).toMatchObject({ days: 5, texts: { tr: 'Kendiniz hakkında küçük bir web sayfası yapın.' } });
    expect((await store.get('eligible'))!.texts.nl).toBeUndefined();
    await store.remove('eligible');
    expect(await store.get('eligible')).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });

  it('gives copies: changing what it returned does not change what it keeps', async () => {
    const store = make();
    await store.put(eligible);
    const got = (await store.get('eligible'))!;
    got.days = 99;
    expect((await store.get('eligible'))!.days).toBe(10);
  });
}
