import { parseArgs } from 'node:util';
import type { App } from '../app';
import { timelineMessages, transcriptActivities } from '../storage/transcriptMessages';
import type { Pseudonymizer } from '../logger';
import type { AppendOnlyFilePlan } from '../storage/appendOnlyFileRewrite';

export interface RecordsIo {
  app: App;
  pseudonym: Pseudonymizer;
  write: (line: string) => void;
  writeError: (line: string) => void;
}

/** The day if it is a real calendar date written YYYY-MM-DD (2026-02-31 is refused, not read as 3 March). */
function calendarDay(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const at = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value ? at : undefined;
}

/**
 * `vit-bot transcripts export --since DATE [--until DATE]`: one JSON line per kept conversation with
 * activity in the range, the person as a pseudonym (never their id). Recorded in the audit log.
 */
export async function runTranscriptsExport(args: string[], io: RecordsIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { since: { type: 'string' }, until: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals[0] !== 'export') {
    io.writeError('usage: vit-bot transcripts export --since YYYY-MM-DD [--until YYYY-MM-DD]');
    return 2;
  }
  if (!values.since) {
    io.writeError('transcripts export: --since is needed, a date like 2026-11-01');
    return 2;
  }
  for (const [name, value] of [['--since', values.since], ['--until', values.until]] as const) {
    if (value !== undefined && !calendarDay(value)) {
      io.writeError(`transcripts export: ${name} ${JSON.stringify(value)} is not a date; write it like 2026-11-01`);
      return 2;
    }
  }
  if (values.until !== undefined && values.until < values.since) {
    io.writeError(`transcripts export: --until ${values.until} is before --since ${values.since}`);
    return 2;
  }
  const from = new Date(`${values.since}T00:00:00.000Z`);
  const to = values.until ? new Date(`${values.until}T23:59:59.999Z`) : new Date();
  const { catalog, store: transcripts } = io.app.transcripts;
  let count = 0;
  for (const meta of await catalog.between(from, to)) {
    const activities = await transcriptActivities(transcripts, meta.channelId, meta.conversationId);
    const mentorLines = (await io.app.handoffs.service.queue.allFor(meta.channelId, meta.userId))
      .filter((h) => h.conversation.conversation.id === meta.conversationId)
      .flatMap((h) => h.messages.filter((m) => m.from === 'mentor'));
    io.write(
      JSON.stringify({
        channelId: meta.channelId,
        conversation: io.pseudonym(`${meta.channelId}/${meta.conversationId}`),
        person: io.pseudonym(`${meta.channelId}/${meta.userId}`),
        language: meta.language ?? null,
        firstAt: meta.firstAt,
        lastAt: meta.lastAt,
        messages: timelineMessages(activities, mentorLines),
      }),
    );
    count++;
  }
  await io.app.records.audit.record({ at: new Date().toISOString(), actor: 'cli', role: 'admin', action: 'export-transcripts', target: `${values.since}..${values.until ?? 'now'} (${count})` });
  io.writeError(`exported ${count} conversation(s)`);
  return 0;
}

/** `vit-bot erase CHANNEL:USER_ID`: the same erasure as the person's own "delete my data". */
export async function runErase(args: string[], io: RecordsIo): Promise<number> {
  const person = args[0];
  const at = person?.indexOf(':') ?? -1;
  if (!person || at <= 0 || at === person.length - 1 || args.length !== 1) {
    io.writeError('usage: vit-bot erase CHANNEL:USER_ID   (e.g. whatsapp:NL.31612345678 or emulator:2c1c7fa3-…)');
    return 2;
  }
  const channelId = person.slice(0, at);
  const userId = person.slice(at + 1);
  const known = (await io.app.personRecords.record(channelId, userId)) || (await io.app.handoffs.service.queue.latestFor(channelId, userId));
  const erased = await io.app.personRecords.erase(channelId, userId);
  await io.app.records.audit.record({ at: new Date().toISOString(), actor: 'cli', role: 'admin', action: 'erase-person', target: io.pseudonym(`${channelId}/${userId}`) ?? '-' });
  io.write(
    known
      ? `erased ${person}: ${erased.stateKeys} state key(s), ${erased.transcripts} transcript(s), ${erased.handoffs} handoff(s)${appendOnlyFileNote(erased)}`
      : `nothing was held on ${person}; checked and erased anyway${appendOnlyFileNote(erased)}`,
  );
  return 0;
}

/** What happens to Redis's append-only file, which still holds the erased data until it is rewritten. */
function appendOnlyFileNote(erased: Partial<AppendOnlyFilePlan>): string {
  switch (erased.appendOnlyFile) {
    case 'rewriting':
      return '; Redis is rewriting its append-only file now';
    case 'rewrite-scheduled':
      return `; Redis rewrites its append-only file at ${erased.at}`;
    case 'rewrite-not-allowed':
    case 'rewrite-failed':
      return '; rewrite the Redis append-only file yourself (BGREWRITEAOF, see the README)';
    default:
      return '';
  }
}
