import http from 'node:http';
import { createHash, generateKeyPairSync, KeyObject, randomBytes, randomUUID, sign, type JsonWebKey } from 'node:crypto';
import type { AddressInfo } from 'node:net';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWS in compact form, RS256 (RSASSA-PKCS1-v1_5 with SHA-256), as Entra signs its ID tokens. */
function signRs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** Who signs in at the fake provider next: an Entra user by object id (null: an ID token without `oid`). */
export interface FakeUser {
  oid: string | null;
  name?: string;
}

/** What the next ID token gets wrong, as a broken or hostile provider would send it. */
export interface IdTokenFault {
  issuer?: string;
  audience?: string;
  nonce?: string;
  /** Expired this many seconds ago. */
  expiredSecondsAgo?: number;
  /** The payload changed after signing (here: the `oid` swapped for this one), the signature left as it was. */
  tamperedOid?: string;
  /** Signed with a key the provider's JWKS does not have (same kid). */
  foreignKey?: boolean;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  nonce?: string;
  codeChallenge: string;
  user: FakeUser;
  fault?: IdTokenFault;
}

/**
 * A Microsoft Entra ID stand-in on loopback, at the HTTP level: OpenID discovery, JWKS, /authorize
 * (signs `user` in at once and sends the browser back with a code and the state) and /token (checks
 * the client secret, the redirect URI and the PKCE verifier, then returns an ID token signed with a
 * generated RS256 key). `faultNext` makes the next ID token wrong in one way.
 */
export class FakeOpenIdProvider {
  user: FakeUser = { oid: null };
  readonly authorizeRequests: URLSearchParams[] = [];
  readonly tokenRequests: URLSearchParams[] = [];
  private readonly grants = new Map<string, Grant>();
  private fault?: IdTokenFault;
  private server = http.createServer((req, res) => void this.handle(req, res).catch((error) => this.send(res, 500, { error: 'server_error', error_description: String(error) })));
  private readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly foreign = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  private readonly kid = randomUUID();
  issuer = '';

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    /** The host name in the issuer: `localhost` puts the provider on another site than a console at 127.0.0.1. */
    private readonly hostName = '127.0.0.1',
  ) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://${this.hostName}:${(this.server.address() as AddressInfo).port}/tenant/v2.0`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** The CONSOLE_OIDC_ settings for an app that trusts this provider. */
  get env(): Record<string, string> {
    return { CONSOLE_OIDC_ISSUER: this.issuer, CONSOLE_OIDC_CLIENT_ID: this.clientId, CONSOLE_OIDC_CLIENT_SECRET: this.clientSecret };
  }

  private publicJwk(): JsonWebKey {
    return { ...this.key.publicKey.export({ format: 'jwk' }), kid: this.kid, alg: 'RS256', use: 'sig' };
  }

  faultNext(fault: IdTokenFault): void {
    this.fault = fault;
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', this.issuer);
    const base = this.issuer;
    if (req.method === 'GET' && url.pathname === '/tenant/v2.0/.well-known/openid-configuration') {
      return this.send(res, 200, {
        issuer: base,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
        jwks_uri: `${base}/jwks`,
        response_types_supported: ['code'],
        response_modes_supported: ['query'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'profile', 'email'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        code_challenge_methods_supported: ['S256'],
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'oid', 'tid', 'name'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/tenant/v2.0/jwks') return this.send(res, 200, { keys: [this.publicJwk()] });
    if (req.method === 'GET' && url.pathname === '/tenant/v2.0/authorize') return this.authorize(url.searchParams, res);
    if (req.method === 'POST' && url.pathname === '/tenant/v2.0/token') {
      let body = '';
      for await (const chunk of req) body += chunk;
      return this.token(new URLSearchParams(body), res);
    }
    return this.send(res, 404, { error: 'not_found' });
  }

  private authorize(q: URLSearchParams, res: http.ServerResponse) {
    this.authorizeRequests.push(q);
    const redirectUri = q.get('redirect_uri');
    if (q.get('client_id') !== this.clientId || !redirectUri) return this.send(res, 400, { error: 'invalid_request', error_description: 'unknown client or no redirect_uri' });
    const back = new URL(redirectUri);
    back.searchParams.set('state', q.get('state') ?? '');
    if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('scope')?.split(' ').includes('openid')) {
      back.searchParams.set('error', 'invalid_request');
    } else {
      const code = randomBytes(24).toString('base64url');
      this.grants.set(code, { clientId: this.clientId, redirectUri, nonce: q.get('nonce') ?? undefined, codeChallenge: q.get('code_challenge')!, user: this.user, fault: this.fault });
      this.fault = undefined;
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { Location: back.href });
    res.end();
  }

  private token(form: URLSearchParams, res: http.ServerResponse) {
    this.tokenRequests.push(form);
    const code = form.get('code') ?? '';
    const grant = this.grants.get(code);
    this.grants.delete(code); // a code works once
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) return this.send(res, 401, { error: 'invalid_client' });
    if (form.get('grant_type') !== 'authorization_code' || !grant) return this.send(res, 400, { error: 'invalid_grant' });
    if (form.get('redirect_uri') !== grant.redirectUri) return this.send(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri differs' });
    const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
    if (challenge !== grant.codeChallenge) return this.send(res, 400, { error: 'invalid_grant', error_description: 'PKCE verifier does not match' });
    this.send(res, 200, { token_type: 'Bearer', expires_in: 3600, access_token: randomBytes(16).toString('hex'), scope: 'openid profile', id_token: this.idToken(grant) });
  }

  private idToken(grant: Grant): string {
    const fault = grant.fault ?? {};
    const now = Math.floor(Date.now() / 1000) - (fault.expiredSecondsAgo !== undefined ? fault.expiredSecondsAgo + 3600 : 0);
    const claims: Record<string, unknown> = { tid: 'tenant', name: grant.user.name ?? 'Test User', ver: '2.0' };
    if (grant.user.oid !== null) claims.oid = grant.user.oid;
    if (grant.nonce !== undefined || fault.nonce !== undefined) claims.nonce = fault.nonce ?? grant.nonce;
    const payload = {
      ...claims,
      iss: fault.issuer ?? this.issuer,
      aud: fault.audience ?? grant.clientId,
      sub: `pairwise-${grant.user.oid ?? 'none'}`,
      iat: now,
      nbf: now,
      exp: now + 3600,
    };
    const token = signRs256({ alg: 'RS256', kid: this.kid, typ: 'JWT' }, payload, fault.foreignKey ? this.foreign : this.key.privateKey);
    if (!fault.tamperedOid) return token;
    const [header, signed, signature] = token.split('.');
    const changed = { ...JSON.parse(Buffer.from(signed, 'base64url').toString()), oid: fault.tamperedOid };
    return [header, b64(changed), signature].join('.');
  }
}
