import { FakeConnector } from '../support/fakeConnector';
import { startTestApp } from '../support/testApp';
import { addAccount, ConsoleClient } from '../support/consoleClient';
import { eligibleWithMentor } from '../support/eligibleWithMentor';
import { translator } from '../support/chatDriver';
import { connectTestRedis, keyspace, testRedisUrl, uniquePrefix } from '../support/testRedis';
import { PARTNER_STEPS } from '../../src/domain/partnerSteps';

const t = (key: string, vars?: Record<string, unknown>) => translator().t('ar', key, vars);
const SELECTION = ['mentor-talk-booked', 'mentor-talk-held', 'homework-given', 'homework-submitted', 'homework-reviewed', 'selection-intake'] as const;

describe('partner console API on Redis', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('asks the person in the chat, refers only after her yes, records the nine steps in order, tells her each, counts the funnel, gives the summary, exports and erases', async () => {
    const prefix = uniquePrefix();
    const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, PARTNERS: 'itph-academy=ITPH Academy,make-it-work=Make IT Work' });
    const redis = connectTestRedis();
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      await addAccount(app, 'lisa', 'staff');
      await addAccount(app, 'root', 'admin');
      const [sara, lisa, root] = ['sara', 'lisa', 'root'].map(() => new ConsoleClient(url));
      for (const [client, name] of [[sara, 'sara'], [lisa, 'lisa'], [root, 'root']] as const) await client.login(name);
      const { person, handoffId, userId } = await eligibleWithMentor(url, connector, sara);
      // The mentor closes the conversation: from here the bot answers her again.
      await sara.post(`/console/api/handoffs/${handoffId}/close`, { outcome: 'helped', note: '' });
      await person.hears(t('handoff:rateQuestion'));
      await person.say('5');
      await person.hears(t('handoff:ratingThanks'));

      const key = ((await (await lisa.get('/console/api/journeys')).json()) as any).items[0].key;
      const path = `/console/api/people/${key}/partner`;

      // Staff only; before `selected` nothing can be asked.
      expect((await sara.get(`/console/api/handoffs/${handoffId}/partner`)).status).toBe(403);
      const before = (await (await lisa.get(path)).json()) as any;
      expect(before).toMatchObject({ stage: 'motivation', file: null, next: null, partners: [{ id: 'itph-academy', name: 'ITPH Academy' }, { id: 'make-it-work', name: 'Make IT Work' }] });
      const early = await lisa.post(`${path}/ask`, { partner: 'itph-academy' });
      expect([early.status, ((await early.json()) as any).refusal.code]).toEqual([409, 'not-selected']);
      for (const to of [...SELECTION, 'selected']) expect((await lisa.post(`/console/api/people/${key}/journey/moves`, { to, reason: 'ok' })).status).toBe(200);

      // A referral without a yes is refused with a clear code; an unknown partner is a bad request.
      const noConsent = await lisa.post(`${path}/refer`, { partner: 'itph-academy' });
      expect([noConsent.status, ((await noConsent.json()) as any).refusal.code]).toEqual([409, 'no-consent']);
      expect((await lisa.post(`${path}/ask`, { partner: 'capgemini-academy' })).status).toBe(400);
      expect((await lisa.post(`${path}/ask`, { partner: 'x'.repeat(41) })).status).toBe(400);

      // The question goes out in her language, naming the partner.
      const asked = (await (await lisa.post(`${path}/ask`, { partner: 'itph-academy' })).json()) as any;
      expect(asked).toMatchObject({ delivery: 'sent', file: { asks: [{ partner: 'itph-academy', language: 'ar', askedBy: { firstName: 'Lisa' } }] } });
      await person.hears(t('partners:consent.question', { partner: 'ITPH Academy' }));
      const pending = await lisa.post(`${path}/refer`, { partner: 'itph-academy' });
      expect(((await pending.json()) as any).refusal.code).toBe('consent-pending');
      expect(((await (await lisa.get(`${path}/summary`)).json()) as any).error).toBe('no-consent');

      // Her yes (with a word of her own), then the referral.
      await person.say('نعم موافق');
      await person.hears(t('partners:consent.yes', { partner: 'ITPH Academy' }));
      const referred = (await (await lisa.post(`${path}/refer`, { partner: 'itph-academy' })).json()) as any;
      expect(referred).toMatchObject({ delivery: 'sent', next: 'signed-up', file: { referral: { partner: 'itph-academy', steps: [] } } });
      await person.hears(t('partners:referred', { partner: 'ITPH Academy' }));

      // Steps in order: one out of order is refused naming the next; a short contract is refused.
      const today = new Date().toISOString().slice(0, 10);
      const outOfOrder = await lisa.post(`${path}/steps`, { step: 'screened', date: today, note: '' });
      expect([outOfOrder.status, ((await outOfOrder.json()) as any).refusal]).toEqual([409, { code: 'out-of-order', expected: 'signed-up', step: 'screened' }]);
      expect((await lisa.post(`${path}/steps`, { step: 'signed-up', date: today, note: 'x'.repeat(700) })).status).toBe(400);
      for (const step of PARTNER_STEPS) {
        if (step === 'contract-signed') {
          const short = await lisa.post(`${path}/steps`, { step, date: today, note: '', contract: { months: 3, hoursPerWeek: 36, offBenefits: true } });
          expect(((await short.json()) as any).refusal.code).toBe('contract-too-short');
          const few = await lisa.post(`${path}/steps`, { step, date: today, note: '', contract: { months: 12, hoursPerWeek: 24, offBenefits: true } });
          expect(((await few.json()) as any).refusal.code).toBe('contract-too-few-hours');
        }
        const body = { step, date: today, note: `noot ${step}`, ...(step === 'contract-signed' ? { contract: { months: 12, hoursPerWeek: 36, offBenefits: true } } : {}) };
        const recorded = (await (await lisa.post(`${path}/steps`, body)).json()) as any;
        expect([step, recorded.delivery, recorded.file.referral.steps.at(-1).step]).toEqual([step, 'sent', step]);
      }
      const decision = new Intl.DateTimeFormat('ar', { day: 'numeric', month: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date(`${new Date(Date.parse(`${today}T00:00:00Z`) + 28 * 86400000).toISOString().slice(0, 10)}T12:00:00Z`));
      for (const step of PARTNER_STEPS) await person.hears(t(`partners:steps.${step}`, { partner: 'ITPH Academy', date: decision }));
      const done = (await (await lisa.get(path)).json()) as any;
      expect(done.next).toBeNull();
      expect(done.file.referral.steps.map((s: any) => [s.step, s.by.firstName, s.note])).toEqual(PARTNER_STEPS.map((s) => [s, 'Lisa', `noot ${s}`]));
      expect(((await (await lisa.post(`${path}/steps`, { step: 'employer-pays', date: today, note: '' })).json()) as any).refusal.code).toBe('all-done');

      // The funnel: every step once, from her first message to the signed contract, with no person in them.
      const steps = await app.records.outcomes.steps('2020-01-01', '2029-12-31');
      expect(steps.map((s) => [s.step, s.language, s.region, s.daysSinceFirstContact])).toEqual([
        ['started', 'ar', null, 0],
        ['intake', 'ar', 'Overijssel', 0],
        ['selected', 'ar', 'Overijssel', 0],
        ['referred', 'ar', 'Overijssel', 0],
        ['training-started', 'ar', 'Overijssel', 0],
        ['contract-signed', 'ar', 'Overijssel', 0],
      ]);
      expect(steps[0].cohort).toBe(today.slice(0, 7));
      expect(JSON.stringify(steps)).not.toContain(userId);

      // The summary: only what she agreed to share; HTML escaped; no ids.
      const md = await lisa.get(`${path}/summary?lang=nl`);
      expect(md.headers.get('content-type')).toContain('text/markdown');
      const text = await md.text();
      expect(text).toContain('# Samenvatting voor ITPH Academy');
      expect(text).toContain('آمنة');
      expect(text).toContain('Overijssel');
      expect(text).toContain('أحب البرمجة');
      expect(text).not.toContain('Zwolle');
      expect(text).not.toContain(userId);
      const html = await (await lisa.get(`${path}/summary?lang=ar&format=html&download=1`)).text();
      expect(html).toContain('<html lang="ar" dir="rtl">');
      expect(html).toContain('<dd><bdi>آمنة</bdi></dd>');

      // The audit log has every view and change; the export has the file; erasure takes it.
      const actions = ((await (await root.get('/console/api/audit')).json()) as any).items.map((e: any) => `${e.actor}:${e.action}`);
      for (const action of ['view-partner', 'ask-partner-consent', 'refer-partner', 'record-partner-step', 'export-partner-summary']) expect(actions).toContain(`lisa:${action}`);
      expect(actions.filter((a: string) => a === 'lisa:record-partner-step')).toHaveLength(9);
      const exported = (await (await lisa.post(`/console/api/people/${key}/export`)).json()) as any;
      expect(exported.partner.referral.steps).toHaveLength(9);
      expect(exported.partner.asks[0]).toMatchObject({ partner: 'itph-academy', answer: 'yes' });
      const partnerKeys = (await keyspace(redis, prefix)).map(([k]) => k).filter((k) => k.startsWith(`${prefix}partner:`));
      expect(partnerKeys).toHaveLength(1);
      expect(partnerKeys[0]).not.toContain(userId);
      await lisa.post(`/console/api/people/${key}/erase`, { confirm: true });
      expect((await keyspace(redis, prefix)).filter(([k]) => k.startsWith(`${prefix}partner:`))).toEqual([]);
      expect(((await (await lisa.get(path)).json()) as any).file).toBeNull();
      // The numbers outlive her.
      expect(await app.records.outcomes.steps('2020-01-01', '2029-12-31')).toHaveLength(6);
    } finally {
      await redis.quit();
      await stop();
    }
  }, 120_000);

  it('refuses without a session', async () => {
    const { url, stop } = await startTestApp({});
    try {
      const key = Buffer.from(JSON.stringify(['msteams', 'x'])).toString('base64url');
      expect((await fetch(`${url}/console/api/people/${key}/partner`)).status).toBe(401);
      // The console's texts carry the panel's, and the names of its audit actions beside the others.
      const texts = ((await (await fetch(`${url}/console/api/texts?lang=tr`)).json()) as any).texts;
      expect(texts.partner.title).toBe(translator().t('tr', 'partners:console.title'));
      expect(texts.audit.actions['refer-partner']).toBe(translator().t('tr', 'partners:console.auditActions.refer-partner'));
      expect(texts.audit.actions['view-transcript']).toBeTruthy();
      expect((await fetch(`${url}/console/api/people/${key}/partner/summary`)).status).toBe(401);
      expect((await fetch(`${url}/console/api/people/${key}/partner/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"partner":"motopp"}' })).status).toBe(401);
    } finally {
      await stop();
    }
  });
});

