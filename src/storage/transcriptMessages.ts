import type { Activity, TranscriptStore } from 'botbuilder';

/** The field a logged activity carries when it went out as part of a handoff (a mentor's words or a notice of it). */
export const RELAYED = 'vitRelay';

export type Speaker = 'person' | 'bot' | 'mentor';

/** One message of a transcript as people read it: who, when, what. */
export interface TimelineMessage {
  at: string;
  from: Speaker;
  /** Set when a mentor wrote it. */
  mentorName?: string;
  text: string;
  /** 'transcribed': a voice note, `text` being what the computer heard (the audio was never kept). */
  kind: 'text' | 'attachment' | 'transcribed';
  /** A mentor's message sent machine-translated: `text` went out, this is what the mentor wrote. */
  translatedFrom?: { text: string; language?: string };
}

/** A mentor's message as the handoff recorded it. */
export interface MentorLine {
  text: string;
  mentorName?: string;
  translatedFrom?: { text: string; language?: string };
}

/** All activities of a conversation's transcript, page after page. */
export async function transcriptActivities(store: TranscriptStore, channelId: string, conversationId: string): Promise<Activity[]> {
  const activities: Activity[] = [];
  let token: string | undefined;
  do {
    const page = await store.getTranscriptActivities(channelId, conversationId, token);
    activities.push(...page.items);
    token = page.continuationToken || undefined;
  } while (token);
  return activities;
}

/**
 * Who said it. The person's own activities come from the user; a relayed activity whose text a
 * handoff recorded as a mentor's is the mentor's (with their name); everything else is the bot's.
 */
export function speakerOf(activity: Activity, mentorLines: MentorLine[] = []): { from: Speaker; mentorName?: string; translatedFrom?: MentorLine['translatedFrom'] } {
  if (activity.from?.role === 'user') return { from: 'person' };
  if ((activity as unknown as Record<string, unknown>)[RELAYED] === true) {
    const line = mentorLines.find((m) => m.text === activity.text);
    if (line) return { from: 'mentor', ...(line.mentorName ? { mentorName: line.mentorName } : {}), ...(line.translatedFrom ? { translatedFrom: line.translatedFrom } : {}) };
  }
  return { from: 'bot' };
}

/** The messages of a transcript (not typing or events), each as a timeline message. */
export function timelineMessages(activities: Activity[], mentorLines: MentorLine[] = []): TimelineMessage[] {
  return activities
    .filter((a) => a.type === 'message')
    .map((a): TimelineMessage => {
      const attachmentTypes = (a.attachments ?? []).map((x) => x.contentType).join(', ');
      const heard = transcriptOf(a);
      if (!a.text && heard) return { at: new Date(a.timestamp ?? 0).toISOString(), ...speakerOf(a, mentorLines), text: heard, kind: 'transcribed' };
      return {
        at: new Date(a.timestamp ?? 0).toISOString(),
        ...speakerOf(a, mentorLines),
        text: a.text || attachmentTypes,
        kind: !a.text && attachmentTypes ? 'attachment' : 'text',
      };
    });
}

/** Every activity as it was logged (events, attachments, channel data included), with who said it. */
export function transcriptRecord(activities: Activity[], mentorLines: MentorLine[] = []) {
  return activities.map((a) => {
    const { [RELAYED]: _relayed, ...activity } = a as unknown as Record<string, unknown>;
    return { ...speakerOf(a, mentorLines), activity };
  });
}

/** The transcript a voice note was logged with (VoiceNoteMiddleware marks it `transcribed`), if any. */
function transcriptOf(activity: Activity): string | undefined {
  for (const attachment of activity.attachments ?? []) {
    const content = attachment.content as { transcribed?: unknown; transcript?: unknown } | undefined;
    if (content?.transcribed === true && typeof content.transcript === 'string') return content.transcript;
  }
  return undefined;
}
