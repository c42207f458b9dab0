import type { Request, Response } from 'restify';
import type { Activity, TurnContext } from 'botbuilder';
import type { AdmittingCloudAdapter } from './admittingCloudAdapter';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from '../logger';
import { refuseActivity } from './activityAdmission';
import { cutActivityText } from './longText';
import { LockBusyError } from '../storage/conversationLocks';

export interface MessagesEndpointDeps {
  adapter: AdmittingCloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** False without an app id: then only the Emulator's channels and loopback serviceUrls are taken. */
  authenticated: boolean;
}

/**
 * POST /api/messages, as CloudAdapter.process() does it, with three differences: the activity is
 * admitted first (see refuseActivity), its text is cut to the length the bot reads, and a failure
 * is logged through the redacting logger and answered with a generic body, never its internal text.
 */
export function messagesEndpoint(deps: MessagesEndpointDeps): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const body: unknown = req.body;
    const refusal = refuseActivity(body, { authenticated: deps.authenticated });
    if (refusal) {
      res.send(refusal.status, { error: refusal.status === 400 ? 'bad-request' : 'forbidden', message: refusal.message });
      return;
    }
    const activity = withDates(cutActivityText(body as Partial<Activity>));
    if (typeof activity.type !== 'string') {
      res.send(400, { error: 'bad-request', message: 'the activity has no type' });
      return;
    }
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    try {
      const invoke = await deps.adapter.runActivity(authHeader, activity as Activity, deps.logic);
      if (invoke?.body !== undefined) {
        res.send(invoke.status ?? 200, invoke.body);
      } else {
        res.status(invoke?.status ?? 200);
        res.end();
      }
    } catch (error) {
      if (error instanceof AuthenticationError) {
        res.send(401, { error: 'unauthorized' });
        return;
      }
      if (error instanceof LockBusyError) {
        res.header('Retry-After', '5');
        res.send(429, { error: 'slow-down', message: 'too many messages in this conversation at once; send again later' });
        return;
      }
      deps.logger.error({ route: '/api/messages', err: { message: (error as Error).message } }, 'activity failed');
      res.send(500, { error: 'internal', message: 'internal error' });
    }
  };
}

/** The timestamps as Dates, as botbuilder's own request handling leaves them. */
function withDates(activity: Partial<Activity>): Partial<Activity> {
  const fix = activity as Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    if (typeof fix[field] === 'string') {
      fix[raw] = fix[field];
      fix[field] = new Date(fix[field] as string);
    }
  }
  return activity;
}
