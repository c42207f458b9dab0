import type { Request } from 'restify';
import type { Account } from '../accounts/accountStore';
import type { HandoffQueue } from '../handoff/handoffQueue';
import type { JourneyPerson } from '../people/journeyStore';
import type { TranscriptCatalog } from '../storage/transcriptCatalog';
import { HttpError } from './consoleAuth';

/** The console's ids of people and transcripts: the parts as JSON, base64url. */
export const encodeId = (parts: string[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

/** The parts of an id the console made; anything else is 404 (never a hint of what exists). */
export function decodeId(id: string, length: number): string[] {
  try {
    const parts = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === length && parts.every((p) => typeof p === 'string')) return parts;
  } catch {
    // falls through
  }
  throw new HttpError(404, 'not-found', 'no such item');
}

/** A route that names a person, and how to find them from the request. */
export interface PersonSubject {
  path: string;
  /** Who may use the route at all (the People page's key: staff); absent: as the caller decides. */
  roles?: readonly Account['role'][];
  person: (req: Request) => Promise<JourneyPerson>;
}

/**
 * The three ways the console names a person for `/<suffix>`: by the People page's key
 * (`/console/api/people/:key/<suffix>`, `peopleRoles`), a transcript's id or a handoff's id.
 */
export function personSubjects(deps: { catalog: TranscriptCatalog; queue: HandoffQueue }, suffix: string, peopleRoles?: readonly Account['role'][]): PersonSubject[] {
  return [
    {
      path: `/console/api/people/:key/${suffix}`,
      ...(peopleRoles ? { roles: peopleRoles } : {}),
      person: async (req) => {
        const [channelId, userId] = decodeId(req.params.key, 2);
        return { channelId, userId };
      },
    },
    {
      path: `/console/api/transcripts/:id/${suffix}`,
      person: async (req) => {
        const [channelId, conversationId] = decodeId(req.params.id, 2);
        const meta = await deps.catalog.get(channelId, conversationId);
        if (!meta) throw new HttpError(404, 'not-found', 'no such transcript (it may have expired or been erased)');
        return { channelId, userId: meta.userId };
      },
    },
    {
      path: `/console/api/handoffs/:id/${suffix}`,
      person: async (req) => {
        const handoff = await deps.queue.get(String(req.params.id).slice(0, 100));
        if (!handoff) throw new HttpError(404, 'not-found', 'no such conversation');
        return { channelId: handoff.person.channelId, userId: handoff.person.userId };
      },
    },
  ];
}
