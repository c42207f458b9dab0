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

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const event = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'ContinueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, event), logic);
  }
}
