import type { App } from '../../src/app';
import type { Role } from '../../src/accounts/accountStore';
import type { Language } from '../../src/i18n/languages';
import { hashPassword } from '../../src/accounts/passwords';

export async function addAccount(app: App, username: string, role: Role, languages: Language[] = [], password = 'correct horse battery') {
  return app.accounts.create(
    { username, firstName: username.charAt(0).toUpperCase() + username.slice(1), role, languages, passwordHash: await hashPassword(password), disabled: false },
    new Date(),
  );
}

/** A signed-in console user talking to the JSON API the way the browser does (cookie + CSRF header). */
export class ConsoleClient {
  cookie = '';
  csrf = '';
  setCookie = '';

  constructor(readonly url: string) {}

  async login(username: string, password = 'correct horse battery'): Promise<Response> {
    const response = await fetch(`${this.url}/console/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (response.ok) {
      this.setCookie = response.headers.get('set-cookie') ?? '';
      this.cookie = this.setCookie.split(';')[0];
      this.csrf = ((await response.clone().json()) as { csrfToken: string }).csrfToken;
    }
    return response;
  }

  async get(path: string): Promise<Response> {
    return fetch(`${this.url}${path}`, { headers: { Cookie: this.cookie } });
  }

  async post(path: string, body: unknown = {}, csrf = this.csrf): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: this.cookie, 'X-CSRF-Token': csrf },
      body: JSON.stringify(body),
    });
  }

  /** Collects server-sent events from /console/api/events until stopped. */
  events(): { received: Array<Record<string, unknown>>; stop(): void; opened: Promise<void> } {
    const received: Array<Record<string, unknown>> = [];
    const controller = new AbortController();
    let markOpen: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (markOpen = resolve));
    void (async () => {
      try {
        const response = await fetch(`${this.url}/console/api/events`, { headers: { Cookie: this.cookie }, signal: controller.signal });
        markOpen();
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (data) received.push(JSON.parse(data.slice(6)));
          }
        }
      } catch {
        // aborted
      }
    })();
    return { received, stop: () => controller.abort(), opened };
  }
}

export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitFor(): ${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50)); // the poll interval of a wait on `check`
  }
}
