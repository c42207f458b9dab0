import type { InFlight } from '../../src/inFlight';

/** The apps startTestApp has running, by base URL: helpers that only know a URL can wait for an app's turns. */
const running = new Map<string, { inFlight: InFlight }>();

export function registerRunningApp(url: string, app: { inFlight: InFlight }): () => void {
  running.set(url, app);
  return () => running.delete(url);
}

/**
 * A barrier: every turn the app at `url` has taken in (webhook turns and statuses are tracked in
 * flight before Meta's request is answered) has finished. Fails when they do not within `timeoutMs`.
 */
export async function appSettled(url: string, timeoutMs = 10_000): Promise<void> {
  const app = running.get(url);
  if (app && !(await app.inFlight.drain(timeoutMs))) throw new Error(`the app at ${url} still had turns running after ${timeoutMs} ms`);
}
