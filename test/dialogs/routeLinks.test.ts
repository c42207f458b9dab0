import { loadConfig } from '../../src/config';
import { runAssess } from '../../src/cli/assessCommand';
import type { RouteLinks } from '../../src/domain/routeLinks';
import type { Language } from '../../src/i18n/languages';
import { ChatDriver, translator } from '../support/chatDriver';
import { ELIGIBLE_ANSWERS, startAndConsent, tapThroughIntake, tr } from '../support/intakeScript';

const HYF = 'https://www.hackyourfuture.net/apply';
const MOTOPP = 'https://www.motopp.nl';

describe('ROUTE_LINKS, checked at start', () => {
  it('takes route=https://… pairs, separated by commas or spaces', () => {
    const result = loadConfig({ ROUTE_LINKS: `hackyourfuture=${HYF}, motopp=${MOTOPP}` });
    expect(result).toEqual({ ok: true, config: expect.objectContaining({ ROUTE_LINKS: { hackyourfuture: HYF, motopp: MOTOPP } }) });
    expect(loadConfig({ ROUTE_LINKS: '' })).toMatchObject({ ok: true, config: { ROUTE_LINKS: undefined } });
  });

  it.each([
    ['a route the rules never return', 'partner-x=https://partner.example', 'config: ROUTE_LINKS: "partner-x" is no route; the routes are vluchtelingenwerk, '],
    ['an http address', 'motopp=http://www.motopp.nl', 'config: ROUTE_LINKS: motopp: "http://www.motopp.nl" is not an https:// address'],
    ['an address with a password', 'motopp=https://me:pw@www.motopp.nl', 'config: ROUTE_LINKS: motopp: "https://me:pw@www.motopp.nl" is not an https:// address'],
    ['a pair without "="', 'motopp', 'config: ROUTE_LINKS: "motopp" is not like "hackyourfuture=https://…"'],
    ['a route named twice', `motopp=${MOTOPP},motopp=${MOTOPP}/x`, 'config: ROUTE_LINKS: motopp is named twice'],
    ['an address too long to read', `motopp=https://www.motopp.nl/${'a'.repeat(200)}`, 'config: ROUTE_LINKS: motopp: an address may be at most 200 characters'],
    ['a value beyond its bound', `motopp=${MOTOPP}/${'a'.repeat(4000)}`, 'config: ROUTE_LINKS: at most 4000 characters'],
  ])('stops the start on %s, in one readable line', (_, value, line) => {
    const result = loadConfig({ ROUTE_LINKS: value });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(line);
    expect(problems[0]).not.toContain('\n');
  });
});

const DIRECT = { ...ELIGIBLE_ANSWERS, dutchLevel: 'B2' as const, education: 'bachelor' as const };
const DIRECT_ROUTES = ['itph-academy', 'capgemini-academy', 'hackyourfuture', 'motopp', 'do-good-only', 'make-it-work'];

async function resultWith(lng: Language, links: RouteLinks | undefined): Promise<string> {
  const chat = new ChatDriver(undefined, {}, undefined, undefined, {
    STATE_RETENTION_DAYS: 180,
    TRANSCRIPT_RETENTION_DAYS: 180,
    ...(links ? { ROUTE_LINKS: links } : {}),
  });
  await startAndConsent(chat, lng);
  await tapThroughIntake(chat, lng, DIRECT);
  const routes = chat.texts().find((text) => text.startsWith(tr(lng, 'eligibility:routesTitle')));
  expect(routes).toBeDefined();
  return routes!;
}

const line = (lng: Language, route: string, url?: string) =>
  [`• ${tr(lng, `eligibility:routes.${route}`)}`, `  ${tr(lng, `eligibility:routeSteps.${route}`)}`, ...(url ? [`  ${tr(lng, 'eligibility:routeLink', { url })}`] : [])].join('\n');

describe.each<Language>(['nl', 'ar'])('the result with route links, in %s', (lng) => {
  it('without links: every route with its first step, then the mentor line', async () => {
    const text = await resultWith(lng, undefined);
    expect(text).toBe([tr(lng, 'eligibility:routesTitle'), ...DIRECT_ROUTES.map((r) => line(lng, r)), tr(lng, 'eligibility:routeContact')].join('\n'));
  });

  it('with some links: each on its route\u2019s line after the first step; the mentor line for the others', async () => {
    const text = await resultWith(lng, { hackyourfuture: HYF, motopp: MOTOPP, vit: 'https://vit.example.org' });
    expect(text).toBe(
      [
        tr(lng, 'eligibility:routesTitle'),
        ...DIRECT_ROUTES.map((r) => line(lng, r, r === 'hackyourfuture' ? HYF : r === 'motopp' ? MOTOPP : undefined)),
        tr(lng, 'eligibility:routeContact'),
      ].join('\n'),
    );
    // A link configured for a route not in this result (vit) is not shown.
    expect(text).not.toContain('vit.example.org');
  });

  it('with a link for every shown route: no mentor line', async () => {
    const links = Object.fromEntries(DIRECT_ROUTES.map((r) => [r, `https://${r}.example.org`])) as RouteLinks;
    const text = await resultWith(lng, links);
    expect(text).toBe([tr(lng, 'eligibility:routesTitle'), ...DIRECT_ROUTES.map((r) => line(lng, r, `https://${r}.example.org`))].join('\n'));
    expect(text).not.toContain(tr(lng, 'eligibility:routeContact'));
  });
});

it('in Arabic the address is isolated, so the line keeps its direction', async () => {
  const text = await resultWith('ar', { hackyourfuture: HYF });
  expect(text).toContain(`  الموقع: \u2068${HYF}\u2069`);
  const nl = await resultWith('nl', { hackyourfuture: HYF });
  expect(nl).toContain(`  Website: ${HYF}\n`);
});

describe('vit-bot assess', () => {
  const profile = JSON.stringify({ ...DIRECT, province: 'Utrecht' });
  const run = (links?: RouteLinks) => {
    const out: string[] = [];
    const code = runAssess(profile, { json: false, language: 'en', translator: translator(), links, write: (l) => out.push(l), writeError: (l) => out.push(l) });
    return { code, out };
  };

  it('prints a route\u2019s address after its first step when one is configured', () => {
    const { code, out } = run({ motopp: MOTOPP });
    expect(code).toBe(0);
    expect(out).toContain(`  * ${tr('en', 'eligibility:routes.motopp')}: ${tr('en', 'eligibility:routeSteps.motopp')} ${tr('en', 'eligibility:routeLink', { url: MOTOPP })}`);
    expect(out).toContain(`  * ${tr('en', 'eligibility:routes.hackyourfuture')}: ${tr('en', 'eligibility:routeSteps.hackyourfuture')}`);
  });

  it('prints the first steps alone without addresses', () => {
    const { out } = run();
    expect(out.filter((l) => l.startsWith('  * '))).toHaveLength(DIRECT_ROUTES.length);
    expect(out.join('\n')).not.toContain('https://');
  });
});
