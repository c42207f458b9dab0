/**
 * The layers, kept by a test (test/architecture/layers.test.ts runs this file over the sources).
 * Dependencies point one way: channels → bot → dialogs → domain. Storage and the services below the
 * bot (accounts, handoff, people, reporting) implement ports and never reach up into the bot or the
 * channels; the domain is pure and imports nothing of ours outside itself. Only the composition root
 * (src/app.ts, src/index.ts) and the CLI know every part.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const SERVICES = '^src/(accounts|handoff|people|reporting|reminders|jobs)/';
/** The console's browser modules below every page (src/console/public/js). */
const BROWSER_FOUNDATION = '(constants|state|elements|dom|format|texts|api|latestLoad)';
/** The console's browser modules not yet held to no-circular: the mentor view's parts still call each other. */
const BROWSER_CYCLES_LEFT = 'handoffs/';

/**
 * The composition root's steps, in the order buildApp (src/app.ts) calls them: each may use what the
 * steps before it made, never a later one (that would be a forward reference across modules).
 */
const COMPOSITION_STEPS = ['appOptions', 'infrastructure', 'records', 'channels', 'handoffs', 'timedWork', 'turnPipeline', 'http'];
const compositionInOrder = COMPOSITION_STEPS.map((step, i) => ({
  name: 'composition-in-order',
  comment: `src/composition/${step}.ts is step ${i + 1} of ${COMPOSITION_STEPS.length}: it imports only earlier steps (${COMPOSITION_STEPS.slice(0, i).join(', ') || 'none'}), and never src/app.ts.`,
  severity: 'error',
  from: { path: `^src/composition/${step}[.]ts$` },
  to: { path: `^src/composition/(?!(${[...COMPOSITION_STEPS.slice(0, i), 'x-none'].join('|')})[.]ts$)|^src/(app|index)[.]ts$` },
}));

module.exports = {
  forbidden: [
    ...compositionInOrder,
    {
      name: 'composition-only-from-the-root',
      comment: 'Only the composition root (src/app.ts) calls the composition steps.',
      severity: 'error',
      from: { path: '^(src|dialogs)/', pathNot: '^src/(app[.]ts$|composition/)' },
      to: { path: '^src/composition/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'The domain imports nothing of ours outside src/domain: no I/O, no i18n, no config.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(src|dialogs|locales|test|bench|support)/', pathNot: '^src/domain/' },
    },
    {
      name: 'dialogs-below-bot',
      comment:
        'Dialogs sit under the bot: they never import the bot, the channels, the console, the CLI or the composition root, and take their settings as parameters instead of reading src/config.ts.',
      severity: 'error',
      from: { path: '^dialogs/' },
      to: { path: '^src/(bot|channels|console|cli)/|^src/(app|index|server|config)[.]ts$' },
    },
    {
      name: 'bot-below-channels',
      comment: 'The bot never imports a channel, the console, the CLI or the composition root.',
      severity: 'error',
      from: { path: '^src/bot/' },
      to: { path: '^src/(channels|console|cli)/|^src/(app|index|server)[.]ts$' },
    },
    {
      name: 'storage-and-services-below-bot',
      comment: 'Storage and the services (accounts, handoff, people, reporting) never import the bot, the channels, the console or the CLI.',
      severity: 'error',
      from: { path: `^src/storage/|${SERVICES}` },
      to: { path: '^src/(bot|channels|console|cli)/|^src/(app|index|server)[.]ts$' },
    },
    {
      name: 'channels-beside-console',
      comment: 'A channel and the console are both edges: neither imports the other.',
      severity: 'error',
      from: { path: '^src/channels/' },
      to: { path: '^src/console/' },
    },
    {
      name: 'console-beside-channels',
      severity: 'error',
      from: { path: '^src/console/' },
      to: { path: '^src/channels/' },
    },
    {
      name: 'product-without-tests',
      comment: 'What ships never imports tests or benchmarks.',
      severity: 'error',
      from: { path: '^(src|dialogs)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'bench-without-tests',
      comment: 'Benchmarks share local servers with the tests through support/, never through test/.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^test/' },
    },
    {
      name: 'console-browser-foundation',
      comment: 'The console\'s browser modules that everything uses (constants, state, elements, dom, format, texts, api, latestLoad) use none of the pages.',
      severity: 'error',
      from: { path: `^src/console/public/js/${BROWSER_FOUNDATION}\\.js$` },
      to: { path: '^src/console/public/js/', pathNot: `^src/console/public/js/${BROWSER_FOUNDATION}\\.js$` },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle between modules hides which one is the lower layer. The console\'s browser modules are held to it too (pages, session, router, views), except the mentor view\'s parts in js/handoffs/, which still call each other as the parts of one script did.',
      severity: 'error',
      from: { path: '^(src|dialogs)/', pathNot: `^src/console/public/js/${BROWSER_CYCLES_LEFT}` },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist)/' },
  },
};
