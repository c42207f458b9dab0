import { ActionTypes, Activity, ActivityTypes, Attachment, CardAction, CardFactory, Middleware, TurnContext } from 'botbuilder';

/** The Bot Framework channel id of Microsoft Teams. */
export const TEAMS_CHANNEL = 'msteams';

/** Where a choice card puts the choice's value, besides the text it sends back. */
export const CHOICE_KEY = 'choice';

/**
 * How our texts look in Teams. Teams reads a bot's text as Markdown (textFormat "markdown"), and a
 * single "\n" is dropped there: the lines run together. Teams shows "\n\n" as one line break
 * (Microsoft's "Format your bot messages"; msteams-docs issue 740: "1 linebreak is ignored in Teams,
 * 2 linebreaks give 1 linebreak"), so every line break (a run of them too: Teams shows no blank
 * lines in text) becomes "\n\n". Our texts break lines with one "\n" and make lists with "•", which
 * stays plain text: Markdown lists show only in Teams on a desktop, not on phones. WhatsApp-style
 * *bold* (as mentors type it) becomes Markdown **bold**; _italic_ means the same in both. Nothing
 * else changes, so right-to-left text (Arabic, Persian) keeps its characters and their order.
 */
export function formatForTeams(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/(^|[\s(])\*(?=\S)([^*\n]*?\S)\*(?=$|[\s).,!?:;،؛؟])/gm, '$1**$2**')
    .replace(/\n+/g, '\n\n');
}

/** A choice as the dialogs offer it: the button's title and the value that answers the question. */
export interface Choice {
  title: string;
  value: string;
}

/** The choices of suggested actions that send something back (imBack, messageBack, postBack). */
export function choicesOf(actions: CardAction[]): Choice[] {
  const answering: string[] = [ActionTypes.ImBack, ActionTypes.MessageBack, ActionTypes.PostBack];
  return actions
    .filter((a) => answering.includes(a.type))
    .map((a) => {
      const value = typeof a.value === 'string' ? a.value : (a.text ?? a.title ?? '');
      return { title: a.title ?? value, value };
    })
    .filter((c) => c.value !== '');
}

/**
 * The choices as an Adaptive Card, one full-width button per row (any number, long titles wrap
 * less than in a row of buttons). Each button is an Action.Submit that Teams turns into a messageBack:
 * the chat shows the button's title (displayText) as the person's message, and the bot receives the
 * choice's value as the message text, exactly what typing it would send. The value is also in the
 * data, for a client that sends the data only (see choiceFromValue).
 */
export function choiceCard(choices: Choice[]): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.2',
    body: choices.map((c) => ({
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.Submit',
          title: c.title,
          data: {
            [CHOICE_KEY]: c.value,
            msteams: { type: 'messageBack', displayText: c.title, text: c.value, value: { [CHOICE_KEY]: c.value } },
          },
        },
      ],
    })),
  });
}

/** A message as Teams should get it: Teams-formatted text, and its suggested actions as a choice card. */
export function renderForTeams(activity: Partial<Activity>): Partial<Activity> {
  if (activity.type !== ActivityTypes.Message) return activity;
  const rendered: Partial<Activity> = { ...activity };
  // Plain text stays plain: it carries someone else's words (a newcomer's message to a mentor), and as
  // Markdown "[Verify your account](https://…)" would become a link that hides where it goes.
  if (activity.text && activity.textFormat === 'plain') {
    rendered.text = activity.text.replace(/\r\n?/g, '\n').replace(/\n+/g, '\n\n'); // line breaks as formatForTeams makes them
  } else if (activity.text) {
    rendered.text = formatForTeams(activity.text);
    rendered.textFormat = 'markdown';
  }
  const choices = choicesOf(activity.suggestedActions?.actions ?? []);
  if (activity.suggestedActions) delete rendered.suggestedActions;
  if (choices.length > 0) rendered.attachments = [...(activity.attachments ?? []), choiceCard(choices)];
  return rendered;
}

/** The choice carried in an Action.Submit's data, when the message came without text. */
export function choiceFromValue(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const msteams = record.msteams as Record<string, unknown> | undefined;
  const choice = record[CHOICE_KEY] ?? msteams?.text;
  return typeof choice === 'string' && choice.trim() !== '' ? choice : undefined;
}

/** The locale of Teams' clientInfo entity (some Teams events carry it there, not in activity.locale). */
export function clientInfoLocale(activity: Partial<Activity>): string | undefined {
  const info = activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: unknown } | undefined;
  return typeof info?.locale === 'string' && info.locale !== '' ? info.locale : undefined;
}

/**
 * Teams on the way in and out. In: the person's locale from clientInfo when the activity has none,
 * and a pressed choice that came only as data becomes the message text the dialogs read. Out: texts
 * formatted for Teams and suggested actions (which Teams shows at most three of, and not in every
 * client) as a card with a button per choice. Registered on the Bot Framework adapter; other
 * channels pass untouched. Proactive turns (a mentor's message, the rating question) go through it too.
 */
export class TeamsRendering implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.channelId !== TEAMS_CHANNEL) return next();
    if (!activity.locale) activity.locale = clientInfoLocale(activity);
    if (activity.type === ActivityTypes.Message && !activity.text?.trim()) {
      const choice = choiceFromValue(activity.value);
      if (choice) activity.text = choice;
    }
    context.onSendActivities(async (_ctx, activities, send) => {
      // Rendered for the wire only: afterwards the list holds what the bot said again, so the
      // transcript keeps the same channel-neutral messages as on every other channel.
      const said = activities.slice();
      activities.splice(0, activities.length, ...said.map(renderForTeams));
      try {
        return await send();
      } finally {
        activities.splice(0, activities.length, ...said);
      }
    });
    await next();
  }
}
