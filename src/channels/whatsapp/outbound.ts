import type { Activity } from 'botbuilder';

/** A Graph API message body without the addressing (to / recipient, messaging_product). */
export type GraphMessage = Record<string, unknown> & { type: string };

/** WhatsApp's limits (Cloud API, 2026). */
export const LIMITS = { text: 4096, body: 1024, buttons: 3, buttonTitle: 20, rows: 10, rowTitle: 24, rowDescription: 72, listButton: 20, id: 256 };

/** Cuts to a length in characters (not UTF-16 units), with an ellipsis when something was cut. */
export function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/**
 * Splits text into pieces of at most `limit` characters, at a sentence end or line break where it
 * can (". ", "? ", "؟", "።", newline), else at a space, else anywhere.
 */
export function splitText(text: string, limit = LIMITS.text): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while ([...rest].length > limit) {
    const window = [...rest].slice(0, limit).join('');
    const sentenceEnds = [...window.matchAll(/[.!?؟።](?=\s)|\n/g)].map((m) => (m.index ?? 0) + 1);
    const spaces = [...window.matchAll(/\s/g)].map((m) => m.index ?? 0);
    const at = sentenceEnds.filter((i) => i > limit / 2).at(-1) ?? spaces.filter((i) => i > limit / 2).at(-1) ?? window.length;
    pieces.push(window.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/**
 * The Graph API messages for one bot activity: long text in several messages; suggested actions as
 * reply buttons (up to 3) or a list (up to 10 rows), the button id carrying the choice's value so a
 * tap comes back as that value. `chooseLabel` is the list's button text in the person's language.
 */
export function toGraphMessages(activity: Partial<Activity>, chooseLabel: string): GraphMessage[] {
  const text = activity.text?.trim() ?? '';
  const actions = activity.suggestedActions?.actions ?? [];
  if (actions.length === 0) return splitText(text).map((body) => ({ type: 'text', text: { body, preview_url: false } }));

  const pieces = text ? splitText(text, LIMITS.body) : [chooseLabel];
  const lead: GraphMessage[] = pieces.slice(0, -1).flatMap((p) => splitText(p).map((body) => ({ type: 'text', text: { body, preview_url: false } })));
  const body = { text: pieces.at(-1)! };
  const choices = actions.slice(0, LIMITS.rows).map((a) => ({ id: cut(String(a.value ?? a.title ?? ''), LIMITS.id), title: String(a.title ?? a.value ?? '') }));

  if (choices.length <= LIMITS.buttons) {
    return [
      ...lead,
      {
        type: 'interactive',
        interactive: {
          type: 'button',
          body,
          action: { buttons: choices.map((c) => ({ type: 'reply', reply: { id: c.id, title: cut(c.title, LIMITS.buttonTitle) } })) },
        },
      },
    ];
  }
  return [
    ...lead,
    {
      type: 'interactive',
      interactive: {
        type: 'list',
        body,
        action: {
          button: cut(chooseLabel, LIMITS.listButton),
          sections: [
            {
              rows: choices.map((c) => ({
                id: c.id,
                title: cut(c.title, LIMITS.rowTitle),
                // A title too long for a row is shown whole underneath.
                ...([...c.title].length > LIMITS.rowTitle ? { description: cut(c.title, LIMITS.rowDescription) } : {}),
              })),
            },
          ],
        },
      },
    },
  ];
}
