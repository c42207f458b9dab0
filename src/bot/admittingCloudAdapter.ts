import { CloudAdapter } from 'botbuilder';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';

/**
 * CloudAdapter with its turn entry point public, so /api/messages can admit, bound and answer a
 * request itself (see messagesEndpoint) while authentication and the turn stay botbuilder's.
 */
export class AdmittingCloudAdapter extends CloudAdapter {
  runActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}
