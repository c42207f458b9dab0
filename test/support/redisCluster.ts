// The tests' Redis Cluster; it lives in support/ because the benchmarks start it too.
export * from '../../support/redisCluster';
