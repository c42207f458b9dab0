import type { Request, Response } from 'restify';
import type { Logger } from '../logger';
import type { Account, AccountStore, Role } from '../accounts/accountStore';
import type { AttemptCounter, Session, SessionStore, SignInStage } from './sessionStore';
import { hashPassword, verifyPassword } from '../accounts/passwords';
import type { output, ZodType } from 'zod';
import type { PublicUser } from './consoleApi';

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword('no account has this password'));

export const SESSION_COOKIE = 'vit_session';
const MAX_FAILURES_PER_NAME = 5;
const MAX_FAILURES_PER_ADDRESS = 20;
/** Wrong second-factor codes an account may give in the failure window. */
const MAX_CODE_FAILURES = 5;

export interface ConsoleAuthDeps {
  accounts: AccountStore;
  sessions: SessionStore;
  failures: AttemptCounter;
  sessionSeconds: number;
  secureCookie: boolean;
  now: () => Date;
  /** What a sign-in still needs after the first factor (see AccountService.secondFactorNeeded). */
  secondFactorNeeded: (account: Account) => SignInStage | undefined;
}

/** What a signed-in request carries. */
export interface Signed {
  account: Account;
  session: Session;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A request's JSON body parsed by its schema (src/console/consoleApi.ts); else 400 bad-request with `message`. */
export function requestBody<S extends ZodType>(schema: S, req: Request, message: string): output<S> {
  const parsed = schema.safeParse(req.body ?? {});
  if (!parsed.success) throw new HttpError(400, 'bad-request', message);
  return parsed.data;
}

/** The public view of an account: never the hash. */
export function publicAccount(a: Account): PublicUser {
  return { id: a.id, username: a.username, firstName: a.firstName, role: a.role, languages: a.languages };
}

/** A cookie the request carries, decoded; undefined when it has none of that name. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Sessions, logins and the checks every console request goes through. */
export class ConsoleAuth {
  constructor(private readonly deps: ConsoleAuthDeps) {}

  /**
   * Checks a login. Every attempt is counted per user name and per address before the password is
   * checked, atomically, so parallel attempts cannot all pass a check made before any was counted;
   * past the limit the answer is 429 with the seconds to wait, and the password is not checked at all
   * (a right password does not bypass it). A right password takes its own attempt back and clears
   * the name's count.
   */
  async login(username: string, password: string, address: string): Promise<Signed> {
    const nameKey = `name:${username.trim().toLowerCase()}`;
    const addressKey = `address:${address}`;
    const [byName, byAddress] = await Promise.all([this.deps.failures.hit(nameKey), this.deps.failures.hit(addressKey)]);
    if (byName > MAX_FAILURES_PER_NAME || byAddress > MAX_FAILURES_PER_ADDRESS) {
      const wait = Math.max(await this.deps.failures.retryAfter(nameKey), await this.deps.failures.retryAfter(addressKey));
      throw new HttpError(429, 'too-many-attempts', 'too many failed logins; try again later', { retryAfterSeconds: wait });
    }
    const account = await this.deps.accounts.byUsername(username);
    // An unknown name costs the same scrypt as a known one, so timing does not tell which names exist.
    // So does an account still waiting for its first password (an invitation not yet used).
    const ok = await verifyPassword(password, account && !account.disabled && account.passwordHash ? account.passwordHash : await dummyHash());
    if (!account || !ok || account.disabled || !account.passwordHash) throw new HttpError(401, 'invalid-login', 'user name or password is wrong');
    await Promise.all([this.deps.failures.reset(nameKey), this.deps.failures.release(addressKey)]);
    return this.completeSignIn(account);
  }

  /**
   * Signs in an account whose first factor was checked (the password here; another sign-in method
   * calls this too). When the account has a second factor, or its role must have one, the session is
   * only a stage (`session.stage`): it opens the second-factor routes and nothing else, until
   * finishSecondFactor replaces it with a full one.
   */
  async completeSignIn(account: Account): Promise<Signed> {
    if (account.disabled) throw new HttpError(401, 'invalid-login', 'this account is disabled');
    const stage = this.deps.secondFactorNeeded(account);
    return { account, session: await this.deps.sessions.create(account.id, this.deps.now(), stage) };
  }

