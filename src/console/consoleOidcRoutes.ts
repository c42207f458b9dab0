import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, readCookie, sendJson } from './consoleAuth';
import { OidcCallbackQuery, type LoginOptionsResponse } from './consoleApi';
import { clientAddress, ProxyHopsError } from './clientAddress';
import type { AttemptCounter } from './sessionStore';
import { newFlowId, OidcRefusal, OidcRefused, OidcSignIn } from './oidcSignIn';

export const OIDC_FLOW_COOKIE = 'vit_oidc';
const FLOW_PATH = '/console/auth/oidc';
/** How long a browser may take at Microsoft (the flow record lives as long). */
export const OIDC_FLOW_SECONDS = 10 * 60;
/** Sign-ins one address may start in the counter's window; each may cost one request to the provider. */
const MAX_STARTS_PER_ADDRESS = 30;
/** The callback's whole query, at most (a code from Entra is about 1–2 kB). */
const MAX_QUERY_LENGTH = 8192;

export interface OidcRouteDeps {
  auth: ConsoleAuth;
  /** Absent when the CONSOLE_OIDC_ settings are not there: the routes then answer 404 and the login page offers no button. */
  oidc?: OidcSignIn;
  /** Counts sign-in starts per address (the same kind of counter as failed logins). */
  starts: AttemptCounter;
  secureCookie: boolean;
  trustedProxyHops: number;
  logger: Logger;
}

/**
 * GET /console/api/login-options, GET /console/auth/oidc/start (to Microsoft) and
 * GET /console/auth/oidc/callback (back from it): sign in with Microsoft Entra ID. The flow cookie
 * (HttpOnly, SameSite=Lax so it comes along when Microsoft sends the browser back, path
 * /console/auth/oidc) holds only a random id; state, nonce and PKCE verifier stay on the server,
 * single-use. A refusal goes back to the login page as ?signin=<reason>, which it shows in its language.
 */
export function registerOidcRoutes(server: Server, deps: OidcRouteDeps): void {
  const onError = consoleErrorLogger(deps.logger);

  const flowCookie = (id: string | undefined) => {
    const parts = [`${OIDC_FLOW_COOKIE}=${id ?? ''}`, `Path=${FLOW_PATH}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${id ? OIDC_FLOW_SECONDS : 0}`];
    if (deps.secureCookie) parts.push('Secure');
    return parts.join('; ');
  };
  const redirect = (res: Response, location: string, cookies: string[]) => {
    res.setHeader('Set-Cookie', cookies);
    res.setHeader('Cache-Control', 'no-store');
    // The callback's address holds the code: it goes to no one as a referrer.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Location', location);
    res.writeHead(303);
    res.end();
  };
  const refused = (res: Response, reason: OidcRefusal) => redirect(res, `/console?signin=${reason}`, [flowCookie(undefined)]);
  const enabled = (): OidcSignIn => {
    if (!deps.oidc) throw new HttpError(404, 'not-found', 'Microsoft sign-in is not configured');
    return deps.oidc;
  };
  const address = (req: Request) => {
    try {
      return clientAddress(req, deps.trustedProxyHops);
    } catch (error) {
      if (!(error instanceof ProxyHopsError)) throw error;
      deps.logger.error({ trustedProxyHops: error.trustedHops, forwardedEntries: error.seen }, error.message);
      throw new HttpError(503, 'proxy-setting', 'the server\u2019s proxy setting does not match this request; the operator must fix TRUSTED_PROXY_HOPS');
    }
  };

  server.get('/console/api/login-options', handle(onError, async (_req, res) => {
    sendJson(res, 200, { microsoft: !!deps.oidc } satisfies LoginOptionsResponse);
  }));

  server.get(`${FLOW_PATH}/start`, handle(onError, async (req, res) => {
    const oidc = enabled();
    const key = `oidc-start:${address(req)}`;
    if ((await deps.starts.hit(key)) > MAX_STARTS_PER_ADDRESS) return refused(res, 'too-many');
    const flowId = newFlowId();
    try {
      const to = await oidc.start(flowId);
      redirect(res, to.href, [flowCookie(flowId)]);
    } catch (error) {
      if (!(error instanceof OidcRefused)) throw error;
      refused(res, error.reason);
    }
  }));

  server.get(`${FLOW_PATH}/callback`, handle(onError, async (req, res) => {
    const oidc = enabled();
    const raw = (req.url ?? '').split('?')[1] ?? '';
    const params = new URLSearchParams(raw.length <= MAX_QUERY_LENGTH ? raw : '');
    const single = [...new Set(params.keys())].every((k) => params.getAll(k).length === 1);
    const parsed = OidcCallbackQuery.safeParse(Object.fromEntries(params));
    if (!single || !parsed.success) {
      // The flow is used up all the same: a forged answer cannot be followed by a right one.
      await oidc.finish(readCookie(req, OIDC_FLOW_COOKIE), new URLSearchParams()).catch(() => undefined);
      deps.logger.info({ reason: 'failed' }, 'Microsoft sign-in refused: the answer from the provider is malformed');
      return refused(res, 'failed');
    }
    const query = new URLSearchParams(Object.entries(parsed.data).filter((e): e is [string, string] => e[1] !== undefined));
    try {
      const account = await oidc.finish(readCookie(req, OIDC_FLOW_COOKIE), query);
      const signed = await deps.auth.completeSignIn(account).catch((error: unknown) => {
        throw error instanceof HttpError ? new OidcRefused('disabled', error.message) : error;
      });
      deps.logger.info({ role: account.role }, 'signed in with Microsoft');
      redirect(res, '/console', [deps.auth.sessionCookie(signed.session), flowCookie(undefined)]);
    } catch (error) {
      if (!(error instanceof OidcRefused)) throw error;
      deps.logger.info({ reason: error.reason, detail: error.message }, 'Microsoft sign-in refused');
      refused(res, error.reason);
    }
  }));
}
