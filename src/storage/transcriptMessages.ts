import type { Activity, TranscriptStore } from 'botbuilder';

/** One message of a transcript as people read it: who, when, what. */
export interface TimelineMessage {
  at: string;
  from: 'person' | 'bot';
  text: string;
  kind: 'text' | 'attachment';
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

/** The messages of a transcript (not typing or events), each as a timeline message. */
export function timelineMessages(activities: Activity[]): TimelineMessage[] {
  return activities
    .filter((a) => a.type === 'message')
    .map((a) => {
      const attachmentTypes = (a.attachments ?? []).map((x) => x.contentType).join(', ');
      return {
        at: new Date(a.timestamp ?? 0).toISOString(),
        from: a.from?.role === 'user' ? 'person' : 'bot',
        text: a.text || attachmentTypes,
        kind: !a.text && attachmentTypes ? 'attachment' : 'text',
      };
    });
}
