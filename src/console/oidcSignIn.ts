import { randomBytes } from 'node:crypto';
import type * as Oidc from 'openid-client' with { 'resolution-mode': 'import' };
import type { Logger } from '../logger';
import type { Account, AccountStore } from '../accounts/accountStore';
import { isLoopback } from '../loopback';
import type { OidcFlowStore } from './oidcFlowStore';

// openid-client is an ES module; Node 24 loads it with require() (this program is CommonJS).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oidc = require('openid-client') as typeof Oidc;

/** Why a Microsoft sign-in did not end in a session; the login page says each in the console's language. */
export const OIDC_REFUSALS = ['unlinked', 'disabled', 'failed', 'expired', 'cancelled', 'unavailable', 'too-many'] as const;
export type OidcRefusal = (typeof OIDC_REFUSALS)[number];

export class OidcRefused extends Error {
  constructor(
    readonly reason: OidcRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'OidcRefused';
  }
}

export interface OidcSettings {
  /** The tenant's issuer, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: <CONSOLE_PUBLIC_URL>/auth/oidc/callback. */
  redirectUri: string;
}

export interface OidcSignInDeps {
  settings: OidcSettings;
  flows: OidcFlowStore;
  accounts: AccountStore;
  logger: Logger;
  /** Seconds each request to the provider may take (default 10). */
  timeoutSeconds?: number;
}

/** An Entra object id is a GUID. */
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The random id in the browser's flow cookie: 32 bytes, base64url. */
export const newFlowId = () => randomBytes(32).toString('base64url');

/**
 * Sign in with Microsoft Entra ID: the OpenID Connect authorization code flow with PKCE (openid-client).
 * The provider is discovered at the first sign-in (and tried once at start, see warmUp); a discovery
 * that fails is not kept, so the next sign-in tries again, and password sign-in never depends on it.
 * A signed-in Entra user is mapped by the `oid` claim (the object id) to the account an admin linked to
 * that object id, the same link Teams uses; it never creates an account.
 */
export class OidcSignIn {
  private configuration?: Promise<Oidc.Configuration>;

  constructor(private readonly deps: OidcSignInDeps) {}

  private discover(): Promise<Oidc.Configuration> {
    if (this.configuration) return this.configuration;
    const { issuer, clientId, clientSecret } = this.deps.settings;
    const url = new URL(issuer);
    // Plain http only for a provider on this machine (a local try-out); the settings refuse it elsewhere.
    const insecure = url.protocol === 'http:' && isLoopback(url.hostname.replace(/^\[|\]$/g, ''));
    const found = oidc.discovery(url, clientId, { client_secret: clientSecret, id_token_signed_response_alg: 'RS256' }, oidc.ClientSecretPost(clientSecret), {
      timeout: this.deps.timeoutSeconds ?? 10,
      // The ID token's signature is checked against the provider's keys (JWKS), not only trusted for coming over TLS.
      execute: insecure ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] : [oidc.enableNonRepudiationChecks],
    });
    this.configuration = found;
    found.catch(() => {
      if (this.configuration === found) this.configuration = undefined;
    });
    return found;
  }

  private async provider(): Promise<Oidc.Configuration> {
    try {
      return await this.discover();
    } catch (error) {
      this.deps.logger.warn({ issuer: this.deps.settings.issuer, err: { message: (error as Error).message } }, 'Microsoft sign-in: the OpenID provider could not be discovered; password sign-in still works');
      throw new OidcRefused('unavailable', 'the OpenID provider could not be reached');
    }
  }

  /** Discovers the provider at start, so a wrong issuer shows in the log at once; never fails the start. */
  async warmUp(): Promise<boolean> {
    try {
      await this.provider();
      this.deps.logger.info('Microsoft sign-in is on');
      return true;
    } catch {
      return false;
    }
  }

  /** Starts a sign-in for the browser holding `flowId`: keeps state, nonce and PKCE verifier, gives the provider's address. */
  async start(flowId: string): Promise<URL> {
    const configuration = await this.provider();
    const flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    await this.deps.flows.put(flowId, flow);
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.deps.settings.redirectUri,
      scope: 'openid profile',
      response_type: 'code',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
      prompt: 'select_account',
    });
  }

  /**
   * Finishes the sign-in the provider sent the browser back from (`query`: the callback's query string),
   * for the browser holding `flowId`. The flow is used up whatever the outcome. Gives the linked account,
   * or throws OidcRefused.
   */
  async finish(flowId: string | undefined, query: URLSearchParams): Promise<Account> {
    const flow = flowId ? await this.deps.flows.take(flowId) : undefined;
    if (!flow) throw new OidcRefused('expired', 'no sign-in under way for this browser (it took too long, or was used already)');
    if (query.get('state') !== flow.state) throw new OidcRefused('failed', 'the state does not match the sign-in under way');
    if (query.has('error')) {
      const cancelled = query.get('error') === 'access_denied';
      throw new OidcRefused(cancelled ? 'cancelled' : 'failed', `the provider answered ${query.get('error')}`);
    }
    const configuration = await this.provider();
    const callback = new URL(this.deps.settings.redirectUri);
    callback.search = query.toString();
    let claims: Oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      const cause = (error as Error).cause instanceof Error ? `: ${((error as Error).cause as Error).message}` : '';
      throw new OidcRefused('failed', `the code exchange or the ID token was refused: ${(error as Error).message}${cause}`);
    }
    const objectId = claims?.oid;
    if (typeof objectId !== 'string' || !OBJECT_ID.test(objectId)) throw new OidcRefused('failed', 'the ID token has no Entra object id (oid claim)');
    const account = await this.deps.accounts.byTeamsAadObjectId(objectId);
    if (!account) throw new OidcRefused('unlinked', 'no console account is linked to this Microsoft user');
    if (account.disabled) throw new OidcRefused('disabled', 'the linked console account is disabled');
    return account;
  }
}
