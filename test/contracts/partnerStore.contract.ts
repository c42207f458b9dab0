import { answerConsent, askConsent, partnerRevision, recordStep, refer, type PartnerFile } from '../../src/domain/partnerSteps';
import type { PartnerStore } from '../../src/people/partnerStore';

const T0 = new Date('2026-12-01T09:00:00.000Z');
const amal = { channelId: 'whatsapp', userId: '31612345678' };
const bashir = { channelId: 'msteams', userId: '29:bashir' };
const noor = { id: 'acc-noor', firstName: 'Noor' };

function ok(result: ReturnType<typeof askConsent>): PartnerFile {
  if (!result.ok) throw new Error(result.refusal.code);
  return result.file;
}
const asked = () => ok(askConsent(undefined, 'itph-academy', 'selected', noor, 'ar', T0));

/** What every PartnerStore must do. `make(retentionMs)` returns an empty store. */
export function partnerStoreContract(make: (retentionMs: number) => PartnerStore): void {
  const DAY = 86_400_000;

  it('has no file for a person it never saw', async () => {
    expect(await make(30 * DAY).get(amal)).toBeUndefined();
  });

  it('keeps the file with every question, answer, referral and step, and gives it back as saved', async () => {
    const store = make(30 * DAY);
    const a = asked();
    expect(await store.save(amal, a, 0)).toBe(true);
    const yes = ok(answerConsent(a, 'yes', T0));
    expect(await store.save(amal, yes, 1)).toBe(true);
    const referred = ok(refer(yes, 'itph-academy', 'selected', noor, T0));
    expect(await store.save(amal, referred, 2)).toBe(true);
    const step = ok(recordStep(referred, { step: 'signed-up', date: '2026-12-01', note: 'ingeschreven, بخير' }, noor, T0));
    expect(await store.save(amal, step, partnerRevision(referred))).toBe(true);
    expect(await store.get(amal)).toEqual(step);
    expect(await store.get(bashir)).toBeUndefined();
  });

  it('refuses a save made on a file another write changed first, and keeps the first', async () => {
    const store = make(30 * DAY);
    const a = asked();
    await store.save(amal, a, 0);
    const yes = ok(answerConsent(a, 'yes', T0));
    const no = ok(answerConsent(a, 'no', T0));
    expect(await store.save(amal, yes, 1)).toBe(true);
    expect(await store.save(amal, no, 1)).toBe(false);
    expect((await store.get(amal))!.asks[0].answer).toBe('yes');
    expect(await store.save(bashir, asked(), 1)).toBe(false);
  });

  it('erases one person and leaves the others', async () => {
    const store = make(30 * DAY);
    await store.save(amal, asked(), 0);
    await store.save(bashir, asked(), 0);
    await store.erase(amal);
    await store.erase({ channelId: 'whatsapp', userId: 'nobody' });
    expect(await store.get(amal)).toBeUndefined();
    expect(await store.get(bashir)).toEqual(asked());
    expect(await store.save(amal, asked(), 0)).toBe(true);
  });

  it('forgets the file once the retention has passed since its last change', async () => {
    const store = make(150);
    await store.save(amal, asked(), 0);
    expect(await store.get(amal)).toEqual(asked());
    const until = Date.now() + 5000;
    while ((await store.get(amal)) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.get(amal)).toBeUndefined();
  });

  it('gives copies: changing what it returned does not change what it keeps', async () => {
    const store = make(30 * DAY);
    await store.save(amal, asked(), 0);
    const got = (await store.get(amal))!;
    got.asks[0].partner = 'motopp';
    expect((await store.get(amal))!.asks[0].partner).toBe('itph-academy');
  });
}
