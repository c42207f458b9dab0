import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, ConnectorClient, ServiceClientCredentials, ServiceClientCredentialsFactory } from 'botframework-connector';
import { ReusableConnectorAuthentication } from '../../src/bot/reusableConnectorAuthentication';
import { FakeConnector, emulatorMessage } from '../support/fakeConnector';
import { startTestApp, postActivity } from '../support/testApp';
import { testRedisUrl, uniquePrefix } from '../support/testRedis';

/** Credentials that sign with whatever token is current, counting how many credentials were made. */
class TokenCredentialsFactory extends ServiceClientCredentialsFactory {
  token = 'token-1';
  created: Array<{ appId: string; audience: string | undefined }> = [];
  failNext = false;

  async isValidAppId(): Promise<boolean> {
    return true;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(appId: string, audience: string | undefined): Promise<ServiceClientCredentials> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('token service unreachable');
    }
    this.created.push({ appId, audience });
    return {
      signRequest: async (request) => {
        request.headers.set('authorization', `Bearer ${this.token}`);
        return request;
      },
    };
  }
}

/** A loopback Bot Connector that records each reply's Authorization header. */
async function startHeaderRecorder() {
  const authorizations: string[] = [];
  const server = http.createServer((req, res) => {
    authorizations.push(String(req.headers.authorization ?? ''));
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${authorizations.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const claimsFor = (appId: string) => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

function reply(client: ConnectorClient, text: string) {
  return client.conversations.replyToActivity('conv-1', 'msg-1', { type: 'message', text, replyToId: 'msg-1' } as never);
}

describe('ReusableConnectorAuthentication', () => {
  describe('in the app (Emulator mode, no app id)', () => {
    let connector: FakeConnector;
    let otherConnector: FakeConnector;
    beforeAll(async () => {
      connector = await new FakeConnector().start();
      otherConnector = await new FakeConnector().start();
    });
    afterAll(async () => {
      await connector.stop();
      await otherConnector.stop();
    });

    it('gives turns to the same serviceUrl one connector client, another serviceUrl its own, and replies still arrive', async () => {
      const { app, url, stop } = await startTestApp({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix() });
      const clients: unknown[] = [];
      app.adapter.use({
        onTurn: async (context: TurnContext, next) => {
          clients.push(context.turnState.get(app.adapter.ConnectorClientKey));
          await next();
        },
      });
      try {
        const first = { id: `conv-${uniquePrefix()}` };
        const second = { id: `conv-${uniquePrefix()}` };
        expect((await postActivity(url, emulatorMessage(connector.url, 'hoi', { conversation: first }))).status).toBe(200);
        expect((await postActivity(url, emulatorMessage(connector.url, 'hallo', { conversation: second }))).status).toBe(200);
        expect((await postActivity(url, emulatorMessage(otherConnector.url, 'hoi', { conversation: first }))).status).toBe(200);

        const [greeting] = await connector.waitForReplies(first.id, 2);
        expect(greeting.text).toBe('Hallo! Ik ben VIT Wegwijzer. Ik help je op weg naar werk in de IT.');
        expect((await connector.waitForReplies(second.id, 2))[0].text).toBe(greeting.text);
        expect((await otherConnector.waitForReplies(first.id, 1)).length).toBe(1);

        expect(clients).toHaveLength(3);
        expect(clients[0]).toBeInstanceOf(ConnectorClient);
        expect(clients[1]).toBe(clients[0]);
        expect(clients[2]).toBeInstanceOf(ConnectorClient);
        expect(clients[2]).not.toBe(clients[0]);
      } finally {
        await stop();
      }
    });
  });

  describe('with an app id', () => {
    let recorder: Awaited<ReturnType<typeof startHeaderRecorder>>;
    beforeAll(async () => {
      recorder = await startHeaderRecorder();
    });
    afterAll(async () => {
      await recorder.stop();
    });

    function authentication(credentials: TokenCredentialsFactory, maxClients?: number) {
      const inner = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: 'app-a', MicrosoftAppType: 'MultiTenant' }, credentials);
      return new ReusableConnectorAuthentication(inner, { maxClients });
    }

    it('keeps one client per app id, audience and serviceUrl, and never shares one across them', async () => {
      const credentials = new TokenCredentialsFactory();
      const auth = authentication(credentials);
      const a = auth.createConnectorFactory(claimsFor('app-a'));
      const aAgain = auth.createConnectorFactory(claimsFor('app-a'));
      const b = auth.createConnectorFactory(claimsFor('app-b'));

      const client = await a.create(recorder.url, 'https://api.botframework.com');
      expect(await aAgain.create(recorder.url, 'https://api.botframework.com')).toBe(client);
      expect(await a.create(recorder.url, 'https://other-audience.example')).not.toBe(client);
      expect(await a.create(`${recorder.url}/other`, 'https://api.botframework.com')).not.toBe(client);
      expect(await b.create(recorder.url, 'https://api.botframework.com')).not.toBe(client);

      expect(credentials.created).toEqual([
        { appId: 'app-a', audience: 'https://api.botframework.com' },
        { appId: 'app-a', audience: 'https://other-audience.example' },
        { appId: 'app-a', audience: 'https://api.botframework.com' },
        { appId: 'app-b', audience: 'https://api.botframework.com' },
      ]);
    });

    it('signs every request of a kept client with the current token', async () => {
      const credentials = new TokenCredentialsFactory();
      const factory = authentication(credentials).createConnectorFactory(claimsFor('app-a'));
      const before = recorder.authorizations.length;

      await reply(await factory.create(recorder.url, 'https://api.botframework.com'), 'one');
      credentials.token = 'token-2'; // the token was refreshed between two turns
      await reply(await factory.create(recorder.url, 'https://api.botframework.com'), 'two');

      expect(recorder.authorizations.slice(before)).toEqual(['Bearer token-1', 'Bearer token-2']);
      expect(credentials.created).toHaveLength(1);
    });

    it('does not keep a client whose credentials could not be made, so the next turn tries again', async () => {
      const credentials = new TokenCredentialsFactory();
      const factory = authentication(credentials).createConnectorFactory(claimsFor('app-a'));
      credentials.failNext = true;

      await expect(factory.create(recorder.url, 'https://api.botframework.com')).rejects.toThrow('token service unreachable');
      const client = await factory.create(recorder.url, 'https://api.botframework.com');
      await reply(client, 'after the failure');
      expect(recorder.authorizations[recorder.authorizations.length - 1]).toBe('Bearer token-1');
    });

    it('forgets the least recently used client beyond its limit', async () => {
      const credentials = new TokenCredentialsFactory();
      const factory = authentication(credentials, 2).createConnectorFactory(claimsFor('app-a'));
      const first = await factory.create(`${recorder.url}/1`);
      const second = await factory.create(`${recorder.url}/2`);
      expect(await factory.create(`${recorder.url}/1`)).toBe(first); // /1 is now the most recently used
      await factory.create(`${recorder.url}/3`); // pushes out /2

      expect(await factory.create(`${recorder.url}/1`)).toBe(first);
      expect(await factory.create(`${recorder.url}/2`)).not.toBe(second);
    });

    it('keeps one user token client per app id', async () => {
      const credentials = new TokenCredentialsFactory();
      const auth = authentication(credentials);
      const a = await auth.createUserTokenClient(claimsFor('app-a'));

      expect(await auth.createUserTokenClient(claimsFor('app-a'))).toBe(a);
      expect(await auth.createUserTokenClient(claimsFor('app-b'))).not.toBe(a);
    });
  });
});
