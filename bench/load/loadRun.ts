import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { LeanConnector } from './leanConnector';
import type { NewcomerScripts, Step } from './newcomerScript';

export interface LoadOptions {
  botUrl: string;
  connector: LeanConnector;
  scripts: NewcomerScripts;
  /** Newcomers talking at once; each waits for its reply before saying the next thing. */
  concurrency: number;
  /** Turns not measured, to let the server warm up. */
  warmup: number;
  /** Turns measured after the warm-up. */
  turns: number;
  /** A turn with no answer after this long counts as an error. */
  timeoutMs: number;
  /** Distinguishes this run's conversation ids from other runs'. */
  runId: string;
  /** Every this many measured turns, `sample` is called (memory samples). */
  sampleEvery?: number;
  sample?: (turnsDone: number) => Promise<void>;
  /** Prints the first newcomer's conversation (each turn's replies). */
  trace?: (line: string) => void;
}

export interface LoadResult {
  /** Turns measured, and the seconds they took. */
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  /** Milliseconds from posting an activity to the last of its replies reaching the connector. */
  latency: { p50: number; p95: number; p99: number; max: number };
  /** The same, to the first reply. */
  firstReply: { p50: number; p99: number };
  repliesPerTurn: number;
  errors: { total: number; http: number; timeouts: number; noReply: number; errorReplies: number };
  /** Replies that arrived for turns already given up on. */
  strayReplies: number;
}

type TurnOutcome = 'ok' | 'http' | 'timeout' | 'noReply' | 'errorReply';

/**
 * Plays newcomers against the bot in a closed loop: `concurrency` of them at once, each sending its
 * next message only when the previous turn is over (the bot answered the POST, after posting its
 * replies). A newcomer whose script is done, or whose turn failed, is replaced by a new one.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(`${options.botUrl}/api/messages`);
  const total = options.warmup + options.turns;
  const latencies = new Float64Array(options.turns);
  const firsts = new Float64Array(options.turns);
  const errors = { total: 0, http: 0, timeouts: 0, noReply: 0, errorReplies: 0 };
  const strayBefore = options.connector.strayReplies;
  let started = 0;
  let measured = 0;
  let replies = 0;
  let nextNewcomer = 0;
  let windowStart = 0;
  let windowEnd = 0;
  let completedInWindow = 0;
  let sampling: Promise<void> = Promise.resolve();

  const post = (body: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.request(target, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => {
          clearTimeout(timer);
          resolve(res.statusCode ?? 0);
        });
      });
      const timer = setTimeout(() => req.destroy(new Error('timeout')), options.timeoutMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(body);
    });

  const turn = async (index: number, activity: Record<string, unknown>, traced: boolean): Promise<TurnOutcome> => {
    const id = activity.id as string;
    const tally = options.connector.expect(id, traced);
    const body = JSON.stringify(activity);
    const start = performance.now();
    if (index === options.warmup) windowStart = start;
    let outcome: TurnOutcome;
    try {
      const status = await post(body);
      outcome = status < 200 || status >= 300 ? 'http' : tally.count === 0 ? 'noReply' : tally.errorReplies > 0 ? 'errorReply' : 'ok';
    } catch (error) {
      outcome = (error as Error).message === 'timeout' ? 'timeout' : 'http';
    }
    const end = performance.now();
    options.connector.forget(id);
    if (traced) options.trace?.(`  ${activity.type === 'message' ? `> ${activity.text as string}` : '> (joins)'}\n${(tally.texts ?? []).map((t) => `    < ${t.split('\n')[0]}`).join('\n')}`);
    if (windowStart > 0) {
      completedInWindow++;
      windowEnd = end;
    }
    if (index >= options.warmup) {
      const m = measured++;
      latencies[m] = tally.lastAt - start;
      firsts[m] = tally.firstAt - start;
      replies += tally.count;
      if (outcome !== 'ok') {
        errors.total++;
        errors[outcome === 'errorReply' ? 'errorReplies' : outcome === 'timeout' ? 'timeouts' : outcome]++;
        latencies[m] = end - start;
        firsts[m] = end - start;
      }
      if (options.sample && options.sampleEvery && measured % options.sampleEvery === 0) {
        const done = measured;
        sampling = sampling.then(() => options.sample!(done));
      }
    }
    return outcome;
  };

  const newcomer = async (): Promise<void> => {
    while (started < total) {
      const n = nextNewcomer++;
      const { locale, steps } = options.scripts.script(n);
      const conversationId = `${options.runId}-c${n}`;
      const userId = `${options.runId}-u${n}`;
      const traced = n === 0 && options.trace !== undefined;
      for (let i = 0; i < steps.length && started < total; i++) {
        const outcome = await turn(started++, activity(options.connector.url, conversationId, userId, locale, i, steps[i]), traced);
        if (outcome !== 'ok') break; // the conversation's state is unknown now: a new newcomer takes over
      }
    }
  };

  await Promise.all(Array.from({ length: options.concurrency }, newcomer));
  await sampling;
  agent.destroy();

  const seconds = (windowEnd - windowStart) / 1000;
  const sorted = Array.from(latencies.subarray(0, measured)).sort((a, b) => a - b);
  const sortedFirst = Array.from(firsts.subarray(0, measured)).sort((a, b) => a - b);
  const q = (xs: number[], p: number) => round(xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0);
  return {
    turns: measured,
    seconds: round(seconds),
    turnsPerSecond: round(completedInWindow / seconds),
    latency: { p50: q(sorted, 0.5), p95: q(sorted, 0.95), p99: q(sorted, 0.99), max: round(sorted[sorted.length - 1] ?? 0) },
    firstReply: { p50: q(sortedFirst, 0.5), p99: q(sortedFirst, 0.99) },
    repliesPerTurn: round(replies / Math.max(1, measured)),
    errors,
    strayReplies: options.connector.strayReplies - strayBefore,
  };
}

function activity(serviceUrl: string, conversationId: string, userId: string, locale: string, i: number, step: Step): Record<string, unknown> {
  const base = {
    id: `${conversationId}-${i}`,
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    serviceUrl,
    from: { id: userId, name: 'Newcomer', role: 'user' },
    recipient: { id: 'bot', name: 'VIT Wegwijzer', role: 'bot' },
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal' },
    locale,
  };
  if (step.kind === 'join') return { ...base, type: 'conversationUpdate', membersAdded: [{ id: 'bot' }, { id: userId }] };
  return { ...base, type: 'message', text: step.text };
}

const round = (x: number) => Math.round(x * 100) / 100;