  /** A staged session's request (see completeSignIn), or a 401; with CSRF check. Full sessions pass when `alsoFull`. */
  async requireStage(req: Request, stages: readonly SignInStage[], alsoFull = false): Promise<Signed> {
    const signed = await this.signedOf(req, true);
    const stage = signed.session.stage;
    if (stage ? !stages.includes(stage) : !alsoFull) throw new HttpError(401, 'not-signed-in', 'please sign in');
    return signed;
  }

  /**
   * Counts a second-factor attempt for the account (past five wrong ones in the window: 429 without
   * checking); `check` throws for a wrong code. A right code takes its attempt back.
   */
  async secondFactorAttempt<T>(account: Account, check: () => Promise<T>): Promise<T> {
    const key = `code:${account.id}`;
    if ((await this.deps.failures.hit(key)) > MAX_CODE_FAILURES) {
      throw new HttpError(429, 'too-many-attempts', 'too many wrong codes; try again later', { retryAfterSeconds: await this.deps.failures.retryAfter(key) });
    }
    const result = await check();
    await this.deps.failures.release(key);
    return result;
  }

  /** Replaces a staged session by a full one (a new id: the half-signed-in one stops working). */
  async finishSecondFactor(signed: Signed): Promise<Signed> {
    await this.deps.sessions.delete(signed.session.id);
    return { account: signed.account, session: await this.deps.sessions.create(signed.account.id, this.deps.now()) };
  }

  async logout(signed: Signed): Promise<void> {
    await this.deps.sessions.delete(signed.session.id);
  }

  /** The cookie that carries the session: HttpOnly, SameSite=Strict, Secure unless configured off. */
  sessionCookie(session: Session | undefined): string {
    const parts = [`${SESSION_COOKIE}=${session ? encodeURIComponent(session.id) : ''}`, 'Path=/console', 'HttpOnly', 'SameSite=Strict'];
    parts.push(session ? `Max-Age=${this.deps.sessionSeconds}` : 'Max-Age=0');
    if (this.deps.secureCookie) parts.push('Secure');
    return parts.join('; ');
  }

  /**
   * The signed-in account of a request, or a 401; with `roles`, a 403 for other roles; for requests
   * that change something, a 403 unless the X-CSRF-Token header matches the session's token.
   */
  async require(req: Request, roles?: readonly Role[]): Promise<Signed> {
    const { account, session } = await this.signedOf(req, false);
    if (roles && !roles.includes(account.role)) throw new HttpError(403, 'forbidden', `this needs the role ${roles.join(' or ')}`);
    return { account, session };
  }

  private async signedOf(req: Request, staged: boolean): Promise<Signed> {
    const id = readCookie(req, SESSION_COOKIE);
    const session = id ? await this.deps.sessions.get(id) : undefined;
    const account = session ? await this.deps.accounts.byId(session.accountId) : undefined;
    // A session still waiting for its second factor is no sign-in (only requireStage accepts it).
    if (!session || !account || account.disabled || (!staged && session.stage)) throw new HttpError(401, 'not-signed-in', 'please sign in');
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers['x-csrf-token'] !== session.csrfToken) {
      throw new HttpError(403, 'csrf', 'the request lacks the CSRF token of this session');
    }
    return { account, session };
  }
}

/** Sends a JSON answer with the headers every console API answer has. */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.send(status, body);
}

/** Logs a failed console request by its route pattern: the path itself may hold a person's id. */
export function consoleErrorLogger(logger: Logger) {
  return (error: Error, req: Request) =>
    logger.error({ route: req.getRoute()?.path, err: { message: error.message, stack: error.stack } }, 'console request failed');
}

/** Runs a handler; an HttpError becomes its status and code, anything else a logged 500. */
export function handle(onError: (error: Error, req: Request) => void, fn: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (error) {
      if (error instanceof HttpError) {
        sendJson(res, error.status, { error: error.code, message: error.message, ...error.extra });
      } else {
        onError(error as Error, req);
        sendJson(res, 500, { error: 'internal', message: 'something went wrong' });
      }
    }
  };
}
