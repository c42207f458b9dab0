import { isIP } from 'node:net';
import { closest } from 'fastest-levenshtein';
import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from './i18n/languages';
import { parseMentorHours } from './domain/mentorHours';
import { parseRouteLinks } from './domain/routeLinks';
import { DEFAULT_PARTNERS, parsePartners } from './domain/partnerSteps';
import { isLoopback } from './loopback';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function isHostAddress(value: string): boolean {
  return isIP(value) !== 0 || HOST_NAME.test(value);
}

/** Empty strings in an env file mean "not set", as most .env tooling treats them. */
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? fallback : Number(v)),
    z
      .number({ error: `${name} must be a whole number from ${min} to ${max}` })
      .int({ error: `${name} must be a whole number from ${min} to ${max}` })
      .min(min, { error: `${name} must be a whole number from ${min} to ${max}` })
      .max(max, { error: `${name} must be a whole number from ${min} to ${max}` }),
  );

const oneOf = <T extends readonly [string, ...string[]]>(name: string, values: T, fallback: T[number]) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? fallback : v),
    z.enum(values, { error: `${name} must be one of ${values.join(', ')}` }),
  );

export const EnvSchema = z
  .object({
    PORT: wholeNumber('PORT', 1, 65535, 3978),
    // No default here: it depends on whether channel authentication is on (see listenHost).
    HOST: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().refine(isHostAddress, { error: 'HOST must be an IP address (0.0.0.0 for all, 127.0.0.1 for this machine only) or a host name' }).optional(),
    ),
    ALLOW_UNAUTHENTICATED_REMOTE: z.preprocess(
      (v) => (v === undefined || v === '' ? 'false' : String(v).toLowerCase()),
      z.enum(['true', 'false'], { error: 'ALLOW_UNAUTHENTICATED_REMOTE must be true or false' }).transform((v) => v === 'true'),
    ),
    LOG_LEVEL: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    MicrosoftAppType: oneOf('MicrosoftAppType', ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const, 'SingleTenant'),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    REDIS_URL: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .regex(/^rediss?:\/\/[^\s]+$/, { error: 'REDIS_URL must look like redis://host:port or rediss://host:port' })
        .optional(),
    ),
    REDIS_CLUSTER: z.preprocess(
      (v) => (v === undefined || v === '' ? 'false' : String(v).toLowerCase()),
      z.enum(['true', 'false'], { error: 'REDIS_CLUSTER must be true or false' }).transform((v) => v === 'true'),
    ),
    REDIS_KEY_PREFIX: z.preprocess(
      (v) => (v === undefined || v === '' ? 'vit:' : v),
      z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/, {
        error: 'REDIS_KEY_PREFIX may hold only letters, digits, ":", "_" and "-" (at most 40)',
      }),
    ),
    STATE_RETENTION_DAYS: wholeNumber('STATE_RETENTION_DAYS', 1, 3650, 180),
    JOURNEY_HOMEWORK_DAYS: wholeNumber('JOURNEY_HOMEWORK_DAYS', 1, 365, 14),
    FOLLOWUP_WEEKS: wholeNumber('FOLLOWUP_WEEKS', 1, 52, 8),
    JOBS_LOCK_MS: wholeNumber('JOBS_LOCK_MS', 1000, 600000, 30000),
    JOBS_CONCURRENCY: wholeNumber('JOBS_CONCURRENCY', 1, 100, 5),
    PRIVACY_CONTROLLER: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(200, { error: 'PRIVACY_CONTROLLER may be at most 200 characters' }).optional()),
    PRIVACY_CONTACT: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(200, { error: 'PRIVACY_CONTACT may be at most 200 characters' }).optional()),
    ROUTE_LINKS: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .transform((value, ctx) => {
          const parsed = parseRouteLinks(value);
          if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `ROUTE_LINKS: ${parsed.problem}` });
          return parsed.ok ? parsed.links : {};
        })
        .optional(),
    ),
    PARTNERS: z.preprocess(
      (v) => (v === undefined || v === '' ? DEFAULT_PARTNERS : v),
      z.string().transform((value, ctx) => {
        const parsed = parsePartners(String(value));
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `PARTNERS: ${parsed.problem}` });
        return parsed.ok ? parsed.partners : [];
      }),
    ),
    DEFAULT_LANGUAGE: oneOf('DEFAULT_LANGUAGE', SUPPORTED_LANGUAGES, 'nl'),
    LOG_PSEUDONYM_SECRET: optionalText,
    SHUTDOWN_GRACE_MS: wholeNumber('SHUTDOWN_GRACE_MS', 0, 120000, 10000),
    TURN_LOCK_TTL_MS: wholeNumber('TURN_LOCK_TTL_MS', 100, 60000, 5000),
    TURN_LOCK_WAIT_MS: wholeNumber('TURN_LOCK_WAIT_MS', 100, 120000, 15000),
    TURN_LOCK_MAX_WAITERS: wholeNumber('TURN_LOCK_MAX_WAITERS', 1, 1000, 30),
    MAX_CONCURRENT_REQUESTS: wholeNumber('MAX_CONCURRENT_REQUESTS', 1, 100000, 500),
    MENTOR_HOURS: z.preprocess(
      (v) => (v === undefined || v === '' ? 'mon-fri 09:00-17:00' : v),
      z.string().superRefine((value, ctx) => {
        const parsed = parseMentorHours(value);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `MENTOR_HOURS: ${parsed.problem}` });
      }),
    ),
    MENTOR_TIMEZONE: z.preprocess(
      (v) => (v === undefined || v === '' ? 'Europe/Amsterdam' : v),
      z.string().refine(isTimeZone, { error: 'MENTOR_TIMEZONE must be an IANA time zone such as Europe/Amsterdam' }),
    ),
    HANDOFF_MAX_WAIT_MINUTES: wholeNumber('HANDOFF_MAX_WAIT_MINUTES', 1, 1440, 20),
    TRANSCRIPT_RETENTION_DAYS: wholeNumber('TRANSCRIPT_RETENTION_DAYS', 1, 3650, 180),
    CONSOLE_SESSION_HOURS: wholeNumber('CONSOLE_SESSION_HOURS', 1, 720, 12),
    CONSOLE_SECURE_COOKIE: z.preprocess(
      (v) => (v === undefined || v === '' ? 'true' : String(v).toLowerCase()),
      z.enum(['true', 'false'], { error: 'CONSOLE_SECURE_COOKIE must be true or false' }).transform((v) => v === 'true'),
    ),
    TRUSTED_PROXY_HOPS: wholeNumber('TRUSTED_PROXY_HOPS', 0, 5, 0),
    CONSOLE_PUBLIC_URL: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().refine(isConsolePublicUrl, { error: 'CONSOLE_PUBLIC_URL must be the console\u2019s address as mentors open it: https://…, or http:// on loopback (e.g. https://vit.example.org/console)' }).transform((v) => v.replace(/\/+$/, '')).optional(),
    ),
    CONSOLE_OIDC_ISSUER: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .refine(isConsolePublicUrl, { error: 'CONSOLE_OIDC_ISSUER must be the OpenID provider\u2019s issuer: https://… (http:// only on loopback), e.g. https://login.microsoftonline.com/<tenant id>/v2.0' })
        // An object id (the oid claim the account link uses) is unique within one tenant only.
        .refine((v) => !/\/(common|organizations|consumers)(\/|$)/i.test(v), { error: 'CONSOLE_OIDC_ISSUER must name your tenant (https://login.microsoftonline.com/<tenant id>/v2.0), not common, organizations or consumers' })
        .transform((v) => v.replace(/\/+$/, ''))
        .optional(),
    ),
    CONSOLE_OIDC_CLIENT_ID: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().regex(/^[\x21-\x7e]{1,200}$/, { error: 'CONSOLE_OIDC_CLIENT_ID must be the app registration\u2019s application (client) id' }).optional(),
    ),
    CONSOLE_OIDC_CLIENT_SECRET: optionalText,
    CONSOLE_REQUIRE_2FA: z.preprocess(
      (v) => (v === undefined || v === '' ? 'staff,admin' : String(v).toLowerCase()),
      z
        .string()
        .refine((v) => v === 'none' || v.split(',').every((role) => ['mentor', 'staff', 'admin'].includes(role.trim())), {
          error: 'CONSOLE_REQUIRE_2FA must be roles separated by commas (mentor, staff, admin), or none',
        })
        .transform((v) => (v === 'none' ? [] : [...new Set(v.split(',').map((role) => role.trim() as 'mentor' | 'staff' | 'admin'))])),
    ),
    CONSOLE_ADMIN_USERNAME: optionalText,
    CONSOLE_ADMIN_PASSWORD: optionalText,
    WHATSAPP_GRAPH_URL: z.preprocess(
      (v) => (v === undefined || v === '' ? 'https://graph.facebook.com/v23.0' : v),
      z.string().regex(/^https?:\/\/[^\s]+$/, { error: 'WHATSAPP_GRAPH_URL must be a URL like https://graph.facebook.com/v23.0' }),
    ),
    WHATSAPP_ACCESS_TOKEN: optionalText,
    WHATSAPP_PHONE_NUMBER_ID: optionalText,
    WHATSAPP_APP_SECRET: optionalText,
    WHATSAPP_VERIFY_TOKEN: optionalText,
    WHATSAPP_TEMPLATE_NAME: z.preprocess((v) => (v === undefined || v === '' ? 'vit_mentor_reply' : v), z.string()),
    WHATSAPP_TEMPLATE_REMINDER: z.preprocess((v) => (v === undefined || v === '' ? 'vit_reminder' : v), z.string().regex(/^[a-z0-9_]{1,512}$/, { error: 'WHATSAPP_TEMPLATE_REMINDER must be a template name: lower-case letters, digits and _' })),
    WHATSAPP_TEMPLATE_FOLLOWUP: z.preprocess((v) => (v === undefined || v === '' ? 'vit_followup' : v), z.string().regex(/^[a-z0-9_]{1,512}$/, { error: 'WHATSAPP_TEMPLATE_FOLLOWUP must be a template name: lower-case letters, digits and _' })),
    WHATSAPP_INBOX_SWEEP_MS: wholeNumber('WHATSAPP_INBOX_SWEEP_MS', 100, 600000, 15000),
    WHATSAPP_INBOX_IDLE_MS: wholeNumber('WHATSAPP_INBOX_IDLE_MS', 100, 3600000, 60000),
    TEAMS_MENTOR_CHANNEL_ID: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().regex(/^19:\S+$/, { error: 'TEAMS_MENTOR_CHANNEL_ID must be a Teams channel id such as 19:abc123@thread.tacv2' }).optional(),
    ),
    TEAMS_SERVICE_URL: z.preprocess(
      (v) => (v === undefined || v === '' ? 'https://smba.trafficmanager.net/teams/' : v),
      z.string().regex(/^https?:\/\/[^\s]+$/, { error: 'TEAMS_SERVICE_URL must be a URL like https://smba.trafficmanager.net/teams/' }),
    ),
    CLU_ENDPOINT: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().regex(/^https:\/\/[^\s]+$/, { error: 'CLU_ENDPOINT must be an https:// URL (the Language resource endpoint)' }).optional(),
    ),
    CLU_KEY: optionalText,
    CLU_PROJECT: optionalText,
    CLU_DEPLOYMENT: optionalText,
    CLU_TIMEOUT_MS: wholeNumber('CLU_TIMEOUT_MS', 100, 10000, 1500),
    CLU_MIN_CONFIDENCE: z.preprocess(
      (v) => (v === undefined || v === '' ? 0.7 : Number(v)),
      z.number({ error: 'CLU_MIN_CONFIDENCE must be a number from 0 to 1' }).min(0, { error: 'CLU_MIN_CONFIDENCE must be a number from 0 to 1' }).max(1, { error: 'CLU_MIN_CONFIDENCE must be a number from 0 to 1' }),
    ),
    SPEECH_KEY: optionalText,
    SPEECH_REGION: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().regex(/^[a-z0-9]{2,40}$/, { error: 'SPEECH_REGION must be an Azure region name such as westeurope' }).optional(),
    ),
    SPEECH_ENDPOINT: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().regex(/^https:\/\/[^\s]+$/, { error: 'SPEECH_ENDPOINT must be an https:// URL (the Speech resource endpoint)' }).optional(),
    ),
    TRANSLATOR_KEY: optionalText,
    TRANSLATOR_REGION: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().regex(/^[a-z0-9]{2,40}$/, { error: 'TRANSLATOR_REGION must be an Azure region name such as westeurope (or global)' }).optional(),
    ),
    TRANSLATOR_ENDPOINT: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().regex(/^https:\/\/[^\s?#]+$/, { error: 'TRANSLATOR_ENDPOINT must be an https:// URL such as https://api.cognitive.microsofttranslator.com' }).optional(),
    ),
  });

