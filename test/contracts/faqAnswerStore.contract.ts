import type { FaqAnswerStore, NextAnswer } from '../../src/storage/faqAnswerStore';

const next = (text: string | null, by = 'lisa', at = '2026-12-06T10:00:00.000Z', topic: NextAnswer['topic'] = 'costs', lang: NextAnswer['lang'] = 'nl'): NextAnswer => ({
  topic,
  lang,
  text,
  changedBy: by,
  changedAt: at,
  review: null,
});

/** What every FaqAnswerStore must do. `make()` returns an empty store. */
export function faqAnswerStoreContract(make: () => FaqAnswerStore): void {
  it('has nothing before staff change an answer', async () => {
    const store = make();
    expect(await store.list()).toEqual([]);
    expect(await store.get('costs', 'nl')).toBeUndefined();
    expect(await store.history('costs', 'nl')).toEqual([]);
  });

  it('writes version 1, then 2, and keeps each change with who, when and the text before, newest first', async () => {
    const store = make();
    const first = await store.write(next('Het kost niets.'), 'edit', 0);
    expect(first).toEqual({ ok: true, answer: { ...next('Het kost niets.'), version: 1 } });
    const second = await store.write(next('Het is gratis voor jou. 👍', 'omar', '2026-12-06T11:00:00.000Z'), 'edit', 1);
    expect(second.ok && second.answer.version).toBe(2);
    expect(await store.get('costs', 'nl')).toEqual({ ...next('Het is gratis voor jou. 👍', 'omar', '2026-12-06T11:00:00.000Z'), version: 2 });
    const reverted = await store.write(next(null, 'sara', '2026-12-06T12:00:00.000Z'), 'revert', 2);
    expect(reverted.ok).toBe(true);
    expect(await store.history('costs', 'nl')).toEqual([
      { version: 3, change: 'revert', by: 'sara', at: '2026-12-06T12:00:00.000Z', text: null, previous: 'Het is gratis voor jou. 👍' },
      { version: 2, change: 'edit', by: 'omar', at: '2026-12-06T11:00:00.000Z', text: 'Het is gratis voor jou. 👍', previous: 'Het kost niets.' },
      { version: 1, change: 'edit', by: 'lisa', at: '2026-12-06T10:00:00.000Z', text: 'Het kost niets.', previous: null },
    ]);
  });

  it('keeps a review mark with the record', async () => {
    const store = make();
    const review = { by: 'sara', at: '2026-12-06T10:30:00.000Z', digest: 'abc' };
    await store.write({ ...next('Tekst'), review }, 'review', 0);
    expect((await store.get('costs', 'nl'))?.review).toEqual(review);
  });

  it('writes nothing when someone else changed the answer since it was read, and says the version now stored', async () => {
    const store = make();
    await store.write(next('A'), 'edit', 0);
    await store.write(next('B', 'omar'), 'edit', 1);
    expect(await store.write(next('C', 'lisa'), 'edit', 1)).toEqual({ ok: false, version: 2 });
    expect(await store.write(next('C', 'lisa'), 'edit', 0)).toEqual({ ok: false, version: 2 });
    expect((await store.get('costs', 'nl'))?.text).toBe('B');
    expect((await store.history('costs', 'nl')).length).toBe(2);
  });

  it('keeps topics and languages apart', async () => {
    const store = make();
    await store.write(next('nl text'), 'edit', 0);
    await store.write(next('en text', 'lisa', '2026-12-06T10:00:00.000Z', 'costs', 'en'), 'edit', 0);
    await store.write(next('ar نص', 'lisa', '2026-12-06T10:00:00.000Z', 'age', 'ar'), 'edit', 0);
    const listed = (await store.list()).map((r) => `${r.topic}/${r.lang}=${r.text}@${r.version}`).sort();
    expect(listed).toEqual(['age/ar=ar نص@1', 'costs/en=en text@1', 'costs/nl=nl text@1']);
    expect(await store.history('age', 'nl')).toEqual([]);
  });

  it('writes many at once, each as its next version', async () => {
    const store = make();
    await store.write(next('old'), 'edit', 0);
    const written = await store.writeAll([next('new', 'import'), next('Hello', 'import', '2026-12-06T10:00:00.000Z', 'age', 'en')], 'import');
    expect(written.map((w) => [w.topic, w.lang, w.version])).toEqual([['costs', 'nl', 2], ['age', 'en', 1]]);
    expect((await store.history('costs', 'nl'))[0]).toMatchObject({ version: 2, change: 'import', by: 'import', text: 'new', previous: 'old' });
    expect(await store.writeAll([], 'import')).toEqual([]);
  });

  it('keeps at most 50 changes of one answer', async () => {
    const store = make();
    for (let v = 0; v < 55; v++) await store.write(next(`text ${v}`), 'edit', v);
    const history = await store.history('costs', 'nl');
    expect(history.length).toBe(50);
    expect(history[0]).toMatchObject({ version: 55, text: 'text 54', previous: 'text 53' });
  });
}
