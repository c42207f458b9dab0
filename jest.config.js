/**
 * openid-client and the two libraries under it (oauth4webapi, jose) are ES modules only. The built
 * program loads them with Node's own require(); Jest's module loader cannot without
 * --experimental-vm-modules, so for the tests they are compiled to CommonJS like the tests themselves.
 */
const ESM_ONLY = ['openid-client', 'oauth4webapi', 'jose'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    [`/node_modules/(?:${ESM_ONLY.join('|')})/.+\\.js$`]: ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(?:${ESM_ONLY.join('|')})/)`],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  maxWorkers: 2,
  // A browser walk of a few pages takes 10–25 s; on a busy machine (two workers, Chromium, Redis)
  // up to twice that. A hang still fails, a minute later.
  testTimeout: 60000,
};
