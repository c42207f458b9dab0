import { createHmac, randomBytes } from 'node:crypto';
import pino, { Logger, DestinationStream } from 'pino';

export type { Logger };

/**
 * Fields that may hold personal data wherever they appear in a logged object: message text, names,
 * phone numbers and WhatsApp ids, addresses, free-text answers. Keep this list in step with what the
 * bot handles; the logger test proves each one is hidden.
 */
const PERSONAL_FIELDS = [
  'text',
  'name',
  'firstName',
  'phone',
  'phoneNumber',
  'wa_id',
  'email',
  'address',
  'motivation',
  'municipality',
  'speak',
  'value',
  'attachments',
];

/** Personal fields at the top of a log object, one level down and inside an activity's parties. */
export const REDACTED_PATHS = [
  ...PERSONAL_FIELDS,
  ...PERSONAL_FIELDS.map((f) => `*.${f}`),
  ...PERSONAL_FIELDS.map((f) => `*.*.${f}`),
  'req.headers.authorization',
  'req.headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'vit-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
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
