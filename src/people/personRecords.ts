import type { Storage, TranscriptStore } from 'botbuilder';
import { MentorLine, transcriptActivities, transcriptRecord } from '../storage/transcriptMessages';
import type { PersonRecord } from '../domain/person';
import type { HandoffQueue } from '../handoff/handoffQueue';
import type { TranscriptCatalog } from '../storage/transcriptCatalog';
import type { PersonRef } from '../domain/personData';
import { PERSON_PROPERTY, userStateKey, conversationStateKey } from '../storage/botStateKeys';
import type { PeopleIndex } from './peopleIndex';
import { normalizeText } from '../domain/normalizeText';
import type { AppendOnlyFilePlan } from '../storage/appendOnlyFileRewrite';
import type { Journeys } from './journeys';
import type { HandoffNotes } from '../handoff/handoffNotes';
import type { SlotStore } from './slotStore';
import type { PartnerStore } from './partnerStore';

export interface PersonSummary {
  channelId: string;
  userId: string;
  /** The first name they gave, else the end of their id ("…5678"). */
  label: string;
  language: string | null;
  lastAt: string;
  consent: boolean | null;
  outcome: string | null;
  conversations: number;
  openHandoff: boolean;
}

/** What the WhatsApp channel keeps on a person beyond bot state (their address, messages held for them). */
export interface WhatsAppHoldings {
  person(personKey: string): Promise<object | undefined>;
  heldMessages(personKey: string): Promise<string[]>;
}

export interface PersonRecordsDeps {
  storage: Storage;
  people: PeopleIndex;
  catalog: TranscriptCatalog;
  transcripts: TranscriptStore;
  queue: HandoffQueue;
  /** Erases everything held on the person: the same erasure as their own "delete my data". */
  /** Erases everything about a person in one step; says whether the append-only file was rewritten. */
  eraser: { erase(person: PersonRef): Promise<AppendOnlyFilePlan | undefined> };
  whatsApp?: WhatsAppHoldings;
  /** Machine translations of the person's messages (and of replies to them) kept for the console. */
  translations?: { kept(person: { channelId: string; userId: string }): Promise<Array<{ text: string; from?: string }>> };
  /** The person's selection journey with every move: part of what is held on them. */
  journeys?: Journeys;
  /** The mentor talks the person booked (the slot, the mentor, the link, how it went). */
  talks?: Pick<SlotStore, 'bookingsOf'>;
  /** Mentors' private notes and follow-up days on the person's handoffs. */
  handoffNotes?: HandoffNotes;
  /** Their consent to share with a partner, their referral and the partner's steps. */
  partners?: Pick<PartnerStore, 'get'>;
  /** Their "stop reminders" and the reminders planned for them. */
  reminders?: { export(person: { channelId: string; userId: string }): Promise<unknown> };
  /** Their place in the talent pool: the consent to follow-up (when, language, text version, withdrawn), the levels at each check-in. */
  pool?: { export(person: { channelId: string; userId: string }): Promise<unknown> };
}

/**
 * What the bot holds on one person, for requests under the privacy law: find them, hand over
 * everything (JSON), erase everything — the same erasure as their own "delete my data".
 */
export class PersonRecords {
  constructor(private readonly deps: PersonRecordsDeps) {}

  async record(channelId: string, userId: string): Promise<PersonRecord | undefined> {
    const key = userStateKey(channelId, userId);
    const items = await this.deps.storage.read([key]);
    return items[key]?.[PERSON_PROPERTY] as PersonRecord | undefined;
  }

  /** The records of several people at once (one storage read), in the order asked; undefined where there is none. */
  async records(people: Array<{ channelId: string; userId: string }>): Promise<Array<PersonRecord | undefined>> {
    if (people.length === 0) return [];
    const keys = people.map((p) => userStateKey(p.channelId, p.userId));
    const items = await this.deps.storage.read(keys);
    return keys.map((key) => items[key]?.[PERSON_PROPERTY] as PersonRecord | undefined);
  }

