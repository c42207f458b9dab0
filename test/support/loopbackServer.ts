// The tests' loopback HTTP server; it lives in support/ because the benchmarks start it too.
export * from '../../support/loopbackServer';
