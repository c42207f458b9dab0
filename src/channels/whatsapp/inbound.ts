import type { Activity, Attachment } from 'botbuilder';
import { cutActivityText } from '../../bot/longText';

/** Where a WhatsApp person can be reached: their phone number when shared, their BSUID always (since 2026). */
export interface WhatsAppAddress {
  phone?: string;
  bsuid?: string;
}

export interface InboundMessage {
  id: string;
  /** Stable id of the person: the BSUID when Meta sends one, else the phone number. */
  personKey: string;
  address: WhatsAppAddress;
  profileName?: string;
  timestamp: Date;
  activity: Partial<Activity>;
}

export interface InboundStatus {
  messageId: string;
  status: string;
  errorCode?: number;
}

/** The parts of a webhook the bot acts on; anything else (system notices, reactions, unknown kinds) is left out. */
export interface WebhookBatch {
  messages: InboundMessage[];
  statuses: InboundStatus[];
  /** Messages left out: reactions, welcome requests, notices, and everything sent to another business number. */
  ignored: number;
}

interface MetaContact {
  wa_id?: string;
  user_id?: string;
  profile?: { name?: string };
}

interface MetaMessage {
  id: string;
  from?: string;
  from_user_id?: string;
  timestamp?: string;
  type: string;
  text?: { body?: string };
  interactive?: { type: string; button_reply?: { id: string; title: string }; list_reply?: { id: string; title: string } };
  button?: { payload?: string; text?: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  contacts?: unknown[];
  audio?: { id?: string; mime_type?: string; voice?: boolean };
  image?: { mime_type?: string };
  video?: { mime_type?: string };
  sticker?: { mime_type?: string };
  document?: { mime_type?: string; filename?: string };
}

const MEDIA = ['audio', 'image', 'video', 'sticker', 'document'] as const;
/**
 * Kinds the person sent on purpose and expects an answer to. The rest (reactions, request_welcome when
 * someone opens the chat, system notices, edits, orders) gets no reply: "I can only read text" would
 * be an odd answer to a thumbs-up. `unsupported` is something the person sent that WhatsApp could not
 * pass on (a poll, a view-once photo): it gets the kind answer, like media.
 */
const ANSWERED = new Set<string>(['text', 'interactive', 'button', 'location', 'contacts', 'unsupported', ...MEDIA]);

/**
 * Maps one Meta webhook body to activities (channel "whatsapp") and delivery statuses. With
 * `phoneNumberId`, only what concerns that business number is kept: one Meta app can serve several.
 */
export function parseWebhook(body: unknown, botId: string, phoneNumberId?: string): WebhookBatch {
  const batch: WebhookBatch = { messages: [], statuses: [], ignored: 0 };
  // Signed by Meta, yet shaped by nobody's promise: anything not of the documented shape is skipped.
  const entries = listOf<{ changes?: unknown }>((body as { entry?: unknown } | null)?.entry);
  for (const change of entries.flatMap((e) => listOf<{ value?: unknown }>(e?.changes))) {
    const value = (change?.value && typeof change.value === 'object' ? change.value : {}) as Record<string, unknown>;
    const metadata = value.metadata as { phone_number_id?: string } | undefined;
    if (phoneNumberId !== undefined && metadata?.phone_number_id !== phoneNumberId) {
      batch.ignored += ((value.messages as unknown[] | undefined) ?? []).length;
      continue;
    }
    const contacts = listOf<MetaContact>(value.contacts);
    for (const status of listOf<{ id?: unknown; status?: unknown; errors?: Array<{ code: number }> }>(value.statuses)) {
      if (typeof status?.id !== 'string' || typeof status.status !== 'string') continue;
      batch.statuses.push({ messageId: status.id, status: status.status, errorCode: status.errors?.[0]?.code });
    }
    for (const message of listOf<MetaMessage>(value.messages)) {
      if (typeof message?.id !== 'string' || typeof message.type !== 'string') {
        batch.ignored++;
        continue;
      }
      // Only the contact entry of this very sender: another sender's name (or key) must never be lent to it.
      const contact = contacts.find((c) => (!!message.from && c?.wa_id === message.from) || (!!message.from_user_id && c?.user_id === message.from_user_id));
      const address: WhatsAppAddress = { phone: message.from ?? contact?.wa_id, bsuid: contact?.user_id ?? message.from_user_id };
      const personKey = address.bsuid ?? address.phone;
      if (!personKey || !ANSWERED.has(message.type)) {
        batch.ignored++;
        continue;
      }
      const { text, attachments } = content(message);
      const timestamp = new Date(Number(message.timestamp ?? Date.now() / 1000) * 1000);
      batch.messages.push({
        id: message.id,
        personKey,
        address,
        profileName: contact?.profile?.name,
        timestamp,
        // Cut here, before the inbox keeps it or a turn reads it.
        activity: cutActivityText({
          type: 'message',
          id: message.id,
          channelId: 'whatsapp',
          timestamp,
          text,
          attachments,
          from: { id: personKey, name: contact?.profile?.name ?? '', role: 'user' },
          recipient: { id: botId, name: 'VIT Wegwijzer' },
          conversation: { id: `whatsapp:${personKey}`, isGroup: false, conversationType: 'personal', name: '' },
          channelData: { whatsapp: { address, type: message.type } },
        }),
      });
    }
  }
  return batch;
}

/** The value when it is a list, else none: a webhook's arrays are not trusted to be arrays. */
function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** Text for what the bot can read (text, tapped buttons and list rows carry our own value as id); attachments for the rest. */
function content(message: MetaMessage): { text?: string; attachments?: Attachment[] } {
  switch (message.type) {
    case 'text':
      return { text: message.text?.body ?? '' };
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return { text: reply?.id ?? reply?.title ?? '' };
    }
    case 'button':
      return { text: message.button?.payload ?? message.button?.text ?? '' };
    case 'location':
      return { attachments: [{ contentType: 'application/vnd.whatsapp.location', content: message.location }] };
    case 'contacts':
      return { attachments: [{ contentType: 'application/vnd.whatsapp.contacts', content: { count: message.contacts?.length ?? 0 } }] };
    default: {
      const kind = MEDIA.find((m) => m === message.type);
      const media = kind ? message[kind] : undefined;
      const contentType = media?.mime_type ?? (kind === 'sticker' ? 'image/webp' : `application/vnd.whatsapp.${message.type}`);
      // Audio carries its media id: the bot may fetch it to listen (never kept), and a mentor to play it.
      const audio = kind === 'audio' && message.audio?.id ? { content: { mediaId: message.audio.id } } : {};
      return { attachments: [{ contentType, name: kind === 'audio' && message.audio?.voice ? 'voice note' : kind, ...audio }] };
    }
  }
}

/**
 * The message as the turn of `personKey`: the person's first key stays theirs when Meta starts
 * sending a BSUID for a number it sent before, so the conversation (and its state) goes on.
 */
export function withPersonKey(message: InboundMessage, personKey: string): InboundMessage {
  if (message.personKey === personKey) return message;
  const activity = message.activity;
  return {
    ...message,
    personKey,
    activity: {
      ...activity,
      from: { ...activity.from!, id: personKey },
      conversation: { ...activity.conversation!, id: `whatsapp:${personKey}` },
    },
  };
}
