import { ActivityTypes, BotAdapter, ConversationReference, TurnContext } from 'botbuilder';

/**
 * A BotAdapter for a channel this bot talks to itself (the terminal, WhatsApp's Graph API) rather
 * than through the Bot Connector: a proactive turn is a ContinueConversation event run through the
 * adapter's own middleware, so the guard, transcripts and locale stamping apply as in any turn.
 */
export abstract class SelfHostedAdapter extends BotAdapter {
  override async continueConversationAsync(
    _botAppIdOrIdentity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: ((context: TurnContext) => Promise<void>) | string,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new Error(`${this.constructor.name}.continueConversationAsync(): no logic to run`);
    await this.continueConversation(reference, logic);
  }

  /**
   * Runs a proactive turn and rejects when it failed. runMiddleware hands errors to onTurnError, which
   * logs and counts them but does not rethrow; the caller (a mentor whose message did not go out) must
   * still learn that it failed.
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const event = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'ContinueConversation' }, reference, true);
    let finished = false;
    let failure: { error: unknown } | undefined;
    await this.runMiddleware(new TurnContext(this, event), async (context) => {
      try {
        await logic(context);
        finished = true;
      } catch (error) {
        failure = { error };
        throw error;
      }
    });
    if (failure) throw failure.error;
    if (!finished) throw new Error(`${this.constructor.name}.continueConversation(): the turn failed before its work was done`);
  }
}
