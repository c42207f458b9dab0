import type { Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { PersonRecord } from '../domain/person';

/**
 * Stamps every outgoing activity with the person's chosen language, so channel adapters can do their
 * own per-language work (WhatsApp's list button label, the template language) in any turn, proactive
 * ones included.
 */
export class LocaleStampMiddleware implements Middleware {
  constructor(private readonly person: StatePropertyAccessor<PersonRecord>) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (ctx, activities, send) => {
      if (activities.some((a) => !a.locale)) {
        const language = (await this.person.get(ctx))?.language; // no default: a read must not create state
        if (language) for (const a of activities) a.locale ??= language;
      }
      return send();
    });
    await next();
  }
}
