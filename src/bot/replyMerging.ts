import { ActivityTypes, type Activity } from 'botbuilder';
import { isNotice, isRelay } from './relayMark';

/** How long the text of one message may be: alone, and when it comes with choices (buttons or a list). */
export interface ReplyLimits {
  text: number;
  withChoices: number;
}

/**
 * The channels where every message of a turn is a message on the person's phone (a notification, a
 * bubble): there a turn's replies are merged (see mergeReplies). WhatsApp's limits are the Cloud API's
 * (text body 4,096 characters, interactive body 1,024: channels/whatsapp/outbound.ts checks the same
 * numbers). Teams takes more, but the same sizes keep a message readable on a phone. The Emulator, Web
 * Chat and the terminal keep one activity per text: they show no notifications, and there every reply
 * can be checked on its own.
 */
export const MERGED_CHANNELS: Readonly<Record<string, ReplyLimits>> = {
  whatsapp: { text: 4096, withChoices: 1024 },
  msteams: { text: 4096, withChoices: 1024 },
};

/** The limits to merge a channel's replies by; undefined where replies are not merged. */
export function mergeLimitsFor(channelId: string | undefined): ReplyLimits | undefined {
  return channelId ? MERGED_CHANNELS[channelId] : undefined;
}

/** One reply after merging, and which of the turn's replies (their indexes, in order) it came from. */
export interface MergedReply {
  activity: Partial<Activity>;
  from: number[];
}

/** Between merged texts: a blank line on WhatsApp, a line break in Teams (which shows no blank lines). */
const PARAGRAPH = '\n\n';

const chars = (text: string) => [...text].length;

/** A message of our own words only: text, no choices, no card, not a mentor's message or a notice. */
function isPlainText(activity: Partial<Activity>): boolean {
  return isOwnMessage(activity) && !!activity.text?.trim() && !(activity.suggestedActions?.actions?.length ?? 0);
}

/** A question of ours with choices to tap, and no card. */
function hasChoices(activity: Partial<Activity>): boolean {
  return isOwnMessage(activity) && (activity.suggestedActions?.actions?.length ?? 0) > 0;
}

function isOwnMessage(activity: Partial<Activity>): boolean {
  return (
    (activity.type ?? ActivityTypes.Message) === ActivityTypes.Message &&
    !(activity.attachments?.length ?? 0) &&
    activity.textFormat !== 'plain' && // someone else's words, kept as they wrote them
    !isRelay(activity) &&
    !isNotice(activity)
  );
}

/**
 * A turn's replies as few messages as the limits allow, in the same order and with the same words:
 * texts that follow each other become one message (paragraphs), and the text before a question with
 * choices goes into that question's message when the two fit the limit for a message with choices.
 * So a turn that says some things and then asks is one message, or two: one text and one with the
 * choices. Anything else (a card, a mentor's message, a notice, typing) stays as it was and is not
 * merged across. Pure and deterministic: a rerun of the turn merges the same way.
 */
export function mergeReplies(activities: readonly Partial<Activity>[], limits: ReplyLimits): MergedReply[] {
  const out: MergedReply[] = [];
  let texts: Array<{ text: string; index: number; activity: Partial<Activity> }> = [];
  const joined = (parts: Array<{ text: string }>) => parts.map((p) => p.text.trim()).join(PARAGRAPH);
  const flush = () => {
    if (texts.length === 0) return;
    if (texts.length === 1) out.push({ activity: texts[0].activity, from: [texts[0].index] });
    else out.push({ activity: { ...texts[0].activity, text: joined(texts) }, from: texts.map((t) => t.index) });
    texts = [];
  };
  activities.forEach((activity, index) => {
    if (isPlainText(activity)) {
      const text = activity.text!;
      if (texts.length > 0 && chars(joined([...texts, { text }])) > limits.text) flush();
      texts.push({ text, index, activity });
      return;
    }
    if (hasChoices(activity) && texts.length > 0) {
      const together = activity.text?.trim() ? [...texts, { text: activity.text }] : texts;
      if (chars(joined(together)) <= limits.withChoices) {
        out.push({ activity: { ...activity, text: joined(together) }, from: [...texts.map((t) => t.index), index] });
        texts = [];
        return;
      }
    }
    flush();
    out.push({ activity, from: [index] });
  });
  flush();
  return out;
}
