import { isLoopback } from '../loopback';

/** Channel ids the Bot Framework Emulator and test clients use: the only ones taken without authentication. */
const UNAUTHENTICATED_CHANNELS = new Set(['emulator', 'test']);

/** The longest id or URL taken: Teams' longest ids are a few hundred characters. */
const MAX_ID_LENGTH = 1000;

export interface Refusal {
  status: 400 | 403;
  message: string;
}

/**
 * Whether /api/messages may take an activity at all, before any authentication runs.
 *
 * WhatsApp comes in only through its signed webhook: an activity on /api/messages naming it would act
 * as that person, in any mode. Without channel authentication (no app id) only the Emulator's and
 * tests' channels are taken, and only with a serviceUrl on this machine: the bot posts its replies
 * there, and an address elsewhere would make it send requests wherever a stranger points it.
 */
export function refuseActivity(body: unknown, options: { authenticated: boolean }): Refusal | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { status: 400, message: 'the body is not an activity' };
  const { channelId, serviceUrl, conversation, from } = body as { channelId?: unknown; serviceUrl?: unknown; conversation?: { id?: unknown } | null; from?: { id?: unknown } | null };
  if (typeof channelId !== 'string' || channelId.length > MAX_ID_LENGTH) return { status: 400, message: 'the activity has no channelId' };
  if (typeof conversation?.id !== 'string' || conversation.id === '' || conversation.id.length > MAX_ID_LENGTH) return { status: 400, message: 'the activity has no conversation id' };
  if (from?.id !== undefined && (typeof from.id !== 'string' || from.id.length > MAX_ID_LENGTH)) return { status: 400, message: 'the activity has a wrong from.id' };
  if (serviceUrl !== undefined && (typeof serviceUrl !== 'string' || serviceUrl.length > MAX_ID_LENGTH)) return { status: 400, message: 'the activity has a wrong serviceUrl' };
  if (channelId.toLowerCase() === 'whatsapp') return { status: 403, message: 'WhatsApp messages come in through /api/whatsapp only' };
  if (options.authenticated) return undefined;
  if (!UNAUTHENTICATED_CHANNELS.has(channelId)) return { status: 403, message: 'without MicrosoftAppId only the Emulator is accepted' };
  if (serviceUrl !== undefined && !isLoopbackUrl(serviceUrl)) return { status: 403, message: 'without MicrosoftAppId the serviceUrl must be on this machine' };
  return undefined;
}

function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopback(url.hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}
