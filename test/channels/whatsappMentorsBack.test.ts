import { FakeGraph, WhatsAppPerson, whatsAppEnv } from '../support/fakeGraph';
import { startTestApp } from '../support/testApp';
import { tr } from '../support/intakeScript';
import { movedClock } from '../support/movedClock';
import type { Language } from '../../src/i18n/languages';

const body = (m: Record<string, any>): string => m.text?.body ?? m.interactive?.body?.text ?? '';

/*
 * Asking for a mentor before the mentors' hours start, on WhatsApp (signed webhooks, fake Graph API),
 * on a Monday at 08:20 Dutch time: "back Monday 09:00" read as next Monday.
 */
describe('when mentors are back, asked on a Monday morning before their hours', () => {
  const clock = movedClock();
  let graph: FakeGraph;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    graph = await new FakeGraph().start();
    app = await startTestApp({ ...whatsAppEnv(graph), MENTOR_HOURS: 'mon-fri 09:00-17:00' });
  });
  beforeEach(() => {
    clock.set(Date.parse('2026-12-07T07:20:00Z')); // Monday 7 December, 08:20 in Amsterdam
  });
  afterEach(() => clock.restore());
  afterAll(async () => {
    await app.stop();
    await graph.stop();
  });

  it.each<[Language, string, string]>([
    ['nl', 'hallo', 'Ze zijn er weer vandaag om 09:00 (Nederlandse tijd).'],
    ['ar', 'مرحبا', '(بتوقيت هولندا)'],
    ['ti', 'ሰላም', '(ግዜ ሆላንድ)'],
  ])('%s: "today at 09:00 (Dutch time)", not the weekday', async (lng, hello, said) => {
    const person = new WhatsAppPerson(app.url, graph);
    await person.say(hello);
    await person.tap(tr(lng, `language:names.${lng}`));
    await person.tap(tr(lng, 'consent:agree'));
    const replies = (await person.say(tr(lng, 'common:menu.mentor'))).map(body).join('\n');
    const today = tr(lng, 'handoff:backWhen.today', { time: '09:00' }).split('09:00')[0].replace(/[\u2066-\u2069]/g, '').trim();
    expect(replies).toContain(said);
    expect(replies).toContain(today);
    expect(replies).not.toContain(new Intl.DateTimeFormat(lng, { weekday: 'long' }).format(new Date('2026-12-07T12:00:00Z')));
  });
});
