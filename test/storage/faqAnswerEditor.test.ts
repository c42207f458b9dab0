import { FaqAnswerEditor, FaqImportError } from '../../src/storage/faqAnswerEditor';
import { MemoryFaqAnswerStore } from '../../src/storage/faqAnswerStore';
import type { LocaleResources } from '../../src/i18n/localeResources';

/** Seeds for "costs" in Dutch and English only: the other languages are missing. */
const resources = {
  nl: { faq: { topics: { costs: { title: 'Kosten', answer: 'Het is gratis.' } } } },
  en: { faq: { topics: { costs: { title: 'Costs', answer: 'It is free.' } } } },
  ar: {},
  tr: {},
  fa: {},
  ti: {},
} as unknown as LocaleResources;

const editor = () => new FaqAnswerEditor({ store: new MemoryFaqAnswerStore(), resources, vars: { answerDays: 30, chatDays: 90 }, now: () => new Date('2026-12-06T12:00:00.000Z') });

describe('FaqAnswerEditor', () => {
  it('says per language whether the answer is missing, not reviewed or reviewed', async () => {
    const e = editor();
    const costs = (await e.overview()).find((t) => t.topic === 'costs')!;
    expect(costs.languages.map((l) => [l.lang, l.status])).toEqual([
      ['nl', 'not-reviewed'],
      ['en', 'not-reviewed'],
      ['ar', 'missing'],
      ['tr', 'missing'],
      ['fa', 'missing'],
      ['ti', 'missing'],
    ]);
    expect(await e.review('costs', 'ar', 0, 'sara')).toEqual({ ok: false, problem: 'missing' });
    const written = await e.edit('costs', 'ar', 'البرنامج مجاني.', 0, 'lisa');
    expect(written.ok && written.view).toMatchObject({ status: 'not-reviewed', edited: true, seed: null, version: 1 });
    const reviewed = await e.review('costs', 'ar', 1, 'sara');
    expect(reviewed.ok && reviewed.view).toMatchObject({ status: 'reviewed', review: { by: 'sara' } });
    // Back to the seed where there is none: missing again.
    const reverted = await e.revert('costs', 'ar', 2, 'lisa');
    expect(reverted.ok && reverted.view).toMatchObject({ status: 'missing', text: null, edited: false });
  });

  it('keeps a review with the text reviewed: an edit drops it, and going back to the seed does not bring it back', async () => {
    const e = editor();
    await e.review('costs', 'nl', 0, 'sara');
    await e.edit('costs', 'nl', 'Het kost niets.', 1, 'lisa');
    expect((await e.get('costs', 'nl')).status).toBe('not-reviewed');
    await e.revert('costs', 'nl', 2, 'lisa');
    expect(await e.get('costs', 'nl')).toMatchObject({ status: 'not-reviewed', text: 'Het is gratis.', review: null });
    await e.review('costs', 'nl', 3, 'sara');
    expect((await e.get('costs', 'nl')).status).toBe('reviewed');
  });

  it('exports edited texts only, and imports them all or nothing', async () => {
    const source = editor();
    await source.edit('costs', 'en', 'Free for you.', 0, 'lisa');
    await source.review('costs', 'en', 1, 'sara');
    await source.review('costs', 'nl', 0, 'sara'); // the seed reviewed: not an edit, not exported
    const file = await source.exportAll();
    expect(file.answers).toEqual([{ topic: 'costs', lang: 'en', text: 'Free for you.', changedBy: 'sara', changedAt: '2026-12-06T12:00:00.000Z', reviewed: { by: 'sara', at: '2026-12-06T12:00:00.000Z' } }]);

    const target = editor();
    await expect(target.importAll({ ...file, answers: [...file.answers, { ...file.answers[0], lang: 'nl', text: '' }] }, 'cli:ops')).rejects.toThrow(FaqImportError);
    await expect(target.importAll({ ...file, extra: true }, 'cli:ops')).rejects.toThrow(/nothing was changed/);
    await expect(target.importAll([], 'cli:ops')).rejects.toThrow(/the file: /);
    expect((await target.get('costs', 'en')).version).toBe(0);
    await target.importAll(file, 'cli:ops');
    expect(await target.get('costs', 'en')).toMatchObject({ text: 'Free for you.', status: 'reviewed', changedBy: 'cli:ops', version: 1 });
    expect((await target.history('costs', 'en'))[0]).toMatchObject({ change: 'import', by: 'cli:ops', previous: null });
  });
});
