/**
 * Kill bench: 90 newcomers go from "hallo" to their result over three bot instances on one
 * redis-server (AOF), the way the Emulator and Teams' connector do (a request cut off or answered
 * with a 5xx is sent again, with the same activity id, to the next instance), while one instance is
 * killed with SIGKILL every few seconds and started again. The same 90 newcomers run once more
 * without kills (the control), and each newcomer's stored answers and received replies are compared.
 *
 *   npm run bench:kill            (KILL_EVERY_MS=3000 NEWCOMERS=90 by default)
 *   BOT_SCRIPT=/elsewhere/dist/src/index.js node dist/bench/killBench.js   (another build, to compare)
 */
import http from 'node:http';
import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { PROJECT_ROOT } from '../src/projectRoot';
import { createTranslator } from '../src/i18n/translator';
import { readLocaleResources } from '../src/i18n/localeResources';
import { RedisStorage } from '../src/storage/redisStorage';
import { idDigestFor } from '../src/storage/idDigest';
import { userStateKey } from '../src/storage/botStateKeys';
import type { PersonRecord } from '../src/domain/person';
import { startRedisServer, freePort } from '../support/redisServer';
import { closeServer, listenOnLoopback } from '../support/loopbackServer';

const NEWCOMERS = Number(process.env.NEWCOMERS ?? 90);
const KILL_EVERY_MS = Number(process.env.KILL_EVERY_MS ?? 3000);
const INSTANCES = 3;
const BOT_SCRIPT = process.env.BOT_SCRIPT ?? path.join(PROJECT_ROOT, 'dist/src/index.js');
/** A turn's request is given up (and sent again elsewhere) after this long. */
const REQUEST_TIMEOUT_MS = 20_000;
/** Bounded: a newcomer's message is sent at most this often before the run counts it as lost. */
const MAX_SENDS = 30;

const translator = createTranslator(readLocaleResources(path.join(PROJECT_ROOT, 'locales')));
const t = (key: string) => translator.t('nl', key);

/** Newcomer `i`'s messages, all typed; the motivation holds a number a rerun would read as hours. */
function script(i: number): string[] {
  return [
    'hallo',
    t('language:names.nl'),
    t('consent:agree'),
    t('common:menu.intake'),
    t('common:buttons.skip'),
    t('intake:fields.residenceStatus.options.statushouder'),
    t('common:buttons.skip'),
    t(`intake:levels.${['A2', 'B1', 'B2'][i % 3]}`),
    t(`intake:levels.${['A1', 'A2', 'B1'][i % 3]}`),
    t('intake:fields.education.options.secondary'),
    t('common:buttons.no'),
    t('intake:fields.itExperience.options.hobby'),
    t('common:buttons.yes'),
    `Ik los graag puzzels op ${1 + (i % 9)}`,
    String(12 + (i % 28)),
  ];
}

/** The Bot Connector on loopback: keeps every reply's text and lasting id per conversation. */
class RecordingConnector {
  url = '';
  readonly replies = new Map<string, Array<{ text: string; replyId?: string }>>();
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (match && req.method === 'POST') {
        const activity = JSON.parse(body) as { text?: string; channelData?: { replyId?: string } };
        const conversation = decodeURIComponent(match[1]);
        const list = this.replies.get(conversation) ?? [];
        list.push({ text: activity.text ?? '', replyId: activity.channelData?.replyId });
        this.replies.set(conversation, list);
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `r${Date.now()}` }));
    });
  });
  async start() {
    this.url = await listenOnLoopback(this.server);
    return this;
  }
  stop() {
    return closeServer(this.server);
  }
}

