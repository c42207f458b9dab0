import type { Request, Server } from 'restify';
import type { Logger } from '../logger';
import type { Account } from '../accounts/accountStore';
import { ROLES } from '../accounts/accountStore';
import { AccountError, AccountService, Invitation } from '../accounts/accountService';
import { MIN_PASSWORD_LENGTH } from '../accounts/passwordPolicy';
import { MAX_CAPACITY } from '../domain/mentorStatus';
import { consoleErrorLogger, ConsoleAuth, handle, HttpError, publicAccount, requestBody, sendJson, Signed } from './consoleAuth';
import {
  AcceptInvitationRequest,
  CapacityRequest,
  ChangeAccountRequest,
  CodeRequest,
  CreateAccountRequest,
  InvitationRequest,
  LinkTeamsRequest,
  type AccountChange,
  type AccountList,
  type AccountView,
  type EnrolmentDone,
  type EnrolmentStart,
  type SessionResponse,
  type InvitationInfo,
  type SecondFactorDone,
  type SecondFactorStatus,
} from './consoleApi';

export interface AccountRoutesDeps {
  auth: ConsoleAuth;
  service: AccountService;
  /** Roles that must use a second factor (CONSOLE_REQUIRE_2FA), shown on the page. */
  require2fa: readonly Account['role'][];
  logger: Logger;
}

const STATUS: Record<AccountError['code'], number> = {
  'not-found': 404,
  'username-taken': 409,
  'bad-username': 400,
  'bad-role': 400,
  'last-admin': 409,
  'teams-taken': 409,
  'not-linked': 409,
  'too-short': 400,
  'too-long': 400,
  common: 400,
  'invitation-unknown': 404,
  'invitation-used': 410,
  'invitation-expired': 410,
  'no-enrolment': 409,
  'code-wrong': 401,
  'code-reused': 401,
  'bad-capacity': 400,
  busy: 503,
};

/** The service's refusals as HTTP answers with their code (the page words them). */
async function refused<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AccountError) throw new HttpError(STATUS[error.code], error.code, error.message);
    throw error;
  }
}

export function accountView(a: Account): AccountView {
  return {
    ...publicAccount(a),
    disabled: a.disabled,
    createdAt: a.createdAt,
    passwordSet: a.passwordHash !== '',
    secondFactor: !!a.totpSecret,
    teamsAadObjectId: a.teamsAadObjectId ?? null,
    capacity: a.capacity ?? null,
  };
}

const invitationView = (invitation: Invitation) => ({ path: invitation.path, expiresAt: invitation.expiresAt });
const actorOf = ({ account }: Signed) => ({ username: account.username, role: account.role });

/**
 * The accounts page's API (admins only), the set-password page's (anyone holding an invitation), and
 * the second factor's (a sign-in half done, or a signed-in person turning it on).
 */
