import { readFileSync } from 'node:fs';
import path from 'node:path';
import restify from 'restify';
import { MemoryTranscriptStore } from 'botbuilder';
import { startTestApp, testConfig } from '../support/testApp';
import { addAccount, ConsoleClient, waitFor } from '../support/consoleClient';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';
import { newHandoff } from '../contracts/handoffQueue.contract';
import { RecordingMessenger } from '../support/recordingMessenger';
import { translator } from '../support/chatDriver';
import { closeServer, listenOnLoopback } from '../support/loopbackServer';
import { createConsoleParts } from '../../src/console/createConsole';
import { registerConsole } from '../../src/console/consoleRoutes';
import { hashPassword } from '../../src/accounts/passwords';
import type { Role } from '../../src/accounts/accountStore';
import { HandoffService } from '../../src/handoff/handoffService';
import { MemoryHandoffQueue } from '../../src/handoff/memoryHandoffQueue';
import { MemoryHandoffEvents } from '../../src/handoff/handoffEvents';
import { readLocaleResources } from '../../src/i18n/localeResources';
import { createLogger, createPseudonymizer } from '../../src/logger';
import { PROJECT_ROOT } from '../../src/projectRoot';
import { MemoryAuditLog } from '../../src/people/auditLog';

describe.each<[string, () => Record<string, string>]>([
  ['memory', () => ({})],
  ['Redis', () => ({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() })],
])('console sign-in (%s)', (_name, makeEnv) => {
  it('signs in with a secure, HttpOnly, SameSite session cookie and says who is signed in', async () => {
    const { app, url, stop } = await startTestApp(makeEnv());
    try {
      await addAccount(app, 'sara', 'mentor', ['ar']);
      const client = new ConsoleClient(url);
      const response = await client.login('Sara');
      expect(response.status).toBe(200);
      expect(client.setCookie).toMatch(/^vit_session=[\w-]{20,}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
      const me = await (await client.get('/console/api/me')).json();
      expect(me).toEqual({ user: { id: expect.any(String), username: 'sara', firstName: 'Sara', role: 'mentor', languages: ['ar'] }, csrfToken: client.csrf });
      expect(JSON.stringify(me)).not.toContain('scrypt');
    } finally {
      await stop();
    }
  });

  it('refuses a wrong password, then every attempt after five, with the time to wait', async () => {
    const { app, url, stop } = await startTestApp(makeEnv());
    try {
      await addAccount(app, 'omar', 'mentor');
      const client = new ConsoleClient(url);
      for (let i = 0; i < 5; i++) expect((await client.login('omar', 'wrong password!')).status).toBe(401);
      const blocked = await client.login('omar');
      expect(blocked.status).toBe(429);
      expect(await blocked.json()).toMatchObject({ error: 'too-many-attempts', retryAfterSeconds: expect.any(Number) });
      expect((await client.login('nobody', 'whatever pass')).status).toBe(401);
    } finally {
      await stop();
    }
  });

  it('needs a session for the API and the CSRF token for every change', async () => {
    const { app, url, stop } = await startTestApp(makeEnv());
    try {
      await addAccount(app, 'sara', 'mentor');
      const client = new ConsoleClient(url);
      expect((await client.get('/console/api/handoffs')).status).toBe(401);
      await client.login('sara');
      expect((await client.get('/console/api/handoffs')).status).toBe(200);
      expect((await client.post('/console/api/logout', {}, 'not-the-token')).status).toBe(403);
      expect((await client.post('/console/api/logout')).status).toBe(204);
      expect((await client.get('/console/api/me')).status).toBe(401);
    } finally {
      await stop();
    }
  });

  it('lets staff read but not take conversations, and disabled accounts not sign in', async () => {
    const { app, url, stop } = await startTestApp(makeEnv());
    try {
      await addAccount(app, 'lisa', 'staff');
      const disabled = await addAccount(app, 'ex', 'mentor');
      await app.accounts.update(disabled.id, { disabled: true });
      const staff = new ConsoleClient(url);
      await staff.login('lisa');
      expect((await staff.get('/console/api/handoffs')).status).toBe(200);
      expect((await staff.post('/console/api/handoffs/x/claim')).status).toBe(403);
      expect((await new ConsoleClient(url).login('ex')).status).toBe(401);
    } finally {
      await stop();
    }
  });
});

/** A failed login as a proxy in front would pass it on: the client's address in X-Forwarded-For. */
async function failedLoginFrom(url: string, forwardedFor: string, username: string): Promise<number> {
  const response = await fetch(`${url}/console/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
    body: JSON.stringify({ username, password: 'not the password' }),
  });
  return response.status;
}

describe('login limits per address behind a proxy', () => {
  // Different names each time, so only the limit per address (20) can block.
  const failTwentyTimes = async (url: string, address: string) => {
    for (let i = 0; i < 20; i++) expect(await failedLoginFrom(url, address, `nobody-${i}`)).toBe(401);
  };

  it('counts the clients a trusted proxy names in X-Forwarded-For separately', async () => {
    const { url, stop } = await startTestApp({ TRUSTED_PROXY_HOPS: '1' });
    try {
      await failTwentyTimes(url, '203.0.113.7');
      expect(await failedLoginFrom(url, '203.0.113.7', 'someone')).toBe(429);
      expect(await failedLoginFrom(url, '198.51.100.2', 'someone')).toBe(401); // another client, not blocked
      expect(await failedLoginFrom(url, '203.0.113.66, 203.0.113.7', 'someone')).toBe(429); // what the client wrote itself is ignored
    } finally {
      await stop();
    }
  });

  it('ignores X-Forwarded-For without a trusted proxy: the header is anyone\u2019s to write', async () => {
    const { url, stop } = await startTestApp({ TRUSTED_PROXY_HOPS: '0' });
    try {
      await failTwentyTimes(url, '203.0.113.7');
      expect(await failedLoginFrom(url, '198.51.100.2', 'someone')).toBe(429);
    } finally {
      await stop();
    }
  });
});

/** Reads an event stream until the server ends it; `done` resolves then, with everything received. */
function readStream(url: string, cookie: string) {
  let raw = '';
  const controller = new AbortController();
  const done = (async () => {
    const response = await fetch(`${url}/console/api/events`, { headers: { Cookie: cookie }, signal: controller.signal });
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) raw += decoder.decode(chunk, { stream: true });
    return raw;
  })();
  return { done, text: () => raw, abort: () => controller.abort() };
}

describe('the live-updates stream of a session that ended', () => {
  it('ends instead of passing on the next event once the account is disabled', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      const account = await addAccount(app, 'sara', 'mentor', ['ar']);
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const stream = readStream(url, sara.cookie);
      await waitFor(() => stream.text().includes('retry:'), 'the stream to open');
      await app.handoffs.service.request(newHandoff());
      await waitFor(() => stream.text().includes('"type":"new"'), 'the first event');
      await app.accounts.update(account.id, { disabled: true });
      await app.handoffs.service.request(newHandoff());
      const all = await stream.done; // the server ended the stream
      expect(all.match(/"type":"new"/g)).toHaveLength(1);
    } finally {
      await stop();
    }
  });

  it('ends at the next heartbeat once the session is gone, with no event needed', async () => {
    const config = testConfig();
    const { accounts, auth, sessions } = createConsoleParts(config, new MemoryAuditLog());
    const events = new MemoryHandoffEvents();
    const server = restify.createServer();
    server.use(restify.plugins.queryParser({ mapParams: false }));
    server.use(restify.plugins.jsonBodyParser({ mapParams: false }));
    const handoffs = new HandoffService({
      queue: new MemoryHandoffQueue(),
      events,
      messenger: new RecordingMessenger(),
      translator: translator(),
      hours: { windows: [], timeZone: 'Europe/Amsterdam' },
      maxWaitMinutes: 20,
      now: () => new Date(),
      logger: createLogger('silent'),
    });
    const endStreams = registerConsole(server, {
      auth,
      handoffs,
      events,
      transcripts: new MemoryTranscriptStore(),
      resources: readLocaleResources(path.join(PROJECT_ROOT, 'locales')),
      logger: createLogger('silent'),
      now: () => new Date(),
      trustedProxyHops: 0,
      heartbeatMs: 50,
      audit: new MemoryAuditLog(),
      pseudonym: createPseudonymizer('test'),
    });
    const url = await listenOnLoopback(server.server);
    try {
      const account = await accounts.create({ username: 'sara', firstName: 'Sara', role: 'mentor', languages: [], passwordHash: await hashPassword('correct horse battery'), disabled: false }, new Date());
      const sara = new ConsoleClient(url);
      await sara.login('sara');
      const stream = readStream(url, sara.cookie);
      await waitFor(() => stream.text().includes(': keep-alive'), 'a heartbeat');
      await sessions.deleteForAccount(account.id); // what `vit-bot users reset-password` does
      const all = await stream.done;
      expect(all).not.toContain('event:');
    } finally {
      endStreams();
      await closeServer(server.server);
    }
  });
});

/** Every route of the console API, with who may use it ('public': no sign-in). Must list exactly the routes in the source. */
const ROUTES: Record<string, readonly Role[] | 'public'> = {
  'GET /console/api/texts': 'public',
  'GET /console/js/*': 'public',
  'POST /console/api/login': 'public',
  'POST /console/api/logout': ['mentor', 'staff', 'admin'],
  'GET /console/api/me': ['mentor', 'staff', 'admin'],
  'GET /console/api/handoffs': ['mentor', 'staff', 'admin'],
  'GET /console/api/handoffs/:id': ['mentor', 'staff', 'admin'],
  'POST /console/api/handoffs/:id/claim': ['mentor', 'admin'],
  'POST /console/api/handoffs/:id/release': ['mentor', 'admin'],
  'POST /console/api/handoffs/:id/close': ['mentor', 'admin'],
  'POST /console/api/handoffs/:id/messages': ['mentor', 'admin'],
  'GET /console/api/events': ['mentor', 'staff', 'admin'],
  'GET /console/api/transcripts': ['mentor', 'staff', 'admin'],
  'GET /console/api/transcripts/:id': ['mentor', 'staff', 'admin'],
  'GET /console/api/stats': ['staff', 'admin'],
  'GET /console/api/stats.csv': ['staff', 'admin'],
  'GET /console/api/people': ['staff', 'admin'],
  'POST /console/api/people/:key/export': ['staff', 'admin'],
  'POST /console/api/people/:key/erase': ['staff', 'admin'],
  'GET /console/api/audit': ['admin'],
  'GET /console/api/unanswered': ['staff', 'admin'],
  'POST /console/api/unanswered/:id/example': ['staff', 'admin'],
  'POST /console/api/unanswered/:id/out-of-scope': ['staff', 'admin'],
  'POST /console/api/unanswered/:id/new-answer': ['staff', 'admin'],
  'GET /console/api/homework': ['staff', 'admin'],
  'POST /console/api/homework/:track': ['staff', 'admin'],
  'POST /console/api/homework/:track/remove': ['staff', 'admin'],
};
const ROLES: readonly Role[] = ['mentor', 'staff', 'admin'];

function routesInSource(): string[] {
  const found: string[] = [];
  for (const file of ['src/console/consoleRoutes.ts', 'src/console/consoleStaffRoutes.ts', 'src/console/consoleUnansweredRoutes.ts', 'src/console/consoleHomeworkRoutes.ts']) {
    const source = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
    for (const [, method, route] of source.matchAll(/server\.(get|post|put|patch|del)\(\s*'([^']+)'/g)) {
      found.push(`${method === 'del' ? 'DELETE' : method.toUpperCase()} ${route}`);
    }
  }
  return found.sort();
}

const request = (url: string, key: string, client: ConsoleClient, csrf = client.csrf) => {
  const [method, route] = key.split(' ');
  const target = `${url}${route.replace(/:\w+/g, 'x')}`;
  if (method === 'GET') return client.get(route.replace(/:\w+/g, 'x'));
  return fetch(target, { method, headers: { 'Content-Type': 'application/json', Cookie: client.cookie, 'X-CSRF-Token': csrf }, body: '{}' });
};

describe('every console route checks the session, the CSRF token and the role', () => {
  it('the table below lists exactly the routes the console registers', () => {
    expect(routesInSource()).toEqual(Object.keys(ROUTES).sort());
  });

  it('refuses every state-changing route without the CSRF token, every route without a session, and every role that may not use it', async () => {
    const { app, url, stop } = await startTestApp();
    try {
      const clients = {} as Record<Role, ConsoleClient>;
      for (const role of ROLES) {
        await addAccount(app, `${role}1`, role);
        clients[role] = new ConsoleClient(url);
        expect((await clients[role].login(`${role}1`)).status).toBe(200);
      }
      const refused: string[] = [];
      for (const [key, allowed] of Object.entries(ROUTES)) {
        if (allowed === 'public') continue;
        const anonymous = await request(url, key, new ConsoleClient(url));
        if (anonymous.status !== 401) refused.push(`${key} without a session: ${anonymous.status}`);
        if (!key.startsWith('GET ')) {
          const noToken = await request(url, key, clients[allowed[0]], '');
          if (noToken.status !== 403 || (await noToken.json()).error !== 'csrf') refused.push(`${key} without CSRF: ${noToken.status}`);
          const wrongToken = await request(url, key, clients[allowed[0]], 'not-the-token');
          if (wrongToken.status !== 403) refused.push(`${key} with a wrong CSRF token: ${wrongToken.status}`);
        }
        for (const role of ROLES.filter((r) => !allowed.includes(r))) {
          const response = await request(url, key, clients[role]);
          if (response.status !== 403) refused.push(`${key} as ${role}: ${response.status}`);
        }
      }
      expect(refused).toEqual([]);
    } finally {
      await stop();
    }
  });
});