class Instance {
  child?: ChildProcess;
  kills = 0;
  /** Started and ready, not killed since. */
  up = false;
  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  async start() {
    const { openSync, closeSync } = await import('node:fs');
    const log = openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, ['--disable-warning=DEP0111', BOT_SCRIPT], {
      env: { PATH: process.env.PATH ?? '', ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const deadline = Date.now() + 30_000;
    while (!(await fetch(`${this.url}/readyz`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline) throw new Error(`instance on ${this.port} not ready (see ${this.logFile})`);
      await new Promise((r) => setTimeout(r, 100));
    }
    this.up = true;
  }
  async kill() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.up = false;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.kills++;
  }
}

interface RunResult {
  answers: Map<number, string>;
  replies: Map<number, string[]>;
  /** The replies with a repeat of an already received lasting id dropped, as a client that drops repeats shows them. */
  shown: Map<number, string[]>;
  duplicates: number;
  resends: number;
  lost: number;
  kills: number;
  seconds: number;
}

async function run(name: string, kill: boolean): Promise<RunResult> {
  const redisServer = await startRedisServer({ appendOnly: true });
  const redis = new Redis(redisServer.url);
  const connector = await new RecordingConnector().start();
  const dir = mkdtempSync(path.join(os.tmpdir(), `vit-kill-${name}-`));
  const env = { REDIS_URL: redisServer.url, REDIS_KEY_PREFIX: 'kill:', LOG_LEVEL: 'warn', TURN_LOCK_TTL_MS: '2000', TURN_LOCK_WAIT_MS: '30000' };
  const instances: Instance[] = [];
  for (let i = 0; i < INSTANCES; i++) instances.push(new Instance(await freePort(), env, path.join(dir, `instance-${i}.log`)));
  await Promise.all(instances.map((i) => i.start()));
  let resends = 0;
  let lost = 0;
  let next = 0;
  let running = true;
  const restarts: Array<Promise<void>> = [];
  const killer = kill
    ? (async () => {
        while (running) {
          await new Promise((r) => setTimeout(r, KILL_EVERY_MS));
          const up = instances.filter((i) => i.up);
          if (!running || up.length < 2) continue; // one instance always runs
          const victim = up[Math.floor(Math.random() * up.length)];
          await victim.kill();
          restarts.push(victim.start()); // started again in the background: the next kill does not wait for it
        }
      })()
    : Promise.resolve();

  /** Posts one activity like a channel: a cut-off or 5xx answer is sent again to the next instance. */
  async function send(activity: Record<string, unknown>): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_SENDS; attempt++) {
      const instance = instances[next++ % INSTANCES];
      const ok = await fetch(`${instance.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }).then((r) => r.status < 300, () => false);
      if (ok) return true;
      resends++;
      await new Promise((r) => setTimeout(r, 100 * Math.min(attempt + 1, 10)));
    }
    return false;
  }

  const started = Date.now();
  await Promise.all(
    Array.from({ length: NEWCOMERS }, async (_, n) => {
      for (const [step, text] of script(n).entries()) {
        const activity = {
          type: 'message',
          id: `n${n}-s${step}`,
          timestamp: new Date().toISOString(),
          channelId: 'emulator',
          serviceUrl: connector.url,
          from: { id: `user-${n}`, name: 'Newcomer', role: 'user' },
          recipient: { id: 'bot', name: 'VIT Wegwijzer' },
          conversation: { id: `conv-${n}` },
          text,
          locale: 'nl-NL',
        };
        if (!(await send(activity))) lost++;
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  running = false;
  await killer;
  await Promise.all(restarts);
  const killsDuringRun = instances.reduce((sum, i) => sum + i.kills, 0);
  const storage = new RedisStorage(redis, { prefix: 'kill:', digest: idDigestFor({ REDIS_KEY_PREFIX: 'kill:' }) });
  const answers = new Map<number, string>();
  const replies = new Map<number, string[]>();
  const shown = new Map<number, string[]>();
  let duplicates = 0;
  for (let n = 0; n < NEWCOMERS; n++) {
    const key = userStateKey('emulator', `user-${n}`);
    const person = (await storage.read([key]))[key]?.person as PersonRecord | undefined;
    answers.set(n, JSON.stringify({ answers: person?.intake?.answers, outcome: person?.assessment?.outcome }));
    const got = connector.replies.get(`conv-${n}`) ?? [];
    const ids = got.map((r) => r.replyId).filter(Boolean);
    duplicates += ids.length - new Set(ids).size;
    replies.set(n, got.map((r) => r.text));
    shown.set(n, withoutRepeats(got.map((r) => r.text), got.map((r) => r.replyId)));
  }
  for (const instance of instances) await instance.kill();
  redis.disconnect();
  await connector.stop();
  await redisServer.dispose();
  return { answers, replies, shown, duplicates, resends, lost, kills: killsDuringRun, seconds };
}

/** The replies a person sees when a client drops a reply whose lasting id it already showed. */
function withoutRepeats(texts: string[], ids: Array<string | undefined>): string[] {
  const seen = new Set<string>();
  return texts.filter((_, i) => {
    const id = ids[i];
    if (!id) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

async function main() {
  const control = await run('control', false);
  const killed = await run('killed', true);
  let sameAnswers = 0;
  let sameReplies = 0;
  let sameShown = 0;
  for (let n = 0; n < NEWCOMERS; n++) {
    if (control.answers.get(n) === killed.answers.get(n)) sameAnswers++;
    if (JSON.stringify(control.replies.get(n)) === JSON.stringify(killed.replies.get(n))) sameReplies++;
    if (JSON.stringify(control.shown.get(n)) === JSON.stringify(killed.shown.get(n))) sameShown++;
  }
  console.log(`${BOT_SCRIPT}: newcomers: ${NEWCOMERS}, instances: ${INSTANCES}, kill -9 every ${KILL_EVERY_MS} ms`);
  console.log(`control: ${control.seconds.toFixed(1)} s, ${control.resends} resends, ${control.lost} messages lost`);
  console.log(`killed:  ${killed.seconds.toFixed(1)} s, ${killed.kills} kills, ${killed.resends} resends, ${killed.lost} messages lost`);
  console.log(`stored answers equal to the control: ${sameAnswers}/${NEWCOMERS}`);
  console.log(`replies received equal to the control: ${sameReplies}/${NEWCOMERS}; replies received twice (same lasting id): ${killed.duplicates}`);
  console.log(`replies equal to the control once repeats of a lasting id are dropped: ${sameShown}/${NEWCOMERS}`);
  if (sameAnswers !== NEWCOMERS) process.exitCode = 1;
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
