import type { Activity } from 'botbuilder';

/** A Graph API message body without the addressing (to / recipient, messaging_product). */
export type GraphMessage = Record<string, unknown> & { type: string };

/** WhatsApp's limits (Cloud API, 2026). */
export const LIMITS = { text: 4096, body: 1024, buttons: 3, buttonTitle: 20, rows: 10, rowTitle: 24, rowDescription: 72, listButton: 20, id: 256, rowId: 200 };

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
 * Splits text so the last piece fits `lastLimit` (an interactive body) and every other piece fits a
 * text message: the last piece is the end of the text, cut at a sentence end where it can.
 */
export function splitForBody(text: string, lastLimit = LIMITS.body, limit = LIMITS.text): string[] {
  const pieces = splitText(text, limit);
  const last = pieces.pop() ?? '';
  const chars = [...last];
  if (chars.length <= lastLimit) return [...pieces, last];
  const from = chars.length - lastLimit;
  const tail = chars.slice(from).join('');
  const sentenceStarts = [...tail.matchAll(/(?<=[.!?؟።]\s+|\n)\S/g)].map((m) => m.index ?? 0);
  const wordStarts = [...tail.matchAll(/(?<=\s)\S/g)].map((m) => m.index ?? 0);
  const at = sentenceStarts[0] ?? wordStarts[0] ?? 0;
  const head = chars.slice(0, from).join('') + tail.slice(0, at);
  return [...pieces, head.trim(), tail.slice(at).trim()].filter(Boolean);
}

/**
 * Titles cut to `max` characters, made different where cutting made two the same (WhatsApp refuses
 * reply buttons with equal titles, and a person could not tell two equal rows apart).
 */
export function uniqueTitles(titles: string[], max: number): string[] {
  const taken = new Set<string>();
  return titles.map((title) => {
    let candidate = cut(title, max);
    for (let n = 2; taken.has(candidate); n++) {
      const suffix = ` ${n}`;
      candidate = `${cut(title, max - suffix.length)}${suffix}`;
    }
    taken.add(candidate);
    return candidate;
  });
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

  const pieces = text ? splitForBody(text) : [chooseLabel];
  const lead: GraphMessage[] = pieces.slice(0, -1).map((body) => ({ type: 'text', text: { body, preview_url: false } }));
  const body = { text: pieces.at(-1)! };
  const choices = actions.slice(0, LIMITS.rows).map((a) => ({ value: String(a.value ?? a.title ?? ''), title: String(a.title ?? a.value ?? '') }));

  if (choices.length <= LIMITS.buttons) {
    const titles = uniqueTitles(choices.map((c) => c.title), LIMITS.buttonTitle);
    return [
      ...lead,
      {
        type: 'interactive',
        interactive: {
          type: 'button',
          body,
          action: { buttons: choices.map((c, i) => ({ type: 'reply', reply: { id: cut(c.value, LIMITS.id), title: titles[i] } })) },
        },
      },
    ];
  }
  const titles = uniqueTitles(choices.map((c) => c.title), LIMITS.rowTitle);
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
              rows: choices.map((c, i) => ({
                id: cut(c.value, LIMITS.rowId),
                title: titles[i],
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
