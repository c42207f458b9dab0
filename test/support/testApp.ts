import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { buildApp, App, AppOptions } from '../../src/app';
import { loadConfig, Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { registerRunningApp } from './runningApps';
import type { FakeChannelIssuer } from './fakeChannelIssuer';

/** Apps started with channel authentication, by URL: postActivity signs what goes to them. */
const issuers = new Map<string, FakeChannelIssuer>();

/** Collects log lines so tests can check what was (and was not) logged. */
export class LogCapture extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    for (const line of String(chunk).split('\n').filter(Boolean)) this.lines.push(JSON.parse(line));
    done();
  }
  get text(): string {
    return this.lines.map((l) => JSON.stringify(l)).join('\n');
  }
}

export function testConfig(env: Record<string, string> = {}): Config {
  const result = loadConfig({ LOG_LEVEL: 'info', CONSOLE_REQUIRE_2FA: 'none', ...env });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

/**
 * The real app on a free loopback port; `options` as the composition root takes them (tests shorten
 * timings). With `channelIssuer` it runs with channel authentication on, trusting that issuer, as
 * Teams traffic needs; postActivity then signs every activity posted to it.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: Omit<AppOptions, 'logger'> & { channelIssuer?: FakeChannelIssuer; port?: number } = {},
): Promise<{ app: App; url: string; logs: LogCapture; stop(): Promise<void> }> {
  const logs = new LogCapture();
  const { channelIssuer, port: listenPort = 0, ...appOptions } = options;
  const config = testConfig(channelIssuer ? { ...channelIssuer.env, ...env } : env);
  const app = buildApp(config, { botAuthentication: channelIssuer?.authentication(), ...appOptions, logger: createLogger('info', logs) });
  await new Promise<void>((resolve) => app.server.listen(listenPort, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const unregister = registerRunningApp(url, app);
  if (channelIssuer) issuers.set(url, channelIssuer);
  return {
    app,
    url,
    logs,
    stop: async () => {
      unregister();
      issuers.delete(url);
      app.server.close();
      await app.close();
    },
  };
}

/** Posts an activity as the Emulator does; signed as the Bot Connector signs it when the app authenticates channels. */
export async function postActivity(url: string, activity: unknown): Promise<Response> {
  const issuer = issuers.get(url);
  if (issuer) return issuer.post(url, activity);
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
}
