import { MAX_TRANSLATIONS_PER_PERSON, TranslationCache } from '../../src/translation/translationCache';

const omar = { channelId: 'whatsapp', userId: '31612345678' };
const sara = { channelId: 'msteams', userId: '29:abc' };

/** What every TranslationCache must do. `make()` returns an empty cache. */
export function translationCacheContract(make: () => TranslationCache): void {
  it('gives back what was put, per person, and leaves out what it does not have', async () => {
    const cache = make();
    await cache.put(omar, [['n1', { text: 'Ik wil werken', from: 'ar' }], ['n2', { text: 'Dank je' }]]);
    await cache.put(sara, [['n1', { text: 'Other person', from: 'ti' }]]);
    expect(await cache.get(omar, ['n1', 'n2', 'n3'])).toEqual(new Map([['n1', { text: 'Ik wil werken', from: 'ar' }], ['n2', { text: 'Dank je' }]]));
    expect(await cache.get(sara, ['n1'])).toEqual(new Map([['n1', { text: 'Other person', from: 'ti' }]]));
    expect(await cache.get(omar, [])).toEqual(new Map());
    expect((await cache.all(omar)).sort((a, b) => a.text.localeCompare(b.text))).toEqual([{ text: 'Dank je' }, { text: 'Ik wil werken', from: 'ar' }]);
    expect(await cache.all({ channelId: 'whatsapp', userId: 'nobody' })).toEqual([]);
  });

  it('erases one person’s translations and nobody else’s', async () => {
    const cache = make();
    await cache.put(omar, [['n1', { text: 'a' }]]);
    await cache.put(sara, [['n1', { text: 'b' }]]);
    await cache.erase(omar);
    expect((await cache.get(omar, ['n1'])).size).toBe(0);
    expect((await cache.get(sara, ['n1'])).size).toBe(1);
  });

  it('keeps at most the bound per person: past it, the person’s entries start over', async () => {
    const cache = make();
    const many = Array.from({ length: MAX_TRANSLATIONS_PER_PERSON }, (_, i): [string, { text: string }] => [`m${i}`, { text: `t${i}` }]);
    await cache.put(omar, many);
    expect((await cache.get(omar, ['m0', `m${MAX_TRANSLATIONS_PER_PERSON - 1}`])).size).toBe(2);
    await cache.put(omar, [['one-more', { text: 'x' }]]);
    expect((await cache.get(omar, ['m0', 'one-more']))).toEqual(new Map([['one-more', { text: 'x' }]]));
  });
}
