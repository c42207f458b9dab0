import http from 'node:http';
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import {
  BotFrameworkAuthentication,
  BotFrameworkAuthenticationFactory,
  ServiceClientCredentials,
  ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { closeServer, listenOnLoopback } from './loopbackServer';

/** The bot's app id in authenticated tests. */
export const TEST_APP_ID = '5b1c7e2a-9d3f-4e6a-8b0c-1d2e3f4a5b6c';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** Signs the bot's outgoing requests with a fixed token: the loopback connectors accept any. */
class StaticCredentialsFactory extends ServiceClientCredentialsFactory {
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === TEST_APP_ID;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(): Promise<ServiceClientCredentials> {
    return {
      signRequest: async (request) => {
        request.headers.set('authorization', 'Bearer outgoing-test-token');
        return request;
      },
    };
  }
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/**
 * Stands in for the Bot Framework's token issuer on loopback: OpenID metadata and a signing key
 * endorsed for the given channels, and tokens signed with it as the Bot Connector signs each
 * activity it posts (audience = the bot's app id, serviceurl = where replies go). The app under test
 * validates them with botframework-connector's own JWT validation, so Teams tests run with
 * channel authentication on, as in production.
 */
export class FakeChannelIssuer {
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly kid = randomUUID();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  url = '';

  constructor(private readonly endorsements: string[] = ['msteams', 'emulator', 'test']) {}

  get issuer(): string {
    return `${this.url}/issuer`;
  }

  async start(): Promise<this> {
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  /** The settings an authenticated app runs with (its app id turns channel authentication on). */
  get env(): Record<string, string> {
    return { MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: 'not-used-by-the-test-credentials', MicrosoftAppTenantId: TENANT };
  }

  /** What the app validates incoming tokens with: this issuer's metadata instead of Microsoft's. */
  authentication(): BotFrameworkAuthentication {
    return BotFrameworkAuthenticationFactory.create(
      '',
      true,
      `${this.url}/login`,
      'https://api.botframework.com',
      this.issuer,
      `${this.url}/oauth`,
      `${this.url}/.well-known/openid-configuration`,
      `${this.url}/.well-known/openid-configuration`,
      'urn:botframework:test',
      new StaticCredentialsFactory(),
      { requiredEndorsements: [] },
    );
  }

  /** A token as the Bot Connector sends with an activity for `serviceUrl`. */
  token(serviceUrl: string, audience = TEST_APP_ID): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }));
    const payload = base64url(JSON.stringify({ iss: this.issuer, aud: audience, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600 }));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(this.keys.privateKey);
    return `${header}.${payload}.${base64url(signature)}`;
  }

  /** Posts an activity to /api/messages with a token for its serviceUrl, as Teams' connector does. */
  post(botUrl: string, activity: unknown): Promise<Response> {
    const serviceUrl = String((activity as { serviceUrl?: unknown }).serviceUrl ?? '');
    return fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token(serviceUrl)}` },
      body: JSON.stringify(activity),
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    const send = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') return send({ issuer: this.issuer, jwks_uri: `${this.url}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    if (req.url === '/keys') {
      const jwk = this.keys.publicKey.export({ format: 'jwk' });
      return send({ keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e, endorsements: this.endorsements }] });
    }
    res.writeHead(404);
    res.end();
  }
}