/** An absolute https URL without credentials, query or fragment; http only on loopback (a local try-out). */
function isConsolePublicUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash || /\s/.test(value)) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(host));
}

type RawEnv = Record<string, string | undefined>;

/**
 * Rules over several variables together. They run on the raw environment in a pass of their own, so
 * a wrong value elsewhere (a bad LOG_LEVEL, say) cannot hide them: every problem is listed at once.
 */
function pairingProblems(raw: RawEnv): Array<{ name: string; message: string }> {
  const env = (name: string) => (raw[name] === '' ? undefined : raw[name]);
  const problems: Array<{ name: string; message: string }> = [];
  const problem = (name: string, message: string) => problems.push({ name, message });
  if (!env('CONSOLE_ADMIN_USERNAME') !== !env('CONSOLE_ADMIN_PASSWORD')) {
    problem(env('CONSOLE_ADMIN_USERNAME') ? 'CONSOLE_ADMIN_PASSWORD' : 'CONSOLE_ADMIN_USERNAME', 'CONSOLE_ADMIN_USERNAME and CONSOLE_ADMIN_PASSWORD go together');
  }
  if (!env('PRIVACY_CONTROLLER') !== !env('PRIVACY_CONTACT')) {
    problem(env('PRIVACY_CONTROLLER') ? 'PRIVACY_CONTACT' : 'PRIVACY_CONTROLLER', 'PRIVACY_CONTROLLER and PRIVACY_CONTACT go together');
  }
  const oidcSettings = ['CONSOLE_OIDC_ISSUER', 'CONSOLE_OIDC_CLIENT_ID', 'CONSOLE_OIDC_CLIENT_SECRET'];
  const oidcMissing = oidcSettings.filter((name) => !env(name));
  if (oidcMissing.length > 0 && oidcMissing.length < oidcSettings.length) {
    problem(oidcMissing[0], `CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID and CONSOLE_OIDC_CLIENT_SECRET go together (all three or none); missing: ${oidcMissing.join(', ')}`);
  } else if (oidcMissing.length === 0 && !env('CONSOLE_PUBLIC_URL')) {
    problem('CONSOLE_PUBLIC_URL', 'CONSOLE_PUBLIC_URL is required with CONSOLE_OIDC_ISSUER: Microsoft sends the browser back to <CONSOLE_PUBLIC_URL>/auth/oidc/callback');
  }
  const adminPassword = env('CONSOLE_ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < 12) {
    problem('CONSOLE_ADMIN_PASSWORD', 'CONSOLE_ADMIN_PASSWORD needs at least 12 characters');
  }
  const whatsapp = ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'];
  if (whatsapp.some((name) => env(name)) && !whatsapp.every((name) => env(name))) {
    for (const name of whatsapp.filter((n) => !env(n))) problem(name, `${name} is required when any of ${whatsapp.join(', ')} is set (all four or none)`);
  }
  const clu = ['CLU_ENDPOINT', 'CLU_KEY', 'CLU_PROJECT', 'CLU_DEPLOYMENT'];
  if (clu.some((name) => env(name)) && !clu.every((name) => env(name))) {
    for (const name of clu.filter((n) => !env(n))) problem(name, `${name} is required when any CLU_ variable is set (all four or none)`);
  }
  // The endpoint only replaces the region's address; key and region are still needed (the region picks the locales' models).
  const speech = ['SPEECH_KEY', 'SPEECH_REGION'];
  if ((speech.some((name) => env(name)) || env('SPEECH_ENDPOINT')) && !speech.every((name) => env(name))) {
    for (const name of speech.filter((n) => !env(n))) problem(name, `${name} is required when any SPEECH_ variable is set (SPEECH_KEY and SPEECH_REGION together, SPEECH_ENDPOINT optional)`);
  }
  const translator = ['TRANSLATOR_KEY', 'TRANSLATOR_REGION', 'TRANSLATOR_ENDPOINT'];
  if (translator.some((name) => env(name)) && !translator.every((name) => env(name))) {
    const missing = translator.filter((n) => !env(n));
    problem(missing[0], `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required when any TRANSLATOR_ variable is set (all three or none)`);
  }
  if (env('REDIS_CLUSTER')?.toLowerCase() === 'true' && !env('REDIS_URL')) {
    problem('REDIS_CLUSTER', 'REDIS_CLUSTER=true needs REDIS_URL (a node of the cluster to start from)');
  }
  // Redis key names are keyed digests of the ids (src/storage/idDigest.ts): in production the key must be secret.
  if (env('NODE_ENV') === 'production' && env('REDIS_URL') && (env('LOG_PSEUDONYM_SECRET') ?? '').length < 16) {
    problem('LOG_PSEUDONYM_SECRET', 'LOG_PSEUDONYM_SECRET (at least 16 characters, the same on every instance) is required with REDIS_URL when NODE_ENV=production: it keys the digests that name people in Redis');
  }
  if (!env('MicrosoftAppId')) {
    if (env('MicrosoftAppPassword')) problem('MicrosoftAppPassword', 'MicrosoftAppPassword is set but MicrosoftAppId is not');
    problems.push(...unauthenticatedExposure(env));
    return problems;
  }
  const appType = env('MicrosoftAppType') ?? 'SingleTenant';
  if (appType !== 'UserAssignedMSI' && !env('MicrosoftAppPassword')) {
    problem('MicrosoftAppPassword', `MicrosoftAppPassword is required when MicrosoftAppId is set (${appType})`);
  }
  if (appType !== 'MultiTenant' && !env('MicrosoftAppTenantId')) {
    problem('MicrosoftAppTenantId', `MicrosoftAppTenantId is required for MicrosoftAppType=${appType}`);
  }
  return problems;
}