  /** People whose id or first name contains the query (any case, accents folded); everyone when empty. */
  async find(query: string, limit = 50): Promise<PersonSummary[]> {
    const wanted = normalizeText(query);
    const entries = await this.deps.people.list(2000);
    const keys = entries.map((e) => userStateKey(e.channelId, e.userId));
    const states = keys.length > 0 ? await this.deps.storage.read(keys) : {};
    const found: PersonSummary[] = [];
    for (const [i, entry] of entries.entries()) {
      const record = states[keys[i]]?.[PERSON_PROPERTY] as PersonRecord | undefined;
      const firstName = typeof record?.intake?.answers.firstName === 'string' ? record.intake.answers.firstName : undefined;
      const haystack = normalizeText(`${entry.userId} ${entry.userId.replace(/\D/g, '')} ${firstName ?? ''}`);
      if (wanted && !haystack.includes(wanted) && !haystack.includes(wanted.replace(/\s/g, ''))) continue;
      const open = await this.deps.queue.openFor(entry.channelId, entry.userId);
      found.push({
        channelId: entry.channelId,
        userId: entry.userId,
        label: firstName ?? `…${entry.userId.slice(-4)}`,
        language: record?.language ?? null,
        lastAt: entry.lastAt,
        consent: record?.consent ? record.consent.given : null,
        outcome: record?.assessment?.outcome ?? null,
        conversations: record?.conversations?.length ?? 0,
        openHandoff: !!open,
      });
      if (found.length >= limit) break;
    }
    return found;
  }

  /**
   * Everything held on the person, as one JSON document (a subject-access request): their record, each
   * conversation's state, catalog entry and every logged activity as it was kept (with who said it),
   * their handoffs, their selection journey, their entry in the index of people, and on WhatsApp their address and held messages.
   */
  async export(channelId: string, userId: string) {
    const record = await this.record(channelId, userId);
    const conversationIds = await this.conversationIds(channelId, userId, record);
    const conversationStates = conversationIds.length > 0 ? await this.deps.storage.read(conversationIds.map((id) => conversationStateKey(channelId, id))) : {};
    const handoffs = await this.deps.queue.allFor(channelId, userId);
    return {
      exportedAt: new Date().toISOString(),
      person: { channelId, userId },
      record: record ?? null,
      peopleIndex: (await this.deps.people.get(channelId, userId)) ?? null,
      conversations: await Promise.all(
        conversationIds.map(async (id) => {
          const mentorLines: MentorLine[] = handoffs
            .filter((h) => h.conversation.conversation.id === id)
            .flatMap((h) => h.messages.filter((m) => m.from === 'mentor'));
          return {
            conversationId: id,
            catalog: (await this.deps.catalog.get(channelId, id)) ?? null,
            state: conversationStates[conversationStateKey(channelId, id)] ?? null,
            transcript: transcriptRecord(await transcriptActivities(this.deps.transcripts, channelId, id), mentorLines),
          };
        }),
      ),
      handoffs,
      journey: (await this.deps.journeys?.of({ channelId, userId })) ?? null,
      mentorTalks: (await this.deps.talks?.bookingsOf({ channelId, userId })) ?? [],
      handoffNotes: this.deps.handoffNotes ? await this.deps.handoffNotes.forPerson({ channelId, userId }) : [],
      whatsapp: channelId === 'whatsapp' && this.deps.whatsApp ? await this.whatsAppPart(this.deps.whatsApp, userId) : null,
      translations: (await this.deps.translations?.kept({ channelId, userId })) ?? [],
      reminders: (await this.deps.reminders?.export({ channelId, userId })) ?? null,
      partner: (await this.deps.partners?.get({ channelId, userId })) ?? null,
      talentPool: (await this.deps.pool?.export({ channelId, userId })) ?? null,
    };
  }

  private async whatsAppPart(store: WhatsAppHoldings, personKey: string) {
    return { person: (await store.person(personKey)) ?? null, held: await store.heldMessages(personKey) };
  }

  /** Erases everything held on the person; says what it covered (state keys that existed, kept transcripts, handoffs). */
  async erase(channelId: string, userId: string): Promise<{ stateKeys: number; transcripts: number; handoffs: number } & Partial<AppendOnlyFilePlan>> {
    const record = await this.record(channelId, userId);
    const catalogued = await this.catalogued(channelId, userId);
    const ref: PersonRef = { channelId, userId, conversationIds: [...new Set([...(record?.conversations ?? []), ...catalogued])] };
    const handoffs = (await this.deps.queue.allFor(channelId, userId)).length;
    const stateKeys = Object.keys(await this.deps.storage.read([userStateKey(channelId, userId), ...ref.conversationIds.map((id) => conversationStateKey(channelId, id))])).length;
    const appendOnlyFile = await this.deps.eraser.erase(ref);
    return { stateKeys, transcripts: catalogued.length, handoffs, ...(appendOnlyFile ?? {}) };
  }

  /** The person's conversations: those in their record and those with a kept transcript. */
  private async conversationIds(channelId: string, userId: string, record: PersonRecord | undefined): Promise<string[]> {
    return [...new Set([...(record?.conversations ?? []), ...(await this.catalogued(channelId, userId))])];
  }

  private async catalogued(channelId: string, userId: string): Promise<string[]> {
    const all = await this.deps.catalog.between(new Date(0), new Date(8.64e15));
    return all.filter((m) => m.channelId === channelId && m.userId === userId).map((m) => m.conversationId);
  }
}