export function registerAccountConsole(server: Server, deps: AccountRoutesDeps): void {
  const onError = consoleErrorLogger(deps.logger);
  const { auth, service } = deps;
  const admin = (req: Request) => auth.require(req, ['admin']);

  server.get('/console/api/accounts', handle(onError, async (req, res) => {
    await admin(req);
    const items = (await service.list()).map(accountView);
    const teamsRequests = await service.teamsLinkRequests();
    sendJson(res, 200, { items, teamsRequests, roles: ROLES, require2fa: deps.require2fa, maxCapacity: MAX_CAPACITY } satisfies AccountList);
  }));

  server.post('/console/api/accounts', handle(onError, async (req, res) => {
    const signed = await admin(req);
    const input = requestBody(CreateAccountRequest, req, `send {"username", "role", "firstName"?, "languages"?, "capacity"? (1 to ${MAX_CAPACITY}, or null)}`);
    const { account, invitation } = await refused(service.invite(actorOf(signed), input));
    sendJson(res, 201, { account: accountView(account), invitation: invitationView(invitation) } satisfies AccountChange);
  }));

  server.post('/console/api/accounts/:id', handle(onError, async (req, res) => {
    const signed = await admin(req);
    const { disabled, capacity, ...patch } = requestBody(ChangeAccountRequest, req, `send any of {"firstName", "role", "languages", "disabled", "capacity" (1 to ${MAX_CAPACITY}, or null)}`);
    let account = await refused(service.get(req.params.id));
    if (patch.firstName !== undefined || patch.role !== undefined || patch.languages !== undefined) account = await refused(service.change(actorOf(signed), account.id, patch));
    if (capacity !== undefined && capacity !== (account.capacity ?? null)) account = await refused(service.setCapacity(actorOf(signed), account.id, capacity));
    if (disabled !== undefined && disabled !== account.disabled) account = await refused(service.setDisabled(actorOf(signed), account.id, disabled));
    sendJson(res, 200, { account: accountView(account) } satisfies AccountChange);
  }));

  // The cap alone (the handover's own address for it): the same service call as the change above.
  server.post('/console/api/accounts/:id/capacity', handle(onError, async (req, res) => {
    const signed = await admin(req);
    const { capacity } = requestBody(CapacityRequest, req, `capacity is a whole number from 1 to ${MAX_CAPACITY}, or null for no cap`);
    const account = await refused(service.setCapacity(actorOf(signed), String(req.params.id), capacity));
    sendJson(res, 200, { id: account.id, capacity: account.capacity ?? null });
  }));

  server.post('/console/api/accounts/:id/reset', handle(onError, async (req, res) => {
    const signed = await admin(req);
    const { account, invitation } = await refused(service.reset(actorOf(signed), req.params.id));
    sendJson(res, 200, { account: accountView(account), invitation: invitationView(invitation) } satisfies AccountChange);
  }));

  server.post('/console/api/accounts/:id/teams', handle(onError, async (req, res) => {
    const signed = await admin(req);
    const { aadObjectId } = requestBody(LinkTeamsRequest, req, 'aadObjectId must be a Microsoft Entra object id (a GUID)');
    const account = await refused(service.linkTeams(actorOf(signed), req.params.id, aadObjectId));
    sendJson(res, 200, { account: accountView(account) } satisfies AccountChange);
  }));

  server.post('/console/api/accounts/:id/teams/unlink', handle(onError, async (req, res) => {
    const signed = await admin(req);
    const account = await refused(service.unlinkTeams(actorOf(signed), req.params.id));
    sendJson(res, 200, { account: accountView(account) } satisfies AccountChange);
  }));

  // The token travels in the body (never in a URL the server logs); the link carries it after "#".
  server.post('/console/api/invitations/check', handle(onError, async (req, res) => {
    const { token } = requestBody(InvitationRequest, req, 'send {"token"}');
    const account = await refused(service.checkInvitation(token));
    const expiresAt = (await refused(service.invitationExpiry(token))) ?? '';
    sendJson(res, 200, { username: account.username, firstName: account.firstName, minLength: MIN_PASSWORD_LENGTH, expiresAt } satisfies InvitationInfo);
  }));

  server.post('/console/api/invitations/accept', handle(onError, async (req, res) => {
    const { token, password } = requestBody(AcceptInvitationRequest, req, 'send {"token", "password"}');
    await refused(service.acceptInvitation(token, password));
    res.send(204);
  }));

  // A sign-in half done (after a redirect, e.g. from another sign-in method): what the page must ask next.
  server.get('/console/api/login/stage', handle(onError, async (req, res) => {
    const { account, session } = await auth.requireStage(req, ['second-factor', 'enrol']);
    sendJson(res, 200, { user: publicAccount(account), csrfToken: session.csrfToken, stage: session.stage } satisfies SessionResponse);
  }));

  server.post('/console/api/login/second-factor', handle(onError, async (req, res) => {
    const signed = await auth.requireStage(req, ['second-factor']);
    const { code } = requestBody(CodeRequest, req, 'send {"code"}');
    const { recoveryCodeUsed } = await auth.secondFactorAttempt(signed.account, () => refused(service.verifySecondFactor(signed.account, code)));
    const full = await auth.finishSecondFactor(signed);
    res.setHeader('Set-Cookie', auth.sessionCookie(full.session));
    const left = recoveryCodeUsed ? await service.recoveryCodesLeft(full.account.id) : undefined;
    sendJson(res, 200, { user: publicAccount(full.account), csrfToken: full.session.csrfToken, ...(left === undefined ? {} : { recoveryCodesLeft: left }) } satisfies SecondFactorDone);
  }));

  server.get('/console/api/second-factor', handle(onError, async (req, res) => {
    const { account } = await auth.require(req);
    sendJson(res, 200, { enabled: !!account.totpSecret, required: deps.require2fa.includes(account.role) } satisfies SecondFactorStatus);
  }));

  // Setting up the app: at a sign-in that requires it, or by a signed-in person who wants it.
  server.post('/console/api/second-factor/start', handle(onError, async (req, res) => {
    const signed = await auth.requireStage(req, ['enrol'], true);
    if (signed.account.totpSecret) throw new HttpError(409, 'enrolled', 'this account has a second factor already');
    sendJson(res, 200, (await service.startEnrolment(signed.account)) satisfies EnrolmentStart);
  }));

  server.post('/console/api/second-factor/confirm', handle(onError, async (req, res) => {
    const signed = await auth.requireStage(req, ['enrol'], true);
    const { code } = requestBody(CodeRequest, req, 'send {"code"}');
    const recoveryCodes = await auth.secondFactorAttempt(signed.account, () => refused(service.confirmEnrolment(signed.account, code)));
    const full = signed.session.stage ? await auth.finishSecondFactor(signed) : signed;
    if (signed.session.stage) res.setHeader('Set-Cookie', auth.sessionCookie(full.session));
    sendJson(res, 200, { user: publicAccount(full.account), csrfToken: full.session.csrfToken, recoveryCodes } satisfies EnrolmentDone);
  }));
}