/**
 * Without an app id nothing checks who sends an activity: listening beyond loopback then needs the
 * operator's explicit opt-in, which a production start refuses. Stopping is safer than a warning
 * nobody reads, since a forged activity can continue or erase a real person's conversation.
 */
function unauthenticatedExposure(env: (name: string) => string | undefined): Array<{ name: string; message: string }> {
  const optIn = env('ALLOW_UNAUTHENTICATED_REMOTE')?.toLowerCase() === 'true';
  if (optIn && env('NODE_ENV') === 'production') {
    return [{ name: 'ALLOW_UNAUTHENTICATED_REMOTE', message: 'ALLOW_UNAUTHENTICATED_REMOTE=true is refused when NODE_ENV=production: set MicrosoftAppId so channels are authenticated' }];
  }
  const host = env('HOST');
  if (host !== undefined && isHostAddress(host) && !isLoopback(host) && !optIn) {
    return [
      {
        name: 'HOST',
        message: `HOST=${host} would let anyone who reaches this machine talk to the bot without authentication: set MicrosoftAppId, or HOST=127.0.0.1, or ALLOW_UNAUTHENTICATED_REMOTE=true for a test network`,
      },
    ];
  }
  return [];
}

export type Config = z.infer<typeof EnvSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Validates the whole environment at once, so every problem is reported in one go. */
export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => ({ name: issue.path.join('.'), message: issue.message }))),
    ...pairingProblems(env),
  ];
  if (parsed.success && issues.length === 0) return { ok: true, config: parsed.data };
  const problems = issues.map(({ name, message }) => `config: ${message}${name ? describeValue(name, env[name]) : ''}`);
  return { ok: false, problems: [...new Set(problems)] };
}

