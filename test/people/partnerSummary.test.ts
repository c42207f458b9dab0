import { partnerSummary } from '../../src/people/partnerSummary';
import type { PersonRecord } from '../../src/domain/person';
import type { PartnerFile } from '../../src/domain/partnerSteps';
import type { Language } from '../../src/i18n/languages';
import { translator } from '../support/chatDriver';

const file: PartnerFile = {
  version: 1,
  asks: [{ partner: 'itph-academy', askedAt: '2026-11-20T10:00:00.000Z', askedBy: { id: 'acc-lisa', firstName: 'Lisa' }, language: 'ar', answer: 'yes', answeredAt: '2026-11-21T10:00:00.000Z' }],
};
const record = (dutchLevel: string, englishLevel: string) =>
  ({ language: 'ar', startedAt: '2026-10-01T10:00:00.000Z', intake: { answers: { firstName: 'Amina', dutchLevel, englishLevel, municipality: 'Groningen' } } }) as unknown as PersonRecord;

describe('the summary for a partner', () => {
  it.each<Language>(['en', 'nl', 'ar', 'ti'])('%s: a level the person does not have, or does not know, is said in words, not as the code "none"', (lng) => {
    const summary = partnerSummary({ record: record('B1', 'none'), journey: undefined, file, partnerId: 'itph-academy', partnerName: 'ITPH Academy' }, translator(), lng)!;
    const value = (key: string) => summary.lines.find((l) => l.label === translator().t(lng, `partners:summary.${key}`))?.value;
    expect(value('dutch')).toBe('B1');
    expect(value('english')).toBe(translator().t(lng, 'intake:levels.none'));
    const unsure = partnerSummary({ record: record('dontKnow', 'A2'), journey: undefined, file, partnerId: 'itph-academy', partnerName: 'ITPH Academy' }, translator(), lng)!;
    expect(unsure.lines.find((l) => l.label === translator().t(lng, 'partners:summary.dutch'))?.value).toBe(translator().t(lng, 'intake:levels.dontKnow'));
    expect(JSON.stringify(summary)).not.toMatch(/\bnone\b/);
  });
});
