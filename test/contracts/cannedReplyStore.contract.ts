import type { CannedReplyStore } from '../../src/handover/cannedReplyStore';
import { CANNED_REPLIES_MAX } from '../../src/domain/cannedReply';

const t0 = new Date('2026-12-06T10:00:00.000Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const hours = { en: { title: 'Opening hours', text: 'Mentors are here on weekdays from 9 to 17.' }, ar: { title: 'أوقات العمل', text: 'المرشدون هنا من الاثنين إلى الجمعة، من 9 إلى 17.' } };

/** What every CannedReplyStore must do; `make` gives an empty store. */
export function cannedReplyStoreContract(make: () => CannedReplyStore): void {
  it('has no replies at first', async () => {
    const store = make();
    expect(await store.list()).toEqual([]);
    expect(await store.get('nope')).toBeUndefined();
  });

  it('creates a reply at version 1 with its texts per language, and lists them oldest first', async () => {
    const store = make();
    const first = await store.create(hours, 'lisa', t0);
    expect(first).toEqual({ ok: true, reply: { id: expect.any(String), texts: hours, updatedBy: 'lisa', updatedAt: t0.toISOString(), createdAt: t0.toISOString(), version: 1 } });
    const second = await store.create({ nl: { title: 'Welkom', text: 'Welkom bij VIT! 👋' } }, 'omar', later(1));
    const ids = [first, second].map((r) => (r.ok ? r.reply.id : ''));
    expect((await store.list()).map((r) => r.id)).toEqual(ids);
    expect(await store.get(ids[1])).toMatchObject({ texts: { nl: { title: 'Welkom', text: 'Welkom bij VIT! 👋' } }, updatedBy: 'omar' });
  });

  it('changes a reply only at the version that was read, and says the version now stored otherwise', async () => {
    const store = make();
    const created = await store.create(hours, 'lisa', t0);
    const id = created.ok ? created.reply.id : '';
    const changed = await store.update(id, { en: hours.en }, 1, 'omar', later(2));
    expect(changed).toEqual({ ok: true, reply: { id, texts: { en: hours.en }, updatedBy: 'omar', updatedAt: later(2).toISOString(), createdAt: t0.toISOString(), version: 2 } });
    expect(await store.update(id, hours, 1, 'lisa', later(3))).toEqual({ ok: false, reason: 'changed', version: 2 });
    expect((await store.get(id))?.texts).toEqual({ en: hours.en });
    expect(await store.update('nope', hours, 1, 'lisa', later(3))).toEqual({ ok: false, reason: 'not-found' });
  });

  it('lets one of two staff saving the same version at once win', async () => {
    const store = make();
    const created = await store.create(hours, 'lisa', t0);
    const id = created.ok ? created.reply.id : '';
    const results = await Promise.all([store.update(id, { en: hours.en }, 1, 'lisa', later(1)), store.update(id, { ar: hours.ar }, 1, 'omar', later(1))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await store.get(id))?.version).toBe(2);
  });

  it('deletes a reply once', async () => {
    const store = make();
    const created = await store.create(hours, 'lisa', t0);
    const id = created.ok ? created.reply.id : '';
    expect(await store.delete(id)).toBe(true);
    expect(await store.delete(id)).toBe(false);
    expect(await store.list()).toEqual([]);
  });

  it(`holds at most ${CANNED_REPLIES_MAX} replies`, async () => {
    const store = make();
    await Promise.all(Array.from({ length: CANNED_REPLIES_MAX }, (_, i) => store.create({ en: { title: `R${i}`, text: 'x' } }, 'lisa', later(i))));
    expect(await store.create(hours, 'lisa', later(500))).toEqual({ ok: false, reason: 'full' });
    expect(await store.list()).toHaveLength(CANNED_REPLIES_MAX);
  });
}
