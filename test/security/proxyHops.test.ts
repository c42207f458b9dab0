import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { startTestApp } from '../support/testApp';
import { PROJECT_ROOT } from '../../src/projectRoot';

/**
 * Item 5 of the security review, replayed: compose trusted one proxy while the docs put a TLS proxy
 * in front of nginx, so every client looked like the TLS proxy and twenty wrong passwords from anyone
 * locked every console login.
 */

const login = (url: string, username: string, forwardedFor?: string) =>
  fetch(`${url}/console/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(forwardedFor !== undefined ? { 'X-Forwarded-For': forwardedFor } : {}) },
    body: JSON.stringify({ username, password: 'not the password' }),
  });

describe('the proxy chain in front of the console', () => {
  it('behind a TLS proxy and nginx (2 hops), an attacker\u2019s failures do not lock out another client', async () => {
    const { url, stop } = await startTestApp({ TRUSTED_PROXY_HOPS: '2' });
    try {
      // What nginx forwards: "<what the client wrote>, <client as the TLS proxy saw it>, <TLS proxy>".
      for (let i = 0; i < 20; i++) expect((await login(url, `nobody-${i}`, `198.51.100.66, 203.0.113.7, 10.0.0.2`)).status).toBe(401);
      expect((await login(url, 'someone', '203.0.113.7, 10.0.0.2')).status).toBe(429);
      expect((await login(url, 'someone', '192.0.2.10, 10.0.0.2')).status).toBe(401);
    } finally {
      await stop();
    }
  });

  it('refuses a login that passed fewer proxies than TRUSTED_PROXY_HOPS, says why in the log, and counts nothing', async () => {
    const { url, stop, logs } = await startTestApp({ TRUSTED_PROXY_HOPS: '2' });
    try {
      for (let i = 0; i < 25; i++) {
        const response = await login(url, 'someone', '10.0.0.2');
        expect(response.status).toBe(503);
        expect(await response.json()).toMatchObject({ error: 'proxy-setting' });
      }
      expect((await login(url, 'someone')).status).toBe(503);
      expect(logs.lines.some((l) => String(l.msg).startsWith('TRUSTED_PROXY_HOPS=2 but the request passed 1 proxy'))).toBe(true);
      // Nothing was counted: with the right chain the name is not locked.
      expect((await login(url, 'someone', '192.0.2.10, 10.0.0.2')).status).toBe(401);
    } finally {
      await stop();
    }
  });

  it('has the compose file trust the two proxies its README puts in front, and the Azure template the one ingress', () => {
    const compose = parse(readFileSync(path.join(PROJECT_ROOT, 'deploy/docker-compose.yml'), 'utf8')) as { services: Record<string, { environment?: Record<string, string> }> };
    const bots = Object.values(compose.services).filter((s) => s.environment?.TRUSTED_PROXY_HOPS !== undefined);
    expect(bots.length).toBeGreaterThan(0);
    for (const bot of bots) expect(bot.environment!.TRUSTED_PROXY_HOPS).toBe('2');
    const readme = readFileSync(path.join(PROJECT_ROOT, 'deploy/README.md'), 'utf8');
    expect(readme).toContain('| client → TLS proxy → nginx → bot (this compose file, as deployed) | `2` (the compose file\'s value) |');
    const arm = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'deploy/azure/azuredeploy.json'), 'utf8')) as unknown;
    expect(JSON.stringify(arm)).toContain('{"name":"TRUSTED_PROXY_HOPS","value":"1"}');
    expect(readme).toContain('| client → Container Apps ingress → bot (Azure) | `1` (the template\'s value) |');
  });
});