const SECRET_NAME = /password|secret|token|_key$/i;

/** Shows what was given, so the fix is obvious, but never a secret or a password inside a URL. */
function describeValue(name: string, value: string | undefined): string {
  if (value === undefined || value === '') return ' (not set)';
  if (SECRET_NAME.test(name)) return '';
  const safe = value.replace(/\/\/[^@/\s]*@/, '//***@');
  return ` (got "${safe.length > 60 ? `${safe.slice(0, 60)}…` : safe}")`;
}

/** True when all four WhatsApp settings are there: the channel is on. */
export function whatsAppEnabled(config: Config): boolean {
  return !!(config.WHATSAPP_ACCESS_TOKEN && config.WHATSAPP_PHONE_NUMBER_ID && config.WHATSAPP_APP_SECRET && config.WHATSAPP_VERIFY_TOKEN);
}

/** True when Azure AI Speech is configured: voice notes are transcribed. */
export function speechEnabled(config: Config): boolean {
  return !!(config.SPEECH_KEY && config.SPEECH_REGION);
}

/** The Microsoft (OpenID Connect) sign-in settings when all three are there, with the address the provider sends the browser back to. */
export function oidcSettings(config: Config): { issuer: string; clientId: string; clientSecret: string; redirectUri: string } | undefined {
  if (!config.CONSOLE_OIDC_ISSUER || !config.CONSOLE_OIDC_CLIENT_ID || !config.CONSOLE_OIDC_CLIENT_SECRET || !config.CONSOLE_PUBLIC_URL) return undefined;
  return { issuer: config.CONSOLE_OIDC_ISSUER, clientId: config.CONSOLE_OIDC_CLIENT_ID, clientSecret: config.CONSOLE_OIDC_CLIENT_SECRET, redirectUri: `${config.CONSOLE_PUBLIC_URL}/auth/oidc/callback` };
}

