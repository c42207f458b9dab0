import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { LeanConnector } from './load/leanConnector';

/**
 * Memory of the bot under long messages: RSS after a full garbage collection before and after 100
 * messages of 100,000 characters each, over HTTP as the Emulator sends them, each in its own
 * conversation that is first brought to the menu (language, consent), where free text goes to the FAQ
 * recognizer; and the slowest /healthz answered meanwhile. Before the text was cut at the channel's
 * edge, one message of 30,000 characters took RSS from 187 MiB to 1.0 GiB.
 *
 *   npm run bench:long            (node --expose-gc; the numbers go to stdout)
 */
const MESSAGES = Number(process.env.MESSAGES ?? 100);
const LENGTH = Number(process.env.LENGTH ?? 100_000);
const MiB = 1024 * 1024;

function settledRss(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:long)');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().rss;
}

async function main(): Promise<void> {
  const result = loadConfig({ LOG_LEVEL: 'silent' });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const app = buildApp(result.config, { logger: createLogger('silent') });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const connector = await new LeanConnector([]).start();
  let slowestHealth = 0;
  let sent = 0;
  /** Posts one message and waits for its turn's replies (the HTTP answer comes once the turn is done). */
  const say = async (conversation: string, text: string) => {
    const id = `m${++sent}`;
    const tally = connector.expect(id);
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', id, channelId: 'emulator', serviceUrl: connector.url, from: { id: `u-${conversation}` }, recipient: { id: 'bot' }, conversation: { id: conversation }, text, locale: 'nl-NL' }),
    });
    if (response.status !== 200) throw new Error(`${conversation}: ${response.status}`);
    if (tally.count === 0) throw new Error(`${conversation}: no reply to "${text.slice(0, 20)}"`);
    connector.forget(id);
  };
  /** A conversation at the menu: greeting, language, consent. */
  const toMenu = async (conversation: string) => {
    await say(conversation, 'hoi');
    await say(conversation, 'Nederlands');
    await say(conversation, 'Ja, akkoord');
  };
  const post = async (i: number, text: string) => {
    await toMenu(`c${i}`);
    await say(`c${i}`, text);
  };
  // Warm up with short messages, so the baseline holds the loaded code and caches.
  for (let i = 0; i < 20; i++) await post(-1 - i, 'Wat kost de opleiding?');
  const before = settledRss();
  const heapBefore = process.memoryUsage().heapUsed;
  const health = setInterval(() => {
    const started = performance.now();
    void fetch(`${url}/healthz`).then(() => (slowestHealth = Math.max(slowestHealth, performance.now() - started)));
  }, 50);
  const started = performance.now();
  let peak = 0;
  for (let i = 0; i < MESSAGES; i++) {
    await post(i, `Wat kost de opleiding? ${'x'.repeat(LENGTH)}`.slice(0, LENGTH));
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(health);
  const after = settledRss();
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(`${MESSAGES} messages of ${LENGTH.toLocaleString('en')} characters in ${seconds.toFixed(1)} s`);
  console.log(`RSS before ${(before / MiB).toFixed(1)} MiB, peak ${(peak / MiB).toFixed(1)} MiB, after ${(after / MiB).toFixed(1)} MiB: growth ${((after - before) / MiB).toFixed(1)} MiB (limit 50)`);
  console.log(`heap used before ${(heapBefore / MiB).toFixed(1)} MiB, after ${(heapAfter / MiB).toFixed(1)} MiB`);
  console.log(`slowest /healthz meanwhile ${slowestHealth.toFixed(0)} ms`);
  app.server.close();
  await app.close();
  await connector.stop();
  process.exitCode = after - before <= 50 * MiB ? 0 : 1;
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
