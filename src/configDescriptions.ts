/**
 * What each setting means, for people: docs/configuration.md is generated from this table and the
 * schema in config.ts (npm run docs:config). A default written here is prose for a setting whose default
 * the schema cannot state (it depends on another setting, or is made at start); every other default
 * comes from the schema itself, so the documentation cannot drift from what the program does.
 */
import type { EnvSchema } from './config';

export type SettingDescription = { meaning: string; defaultInWords?: string };

export const CONFIG_DESCRIPTIONS = {
  PORT: { meaning: 'HTTP port' },
  HOST: { meaning: 'address to listen on; without `MicrosoftAppId` an address beyond loopback stops the start unless `ALLOW_UNAUTHENTICATED_REMOTE=true`', defaultInWords: '127.0.0.1 without `MicrosoftAppId`, else 0.0.0.0' },
  ALLOW_UNAUTHENTICATED_REMOTE: { meaning: '`true` lets the bot listen beyond loopback without channel authentication (a closed test network only); refused with `NODE_ENV=production`' },
  LOG_LEVEL: { meaning: '`fatal` … `trace`, `silent`; JSON logs with personal data redacted' },
  LOG_PSEUDONYM_SECRET: { meaning: 'key for the pseudonyms that replace conversation ids in logs and for the keyed digests that name people and conversations in Redis keys; the same on every instance and never changed (a new key loses every stored person); required (16+ characters) with `REDIS_URL` when `NODE_ENV=production`', defaultInWords: 'random per process for logs; for Redis keys derived from `REDIS_KEY_PREFIX` (not secret)' },
  MicrosoftAppType: { meaning: '`SingleTenant`, `MultiTenant` or `UserAssignedMSI`' },
  MicrosoftAppId: { meaning: 'Azure Bot app id; unset = no channel authentication (Emulator mode)' },
  MicrosoftAppPassword: { meaning: 'client secret; required with an app id (not for `UserAssignedMSI`)' },
  MicrosoftAppTenantId: { meaning: 'tenant id; required for `SingleTenant` and `UserAssignedMSI`' },
  REDIS_URL: { meaning: '`redis://` or `rediss://`; unset = in-memory stores (one process, lost on restart)' },
  REDIS_CLUSTER: { meaning: '`true`: `REDIS_URL` is a seed node of a Redis Cluster (Azure Managed Redis, clustered Azure Cache for Redis); the start stops when it is no cluster node or a slot is not served' },
  REDIS_KEY_PREFIX: { meaning: 'prefix of every Redis key' },
  STATE_RETENTION_DAYS: { meaning: 'conversation state expires this long after the last message' },
  DEFAULT_LANGUAGE: { meaning: 'language before the person chooses, when the channel locale does not tell' },
  SHUTDOWN_GRACE_MS: { meaning: 'on SIGTERM/SIGINT: stop accepting, let running turns finish this long (then abandon those not yet written; exit 3), close Redis' },
  TURN_LOCK_TTL_MS: { meaning: 'a conversation\'s lease lasts this long unless its turn renews it (every third of it)' },
  TURN_LOCK_WAIT_MS: { meaning: 'a message waits this long for the same conversation\'s earlier turns, else "try again"' },
  TURN_LOCK_MAX_WAITERS: { meaning: 'messages of one conversation that may wait at once; more get 429 (`/api/messages`) or stay in the WhatsApp inbox for later' },
  MAX_CONCURRENT_REQUESTS: { meaning: 'requests in progress at once per instance; more get 503 with `Retry-After` (health checks and live-update streams not counted)' },
  TRANSCRIPT_RETENTION_DAYS: { meaning: 'transcripts (kept only with consent) are gone this long after they were written' },
  CONSOLE_SESSION_HOURS: { meaning: 'how long a console login lasts' },
  CONSOLE_SECURE_COOKIE: { meaning: 'send the session cookie over HTTPS only (`localhost` counts as secure in browsers)' },
  TRUSTED_PROXY_HOPS: { meaning: 'proxies in front that add to `X-Forwarded-For` (2 for the compose file with its TLS proxy, 1 behind Container Apps); login throttling is per client; a login that passed fewer proxies is refused' },
  PRIVACY_CONTROLLER: { meaning: 'who is responsible for the personal data, named in the full privacy text; goes together with `PRIVACY_CONTACT`' },
  PRIVACY_CONTACT: { meaning: 'where a person can ask about their data (an e-mail address, say), shown with the controller' },
  ROUTE_LINKS: { meaning: 'web addresses of the routes, shown in the result after the first step of each route: `route=https://…` pairs separated by commas, e.g. `hackyourfuture=https://www.hackyourfuture.net,motopp=https://www.motopp.nl`; the routes are those the eligibility rules return (`vit`, `itph-academy`, `capgemini-academy`, `hackyourfuture`, `motopp`, `do-good-only`, `make-it-work`, `make-it-work-north`, `vluchtelingenwerk`, `general-it-routes`, `career-orientation`, `language-course`); https only, at most 200 characters an address; a route without one says a mentor gives its address' },
  CONSOLE_ADMIN_USERNAME: { meaning: 'a first admin account, created at start if it does not exist yet' },
  CONSOLE_ADMIN_PASSWORD: { meaning: 'its password (at least 12 characters); goes together with the username' },
  MENTOR_HOURS: { meaning: 'when mentors are around; several windows with `;`, or `always`' },
  MENTOR_TIMEZONE: { meaning: 'IANA time zone of `MENTOR_HOURS`' },
  HANDOFF_MAX_WAIT_MINUTES: { meaning: 'after this wait with no mentor, the bot offers to leave a message' },
  WHATSAPP_GRAPH_URL: { meaning: 'Graph API base with its version; replies go here' },
  WHATSAPP_ACCESS_TOKEN: { meaning: 'Meta system-user token; the four `WHATSAPP_` secrets switch the channel on together' },
  WHATSAPP_PHONE_NUMBER_ID: { meaning: 'the business number\'s id' },
  WHATSAPP_APP_SECRET: { meaning: 'checks `X-Hub-Signature-256` on every webhook call' },
  WHATSAPP_VERIFY_TOKEN: { meaning: 'answered in the webhook\'s verification handshake' },
  WHATSAPP_TEMPLATE_NAME: { meaning: 'approved template sent when a mentor answers after the 24-hour window' },
  WHATSAPP_INBOX_SWEEP_MS: { meaning: 'how often an instance looks for kept messages a dead instance left (its heartbeat lasts three sweeps)' },
  WHATSAPP_INBOX_IDLE_MS: { meaning: 'how long a kept message waits unhandled before another instance takes it over' },
  TEAMS_MENTOR_CHANNEL_ID: { meaning: 'Teams channel (`19:…`) where new handoffs are posted as cards' },
  TEAMS_SERVICE_URL: { meaning: 'Bot Connector address for posting into that channel' },
  CONSOLE_PUBLIC_URL: { meaning: 'the console\'s address as mentors open it (`https://…/console`; `http://` only on loopback): a voice note relayed to a mentor in Teams links to its conversation there; without it the text says "(/console)"' },
  CLU_ENDPOINT: { meaning: 'Azure AI Language endpoint (`https://…`); the four `CLU_` settings switch CLU on together' },
  CLU_KEY: { meaning: 'its key' },
  CLU_PROJECT: { meaning: 'the CLU project' },
  CLU_DEPLOYMENT: { meaning: 'the deployment to ask' },
  CLU_TIMEOUT_MS: { meaning: 'wait this long for CLU before the embedded recognizer answers' },
  CLU_MIN_CONFIDENCE: { meaning: 'CLU answers below this go to the embedded recognizer' },
  SPEECH_KEY: { meaning: 'Azure AI Speech key: voice notes are transcribed (with `SPEECH_REGION`; both or none)' },
  SPEECH_REGION: { meaning: 'the Speech resource\'s region, e.g. `westeurope`' },
  SPEECH_ENDPOINT: { meaning: 'the resource\'s own endpoint, when it has one (else the region\'s address is used)' },
} satisfies Record<keyof typeof EnvSchema.shape, SettingDescription>;
