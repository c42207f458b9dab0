import { createHmac, randomBytes } from 'node:crypto';
import pino, { Logger, DestinationStream } from 'pino';

export type { Logger };

/**
 * Keys whose values may hold personal data, wherever they sit in a logged object: message text,
 * names, phone numbers and WhatsApp ids (a WhatsApp `from` is the phone number), addresses, free-text
 * answers, credentials. Keep this list in step with what the bot handles; the logger test proves each
 * one is hidden.
 */
export const PERSONAL_FIELDS = new Set([
  'text',
  'name',
  'firstName',
  'phone',
  'phoneNumber',
  'wa_id',
  'user_id',
  'from',
  'recipient',
  'to',
  'email',
  'address',
  'motivation',
  'municipality',
  'speak',
  'value',
  'attachments',
  'authorization',
  'cookie',
]);

const CENSOR = '[redacted]';
const MAX_DEPTH = 12;

/**
 * Personal data recognised by its look, wherever it sits in a text (an error message of the Graph
 * API or of Redis quotes what it was given): WhatsApp message ids (the number in base64), e-mail
 * addresses, phone numbers (8 to 15 digits, with or without + and spaces).
 */
const PERSONAL_VALUES: Array<[RegExp, string]> = [
  [/wamid\.[A-Za-z0-9+/=_-]+/g, '[wamid]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, '[email]'],
  [/\b[A-Z]{2}\.\d{6,}\b/g, '[id]'],
  [/\+\d[\d ]{6,17}\d/g, '[phone]'],
  [/(?<![\w.])\d{8,15}(?![\w])/g, '[phone]'],
];

/** UUIDs (handoff and activity ids) are not personal: a group of one that is all digits is no phone number. */
const UUIDS = /(\b[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}\b)/i;

/** A text with every phone number, e-mail address and WhatsApp id in it replaced; UUIDs are left whole. */
export function redactPersonalText(text: string): string {
  // split() with a capturing group puts the UUIDs at the odd places.
  return text
    .split(UUIDS)
    .map((part, i) => (i % 2 === 1 ? part : PERSONAL_VALUES.reduce((out, [pattern, stand]) => out.replace(pattern, stand), part)))
    .join('');
}

/**
 * A copy of a log object with every personal field censored at any depth, and every text cleared of
 * what looks like personal data (redactPersonalText). pino's own redaction needs the paths spelled
 * out, so a field one level deeper than foreseen would slip through; an error keeps its type, message
 * and stack, each cleared the same way.
 */
export function redactPersonalData(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactPersonalText(value);
  if (value instanceof Error) return { type: value.name, message: redactPersonalText(value.message), stack: value.stack && redactPersonalText(value.stack) };
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > MAX_DEPTH) return CENSOR;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactPersonalData(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = PERSONAL_FIELDS.has(key) && item !== undefined && item !== null ? CENSOR : redactPersonalData(item, depth + 1, seen);
  }
  return copy;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'vit-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactPersonalData(object) as Record<string, unknown>,
      },
      // The message itself too: it may quote an error's text.
      hooks: {
        logMethod(args, method) {
          return method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactPersonalText(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** Turns an id into a short stand-in for logs. */
export type Pseudonymizer = (id: string | undefined) => string | undefined;

/**
 * A stable, non-reversible stand-in for an id that may itself be personal (a WhatsApp conversation id
 * is a phone number), so log lines of one conversation can be grouped without naming the person.
 * Keyed (HMAC) so the short phone-number space cannot be searched; with no secret configured the key
 * is random per process and grouping holds within one process only.
 */
export function createPseudonymizer(secret: string = randomBytes(32).toString('hex')): Pseudonymizer {
  return (id) => (id ? createHmac('sha256', secret).update(id).digest('hex').slice(0, 12) : undefined);
}
