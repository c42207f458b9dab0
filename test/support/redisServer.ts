// The tests' redis-server; it lives in support/ because the benchmarks start it too.
export * from '../../support/redisServer';