/** True when Azure AI Translator is configured: the console translates between mentor and newcomer. */
export function translatorEnabled(config: Config): boolean {
  return !!(config.TRANSLATOR_KEY && config.TRANSLATOR_REGION && config.TRANSLATOR_ENDPOINT);
}

/** True when the bot accepts unauthenticated Bot Framework traffic, as the Emulator expects. */
export function isEmulatorMode(config: Config): boolean {
  return !config.MicrosoftAppId;
}

/** The address to listen on: HOST, else every interface with authentication on and loopback without it. */
export function listenHost(config: Config): string {
  return config.HOST ?? (isEmulatorMode(config) ? '127.0.0.1' : '0.0.0.0');
}

/** Name beginnings of this program's settings; another variable starting so is most likely a typo. */
const OWN_PREFIXES = ['Microsoft', 'ALLOW_', 'MAX_', 'REDIS_', 'LOG_', 'STATE_', 'TURN_LOCK_', 'TRANSCRIPT_', 'CONSOLE_', 'TRUSTED_', 'MENTOR_', 'HANDOFF_', 'WHATSAPP_', 'TEAMS_', 'CLU_', 'SPEECH_', 'TRANSLATOR_', 'SHUTDOWN_', 'ROUTE_', 'DEFAULT_LANGUAGE'];

/**
 * Variables that look like settings of this program but are none ("REDIS_ULR"), each with the
 * setting it probably meant: a typo would otherwise leave the default in place without a word.
 */
export function unknownSettings(env: NodeJS.ProcessEnv): Array<{ name: string; meant: string }> {
  const known = Object.keys(EnvSchema.shape);
  return Object.keys(env)
    .filter((name) => !known.includes(name) && OWN_PREFIXES.some((prefix) => name.startsWith(prefix)))
    .sort()
    .map((name) => ({ name, meant: closest(name, known) }));
}

