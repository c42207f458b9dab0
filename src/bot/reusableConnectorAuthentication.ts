import {
  AuthenticateRequestResult,
  AuthenticationConstants,
  BotFrameworkAuthentication,
  BotFrameworkClient,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/** How many clients are kept at most: serviceUrls come from requests, so the set must not grow without end. */
const DEFAULT_MAX_CLIENTS = 256;

/**
 * Wraps a BotFrameworkAuthentication (ConfigurationBotFrameworkAuthentication in production) so that
 * turns reuse their Bot Connector clients instead of building a new ConnectorClient, HTTP pipeline
 * and keep-alive agent, and a new UserTokenClient, on every turn.
 *
 * Safe because a client holds no per-turn state: its credentials sign each request as it is sent,
 * taking the token from the credentials' own token cache (refreshed before it expires). Clients are
 * kept per bot app id (from the turn's verified claims), audience and serviceUrl, so one app id's
 * or audience's client is never used for another. Authentication itself is the wrapped one's.
 */
export class ReusableConnectorAuthentication extends BotFrameworkAuthentication {
  private readonly connectorClients: BoundedCache<Promise<ConnectorClient>>;
  private readonly userTokenClients: BoundedCache<Promise<UserTokenClient>>;

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    options: { maxClients?: number } = {},
  ) {
    super();
    this.connectorClients = new BoundedCache(options.maxClients ?? DEFAULT_MAX_CLIENTS);
    this.userTokenClients = new BoundedCache(options.maxClients ?? DEFAULT_MAX_CLIENTS);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: this.reusing(result.claimsIdentity, factory) } : result;
  }

  override authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(claimsIdentity, this.inner.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.getOrCreate(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  /** A factory that hands out the kept client for (app id, audience, serviceUrl), creating it with `factory` once. */
  private reusing(claimsIdentity: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    const clients = this.connectorClients;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return clients.getOrCreate(JSON.stringify([appId, audience ?? null, serviceUrl]), () => factory.create(serviceUrl, audience));
      }
    })();
  }
}

/** The bot's app id in a turn's claims, as botframework-connector reads it; '' when authentication is off. */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** A map that forgets its least recently used entry beyond `max`, and forgets a promise that failed. */
class BoundedCache<T extends Promise<unknown>> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly max: number) {}

  getOrCreate(key: string, create: () => T): T {
    const kept = this.entries.get(key);
    if (kept) {
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    const created = create();
    this.entries.set(key, created);
    created.catch(() => {
      if (this.entries.get(key) === created) this.entries.delete(key);
    });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return created;
  }
}
