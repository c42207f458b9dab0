import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBotProcess, BotProcess } from '../support/botProcess';
import { startRedisCluster, TestRedisCluster } from '../support/redisCluster';
import { FakeConnector } from '../support/fakeConnector';
import { Newcomer } from '../support/newcomer';
import { translator } from '../support/chatDriver';
import { waitFor } from '../support/consoleClient';

const PREFIX = 'tls:';

/** Whether the installed redis-server was built with TLS (Debian's links OpenSSL's libssl). */
function redisServerHasTls(): boolean {
  try {
    return /libssl/.test(execFileSync('sh', ['-c', 'ldd "$(command -v redis-server)"'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

/** A certificate authority of the test's own, and a certificate it signs for localhost and 127.0.0.1. */
function makeCertificates(dir: string): { caFile: string; certFile: string; keyFile: string; otherCaFile: string } {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=vit-test-ca');
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other-ca.key', '-out', 'other-ca.crt', '-days', '2', '-subj', '/CN=vit-other-ca');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'redis.key', '-out', 'redis.csr', '-subj', '/CN=localhost');
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n');
  openssl('x509', '-req', '-in', 'redis.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'redis.crt', '-days', '2', '-extfile', 'san.ext');
  return { caFile: path.join(dir, 'ca.crt'), certFile: path.join(dir, 'redis.crt'), keyFile: path.join(dir, 'redis.key'), otherCaFile: path.join(dir, 'other-ca.crt') };
}

const hasTls = redisServerHasTls();
if (!hasTls) process.stderr.write('redisClusterTls.test.ts skipped: the installed redis-server is built without TLS (no --tls-port)\n');

/**
 * REDIS_CLUSTER=true with a rediss:// seed: a Redis Cluster of 3 masters that speaks only TLS (clients,
 * cluster bus, replication), its certificate signed by a CA of the test's own that the bot trusts
 * through NODE_EXTRA_CA_CERTS.
 */
(hasTls ? describe : describe.skip)('REDIS_CLUSTER=true on a TLS-only Redis Cluster (rediss://)', () => {
  let dir: string;
  let certs: ReturnType<typeof makeCertificates>;
  let cluster: TestRedisCluster;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vit-redis-tls-'));
    certs = makeCertificates(dir);
    cluster = await startRedisCluster({ masters: 3, replicas: 0, tls: certs });
  }, 60_000);
  afterAll(async () => {
    await cluster?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts and serves a conversation when the cluster certificate is trusted', async () => {
    expect(cluster.url).toMatch(/^rediss:\/\/localhost:\d+$/);
    const connector = await new FakeConnector().start();
    let bot: BotProcess | undefined;
    try {
      bot = await startBotProcess({ REDIS_URL: cluster.url, REDIS_CLUSTER: 'true', REDIS_KEY_PREFIX: PREFIX, NODE_EXTRA_CA_CERTS: certs.caFile, LOG_LEVEL: 'warn' });
      const url = bot.url;
      await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200, 'the bot being ready on the TLS cluster', 60_000);
      const amina = new Newcomer(url, connector, 'tls-conv-1');
      await amina.startAndConsent('en');
      await amina.say(translator().t('en', 'common:menu.faq'));
      await amina.hears(translator().t('en', 'faq:ask'));
    } finally {
      bot?.kill('SIGKILL');
      await bot?.exited;
      await connector.stop();
    }
  }, 120_000);

  it('stops the start with one readable line when the cluster certificate is not trusted', async () => {
    const bot = await startBotProcess({ REDIS_URL: cluster.url, REDIS_CLUSTER: 'true', REDIS_KEY_PREFIX: PREFIX, NODE_EXTRA_CA_CERTS: certs.otherCaFile });
    expect(await bot.exited).toBe(1);
    const lines = bot.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^vit-bot: not started; REDIS_CLUSTER=true but REDIS_URL could not be reached \(.*certificate.*\); a certificate of a private CA needs NODE_EXTRA_CA_CERTS$/);
  }, 60_000);
});
